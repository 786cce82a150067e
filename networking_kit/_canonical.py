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
from those same per-value helpers.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from networking_kit.contact_fields import (
    COLUMN_NAMES,
    DATE_COLUMNS,
    DTYPES,
    TEXT_COLUMNS,
    hash_keys,
    normalise_key,
    parse_date,
    split_name,
    tidy_email,
    tidy_phone,
    tidy_text,
    tidy_url,
)
from networking_kit.vocab import OLDER_SOURCES

Cells = list[str]  # one column's text, "" where the cell is blank


class Column(NamedTuple):
    """A column's cells, and the same cells joined by NUL for whole-column searches.

    ``array`` is the raw column's own object array while the cells are still exactly
    its values, so that the string column can be made from it without another copy.
    """

    values: Cells
    joined: str
    array: np.ndarray | None = None


# Everything ``str.split()``/``\s`` treats as white space besides the plain space.
_ODD_SPACE_ASCII = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ODD_SPACE = _ODD_SPACE_ASCII + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_NEEDS_TIDY = re.compile(f"[{re.escape(_ODD_SPACE)}]|  ")


def cells(values: pd.Series | list) -> Column:
    """Column values as strings, "" for anything missing."""
    items = values.tolist() if isinstance(values, pd.Series) else list(values)
    try:
        joined = "\x00".join(items)  # succeeds only when every value is already a string
    except TypeError:
        items = [v if isinstance(v, str) else ("" if _missing(v) else str(v)) for v in items]
        return _joined(items)
    if isinstance(values, pd.Series) and values.dtype == object:
        return Column(items, joined, values.to_numpy())
    return Column(items, joined)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _plain(joined: str) -> bool:
    """True when no value needs more than its spaces seen to: NFC already, no odd spaces."""
    if not _is_nfc(joined):
        return False
    spaces = _ODD_SPACE_ASCII if joined.isascii() else _ODD_SPACE
    return not any(space in joined for space in spaces)


def _is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, at once for Latin-1 text.

    Every character below U+0300 is NFC on its own and combines with nothing before it
    (quick-check "yes", combining class 0), so text made only of them is NFC; Python's
    check looks each character up, which is most of a column's tidying time.
    """
    return _latin1(text) is not None or unicodedata.is_normalized("NFC", text)


def _latin1(text: str) -> bytes | None:
    """``text`` as Latin-1 bytes (a plain copy for such text), or None when it is not."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _spaces_around(joined: str) -> tuple[bool, bool]:
    """(a value holds two spaces in a row, a value starts or ends with a space).

    The same as searching the joined column for "  ", " \\x00" and "\\x00 " (and a space
    at either end), but numpy compares neighbouring bytes in a few quick passes, where
    each two-character search is a slow walk through the whole text.
    """
    if " " not in joined:
        return False, False
    data = np.frombuffer(_latin1(joined) or joined.encode("utf-8", "surrogatepass"),
                         dtype=np.uint8)
    space, separator = data == ord(" "), data == 0
    double = bool((space[:-1] & space[1:]).any())
    ends = bool(space[0] or space[-1]
                or (space[:-1] & separator[1:]).any() or (separator[:-1] & space[1:]).any())
    return double, ends


def tidy_cells(column: Column) -> Column:
    """``tidy_text`` over a column of strings ("" for blank); plain columns take a fast path.

    A plain column with nothing to trim comes back as it is, list and joined text alike.
    """
    values, joined = column.values, column.joined
    double, ends = _spaces_around(joined)
    if not double and _plain(joined):
        return _joined([v.strip() for v in values]) if ends else column
    return _joined([(tidy_text(v) or "") if _NEEDS_TIDY.search(v) or not v.isascii()
                    else v.strip() for v in values])


def _joined(values: Cells) -> Column:
    """A column of new cells (no raw array: they are not the raw column's values)."""
    return Column(values, "\x00".join(values))


# Which Latin-1 characters ``str.lower`` changes: A-Z and À … Þ (but not ×).
_CAPITAL = np.array([chr(code).lower() != chr(code) for code in range(256)])


def lower(text: str) -> str:
    """``text.lower()``; quicker for Latin-1 text whose only capitals are A-Z.

    ``str.lower`` on text that is not pure ASCII looks every character up in the Unicode
    tables (and LinkedIn addresses hold names such as björn or garcía). When no character
    beyond ASCII would change, lowering the Latin-1 bytes (``bytes.lower`` touches A-Z
    only) gives the same text in one quick pass, and text with no capital at all is
    returned as it is.
    """
    encoded = None if text.isascii() else _latin1(text)
    if encoded is None:
        return text.lower()
    codes = np.frombuffer(encoded, dtype=np.uint8)
    if _CAPITAL[codes[codes >= 0x80]].any():
        return text.lower()
    if not ((codes - np.uint8(ord("A"))) < 26).any():  # unsigned: below "A" wraps around
        return text
    return encoded.lower().decode("latin-1")


def _split(joined: str, size: int) -> Cells | None:
    """``joined`` split into ``size`` values again, or None when a value held a NUL."""
    if size == 0:
        return []
    return joined.split("\x00") if joined.count("\x00") == size - 1 else None


def _emails(column: Column) -> Cells:
    values, joined, _ = tidy_cells(column)
    if "mailto:" in joined or "MAILTO:" in joined:
        return [tidy_email(v) or "" for v in values]
    lowered = _split(lower(joined), len(values))
    return lowered if lowered is not None else [v.lower() for v in values]


_LINKEDIN = "https://www.linkedin.com/"


def _urls(column: Column) -> Cells:
    """``tidy_url``; addresses already in LinkedIn's tidy form are kept as they are."""
    values, joined, _ = tidy_cells(column)
    present = len(values) - values.count("")
    if (("\x00" + joined).count("\x00" + _LINKEDIN) == present
            and not any(mark in joined for mark in " ?#") and not ends_with_slash(joined)):
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


def ends_with_slash(joined: str) -> bool:
    """Whether a value of the joined column ends with "/" (a "/" before a NUL, or last).

    Quicker than searching the text for "/\\x00": numpy finds the NULs in the bytes, and
    only the byte before each is looked at.
    """
    if not joined:
        return False
    data = np.frombuffer(_latin1(joined) or joined.encode("utf-8", "surrogatepass"),
                         dtype=np.uint8)
    before = np.flatnonzero(data == 0) - 1
    return bool(data[-1] == ord("/") or (data[before[before >= 0]] == ord("/")).any())


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


_OLDER = {old: str(new) for old, new in OLDER_SOURCES.items()}
_SPECIAL = {"email": _emails, "url": _urls, "phone": _phones}


def canonicalise(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    """The canonical table from ``raw`` (canonical column names, text cells).

    The same result as ``contacts.normalise_contacts(raw, source=source)``; rows without
    a name keep NA there, for the caller to report and drop.
    """
    size = len(raw)
    blank = [""] * size  # every absent column, so that it is known by identity
    kept = {name: cells(raw[name]) for name in TEXT_COLUMNS if name in raw.columns}
    columns = {name: _SPECIAL.get(name, _texts)(kept[name]) if name in kept else blank
               for name in TEXT_COLUMNS}
    _complete_names(columns)
    if columns["source"] is not blank:
        # An older spelling ("import") is stored as what it means now ("generic").
        columns["source"] = [_OLDER.get(v, v) or source for v in columns["source"]]
    columns["contact_id"] = _fill_ids(columns)
    texts = _text_arrays(columns, kept, blank, source)
    data = {name: texts[name] if name in texts else _other_array(raw, name)
            for name in COLUMN_NAMES}
    # Every array is new and used once, so the frame can hold them without a copy.
    return pd.DataFrame(data, index=pd.RangeIndex(size), copy=False)


def _text_arrays(columns: dict[str, Cells], kept: dict[str, Column], blank: Cells,
                 source: str) -> dict[str, pd.api.extensions.ExtensionArray]:
    """The text columns as string arrays; a raw column's own array is used when its cells
    came through unchanged, and one all-missing array is copied for the absent ones."""
    arrays: dict[str, pd.api.extensions.ExtensionArray] = {}
    missing: dict[object, pd.api.extensions.ExtensionArray] = {}
    for name, values in columns.items():
        dtype = DTYPES[name]
        if values is blank and name == "source":
            arrays[name] = pd.array(np.full(len(blank), source, dtype=object), dtype=dtype)
        elif values is blank:
            if dtype not in missing:
                missing[dtype] = _missing_texts(len(blank), dtype)
            arrays[name] = missing[dtype].copy()
        else:
            same = name in kept and kept[name].values is values
            arrays[name] = _text_array(values, dtype, kept[name].array if same else None)
    return arrays


def _other_array(raw: pd.DataFrame, name: str) -> np.ndarray | pd.Categorical:
    """A date column (read from ``raw`` when it has one) or an empty vocabulary column."""
    size = len(raw)
    if name not in DATE_COLUMNS:
        return pd.Categorical.from_codes(np.full(size, -1), dtype=DTYPES[name])
    if name in raw.columns:
        return dates(cells(raw[name]))
    return np.full(size, np.datetime64("NaT"), dtype="datetime64[s]")


def _fill_ids(columns: dict[str, Cells]) -> Cells:
    """The ``contact_id`` column, with an id made for every row that came without one."""
    ids = columns["contact_id"]
    parts = [columns[c] for c in ("name", "email", "url", "company")]
    missing = ids.count("")
    if missing == 0:
        return ids
    if missing == len(ids):
        return contact_ids(*parts)
    ids = list(ids)
    blanks = [i for i, v in enumerate(ids) if not v]
    fresh = contact_ids(*([part[i] for i in blanks] for part in parts))
    for position, contact_id in zip(blanks, fresh, strict=True):
        ids[position] = contact_id
    return ids


def _missing_texts(size: int, dtype: pd.StringDtype) -> pd.api.extensions.ExtensionArray:
    """A string column with every value missing, filled in C by ``take``."""
    return pd.array(np.array([], dtype=object), dtype=dtype).take(np.full(size, -1),
                                                                   allow_fill=True)


def _text_array(values: Cells, dtype: pd.StringDtype,
                array: np.ndarray | None = None) -> pd.api.extensions.ExtensionArray:
    """A string column from text cells, blank ("") ones missing.

    ``array``, when given, holds the same cells (the raw column's own array) and saves
    making one. pandas checks each missing value it is given one by one, slowly; so the
    text cells alone become the string array, and ``take`` spreads them out, filling
    the blanks with missing values in C.
    """
    if array is None:
        array = np.array(values, dtype=object)
    if "" not in values:
        return pd.array(array, dtype=dtype)
    present = array != ""
    texts = pd.array(array[present], dtype=dtype, copy=False)
    positions = np.cumsum(present) - 1
    positions[~present] = -1
    return texts.take(positions, allow_fill=True)


def _complete_names(columns: dict[str, Cells]) -> None:
    """Name from first + last where missing; first/last split from the name where both are.

    When the file has no name column (LinkedIn), every name is made from its parts, and
    no row can have a name without them.
    """
    names, firsts, lasts = columns["name"], columns["first_name"], columns["last_name"]
    if names.count("") == len(names):
        columns["name"] = ([f"{first} {last}" for first, last in zip(firsts, lasts, strict=True)]
                           if "" not in firsts and "" not in lasts else
                           [f"{first} {last}" if first and last else first or last
                            for first, last in zip(firsts, lasts, strict=True)])
        return
    names = [name or (f"{first} {last}" if first and last else first or last)
             for name, first, last in zip(names, firsts, lasts, strict=True)]
    firsts, lasts = list(firsts), list(lasts)
    for position, (name, first, last) in enumerate(zip(names, firsts, lasts, strict=True)):
        if name and not first and not last:
            first, last = split_name(name)
            firsts[position], lasts[position] = first or "", last or ""
    columns.update(name=names, first_name=firsts, last_name=lasts)


def contact_ids(names: Cells, emails: Cells, urls: Cells, companies: Cells) -> list[str]:
    """``contacts.make_contact_id`` for whole columns: LinkedIn URL, else e-mail, else name.

    The keys are built in one pass, with every address lowered in one call, and hashed in
    one call; only people with neither address pay for ``normalise_key``. When every
    address is a LinkedIn one in its tidy form (a LinkedIn export), every key is
    "url:" and the address, and ``_url_keys`` makes them all at once.
    """
    if not urls:
        return []
    joined = "\x00".join(urls)
    lowered = lower(joined)
    if ("\x00" + joined).count("\x00" + _LINKEDIN) == len(urls):
        keys = _url_keys(lowered)
        if len(keys) == len(urls):  # else an address held a NUL
            return hash_keys(keys)
    lowered_urls = _split(lowered, len(urls))
    if lowered_urls is None:
        lowered_urls = [url.lower() for url in urls]
    return hash_keys([
        "url:" + low if url and "linkedin.com" in url
        else "email:" + email if email
        else "name:" + normalise_key(name) + "|" + normalise_key(company)
        for name, email, url, low, company in zip(names, emails, urls, lowered_urls, companies,
                                                  strict=True)
    ])


def _url_keys(lowered: str) -> list[bytes]:
    """"url:" and each lowered address, as the UTF-8 bytes that ``hash_keys`` would hash.

    Made by whole-column calls (replace, encode, split) instead of a concatenation and an
    encoding per person.
    """
    return (b"url:" + lowered.encode("utf-8").replace(b"\x00", b"\x00url:")).split(b"\x00")
