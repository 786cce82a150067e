"""Files and folders the toolkit writes: whole or not at all, and private to their owner.

Every file the toolkit writes (exports, the cohort report, backups) goes through
:func:`atomic_write` (or :func:`atomic_path`, for writers that need a path): the bytes
go to a hidden temporary file in the same folder, are flushed to the disk, and only then
take the file's name, so a full disk, a killed process or a pulled USB stick leaves
either the old file or the new one, never half of one (and never a 0-byte report).
Every folder the toolkit creates is made by :func:`private_folder`, readable by its
owner only (0700), because the files in it hold other people's personal data.

Nothing here knows about workbooks, widgets or formats.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PRIVATE_FILE = 0o600  # read and write for the owner, nothing for anyone else
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and every missing folder above it, each 0700; return it.

    Folders that already exist are left as they are (they may be the participant's home
    or a shared drive). ``Path.mkdir(parents=True, mode=…)`` gives only the last folder
    the mode, hence the walk. Raises OSError when a folder cannot be made.
    """
    folder = Path(folder)
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            candidate.mkdir(mode=PRIVATE_FOLDER)
            os.chmod(candidate, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask
    return folder


@contextlib.contextmanager
def atomic_path(path: Path, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """Yield the path of an empty temporary file beside ``path``, for writers that need a
    path rather than a file handle (SQLite's backup API). On a clean exit it is given
    ``mode`` and renamed to ``path`` (replacing an older file in one step); on any error
    it is removed and ``path`` is untouched. The folder is created (0700) when missing.
    The writer is responsible for flushing what it wrote. Raises OSError."""
    path = Path(path)
    private_folder(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = PRIVATE_FILE) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path`` for writing bytes; on a clean exit it is
    flushed to the disk, given ``mode`` and renamed to ``path`` (replacing an older file
    in one step). On any error the temporary file is removed and ``path`` is untouched.
    The folder is created (0700) when missing. Raises OSError (ENOSPC for a full disk)."""
    with atomic_path(path, mode) as temporary, open(temporary, "wb") as out:
        yield out
        out.flush()
        os.fsync(out.fileno())


def atomic_write(path: Path, data: bytes | str, mode: int = PRIVATE_FILE) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` whole or not at all, owner-only
    by default (``mode``); return ``path``. See :func:`atomic_writer`. Raises OSError."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, mode) as out:
        out.write(content)
    return Path(path)
