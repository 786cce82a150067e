"""Rows of the first sheet of an .xlsx file, as text, with their spreadsheet row numbers.

Only the cells the sheet holds are read. openpyxl's row reader pads every row out to the
sheet's declared size, so a 5 KB file with one stray value at XFD1048576 (the last cell
of a sheet) would make a million rows of 16,384 cells; here the sheet's XML is walked
cell by cell and a column that is empty in every row takes no room at all. The work is
in proportion to the cells written in the file, and a sheet whose cells would spread
over more than :data:`MAX_CELLS` positions is refused with a sentence.

The form checks a file (``inspect_file``) and then imports it: the rows read for the
check are kept, for that one file only, so a big sheet is parsed once, not twice.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from datetime import date, datetime, time
from typing import Any

from networking_kit.contacts import ContactImportError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (Excel 97–2003) container

# Rows × used columns once spread into a table: 30,000 contacts of 60 columns are 1.8
# million; anything past this is not a contacts list (and would take minutes to read).
MAX_CELLS = 20_000_000
# The unpacked XML of the whole package. A .zip can pack a great deal of repetitive XML
# into a few KB; a 30,000-contact sheet unpacks to about 15 MB.
MAX_UNPACKED = 400 * 1024 * 1024

Rows = tuple[list[list[str]], list[int]]
_kept: tuple[bytes, Rows] | None = None  # (digest of the file, its rows): see keep_rows


def read_rows(data: bytes, name: str, *, keep: bool = False) -> Rows:
    """Every non-empty row of the first sheet that is a table (a row of two cells or more;
    else the first sheet) and its row number; cells become text.

    Columns empty in every row are left out (so a row's cells are the sheet's used
    columns, in order). ``keep=True`` (the form's check) keeps the result for the next
    call with the same bytes, which takes it. openpyxl raises many kinds of errors for
    damaged files; all of them mean the same to a participant, so they all become one
    ContactImportError sentence.
    """
    global _kept
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if _kept is not None and _kept[0] == digest:
        rows = _kept[1]
        _kept = (digest, rows) if keep else None
        return rows
    rows = _read(data, name)
    _kept = (digest, rows) if keep else None
    return rows


def _read(data: bytes, name: str) -> Rows:
    from openpyxl import load_workbook  # imported here: only Excel users pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED:
                raise _too_big(name)
        with warnings.catch_warnings():  # openpyxl warns of parts it skips; nobody reads it
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = [s for s in book.worksheets if hasattr(s, "_get_source")]  # not charts
            if not sheets:
                raise ValueError("the workbook has only charts")
            first = _cells(book, sheets[0])
            # The first sheet that is a table (a row of two cells or more): a note on a
            # "Read me" sheet before the contacts' was read as the table (found by a
            # tester: "none of the columns looks like a name").
            for sheet in sheets[1:] if not _is_table(first) else ():
                cells = _cells(book, sheet)
                if _is_table(cells):
                    return _spread(cells, name)
            return _spread(first, name)
        finally:
            book.close()
    except ContactImportError:
        raise
    except Exception as error:  # zip, zlib, XML and openpyxl's own errors alike
        raise _damaged(name, error) from None


def _is_table(cells: list[tuple[int, dict[int, str]]]) -> bool:
    """Whether a sheet's cells hold a row of two cells or more."""
    return any(sum(1 for text in row.values() if text.strip()) >= 2 for _, row in cells)


def _cells(book: Any, sheet: Any) -> list[tuple[int, dict[int, str]]]:
    """The rows the sheet's XML holds: (row number, {column number: text}), non-empty."""
    from openpyxl.worksheet._reader import WorkSheetParser

    found: list[tuple[int, dict[int, str]]] = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True,
                                 epoch=book.epoch, date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            texts = {}
            for cell in cells:
                text = _text(cell["value"])
                if text.strip():
                    texts[int(cell["column"])] = text
            if texts:
                found.append((int(number), texts))
    return found


def _spread(found: list[tuple[int, dict[int, str]]], name: str) -> Rows:
    """Rows of text over the used columns only, and their row numbers."""
    used = sorted({column for _, texts in found for column in texts})
    if len(used) * len(found) > MAX_CELLS:
        raise ContactImportError(
            f"this sheet has values spread over {len(found):,} rows and {len(used):,} "
            "columns, far more than a list of contacts. Copy just the contacts to a new "
            "sheet, save it, and choose the new file.", file=name, line=None)
    place = {column: position for position, column in enumerate(used)}
    rows, numbers = [], []
    for number, texts in found:
        row = [""] * len(used)
        for column, text in texts.items():
            row[place[column]] = text
        rows.append(row)
        numbers.append(number)
    return rows, numbers


def _too_big(name: str) -> ContactImportError:
    return ContactImportError(
        "this Excel file unpacks to far more than any contacts list. Check that you chose "
        "the right file, or save the contacts as CSV and choose that.", file=name, line=None)


def _damaged(name: str, error: BaseException) -> ContactImportError:
    return ContactImportError(
        "this Excel file could not be opened; it may be damaged or not really an Excel "
        f"file ({type(error).__name__}). Open it in Excel and save it again as .xlsx or "
        "as CSV, then choose the new file.", file=name, line=None)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
