"""The toolkit's own exports of contacts, read back: the CSV (``export.tables.contacts_csv``)
and the contacts of the JSON backup (``export.workbook_json``).

The CSV's header is the workbook's own column names (``name, first_name, …, tags``), so
every column, the participant's sorting and notes included, comes back as it was. Cells
that the export guarded with an apostrophe against spreadsheet formulas (``'+44…``,
``'=x``) have the guard taken off again (:func:`unguard`, also used for other tables).
The JSON backup holds each contact as ``{column: text | None}`` (:func:`json_table`);
restoring the whole workbook from it is ``export.workbook_json.restore_workbook``'s.
"""

from __future__ import annotations

import json

import pandas as pd

from networking_kit.contact_fields import COLUMN_NAMES, ContactImportError
from networking_kit.importers._table import Table

# The "format" the JSON backup names itself by (``export.workbook_json`` writes it).
WORKBOOK_JSON = "networking-kit-workbook"
_FIELDS = [c for c in COLUMN_NAMES if c != "contact_id"]

# The columns that tell our export from any other table (no other tool writes these).
_TELLING = {"name", "first_name", "last_name", "strength", "can_help_with", "i_can_offer"}
# What ``export.tables.inert`` puts an apostrophe before.
_GUARDED = r"^'[=+\-@\t\r]"


def matches(header: list[str]) -> bool:
    return {cell.strip() for cell in header} >= _TELLING


def used(header: list[str]) -> list[int]:
    """The positions of the header cells :func:`to_raw` reads."""
    return [position for position, cell in enumerate(header) if cell.strip() in COLUMN_NAMES]


def to_raw(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    """Every workbook column the file has, under its own name, guards taken off."""
    raw = {cell.strip(): frame[label] for cell, label in zip(header, frame.columns, strict=False)
           if cell.strip() in COLUMN_NAMES and cell.strip() != "contact_id"}
    return unguard(pd.DataFrame(raw, index=frame.index))


def unguard(raw: pd.DataFrame) -> pd.DataFrame:
    """Take off the apostrophe a CSV export put before ``= + - @`` (tab, return)."""
    out = {}
    for column in raw.columns:
        values = raw[column]
        if values.dtype == object:
            text = values.fillna("").astype(str)
            guarded = text.str.match(_GUARDED)
            if guarded.any():
                values = values.where(~guarded, text.str.slice(1))
        out[column] = values
    return pd.DataFrame(out, index=raw.index)


def is_workbook_json(text: str) -> bool:
    """True when ``text`` starts like the JSON backup (checked from its first 4 KB)."""
    start = text[:4096].lstrip()
    return start[:1] == "{" and WORKBOOK_JSON in start


def json_table(text: str, name: str) -> Table:
    """The backup's contacts as a Table under the workbook's column names (text cells, ""
    when empty; no ``contact_id``: the importer keys people itself). Raises
    ContactImportError when the file is cut short, changed by hand or holds no list of
    contacts."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ContactImportError(
            "this workbook backup cannot be read (it may be cut short or changed by hand). "
            "Export the workbook again and use the new file.", file=name,
            line=getattr(error, "lineno", None)) from error
    contacts = document.get("contacts") if isinstance(document, dict) else None
    if (not isinstance(document, dict) or document.get("format") != WORKBOOK_JSON
            or not isinstance(contacts, list)
            or not all(isinstance(row, dict) for row in contacts)):
        raise ContactImportError(
            "this JSON file is not a networking_kit workbook backup with contacts in it. "
            "Choose the backup the toolkit made, or a CSV export.", file=name, line=1)
    rows = [["" if row.get(c) is None else str(row.get(c)) for c in _FIELDS]
            for row in contacts]
    frame = pd.DataFrame(rows, columns=_FIELDS, dtype=object)
    return Table(list(_FIELDS), frame, name, 1, _explicit_lines=[])
