"""Dates from a column of raw cells, one parse per distinct value.

Exports repeat dates and write them in two forms (``12 Nov 2023``, ``2023-11-12``);
:func:`dates` reads the distinct values in those forms together with numpy and hands any
other value to ``contact_fields.parse_date``. Used by ``_canonical``.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from networking_kit._cells import Column, tidy_cells
from networking_kit.contact_fields import (
    parse_date,
)

_MONTHS = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _quick_date(text: str) -> str | None:
    """``12 Nov 2023`` or ``2023-11-12`` as ISO text, or None to leave it to ``parse_date``."""
    if _ISO.fullmatch(text):
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    elif match := _DAY_MONTH_YEAR.fullmatch(text):
        month = _MONTHS.get(match.group(2).lower(), 0)
        day, year = int(match.group(1)), int(match.group(3))
    else:
        return None
    if not 1900 <= year <= 2200 or not 1 <= month <= 12:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _one_date(text: str) -> str:
    """One value as ISO text, or "NaT": ``_quick_date``, else ``parse_date``."""
    quick = _quick_date(text)
    if quick is None:
        stamp = parse_date(text)
        quick = None if stamp is None else stamp.date().isoformat()
    return quick or "NaT"


def dates(column: Column) -> np.ndarray:
    """``parse_date`` over a column, one parse per distinct value (exports repeat dates).

    The distinct values in the two forms exports write (``12 Nov 2023``, ``2023-11-12``)
    with ASCII digits are read together by ``_ascii_dates``; any other value, and any
    such value that is not a real date from 1900 to 2200, takes ``_one_date``.
    """
    tidied = tidy_cells(column)
    array = tidied.array if tidied.array is not None else np.array(tidied.values, dtype=object)
    codes, uniques = pd.factorize(array)
    parsed = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[s]")
    lengths = np.fromiter(map(len, uniques), dtype=np.intp, count=len(uniques))
    candidates = np.flatnonzero((lengths == 10) | (lengths == 11))
    stamps, read = _ascii_dates(uniques[candidates], lengths[candidates])
    parsed[candidates[read]] = stamps[read]
    rest = np.ones(len(uniques), dtype=bool)
    rest[candidates[read]] = False
    others = np.flatnonzero(rest)
    if len(others):
        parsed[others] = np.array([_one_date(text) for text in uniques[others]],
                                  dtype="datetime64[s]")
    return parsed[codes]


# Each character's class (ASCII digit, ASCII letter, space, dash, the NUL that pads a
# shorter text, anything else), and the two forms as class patterns: "D Mon YYYY" gets
# its leading zero first, and an ISO date ends with the padding NUL of 11 characters.
_CLASSES = np.array([1 if c.isdigit() else 2 if c.isalpha() else 3 if c == " "
                     else 4 if c == "-" else 5 if c == "\x00" else 0
                     for c in map(chr, range(128))] + [0])  # 128: anything beyond ASCII
_POSITIONS = 8 ** np.arange(11)  # a text's classes as one number, three bits each
_DMY_SHAPE = _CLASSES[[ord(c) for c in "00 Jan 2000"]] @ _POSITIONS
_ISO_SHAPE = _CLASSES[[ord(c) for c in "2000-01-01\x00"]] @ _POSITIONS
_MONTH_CODES = np.array([(ord(m[0]) << 16) | (ord(m[1]) << 8) | ord(m[2]) for m in _MONTHS])
_MONTH_ORDER = np.argsort(_MONTH_CODES)


def _ascii_dates(texts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_quick_date`` for texts of 10 or 11 characters, as arrays: dates and which are read.

    A text counts as read only when ``_quick_date`` would read it to the same date: ASCII
    digits in ``D Mon YYYY``, ``DD Mon YYYY`` or ``YYYY-MM-DD``, a known month, a year
    from 1900 to 2200 and a day that month has. ``D Mon YYYY`` is given its leading zero
    first, so the two day-month-year forms are read alike.
    """
    grid = np.array(texts, dtype="U11").view(np.uint32).reshape(len(texts), 11)
    grid = grid.astype(np.int64)
    one_digit_day = (lengths == 10) & (grid[:, 1] == ord(" "))
    grid[one_digit_day, 1:] = grid[one_digit_day, :-1]
    grid[one_digit_day, 0] = ord("0")
    shape = _CLASSES[np.minimum(grid, 128)] @ _POSITIONS
    dmy = ((lengths == 11) | one_digit_day) & (shape == _DMY_SHAPE)
    iso = (lengths == 10) & (shape == _ISO_SHAPE)
    digits = grid - ord("0")
    year = np.where(dmy, _number(digits, 7, 4), _number(digits, 0, 4))
    month = np.where(dmy, _month_numbers(grid[:, 3:6] | 0x20), _number(digits, 5, 2))
    day = np.where(dmy, _number(digits, 0, 2), _number(digits, 8, 2))
    read = (dmy | iso) & (year >= 1900) & (year <= 2200) & (month >= 1) & (month <= 12)
    months = np.where(read, (year - 1970) * 12 + month - 1, 0)
    first = months.astype("datetime64[M]").astype("datetime64[D]")
    days_in_month = (months + 1).astype("datetime64[M]").astype("datetime64[D]") - first
    read &= (day >= 1) & (day <= days_in_month.astype(np.int64))
    stamps = (first + np.where(read, day - 1, 0)).astype("datetime64[s]")
    return stamps, read


def _number(digits: np.ndarray, start: int, width: int) -> np.ndarray:
    """The decimal number in columns ``start`` … ``start + width - 1`` of a digit grid."""
    return digits[:, start:start + width] @ 10 ** np.arange(width - 1, -1, -1)


def _month_numbers(letters: np.ndarray) -> np.ndarray:
    """1 to 12 for rows of three lower-case letters naming a month ("jan" …), else 0."""
    codes = (letters[:, 0] << 16) | (letters[:, 1] << 8) | letters[:, 2]
    place = np.searchsorted(_MONTH_CODES[_MONTH_ORDER], codes).clip(max=11)
    found = _MONTH_CODES[_MONTH_ORDER][place] == codes
    return np.where(found, _MONTH_ORDER[place] + 1, 0)
