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
from networking_kit.importers._table import Table

# The fields the workbook keeps among those a header can hold.
KEPT = ("name", "first_name", "last_name", "email", "phone", "company", "position", "url",
        "connected_on", "notes")

_NAME_PARTS = ("middle_name", "suffix")  # read only to write the full name
# What the import report calls each field (a second value left out, a newer job).
REPORT_WORDS = {"name": "name", "first_name": "first name", "last_name": "family name",
           "email": "e-mail address", "phone": "phone number", "company": "organisation",
           "position": "job title", "url": "web address", "connected_on": "date",
           "notes": "note"}
_LINES_SHOWN = 10


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
            columns = [first_value(column, field == "url") for column in columns]
        if columns and (field in KEPT or field in _NAME_PARTS):
            raw[field] = prefer_linkedin(columns) if field == "url" else first_non_blank(columns)
    middle, suffix = raw.pop("middle_name", None), raw.pop("suffix", None)
    if middle is not None and "name" not in raw and "first_name" in raw:
        # Only a name with a middle name or suffix is written here: the others are made
        # from their parts with the rest (family name first in Chinese, Japanese and
        # Korean, ``_names.full_name``).
        extra = ~_blank(middle) | (~_blank(suffix) if suffix is not None else False)
        raw["name"] = join_words([raw["first_name"], middle, raw.get("last_name"),
                                  suffix]).where(extra, "")
    return pd.DataFrame(raw, index=frame.index, copy=False)  # only read: no copy


def _blank(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip() == ""


def used(header: list[str], section: str) -> list[int]:
    """The positions of the header cells :func:`to_raw` reads, in order (for the import
    report): of French Outlook's two "Titre" columns only the second, the job title."""
    return sorted({p for field, positions in vocabulary.fields_of(header, section).items()
                   if field in KEPT or field in _NAME_PARTS for p in positions})


def first_value(values: pd.Series, linkedin: bool = False) -> pd.Series:
    """The first of Google's ``a ::: b`` values (cells without ``:::`` are left alone);
    ``linkedin``: a LinkedIn address among them instead, when there is one (web
    addresses, as ``prefer_linkedin`` chooses between columns: found by a tester)."""
    text = values.fillna("").astype(str)
    multi = text.str.contains(":::", regex=False)
    if not multi.any():
        return values
    out = text.copy()
    chosen = text[multi]
    out[multi] = pd.Series([_one_of(cell, linkedin) for cell in chosen], index=chosen.index)
    return out


def _one_of(cell: str, linkedin: bool) -> str:
    parts = [part.strip() for part in cell.split(":::")]
    if linkedin:
        return next((p for p in parts if "linkedin.com" in p.lower()), parts[0])
    return parts[0]


def _values_of(cell: str) -> list[str]:
    """The non-blank values of a cell, Google's ``a ::: b`` split."""
    return [part.strip() for part in cell.split(":::") if part.strip()]


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


def unkept_notes(table: Table, section: str) -> list[str]:
    """Report sentences for the values :func:`to_raw` leaves out: the workbook keeps one
    e-mail address, phone number … per person, so a second one (Outlook's "Business
    Phone" beside a "Mobile Phone", Google's ``a ::: b``) is named with its lines, never
    dropped in silence. Only fields read from several columns, or Google's cells, cost
    anything here."""
    labels = list(table.frame.columns)
    notes: list[str] = []
    for field, positions in vocabulary.fields_of(table.header, section).items():
        present = [p for p in positions if p < len(labels)]
        if field not in KEPT or not present or (len(present) == 1 and section != "google"):
            continue
        note = left_out_note(table, field, present, google=section == "google")
        if note is not None:
            notes.append(note)
    return notes


def left_out_note(table: Table, field: str, positions: list[int],
                  google: bool = False) -> str | None:
    """The report's sentence for the values of ``field`` that reading its columns at
    ``positions`` (first non-blank wins; a LinkedIn address for ``url``) leaves out, or
    None when none is. ``google``: each cell's first ``a ::: b`` value is read, and the
    others are left out too."""
    frame, header = table.frame, table.header
    labels = list(frame.columns)
    columns = [frame[labels[p]] for p in positions]
    texts = [c.fillna("").astype(str).str.strip() for c in columns]
    several = google and field != "notes"
    read = [first_value(c, field == "url") for c in columns] if several else columns
    kept = (prefer_linkedin(read) if field == "url" else first_non_blank(read))
    kept_text = kept.fillna("").astype(str).str.strip()
    left_out = [(text != "") & (text != kept_text) for text in texts]
    if several:  # "a ::: " holds nothing else (found by a tester: "more than one")
        left_out = [out & pd.Series([any(v != k for v in _values_of(t)) for t, k in
                                     zip(text, kept_text, strict=True)], index=text.index)
                    if out.any() else out for out, text in zip(left_out, texts, strict=True)]
    rows = pd.concat(left_out, axis=1).any(axis=1).to_numpy().nonzero()[0]
    if not len(rows):
        return None
    cells = [header[p] for p, out in zip(positions, left_out, strict=True) if out.any()]
    lines = [line for line in (table.line_of(int(r)) for r in rows[:_LINES_SHOWN])
             if line is not None]
    more = f" and {len(rows) - _LINES_SHOWN} more" if len(rows) > _LINES_SHOWN else ""
    return second_values_note(REPORT_WORDS[field], cells, len(rows), lines, more)


def second_values_note(label: str, cells: list[str], count: int, lines: list[int],
                       more: str = "") -> str:
    """The report's sentence for ``count`` people whose second ``label`` (from the
    columns or vCard properties ``cells``) was left out, on ``lines``; ``more`` ends
    the list of lines (" and 3 more"). Shared by tables and vCards."""
    return (f"{count} {'person' if count == 1 else 'people'} had more than one {label} "
            f"({', '.join(cells)}); the workbook keeps one per person, so the "
            f"{'other was' if count == 1 else 'others were'} not imported: "
            f"{'line' if len(lines) == 1 else 'lines'} {', '.join(map(str, lines))}{more}.")
