"""The parse stage for exports whose header is known: each column to the field it holds.

Which header cell holds which field comes from the header vocabularies
(``vocabulary``, ``headers/*.toml``), in every language, so LinkedIn, Google, Outlook,
Thunderbird and Apple exports are all read by :func:`to_raw`. A field spread over
several columns (Outlook's three e-mail addresses, Google's numbered phones) takes the
first non-blank one, a LinkedIn address before any other web page; Google's
``a ::: b`` cells keep their first value. A middle name and a suffix join the full name.
"""

from __future__ import annotations

import pandas as pd

from networking_kit.importers import vocabulary

# The fields the workbook keeps among those a header can hold.
KEPT = ("name", "first_name", "last_name", "email", "phone", "company", "position", "url",
        "connected_on", "notes")

_NAME_PARTS = ("middle_name", "suffix")  # read only to write the full name


def to_raw(frame: pd.DataFrame, header: list[str], section: str) -> pd.DataFrame:
    """The columns of ``frame`` (labelled in ``header``'s order) under field names.

    Returns a frame with some of :data:`KEPT` as columns, cells as text; a header cell
    that holds no field is left out (``ignored`` lists them for the import report).
    """
    labels = list(frame.columns)
    raw: dict[str, pd.Series] = {}
    for field, positions in vocabulary.fields_of(header, section).items():
        columns = [frame[labels[p]] for p in positions if p < len(labels)]
        if section == "google" and field != "notes":
            columns = [first_value(column) for column in columns]
        if columns and (field in KEPT or field in _NAME_PARTS):
            raw[field] = prefer_linkedin(columns) if field == "url" else first_non_blank(columns)
    middle, suffix = raw.pop("middle_name", None), raw.pop("suffix", None)
    if middle is not None and "name" not in raw and "first_name" in raw:
        raw["name"] = join_words([raw["first_name"], middle, raw.get("last_name"), suffix])
    return pd.DataFrame(raw, index=frame.index, copy=False)  # only read: no copy


def ignored(header: list[str], section: str) -> list[str]:
    """The header cells :func:`to_raw` does not read (for the import report)."""
    used = {p for field, positions in vocabulary.fields_of(header, section).items()
            if field in KEPT or field in _NAME_PARTS for p in positions}
    return [cell for position, cell in enumerate(header)
            if position not in used and cell.strip()]


def first_value(values: pd.Series) -> pd.Series:
    """The first of Google's ``a ::: b`` values (cells without ``:::`` are left alone)."""
    text = values.fillna("").astype(str)
    multi = text.str.contains(":::", regex=False)
    if not multi.any():
        return values
    out = text.copy()
    out[multi] = text[multi].str.split(":::", n=1).str[0].str.strip()
    return out


def first_non_blank(columns: list[pd.Series]) -> pd.Series:
    """Per row, the first of ``columns`` that holds something."""
    if len(columns) == 1:
        return columns[0]
    out = columns[0].copy()
    for column in columns[1:]:
        blank = out.fillna("").astype(str).str.strip() == ""
        out[blank] = column[blank]
    return out


def prefer_linkedin(columns: list[pd.Series]) -> pd.Series:
    """``first_non_blank``, except that a LinkedIn address wins (matching uses it)."""
    out = first_non_blank(columns)
    if len(columns) == 1:
        return out
    for column in columns:
        linked = column.fillna("").astype(str).str.contains("linkedin.com", case=False,
                                                            regex=False)
        out[linked] = column[linked]
    return out


def join_words(parts: list[pd.Series | None]) -> pd.Series:
    """The parts joined by single spaces, row by row (blank parts left out)."""
    present = [p.fillna("").astype(str) for p in parts if p is not None]
    joined = present[0]
    for part in present[1:]:
        joined = joined + " " + part
    return joined.str.replace(r"\s+", " ", regex=True).str.strip()
