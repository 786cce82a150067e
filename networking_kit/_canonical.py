"""The canonical table from raw cells, a column at a time.

Tidying one row at a time is clear but takes seconds for LinkedIn's 30,000-connection
maximum, and pandas' ``.str`` methods are Python loops too when pyarrow is not installed.
This module checks a whole column at once ("is anything here more than plain,
single-spaced text?") and takes the per-value helpers from ``contact_fields`` only for
the values that need them. The whole-column checks and edits are single calls that run in C:
a column joined into one string by NUL characters (searched, lowered and split again;
its bytes compared by numpy where a substring search would be slow), and numpy arrays
for the distinct dates. Inside the module a blank cell is "" rather than None, so that
a column can be joined without a pass to replace None; ``_text_array`` makes them
missing at the end. ``contacts.normalise_contacts`` is built on it (this module never
imports ``contacts``);
``tests/test_importers_properties.py`` checks it against a row-at-a-time reference made
from those same per-value helpers. The whole-column text checks live in ``_cells`` and
the dates in ``_canonical_dates``, the contact ids in ``_canonical_ids``; this module holds
the e-mail, URL and phone columns and :func:`canonicalise`, which puts the table together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

import numpy as np
import pandas as pd

from networking_kit._canonical_dates import ColumnDates, dates
from networking_kit._canonical_ids import LINKEDIN as _LINKEDIN
from networking_kit._canonical_ids import fill_ids, linkedin_form
from networking_kit._cells import (
    Cells,
    Column,
    cells,
    latin1,
    lower,
    object_array,
    split_joined,
    tidy_cells,
)
from networking_kit._names import full_name, parse_name
from networking_kit.contact_fields import (
    COLUMN_NAMES,
    DATE_COLUMNS,
    DTYPES,
    TEXT_COLUMNS,
    shortened_by_excel,
    tidy_email,
    tidy_note,
    tidy_phone,
    tidy_url,
)
from networking_kit.vocab import OLDER_SOURCES


def _emails(column: Column) -> Cells:
    values, joined, _ = tidy_cells(column)
    if "mailto:" in joined or "MAILTO:" in joined:
        return [tidy_email(v) or "" for v in values]
    lowered = lower(joined)
    if lowered == joined:  # no capital: the very same cells (not split again)
        return values
    split = split_joined(lowered, len(values))
    return split if split is not None else [v.lower() for v in values]


def _urls(column: Column) -> Cells:
    """``tidy_url``; addresses already in LinkedIn's tidy form are kept as they are."""
    values, joined, _ = tidy_cells(column)
    if linkedin_form(joined, len(values) - values.count(""), len(values)):
        return values  # every address is already in LinkedIn's tidy form
    cache: dict[str, str] = {}
    out: Cells = []
    for value in values:
        if not value or (value.startswith(_LINKEDIN) and not value.endswith("/")
                         and " " not in value and "?" not in value and "#" not in value):
            out.append(value)
        else:
            if value not in cache:
                cache[value] = tidy_url(value) or ""
            out.append(cache[value])
    return out


def _phones(column: Column) -> Cells:
    cache: dict[str, str] = {"": ""}
    out: Cells = []
    for value in tidy_cells(column).values:
        if value not in cache:
            cache[value] = tidy_phone(value) or ""
        out.append(cache[value])
    return out


def _texts(column: Column) -> Cells:
    """Plain text columns (names, company, position …): tidying is all they need."""
    return tidy_cells(column).values


def _notes(column: Column) -> Cells:
    """Notes keep their line breaks (``tidy_note``); without any, they are any text."""
    if "\n" not in column.joined and "\r" not in column.joined:
        return _texts(column)
    return [tidy_note(value) or "" for value in column.values]


_OLDER = {old: str(new) for old, new in OLDER_SOURCES.items()}
_SPECIAL = {"email": _emails, "url": _urls, "phone": _phones, "notes": _notes}


def canonicalise(raw: pd.DataFrame, source: str, date_order: str | None = None,
                 tick: Tick | None = None, *, consume: bool = False,
                 months: Mapping[str, int] | None = None) -> pd.DataFrame:
    """The canonical table from ``raw`` (canonical column names, text cells).

    The same result as ``contacts.normalise_contacts(raw, source=source)``; rows without
    a name keep NA there, for the caller to report and drop. ``date_order`` (``DAY_FIRST``
    or ``MONTH_FIRST``) reads date columns no value decides; ``months`` are the file's
    language's month names (``_canonical_dates.dates``). ``tick``, when given, is
    called with the fraction done (0–1) after each column's work, so an import can be
    stopped part-way (it may raise). ``consume`` True takes each column out of ``raw``
    once it is read (an import's raw cells are let go as the table is made; a big file's
    date cells alone were half its size). The result's ``attrs`` hold
    ``unreadable_dates`` ({column: row positions of dates that could not be read}) and
    ``guessed_dates`` ({column: the order that had to be guessed}); ``distinct_linkedin``
    and ``named`` (every row has a name), when true, are for the import's own checks.
    """
    done = tick or no_tick
    size = len(raw)
    read: dict[str, ColumnDates] = {}
    for name in DATE_COLUMNS:  # first, so that their cells go before the texts are made
        if name in raw.columns:
            start = 0.15 * len(read) / len(DATE_COLUMNS)
            read[name] = dates(_kept(raw[name]), date_order,
                               _within(done, start, 0.15 / len(DATE_COLUMNS)), months)
            if consume:
                del raw[name]
            done(0.15 * len(read) / len(DATE_COLUMNS))
    done, whole = _within(done, 0.15, 1.0), done  # the texts: 0.15 to 1.0
    blank = [""] * size  # every absent column, so that it is known by identity
    kept: dict[str, Column] = {}
    columns: dict[str, Cells] = {}
    shortened: list[int] = []  # phones Excel wrote as 4.91701E+11: left empty
    tidy_linkedin = False  # every address LinkedIn's in its tidy form, none blank
    for name in TEXT_COLUMNS:
        if name in raw.columns:
            column = _kept(raw[name])
            if consume:
                del raw[name]
            if name == "phone" and (not column.joined or "E+" in column.joined
                                    or "e+" in column.joined):  # (a big column: unjoined)
                shortened = [i for i, v in enumerate(column.values)
                             if "+" in v and shortened_by_excel(v)]
            if name == "url" and _tidy_linkedin(column):
                tidy_linkedin = True
                columns[name] = column.values  # a LinkedIn export: nothing to tidy
            else:
                columns[name] = _tidied(
                    _SPECIAL.get(name, _texts), column,
                    _within(done, 0.4 * len(columns) / len(TEXT_COLUMNS),
                            0.4 / len(TEXT_COLUMNS)))
            # Only the cells are wanted from here on: the joined text, as big as the
            # column, is let go (all the columns' together were the file), and so is the
            # raw column's array: held beside the cells until the string arrays are made,
            # the arrays of a 30,000-row file's columns were 0.5x its size at the read's
            # peak (making the string array from the cells costs about 0.5 ms a column).
            kept[name] = column._replace(joined="", array=None)
            del column
        else:
            columns[name] = blank
        if name in kept:
            done(0.4 * len(columns) / len(TEXT_COLUMNS))
    named = _complete_names_in_parts(columns, _within(done, 0.4, 0.1))
    done(0.5)
    if columns["source"] is not blank:
        # An older spelling ("import") is stored as what it means now ("generic").
        columns["source"] = [_OLDER.get(v, v) or source for v in columns["source"]]
    columns["contact_id"], distinct_linkedin = fill_ids(
        columns, lambda fraction: done(0.5 + 0.2 * fraction), tidy_linkedin)
    # Columns known to have no blank cell, so that none is searched for one again.
    # ``named``: every name was made from a first and a last name, none blank.
    full = {"contact_id", *(["name", "first_name", "last_name"] if named else []),
            *(["url"] if tidy_linkedin else [])}
    texts = _text_arrays(columns, kept, blank, source,
                         lambda fraction: done(0.7 + 0.15 * fraction), full)
    del columns, kept  # the cells are in the arrays now
    data = {name: texts[name] if name in texts else
            read[name].values if name in read else _other_array(size, name)
            for name in COLUMN_NAMES}
    frame = _frame(data, size)
    whole(1.0)
    unreadable = {n: d.unreadable for n, d in read.items() if d.unreadable}
    guessed = {n: d.guessed for n, d in read.items() if d.guessed}
    if unreadable:
        frame.attrs["unreadable_dates"] = unreadable
    if guessed:
        frame.attrs["guessed_dates"] = guessed
    if shortened:
        frame.attrs["shortened_phones"] = shortened
    if distinct_linkedin:
        frame.attrs["distinct_linkedin"] = True
    if named:
        frame.attrs["named"] = True
    return frame


# What a long import stage calls as it goes, with the fraction of its work done (0–1); the
# import passes one that raises ImportCancelled once the participant pressed Cancel. Here,
# the lowest module that reports, so every stage above shares it.
Tick = Callable[[float], None]


def no_tick(fraction: float) -> None:
    """Nobody is watching."""


def _within(done: Tick, start: float, width: float) -> Tick:
    """``done`` for one part of the work: the part's fraction f is ``start + width * f``."""
    def tick(fraction: float) -> None:
        done(start + width * fraction)
    return tick


_TIDIED_PART = 200_000  # rows of one column tidied between two ticks (well under a second)


def _tidy_linkedin(column: Column) -> bool:
    """Whether every row holds a LinkedIn address in its tidy form (a LinkedIn export:
    tidying changes none, and the ids are made from them at once). Checked once here for
    both; a big column, whose joined text is made a part at a time, is left to the usual
    way."""
    joined = column.joined
    size = len(column.values)
    return bool(joined) and tidy_cells(column) is column and linkedin_form(joined, size, size)


def _kept(series: pd.Series) -> Column:
    """``cells(series)``; a big column of text comes without its joined text, which
    :func:`_tidied` makes a part at a time (that text of every column at once was as big
    as the file)."""
    if (len(series) <= _TIDIED_PART or series.dtype != object
            or pd.api.types.infer_dtype(series, skipna=False) != "string"):
        return cells(series)
    return Column(series.tolist(), "", series.to_numpy())


def _tidied(tidy: Callable[[Column], Cells], column: Column, done: Tick = no_tick) -> Cells:
    """``tidy(column)``, ``_TIDIED_PART`` rows at a time for a big column, with a ``done``
    (the fraction of the column tidied) after each part: one of 1.75 million rows took
    seconds, and Cancel waits for the next tick. Every tidy here works value by value
    (its whole-column checks only choose a quicker way), so the parts give what the
    whole would; a column no part changed comes back as the very same cells."""
    values = column.values
    if len(values) <= _TIDIED_PART:
        return tidy(column)
    tidied: Cells = []
    same = True
    for start in range(0, len(values), _TIDIED_PART):
        part = cells(values[start:start + _TIDIED_PART])
        out = tidy(part)
        same = same and out is part.values
        tidied += out
        del part, out
        done(min(start + _TIDIED_PART, len(values)) / len(values))
    return values if same else tidied


def _text_arrays(columns: dict[str, Cells], kept: dict[str, Column], blank: Cells,
                 source: str, done: Tick = no_tick, full: set[str] | None = None,
                 ) -> dict[str, pd.api.extensions.ExtensionArray]:
    """The text columns as string arrays; a raw column's own array is used when its cells
    came through unchanged, and the absent ones are all the same all-missing array.
    The columns named in ``full`` are known to have no blank cell.
    Each column's cells are let go (taken out of ``columns`` and ``kept``) once its array
    is made, so that a big file's cells are not held twice. ``done`` is called with the
    fraction of the columns made after each."""
    arrays: dict[str, pd.api.extensions.ExtensionArray] = {}
    missing: dict[object, pd.api.extensions.ExtensionArray] = {}
    count = len(columns)
    for name in list(columns):
        values, raw = columns.pop(name), kept.pop(name, None)
        dtype = cast(pd.StringDtype, DTYPES[name])  # every text column's dtype
        if values is blank and name == "source":  # the same string on every row
            arrays[name] = pd.array(np.array([source], dtype=object), dtype=dtype).take(
                np.zeros(len(blank), dtype=np.intp))
        elif values is blank:
            if dtype not in missing:
                missing[dtype] = _missing_texts(len(blank), dtype)
            arrays[name] = missing[dtype]  # one array for all: ``_frame`` shares it safely
        else:
            arrays[name] = _text_array_in_parts(
                values, dtype, raw.array if raw is not None and raw.values is values else None,
                _within(done, len(arrays) / count, 1 / count), name in (full or ()))
        del values, raw
        done(len(arrays) / count)
    return arrays


def _frame(data: dict[str, np.ndarray | pd.api.extensions.ExtensionArray], size: int,
           ) -> pd.DataFrame:
    """The table of ``data`` ({column: array}, in order) without copying an array.

    Every array is new, so the frame can hold it as it is. A column given the very same
    array as an earlier one (the absent text columns, all missing: 0.4× a 30,000-row
    file's size when each had its own) shares it through pandas' copy-on-write, which
    copies it only when one of them is written; a frame made with ``copy=False`` from
    one array twice would let a write to one column change the others too.
    """
    first: dict[int, str] = {}
    for name, values in data.items():
        first.setdefault(id(values), name)
    frame = pd.DataFrame({name: data[name] for name in first.values()},
                         index=pd.RangeIndex(size), copy=False)
    for position, (name, values) in enumerate(data.items()):
        if first[id(values)] != name:
            frame.insert(position, name, frame[first[id(values)]])
    return frame


def _other_array(size: int, name: str) -> np.ndarray | pd.Categorical:
    """An empty date or vocabulary column."""
    if name not in DATE_COLUMNS:
        dtype = cast(pd.CategoricalDtype, DTYPES[name])
        return cast(pd.Categorical, pd.Categorical.from_codes(np.full(size, -1), dtype=dtype))
    return np.full(size, np.datetime64("NaT"), dtype="datetime64[s]")


def _missing_texts(size: int, dtype: pd.StringDtype) -> pd.api.extensions.ExtensionArray:
    """A string column with every value missing, filled in C by ``take``."""
    return pd.array(np.array([], dtype=object), dtype=dtype).take(np.full(size, -1),
                                                                   allow_fill=True)


def _text_array_in_parts(values: Cells, dtype: pd.StringDtype, array: np.ndarray | None,
                         done: Tick, full: bool = False) -> pd.api.extensions.ExtensionArray:
    """:func:`_text_array`, ``_TIDIED_PART`` rows at a time for a big column, with a
    ``done`` (the fraction of the column made) after each part: pandas checks every
    string it is given, a second or two for 1.75 million rows."""
    if len(values) <= _TIDIED_PART:
        return _text_array(values, dtype, array, full)
    parts = []
    for start in range(0, len(values), _TIDIED_PART):
        end = start + _TIDIED_PART
        parts.append(_text_array(values[start:end], dtype,
                                 None if array is None else array[start:end], full))
        done(min(end, len(values)) / len(values))
    whole: pd.api.extensions.ExtensionArray = pd.concat(
        [pd.Series(part, copy=False) for part in parts], ignore_index=True).array
    return whole


def _text_array(values: Cells, dtype: pd.StringDtype, array: np.ndarray | None = None,
                full: bool = False) -> pd.api.extensions.ExtensionArray:
    """A string column from text cells, blank ("") ones missing.

    ``array``, when given, holds the same cells (the raw column's own array) and saves
    making one (it is copied: a raw frame's array is read-only under copy-on-write, and
    a string array holding it could not be written); ``full`` says that no cell is
    blank (the caller knows), so that they are not searched for one. pandas checks each
    missing value it is given one by one, slowly; so the text cells alone become the
    string array, and ``take`` spreads them out, filling the blanks with missing values
    in C.
    """
    copy = array is not None
    if array is None:
        array = object_array(values)  # new: held as it is, not copied again
    if full or all(values):  # every cell text: twice as quick as looking for ""
        return pd.array(array, dtype=dtype, copy=copy)
    present = array != ""
    texts = pd.array(array[present], dtype=dtype, copy=False)
    positions = np.cumsum(present) - 1
    positions[~present] = -1
    taken: pd.api.extensions.ExtensionArray = texts.take(positions, allow_fill=True)
    return taken


def _complete_names_in_parts(columns: dict[str, Cells], done: Tick = no_tick) -> bool:
    """:func:`_complete_names`, ``_TIDIED_PART`` rows at a time for a big file, with a
    ``done`` after each part (it works row by row; 1.75 million names took seconds). A
    column no part changed stays the very same cells. True when every part's names are
    known to be there."""
    size = len(columns["name"])
    if size <= _TIDIED_PART:
        return _complete_names(columns)
    names = ("name", "first_name", "last_name")
    made: dict[str, Cells] = {name: [] for name in names}
    changed = dict.fromkeys(names, False)
    named = True
    for start in range(0, size, _TIDIED_PART):
        given = {name: columns[name][start:start + _TIDIED_PART] for name in names}
        part = dict(given)
        named = _complete_names(part) and named
        for name in names:
            made[name] += part[name]
            changed[name] = changed[name] or part[name] is not given[name]
        done(min(start + _TIDIED_PART, size) / size)
    columns.update({name: made[name] for name in names if changed[name]})
    return named


def _complete_names(columns: dict[str, Cells]) -> bool:
    """Name from first + last where missing; first/last split from the name where both are.

    When the file has no name column (LinkedIn), every name is made from its parts, and
    no row can have a name without them. True when every row is known to have a name
    (every first and last name was there), False when that is not known.
    """
    names, firsts, lasts = columns["name"], columns["first_name"], columns["last_name"]
    if names.count("") == len(names):
        if all(firsts) and all(lasts):  # every first and last name there
            # Latin-1 text holds no Chinese, Japanese or Korean name (family name first,
            # ``_names.full_name``): " ".join of each pair, a third quicker than a call.
            western = latin1("".join(firsts)) is not None and latin1("".join(lasts)) is not None
            columns["name"] = (list(map(" ".join, zip(firsts, lasts, strict=True)))
                               if western else list(map(full_name, firsts, lasts)))
            return True
        columns["name"] = list(map(full_name, firsts, lasts))
        return False
    names = [name or full_name(first, last)
             for name, first, last in zip(names, firsts, lasts, strict=True)]
    firsts, lasts = list(firsts), list(lasts)
    for position, (name, first, last) in enumerate(zip(names, firsts, lasts, strict=True)):
        if name and not first and not last:
            parsed = parse_name(name)
            firsts[position], lasts[position] = parsed.given, parsed.family
            names[position] = parsed.display
    columns.update(name=names, first_name=firsts, last_name=lasts)
    return False
