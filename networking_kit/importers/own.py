"""The toolkit's own CSV export of contacts (``export.tables.contacts_csv``), read back.

Its header is the workbook's own column names (``name, first_name, …, tags``), so every
column, the participant's sorting and notes included, comes back as it was. Cells that
the export guarded with an apostrophe against spreadsheet formulas (``'+44…``,
``'=x``) have the guard taken off again (:func:`unguard`, also used for other tables).
"""

from __future__ import annotations

import pandas as pd

from networking_kit.contact_fields import COLUMN_NAMES

# The columns that tell our export from any other table (no other tool writes these).
_TELLING = {"name", "first_name", "last_name", "strength", "can_help_with", "i_can_offer"}
# What ``export.tables.inert`` puts an apostrophe before.
_GUARDED = r"^'[=+\-@\t\r]"


def matches(header: list[str]) -> bool:
    return {cell.strip() for cell in header} >= _TELLING


def used(header: list[str]) -> list[str]:
    """The header cells :func:`to_raw` reads."""
    return [cell for cell in header if cell.strip() in COLUMN_NAMES]


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
