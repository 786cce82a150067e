"""The first stage of an import: the bytes of the file the participant chose.

A path, raw bytes or an open file becomes one :class:`RawFile`. Only regular files are
read (a device such as ``/dev/zero`` or a named pipe would never end), and never more
than :data:`MAX_BYTES`. LinkedIn hands its export over as a .zip (the Basic or the
Complete archive): ``Connections.csv`` is taken from inside it, and any other archive is
refused with a sentence saying what to choose. An .xlsx file is a .zip too; it is passed
on whole, for the Excel reader.

Raises ContactImportError, one plain sentence naming the file, for every failure.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from networking_kit.contacts import ContactImportError

Source = str | os.PathLike[str] | bytes | IO[bytes] | IO[str]

# Bigger than any contacts export (30,000 LinkedIn rows are about 3 MB; a phone's address
# book with photos 20–100 MB); a guard so that choosing a film by mistake gives a
# sentence, not a frozen notebook.
MAX_BYTES = 200 * 1024 * 1024
# What the upload button can carry. The file travels to the kernel in one websocket
# message, and Jupyter's servers drop a message over 10 MB without a word to the browser:
# a phone's address book with photos is often bigger. ``networking-kit start``/``app``
# and deploy/ raise the servers' limit to this; larger files go through
# ``networking-kit import FILE``, which reads up to MAX_BYTES from disk.
UPLOAD_MAX_BYTES = 100 * 1024 * 1024

DOWNLOAD_AGAIN = "Download the export again and choose the new file."
ZIP_MAGIC = b"PK\x03\x04"
# The file LinkedIn's archive holds the connections in (Basic and Complete exports alike).
LINKEDIN_MEMBER = "connections.csv"


@dataclass(frozen=True)
class RawFile:
    """The bytes of one file and the name to use for it in messages."""

    data: bytes
    name: str


def open_file(source: Source, name: str | None = None) -> RawFile:
    """The bytes of ``source`` (a LinkedIn archive's ``Connections.csv`` for a .zip)."""
    raw = _read(source, name)
    if raw.data.startswith(ZIP_MAGIC):
        return _from_archive(raw)
    return raw


def _read(source: Source, name: str | None) -> RawFile:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > MAX_BYTES:
            raise _too_big(name or "the file")
        return RawFile(data, name or "the file")
    if isinstance(source, str | os.PathLike):
        return _read_path(Path(source), name)
    shown = name or Path(str(getattr(source, "name", "") or "")).name or "the file"
    try:
        content = source.read(MAX_BYTES + 1)
    except (OSError, ValueError, UnicodeError) as error:
        raise ContactImportError(
            f"this file could not be read ({error}). Choose the file again.", file=shown
        ) from None
    if isinstance(content, str):
        content = content.encode("utf-8", errors="surrogatepass")
    if not isinstance(content, bytes | bytearray):
        raise ContactImportError("this is not a file that can be read. Choose the file again.",
                                 file=shown)
    if len(content) > MAX_BYTES:
        raise _too_big(shown)
    return RawFile(bytes(content), shown)


def _read_path(path: Path, name: str | None) -> RawFile:
    shown = name or path.name or str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ContactImportError(
                "this is a folder, not a file. Open the folder and choose the export inside "
                "it.", file=shown)
        if not stat.S_ISREG(mode):  # a device or a named pipe: reading might never end
            raise ContactImportError(
                "this is not an ordinary file (it is a device or a pipe). Choose the export "
                "file you saved.", file=shown)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(shown)
        with path.open("rb") as handle:
            # Read what the file holds (asking for MAX_BYTES would allocate that much at
            # once), then whatever it gained since, up to the limit.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise ContactImportError(
            "this file could not be found. Check the name, or choose the file again.",
            file=shown) from None
    except OSError as error:
        raise ContactImportError(
            f"this file could not be opened ({error.strerror or 'no access'}). "
            "Copy it somewhere you can open, such as your Documents folder, and try again.",
            file=shown) from None
    if len(data) > MAX_BYTES:
        raise _too_big(shown)
    return RawFile(data, shown)


def _too_big(name: str) -> ContactImportError:
    return ContactImportError(
        "this file is far larger than any contacts export. Check that you chose the right file.",
        file=name, line=None)


def is_excel(names: list[str]) -> bool:
    """True for the member names of an .xlsx package (Office Open XML spreadsheet)."""
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _from_archive(raw: RawFile) -> RawFile:
    """An .xlsx as it is; a LinkedIn archive's ``Connections.csv``; else one sentence."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw.data)) as archive:
            members = archive.infolist()
            names = [member.filename for member in members]
            if is_excel(names):
                return raw
            chosen = [m for m in members
                      if PurePosixPath(m.filename).name.lower() == LINKEDIN_MEMBER]
            if not chosen:
                raise ContactImportError(
                    "this .zip archive holds no Connections.csv, so it is not LinkedIn's "
                    "export of your connections. Choose LinkedIn's archive as you downloaded "
                    "it, or the CSV, vCard (.vcf) or Excel file of your contacts itself.",
                    file=raw.name)
            if len(chosen) > 1:  # found by a tester: the first was imported, unsaid
                shown = ", ".join(m.filename for m in chosen[:3])
                more = f" and {len(chosen) - 3} more" if len(chosen) > 3 else ""
                raise ContactImportError(
                    f"this .zip archive holds {len(chosen)} files called Connections.csv "
                    f"({shown}{more}), so it is not clear which to import. Unzip it and "
                    "choose the Connections.csv you want, or LinkedIn's archive as you "
                    "downloaded it.", file=raw.name)
            member = chosen[0]
            if member.file_size > MAX_BYTES:
                raise _too_big(raw.name)
            with archive.open(member) as handle:
                data = handle.read(MAX_BYTES + 1)
    except ContactImportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            NotImplementedError, RuntimeError, ValueError, KeyError) as error:
        if raw.name.lower().endswith((".xlsx", ".xlsm")):
            return raw  # the Excel reader says what a damaged workbook needs
        raise ContactImportError(
            f"this .zip archive could not be opened; it may be damaged or cut off "
            f"({type(error).__name__}). {DOWNLOAD_AGAIN}", file=raw.name) from None
    if len(data) > MAX_BYTES:
        raise _too_big(raw.name)
    return RawFile(data, f"{member.filename} in {raw.name}")
