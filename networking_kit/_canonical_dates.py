"""Dates from a column of raw cells: one decision for the whole column, one parse per
distinct value, and a count of what could not be read.

Exports repeat dates, so only the distinct values are parsed, with ``pd.to_datetime``
one format at a time (measured quicker than parsing value by value); a column wholly in
LinkedIn's own form ("02 Nov 2023") is read at once from its joined text instead.
Month names are English, or the file's language's (``headers/*.toml``, ``months``).
Numbers written with slashes, dots or dashes (``11/12/2023``) are read in ONE order for
the whole column: a first number over 12 means day-first, a second one over 12 month-first
(``3/25/2024`` shows a US Excel re-saved the file). When no value decides, the order
the file's language writes (``headers/*.toml``, ``dates``) is used and
:class:`ColumnDates` says so, for the import report. Excel serial numbers (``45245``,
days since 1899-12-30) are dates too, and so are dates written with characters in
Japanese, Chinese and Korean ("2024年3月4日", "2024년 3월 4일", "2024. 3. 4.").
Used by ``_canonical``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from networking_kit._cells import Column, cells, object_array, tidy_cells

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
_NAT = np.datetime64("NaT", "s")
# Forms whose order is never in doubt, by the shape that selects the values to try.
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_NAMED = re.compile(r"(?i)^(?=.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
                    r"(?=.*\d).{5,30}$")
_NAMED_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%y",
                  "%d-%b-%Y", "%d %b %y", "%B %d %Y")
# A day, a month's name and a year in another language: "4 mars 2024", "4. März 2024",
# "4 de marzo de 2024", "4 mrt. 2024" (the name looked up in the file's language).
_WORDED = re.compile(r"^(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})$")
# Year, month and day written with characters (Japanese and Chinese 年月日, Korean 년월일)
# or Korean dots ("2024. 3. 4."): year-first, so never in doubt, and read in a file of
# any language (no other script writes these characters). Full-width digits are digits.
_CJK = re.compile(r"^(\d{4})\s*(?:年|년|\.)\s*(\d{1,2})\s*(?:月|월|\.)\s*(\d{1,2})\s*(?:日|일|\.)?"
                  r"(?:\s.*)?$")
_COMPACT = re.compile(r"^\d{8}$")  # 20231112
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\.?$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
_FIRST_YEAR, _LAST_YEAR = 1900, 2200  # a year outside is a typo, not a date


@dataclass(frozen=True)
class ColumnDates:
    """A date column read: ``values`` (datetime64[s], NaT where blank or unreadable),
    ``unreadable`` (positions of non-blank cells that are not a date) and ``guessed``
    (the order chosen for ambiguous numbers by the file's language, else None)."""

    values: np.ndarray
    unreadable: list[int]
    guessed: str | None = None


_PART = 200_000  # cells tidied and told apart between two ticks (well under a second)


def dates(column: Column, order: str | None = None,
          done: Callable[[float], None] | None = None,
          months: Mapping[str, int] | None = None) -> ColumnDates:
    """Read a column of date cells; ``order`` is the language's order for ambiguous
    numbers (``DAY_FIRST`` when None); ``months`` ({:func:`month_key` of a name or
    abbreviation: month 1-12}) the file's language's month names, read beside the
    English ones. A column of more than ``_PART`` cells may come without its joined
    text (``_canonical._kept``): it is tidied and its distinct values found ``_PART``
    cells at a time, with a ``done`` (the fraction of the cells seen)
    after each (``_canonical.Tick``, which lives above this module), so that Cancel
    need not wait for a whole 1.75-million-row column."""
    whole = _linkedin_column(column)
    if whole is not None:  # a LinkedIn export's column: every cell read at once
        return ColumnDates(whole, [])
    codes, uniques = _distinct(column, done)
    parsed = np.full(len(uniques), _NAT)
    _linkedin_form(uniques, parsed)
    left = [i for i in np.flatnonzero(np.isnat(parsed)).tolist() if uniques[i]]
    iso = [(i, m) for i in left if (m := _ISO.match(uniques[i]))]
    if iso:
        _set(parsed, [i for i, _ in iso], [_ymd(m) for _, m in iso], "%Y-%m-%d")
    cjk = [(i, m) for i in left if np.isnat(parsed[i]) and (m := _CJK.match(uniques[i]))]
    if cjk:
        _set(parsed, [i for i, _ in cjk],
             [_ymd(m) for _, m in cjk], "%Y-%m-%d")
    named = [i for i in left if _NAMED.match(uniques[i]) and np.isnat(parsed[i])]
    for fmt in _NAMED_FORMATS:
        if not named:
            break
        _set(parsed, named, [uniques[i] for i in named], fmt)
        named = [i for i in named if np.isnat(parsed[i])]
    if months:
        _worded([(i, uniques[i]) for i in left if np.isnat(parsed[i])], parsed, months)
    compact = [i for i in left if _COMPACT.match(uniques[i])]
    if compact:
        _set(parsed, compact, [uniques[i] for i in compact], "%Y%m%d")
    guessed = _numeric([(i, uniques[i]) for i in left if np.isnat(parsed[i])], parsed,
                       order or DAY_FIRST)
    serial = [i for i in left if _SERIAL.match(uniques[i]) and np.isnat(parsed[i])]
    if serial:
        days = np.array([int(float(uniques[i])) for i in serial], dtype="timedelta64[D]")
        parsed[serial] = (_EXCEL_EPOCH + days).astype("datetime64[s]")
    years = parsed.astype("datetime64[Y]").astype(np.int64) + 1970
    parsed[(years < _FIRST_YEAR) | (years > _LAST_YEAR)] = _NAT
    unread = np.isnat(parsed)
    if unread.any():  # blank cells are not unreadable dates
        unread &= np.array([bool(text) for text in uniques], dtype=bool)
    return ColumnDates(parsed[codes], np.flatnonzero(unread[codes]).tolist(), guessed)


def _distinct(column: Column, done: Callable[[float], None] | None,
              ) -> tuple[np.ndarray, list[str]]:
    """The tidied cells as codes into their distinct values (in order of first
    appearance), as ``pd.factorize`` gives them for the whole column; a part at a time
    for a big column (each cell is tidied on its own, so the parts give the whole)."""
    values = column.values
    if len(values) <= _PART:
        # A column given without its joined text (see ``dates``) is joined here.
        tidied = tidy_cells(column if column.joined else cells(values))
        array = tidied.array if tidied.array is not None else object_array(tidied.values)
        codes, found = pd.factorize(array)
        return codes, found.tolist()  # the cells are text: so are the distinct ones
    index: dict[str, int] = {}
    parts = []
    for start in range(0, len(values), _PART):
        tidied = tidy_cells(cells(values[start:start + _PART]))
        array = tidied.array if tidied.array is not None else object_array(tidied.values)
        codes, found = pd.factorize(array)
        del tidied, array
        where = np.array([index.setdefault(text, len(index)) for text in found.tolist()],
                         dtype=np.intp)
        parts.append(where[codes])
        if done is not None:
            done(min(start + _PART, len(values)) / len(values))
    return np.concatenate(parts), list(index)


# The English month abbreviations (0 = January) by their three lower-case letters, each
# letter's place in the alphabet a base-26 digit; -1 for any other three letters.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_OF = np.full(26 ** 3, -1, dtype=np.int32)
_MONTH_OF[[(ord(m[0]) - 97) * 676 + (ord(m[1]) - 97) * 26 + ord(m[2]) - 97
           for m in _MONTHS]] = np.arange(12)
# The first day of each month from January _FIRST_YEAR to January after _LAST_YEAR, as
# days since 1970-01-01: a month's days are the gap to the next one.
_MONTH_STARTS = np.arange(np.datetime64(f"{_FIRST_YEAR}-01"),
                          np.datetime64(f"{_LAST_YEAR + 1}-02"),
                          dtype="datetime64[M]").astype("datetime64[D]").astype(np.int64)
_DMY_LENGTH = 11  # "02 Nov 2023"
_DMY_DIGITS = [0, 1, 7, 8, 9, 10]  # where its digits stand; spaces at 2 and 6


def _linkedin_column(column: Column) -> np.ndarray | None:
    """The dates of a column whose every cell is in LinkedIn's own form ("02 Nov 2023"),
    read straight from its joined text; None when a cell is not (or the text was not
    joined), for the usual way by distinct values.

    Every cell the same 11 ASCII characters long makes the joined text a grid of 12
    bytes a row (the NUL between cells last), read by :func:`_day_month_year` with no
    Python per cell: a LinkedIn export's 30,000 dates need neither ``pd.factorize`` nor
    a grid of its distinct values (most of the column's time before). The grid is read
    ``_GRID_ROWS`` rows at a time, so that its working arrays stay small and reuse the
    same memory (the whole column's at once were 3 MB of fresh memory an import, 1 ms
    of a 2.5 ms read).
    """
    joined, size = column.joined, len(column.values)
    row = _DMY_LENGTH + 1
    if not size or len(joined) != size * row - 1 or not joined.isascii():
        return None
    found = np.empty(size, dtype="datetime64[s]")
    for start in range(0, size, _GRID_ROWS):
        end = min(start + _GRID_ROWS, size)
        part = (joined[start * row:end * row - 1] + "\x00").encode("ascii")
        grid = np.frombuffer(part, dtype=np.uint8).reshape(end - start, row)
        if (grid[:, _DMY_LENGTH] != 0).any():  # a cell of another length
            return None
        days, ok = _day_month_year(grid[:, :_DMY_LENGTH])
        if not ok.all():
            return None
        found[start:end] = days
    return found


_GRID_ROWS = 8192  # its arrays under 128 KB: glibc serves them from the heap, not mmap


def _linkedin_form(uniques: list[str], parsed: np.ndarray) -> None:
    """LinkedIn's own form, "02 Nov 2023", read for every distinct value at once.

    Each character stands at a fixed place, so the values are laid out as a grid of
    character codes (one row a value) and read by :func:`_day_month_year`: no Python
    per value (pandas' month-name parser and a regular expression both go value by
    value, most of a 30,000-row import's date time). A value of another shape, or with
    a day the month does not have, is left to the other forms.
    """
    if not uniques:
        return
    lengths = np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques))
    codes = np.array(uniques, dtype=f"U{_DMY_LENGTH}").view(np.uint32).reshape(
        len(uniques), _DMY_LENGTH)
    # Beyond Latin-1 is no digit, letter or space of the form: 255 stands for all of it.
    days, ok = _day_month_year(np.minimum(codes, 255).astype(np.uint8))
    ok &= lengths == _DMY_LENGTH
    parsed[ok] = days[ok].astype("datetime64[s]")


def _day_month_year(grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The dates of a grid of character codes (uint8, one row of 11 a value) in
    LinkedIn's form "02 Nov 2023", as datetime64[D], and which rows are such a date:
    digits, spaces and an English month abbreviation in their places, a year from
    _FIRST_YEAR to _LAST_YEAR and a day the month has. The other rows' dates are
    meaningless. Whole-column lookups and sums, no calendar arithmetic per value."""
    at = np.ascontiguousarray(grid.T)  # at[i]: every value's character i, side by side
    digits = at[_DMY_DIGITS] - np.uint8(ord("0"))  # uint8: anything else is over 9
    letters = (at[3:6] | np.uint8(0x20)) - np.uint8(ord("a"))  # lower case; else over 25
    is_letter = (letters < 26).all(axis=0)
    key = (letters[0].astype(np.int32) * 26 + letters[1]) * 26 + letters[2]
    month = _MONTH_OF[np.where(is_letter, key, 0)]
    numbers = digits.astype(np.int32)  # int32: a big file's parts stay small beside it
    day = numbers[0] * 10 + numbers[1]
    year = ((numbers[2] * 10 + numbers[3]) * 10 + numbers[4]) * 10 + numbers[5]
    ok = ((at[2] == ord(" ")) & (at[6] == ord(" ")) & (digits <= 9).all(axis=0)
          & is_letter & (month >= 0) & (year >= _FIRST_YEAR) & (year <= _LAST_YEAR))
    index = np.where(ok, (year - _FIRST_YEAR) * 12 + month, 0)
    start = _MONTH_STARTS[index]
    ok &= (day >= 1) & (day <= _MONTH_STARTS[index + 1] - start)  # 31 Feb is not a date
    return (start + day - 1).astype("datetime64[D]"), ok


def _ymd(match: re.Match[str]) -> str:
    """A year, month and day matched as ``YYYY-MM-DD`` (full-width digits as ASCII)."""
    return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"


def _set(parsed: np.ndarray, positions: list[int], texts: list[str], fmt: str) -> None:
    """Parse ``texts`` with ``fmt`` into ``parsed`` at ``positions`` (unread stay NaT)."""
    stamps = pd.to_datetime(pd.Index(texts, dtype=object), format=fmt, errors="coerce")
    parsed[positions] = stamps.to_numpy(dtype="datetime64[s]")


def month_key(word: str) -> str:
    """A month's name as it is looked up: case folded, the Turkish dotless ı as i (so
    that "MAYIS", "Mayıs" and "mayis" are one word)."""
    return word.casefold().replace("ı", "i")


def _worded(unread: list[tuple[int, str]], parsed: np.ndarray,
            months: Mapping[str, int]) -> None:
    """Read "4 mars 2024"-style values (``unread``: position and text) whose month name
    is in ``months`` into ``parsed``; a day the month does not have stays unread."""
    found = [(i, m, month) for i, text in unread if (m := _WORDED.match(text))
             and (month := months.get(month_key(m[2]))) is not None]
    if found:
        _set(parsed, [i for i, _, _ in found],
             [f"{int(m[3]):04d}-{month:02d}-{int(m[1]):02d}" for _, m, month in found],
             "%Y-%m-%d")


def _year(written: str) -> int:
    """A year as written, two digits as 19xx from 70 on and 20xx below."""
    year = int(written)
    return year if len(written) == 4 else 2000 + year if year < 70 else 1900 + year


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _numeric(unread: list[tuple[int, str]], parsed: np.ndarray, order: str) -> str | None:
    """Read ``11/12/2023``-style values (``unread``: position and text) in one order for
    the column into ``parsed``; return the order when it had to be guessed. A value over
    12 that makes a real date decides; dates written with dots (``12.11.2023``) are
    day-first whatever the file's language: no country writes month-first with dots."""
    found = [(i, m) for i, text in unread if (m := _NUMERIC.match(text))]
    if not found:
        return None
    first = [int(m[1]) for _, m in found]
    second = [int(m[2]) for _, m in found]
    years = [_year(m[3]) for _, m in found]
    # A value decides only when it is a date that way round: 2/30/2023 is no evidence.
    day_first = any(a > 12 and _is_date(years[k], b, a) for k, (a, b) in
                    enumerate(zip(first, second, strict=True)))
    month_first = any(b > 12 and _is_date(years[k], a, b) for k, (a, b) in
                      enumerate(zip(first, second, strict=True)))
    guessed = None
    if not day_first and not month_first and all("." in m[0] for _, m in found):
        day_first = True  # 12.11.2023: dates written with dots are day-first everywhere
    elif day_first == month_first:  # no value decides (or they disagree): the language does
        guessed = None if day_first else order
        day_first = order == DAY_FIRST
    texts = []
    for a, b, year in zip(first, second, years, strict=True):
        day, month = (a, b) if day_first else (b, a)
        texts.append(f"{year:04d}-{month:02d}-{day:02d}")
    _set(parsed, [i for i, _ in found], texts, "%Y-%m-%d")
    return guessed
