"""Outlook's CSV export (File › Open & Export › Import/Export › Comma Separated Values).

Desktop Outlook quotes every field and writes CRLF, often in cp1252 or UTF-16; Outlook
on the web writes UTF-8. Both use the English column names below. ``Title`` in Outlook is
the courtesy title (Mr., Dr.), not the job: the job is ``Job Title``.
"""

from __future__ import annotations

import pandas as pd

from networking_kit.contacts import normalise_key
from networking_kit.importers._table import first_non_blank
from networking_kit.vocab import Source

SOURCE = Source.OUTLOOK
LABEL = "Outlook contacts (CSV)"

_SINGLE = {
    "first name": "first_name",
    "last name": "last_name",
    "company": "company",
    "job title": "position",
    "web page": "url",
    "notes": "notes",
}
_EMAILS = ("e mail address", "e mail 2 address", "e mail 3 address")
_PHONES = ("mobile phone", "primary phone", "business phone", "home phone", "business phone 2",
           "home phone 2", "other phone", "company main phone")


def matches(header: list[str]) -> bool:
    """True for Outlook's header: ``E-mail Address`` with ``Job Title`` or ``Business Phone``."""
    cells = {normalise_key(cell) for cell in header}
    return ("e mail address" in cells and "first name" in cells
            and bool(cells & {"job title", "business phone", "mobile phone"}))


def to_raw(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    by_key: dict[str, pd.Series] = {}
    for label, cell in zip(frame.columns, header, strict=False):
        by_key.setdefault(normalise_key(cell), frame[label])
    raw = {canonical: by_key[key] for key, canonical in _SINGLE.items() if key in by_key}
    middle = by_key.get("middle name")
    if middle is not None and "first_name" in raw:
        parts = [raw["first_name"], middle, raw.get("last_name"), by_key.get("suffix")]
        joined = parts[0].fillna("").astype(str)
        for part in parts[1:]:
            if part is not None:
                joined = joined + " " + part.fillna("").astype(str)
        raw["name"] = joined.str.replace(r"\s+", " ", regex=True).str.strip()
    raw["email"] = first_non_blank([by_key[k] for k in _EMAILS if k in by_key])
    raw["phone"] = first_non_blank([by_key[k] for k in _PHONES if k in by_key])
    return pd.DataFrame({k: v for k, v in raw.items() if v is not None}, index=frame.index)
