"""Rows of the first sheet of an .xlsx file, as text, with their spreadsheet row numbers."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from networking_kit.contacts import ContactImportError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (Excel 97–2003) container


def read_rows(data: bytes, name: str) -> tuple[list[list[str]], list[int]]:
    """Every non-empty row of the first sheet and its row number; cells become text.

    openpyxl raises many kinds of errors for damaged files; all of them mean the same to
    a participant, so they all become one sentence.
    """
    from openpyxl import load_workbook  # imported here: only Excel users pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows, numbers = [], []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_text(value) for value in values]
                if any(cell.strip() for cell in cells):
                    rows.append(cells)
                    numbers.append(number)
        finally:
            book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError,
            AttributeError, EOFError) as error:
        raise ContactImportError(
            "this Excel file could not be opened; it may be damaged or not really an Excel "
            f"file ({type(error).__name__}). Open it in Excel and save it again as .xlsx or "
            "as CSV, then choose the new file.", file=name, line=None) from None
    return rows, numbers


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
