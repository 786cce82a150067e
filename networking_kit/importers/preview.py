"""The first rows of a contacts file under its column names, for the "which column is
which?" form, and the key under which a participant's choice is remembered.

:func:`preview_file` reads only the head of a table (CSV, text or Excel) and returns a
:class:`Preview`; :func:`header_key` turns a header row into the text a workbook keeps a
column mapping under, so the next file with the same columns starts from the same
choice (``importers.importing.remembered_mapping``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from networking_kit.contacts import ContactImportError
from networking_kit.importers import generic, vcard
from networking_kit.importers._excel import OLE_MAGIC, XLSX_MAGIC, read_rows
from networking_kit.importers._table import read_delimited
from networking_kit.importers._text import decode, normalise_newlines
from networking_kit.importers.detect import find_csv_header, find_header
from networking_kit.importers.opening import Source, open_file
from networking_kit.vocab import Source as Origin

PREVIEW_ROWS = 5
_HEAD_LINES = 60  # the header is looked for in the first lines only (as in detect.py)
_LINES_PER_ROW = 8  # lines read per preview row: room for notes that span a few lines


@dataclass(frozen=True)
class Preview:
    """``format`` as detected, the ``header`` cells as written and the first ``rows``
    under them (text, "" where empty, each as long as the header). A vCard has neither."""

    format: Origin
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def first_row_is_data(self) -> bool:
        """Whether the file's first row is shown as people, under "Column 1" …"""
        return bool(self.header) and self.header == generic.headerless(len(self.header))

    def first_row_as_data(self, data: bool, rows: int = PREVIEW_ROWS) -> Preview:
        """This preview with the file's first row read as people (``data``: a file with
        no header row, as the import reads a mapping to "Column 1" …, found by a tester
        who lost that first person), or as the column names; at most ``rows`` rows."""
        if data == self.first_row_is_data or (not data and not self.rows):
            return self
        if data:
            return Preview(self.format, generic.headerless(len(self.header)),
                           [self.header, *self.rows][:rows])
        return Preview(self.format, self.rows[0], self.rows[1:])


def preview_file(source: Source, name: str | None = None,
                 rows: int = PREVIEW_ROWS) -> Preview:
    """The detected format, the header and the first ``rows`` rows of ``source``.

    Raises ContactImportError (one sentence naming the file) for a file that cannot be
    opened or read as a table; reads only the head of a large file.
    """
    raw = open_file(source, name)
    if raw.data.startswith(OLE_MAGIC):
        return Preview(Origin.GENERIC, [])  # refused with its own sentence on import
    if raw.data.startswith(XLSX_MAGIC):
        cells, _ = read_rows(raw.data, raw.name)
        if not cells:
            return Preview(Origin.GENERIC, [])
        found = find_header(cells)
        body = cells[found.index + 1:found.index + 1 + rows]
        return Preview(found.format, found.cells, [_padded(r, len(found.cells)) for r in body])
    text, _ = decode(raw)
    if vcard.matches(text):
        return Preview(Origin.VCARD, [])
    text = normalise_newlines(text) if "\r" in text else text
    lines = text.split("\n", _HEAD_LINES + rows * _LINES_PER_ROW)
    found = find_csv_header(lines[:_HEAD_LINES])
    head = "\n".join(lines[found.index:found.index + 1 + rows * _LINES_PER_ROW])
    try:
        table = read_delimited(head, found.delimiter, raw.name, first_line=found.index + 1)
    except ContactImportError:
        return Preview(found.format, found.cells)
    frame = table.frame.head(rows).astype(object)
    shown = frame.where(pd.notna(frame), "").astype(str).to_numpy().tolist()
    preview = Preview(found.format, found.cells, [_padded(r, len(found.cells)) for r in shown])
    # No header row: the import reads it so too (``generic.is_headerless``)
    return preview.first_row_as_data(
        found.format == Origin.GENERIC and generic.is_headerless(found.cells), rows)


def header_key(header: list[str]) -> str:
    """The text a column mapping is remembered under: the header cells, trimmed, in order
    (so the same export from the same program finds the same choice)."""
    return json.dumps([cell.strip() for cell in header], ensure_ascii=False)


def _padded(row: list[str], width: int) -> list[str]:
    cells = ["" if cell is None else str(cell) for cell in row[:width]]
    return cells + [""] * (width - len(cells))
