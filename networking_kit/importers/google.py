"""Google Contacts' CSV export (contacts.google.com › Export › Google CSV).

Two headers are in circulation: the older one (``Name, Given Name, Additional Name,
Family Name, … E-mail 1 - Value, Organization 1 - Name``) and the one Google writes since
2023 (``First Name, Middle Name, Last Name, … Organization Name, E-mail 1 - Value``).
A cell may hold several values separated by ``:::``; the first one is kept, except that a
LinkedIn address among the websites is preferred, because it is what matching uses.
"""

from __future__ import annotations

import re

import pandas as pd

from networking_kit.contacts import normalise_key
from networking_kit.importers._table import first_non_blank
from networking_kit.vocab import Source

SOURCE = Source.GOOGLE
LABEL = "Google Contacts (Google CSV)"

_SINGLE = {
    "name": "name",
    "given name": "first_name",
    "first name": "first_name",
    "family name": "last_name",
    "last name": "last_name",
    "organization 1 name": "company",
    "organization name": "company",
    "organization 1 title": "position",
    "organization title": "position",
    "notes": "notes",
}
_MIDDLE = ("additional name", "middle name")
_NUMBERED = re.compile(r"^(e mail|phone|website) (\d+) value$")


def matches(header: list[str]) -> bool:
    """True for either Google CSV header: numbered ``… 1 - Value`` columns are Google's mark."""
    cells = {normalise_key(cell) for cell in header}
    numbered = any(_NUMBERED.match(cell) for cell in cells)
    old = {"given name", "family name"} <= cells
    new = {"first name", "last name"} <= cells and ("organization name" in cells
                                                    or "labels" in cells or "file as" in cells)
    return numbered and (old or new)


def first_value(values: pd.Series) -> pd.Series:
    """The first of Google's ``a ::: b`` values (cells without ``:::`` are left alone)."""
    multi = values.str.contains(":::", regex=False)
    if not multi.any():
        return values
    out = values.copy()
    out[multi] = values[multi].str.split(":::", n=1).str[0]
    return out


def to_raw(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    keys = [normalise_key(cell) for cell in header]
    raw: dict[str, pd.Series] = {}
    numbered: dict[str, list[tuple[int, pd.Series]]] = {"e mail": [], "phone": [], "website": []}
    middle = None
    for label, key in zip(frame.columns, keys, strict=False):
        column = frame[label]
        if key in _SINGLE and _SINGLE[key] not in raw:
            raw[_SINGLE[key]] = column if key == "notes" else first_value(column)
        elif key in _MIDDLE:
            middle = first_value(column)
        elif match := _NUMBERED.match(key):
            numbered[match.group(1)].append((int(match.group(2)), first_value(column)))
    if middle is not None and "name" not in raw and "first_name" in raw:
        # The newer header has no full-name column: the name is built from its parts, and
        # the middle name belongs in it as the participant would say it.
        parts = [raw["first_name"], middle, raw.get("last_name")]
        raw["name"] = _join([p for p in parts if p is not None])
    raw["email"] = first_non_blank([s for _, s in sorted(numbered["e mail"], key=_order)])
    raw["phone"] = first_non_blank([s for _, s in sorted(numbered["phone"], key=_order)])
    websites = [s for _, s in sorted(numbered["website"], key=_order)]
    raw["url"] = _prefer_linkedin(websites)
    return pd.DataFrame({k: v for k, v in raw.items() if v is not None}, index=frame.index)


def _order(item: tuple[int, pd.Series]) -> int:
    return item[0]


def _join(parts: list[pd.Series]) -> pd.Series:
    joined = parts[0].fillna("").astype(str)
    for part in parts[1:]:
        joined = joined + " " + part.fillna("").astype(str)
    return joined.str.replace(r"\s+", " ", regex=True).str.strip()




def _prefer_linkedin(columns: list[pd.Series]) -> pd.Series | None:
    out = first_non_blank(columns)
    if out is None:
        return None
    for column in columns:
        linked = column.fillna("").astype(str).str.contains("linkedin.com", case=False)
        out[linked] = column[linked]
    return out
