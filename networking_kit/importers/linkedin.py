"""LinkedIn's ``Connections.csv``, from Settings › Data privacy › Get a copy of your data.

Current exports open with a few "Notes:" lines and a blank line before the header;
older ones start at the header, some without the URL column, and one sample seen in the
wild moves URL to the end. Columns are therefore found by name, never by position.
E-mail is empty for everyone who hides it, and LinkedIn leaves the name empty for
members who have closed or hidden their account: those rows are reported, not imported.
"""

from __future__ import annotations

import pandas as pd

from networking_kit.contacts import normalise_key
from networking_kit.vocab import Source

SOURCE = Source.LINKEDIN
LABEL = "LinkedIn connections (Connections.csv)"

COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}
_TELLING = {"connected on", "position", "url", "email address"}


def matches(header: list[str]) -> bool:
    """True for a LinkedIn connections header (first and last name, and a LinkedIn column)."""
    cells = {normalise_key(cell) for cell in header}
    return {"first name", "last name"} <= cells and len(cells & _TELLING) >= 2


def to_raw(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    """Rename LinkedIn's columns to canonical names; unknown columns are ignored."""
    raw = {}
    for label, cell in zip(frame.columns, header, strict=False):
        canonical = COLUMNS.get(normalise_key(cell))
        if canonical and canonical not in raw:
            raw[canonical] = frame[label]
    return pd.DataFrame(raw, index=frame.index)


NO_NAME = ("this row has no name. LinkedIn leaves the name empty for members who have "
           "closed or hidden their account; there is nothing to import for them.")
