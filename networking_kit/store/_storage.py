"""Where the workbook file lives, and what the storage under it can do, said truthfully.

Opening: the file and every folder made for it are owner-only (0600 / 0700), and an
existing file and its ``-wal`` / ``-shm`` companions are tightened to 0600 whatever they
were before. A file on storage that cannot be written (a locked USB stick, a read-only
share) opens read-only: everything can be read and exported, and every save says why it
cannot happen (:class:`WorkbookReadOnly`). Opening takes no write lock unless the schema
must be brought up to date, so a window that only looks never blocks one that saves.

Saving: SQLite's errors are turned into one true sentence each: another window holding
the file (:class:`WorkbookBusy`, after waiting ``BUSY_TIMEOUT_S``), a full disk
(:class:`WorkbookFull`), read-only storage, and a file moved or deleted while a page had it
open (:class:`WorkbookMoved`, checked before every write, since SQLite would otherwise
keep writing to a file nobody can find again). Each is also a
``sqlite3.OperationalError``, so code that already handles a failed save handles these.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from networking_kit.files import PRIVATE_FILE, private_folder
from networking_kit.store._schema import SCHEMA_VERSION, WorkbookError, migrate, read_version

# How long a save waits for another window's save (a 300,000-row import holds the file
# for about 5 s) before saying the file is busy.
BUSY_TIMEOUT_S = 10.0
_COMPANIONS = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside the workbook


class WorkbookBusy(WorkbookError, sqlite3.OperationalError):
    """Another window (or the command line) is saving to the file; try again shortly."""


class WorkbookFull(WorkbookError, sqlite3.OperationalError):
    """The disk holding the file is full; nothing already saved was lost."""


class WorkbookReadOnly(WorkbookError, sqlite3.OperationalError):
    """The file is open read-only; it can be read and exported, not changed."""


class WorkbookMoved(WorkbookError, sqlite3.OperationalError):
    """The file was moved or deleted while it was open; nothing more is saved to it."""


def busy(path: Path) -> WorkbookBusy:
    return WorkbookBusy(f"Another window is saving to your workbook ({path.name}), so this "
                        "change was not saved. Try again in a moment.")


def full(path: Path) -> WorkbookFull:
    return WorkbookFull(f"The disk that holds your workbook ({path}) is full, so this change "
                        "was not saved. Nothing already saved was lost: free some space and "
                        "try again.")


def read_only(path: Path, reason: str) -> WorkbookReadOnly:
    return WorkbookReadOnly(
        f"Your workbook ({path}) {reason}, so changes cannot be saved. Everything in it can "
        "still be seen and exported; to keep working, copy the file to a folder of your own "
        "and open the copy (networking-kit --db COPY).")


def moved(path: Path, rescued: Path | None) -> WorkbookMoved:
    where = (f"Everything this window had saved is now in a new file, {rescued}: to keep "
             f"working, move it back to {path}, or open it with networking-kit --db."
             if rescued else "Put the file back, or start again from one of its backups.")
    return WorkbookMoved(f"Your workbook file {path} was moved or deleted while this page was "
                         f"open, so this change was not saved. {where}")


READ_ONLY_STORAGE = "is on storage that cannot be written to"
READ_ONLY_ASKED = "was opened read-only"


def storage_error(error: BaseException, path: Path, reason: str | None = None,
                  ) -> WorkbookError | None:
    """The true sentence for a storage failure (a sqlite3 error or an OSError), or None
    when ``error`` is not about the storage (a bad value, a broken reference)."""
    if isinstance(error, WorkbookError):
        return error
    if isinstance(error, sqlite3.Error):
        code = int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(error).lower()
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
            return busy(path)
        if code == sqlite3.SQLITE_FULL or "disk is full" in text:
            return full(path)
        if code == sqlite3.SQLITE_READONLY or "readonly" in text:
            return read_only(path, reason or READ_ONLY_STORAGE)
        if code == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
            return WorkbookError(
                f"The disk that holds your workbook ({path}) reported a problem, so this "
                "change was not saved. Nothing already saved was lost: check that the disk "
                "or USB stick is still connected and try again.")
        return None
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return full(path)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(path, reason or READ_ONLY_STORAGE)
    return None


# -------------------------------------------------------------------------- opening


def writable(target: Path) -> bool:
    """Whether the file (or, for a new one, its nearest existing folder) can be written.

    SQLite writes its ``-wal`` and ``-shm`` files beside the workbook, so the folder must
    be writable too. ``os.access`` says no on a read-only file system, even to root.
    """
    if target.exists():
        return os.access(target, os.W_OK) and os.access(target.parent, os.W_OK | os.X_OK)
    for folder in target.parents:
        if folder.exists():
            return os.access(folder, os.W_OK | os.X_OK)
    return False


def create_private(target: Path) -> None:
    """Create the missing folders (0700) and the empty file (0600) before SQLite does, and
    tighten an existing file and its companions to 0600 (they may have been 0644)."""
    private_folder(target.parent)
    try:
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    else:
        _set_aside_orphans(target)
    tighten(target)


def _set_aside_orphans(target: Path) -> None:
    """A new workbook must not pick up the ``-wal`` / ``-shm`` files an earlier one left when
    it was moved away while open: SQLite would apply the old file's changes to the new one.
    They are renamed (kept, never deleted), and a window still holding them keeps working."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for end in _COMPANIONS:
        companion = target.with_name(target.name + end)
        if companion.exists():
            companion.rename(companion.with_name(f"{companion.name}.orphaned-{stamp}"))


def tighten(target: Path) -> None:
    """Make the workbook and its ``-wal`` / ``-shm`` files 0600 when they are not (SQLite
    gives new companions the workbook's mode, but keeps the mode of existing ones)."""
    for path in (target, *(target.with_name(target.name + end) for end in _COMPANIONS)):
        with contextlib.suppress(OSError):  # missing, or someone else's file
            if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
                os.chmod(path, PRIVATE_FILE)


def connect_read_only(target: Path) -> sqlite3.Connection:
    """A connection that never writes. ``mode=ro`` first; on storage where SQLite cannot
    even make the ``-shm`` file a WAL workbook needs, ``immutable=1`` (nothing can change
    the file there either). Raises sqlite3.Error when neither opens it."""
    address = "file:" + quote(str(target.resolve()))
    try:
        db = sqlite3.connect(address + "?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        db = sqlite3.connect(address + "?immutable=1", uri=True, isolation_level=None,
                             check_same_thread=False)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    db.execute("PRAGMA query_only = ON")
    return db


def connect_writable(target: Path) -> sqlite3.Connection:
    db = sqlite3.connect(target, isolation_level=None, check_same_thread=False,
                         timeout=BUSY_TIMEOUT_S)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def connect(target: Path, read_only: bool | None) -> tuple[sqlite3.Connection, str | None]:
    """Open ``target`` for ``store.open_workbook``: the connection, and why it is read-only
    (None when it can be saved to). See ``open_workbook`` for ``read_only``. Raises
    WorkbookError in a sentence."""
    existed = target.exists()
    reason = READ_ONLY_ASKED if read_only else None
    if read_only is None and not writable(target):
        if not existed:
            raise WorkbookError(f"{target} cannot be created there: the folder cannot be "
                                "written to. Choose another place with --db.")
        reason = READ_ONLY_STORAGE
    try:
        if reason is None:
            try:
                return _open_writable(target), None
            except WorkbookReadOnly:
                if not existed:
                    raise
                reason = READ_ONLY_STORAGE  # the storage refused what the folder allowed
        return _open_read_only(target, reason), reason
    except sqlite3.DatabaseError as error:
        raise WorkbookError(
            f"{target} is not a workbook file this toolkit can open ({error}). "
            "Choose another file with --db, or move this one aside and start again."
        ) from error


def _open_writable(target: Path) -> sqlite3.Connection:
    """Create (owner-only), connect, tighten the companions SQLite made, migrate. Storage
    failures raise their WorkbookError sentence."""
    try:
        create_private(target)
        db = connect_writable(target)
        tighten(target)
        migrate(db)
    except (sqlite3.Error, OSError) as error:
        found = storage_error(error, target)
        if found is not None:
            raise found from error
        if isinstance(error, OSError):
            raise WorkbookError(f"{target} cannot be opened ({error.strerror or error}). "
                                "Choose another file with --db.") from error
        raise
    return db


def _open_read_only(target: Path, reason: str) -> sqlite3.Connection:
    """A read-only connection; refused when the file's schema is not this toolkit's (it
    could not be brought up to date without writing)."""
    db = connect_read_only(target)
    if read_version(db) != SCHEMA_VERSION:
        db.close()
        raise WorkbookReadOnly(
            f"{target} {reason} and was made by another version of the toolkit, which must "
            "update it before it can be opened. Copy it to a folder of your own and open "
            "the copy (networking-kit --db COPY).")
    return db


def rescue(path: Path, save_copy: Callable[[Path], Path]) -> Path | None:
    """Save what an open workbook holds to ``<name>-rescued-<UTC time>.sqlite`` beside
    where it was (the folder made again if it went too), once its file was moved or
    deleted; None when even that cannot be written."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        return save_copy(path.with_name(f"{path.stem}-rescued-{stamp}.sqlite"))
    except (sqlite3.Error, OSError):
        return None


def identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device, inode), or None when nothing is there."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino
