"""The canonical table from raw cells, a column at a time.

Tidying one row at a time is clear but takes seconds for LinkedIn's 30,000-connection
maximum, and pandas' ``.str`` methods are Python loops too when pyarrow is not installed.
This module checks a whole column at once ("is anything here more than plain,
single-spaced text?") and takes the per-value helpers from ``contacts`` only for the
values that need them. ``contacts.normalise_contacts`` is built on it;
``tests/test_importers_properties.py`` checks it against a row-at-a-time reference made
from those same per-value helpers.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import numpy as np
import pandas as pd

from networking_kit.contacts import (
    CATEGORIES,
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

Cells = list[str | None]

# Everything ``str.split()``/``\s`` treats as white space besides the plain space.
_ODD_SPACE_ASCII = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ODD_SPACE = _ODD_SPACE_ASCII + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_NEEDS_TIDY = re.compile(f"[{re.escape(_ODD_SPACE)}]|  ")


def cells(values: pd.Series | list) -> list[str]:
    """Column values as strings, "" for anything missing."""
    items = values.tolist() if isinstance(values, pd.Series) else list(values)
    try:
        "\x00".join(items)  # succeeds only when every value is already a string
    except TypeError:
        return [v if isinstance(v, str) else ("" if _missing(v) else str(v)) for v in items]
    return items


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _plain(joined: str) -> bool:
    """True when no value needs more than trimming: NFC already, no odd or double spaces."""
    if "  " in joined or not unicodedata.is_normalized("NFC", joined):
        return False
    spaces = _ODD_SPACE_ASCII if joined.isascii() else _ODD_SPACE
    return not any(space in joined for space in spaces)


def tidy_cells(values: list[str]) -> Cells:
    """``tidy_text`` over a column of strings; plain columns take a fast path."""
    joined = "\x00".join(values)
    if _plain(joined):
        if " \x00" in joined or "\x00 " in joined or joined[:1] == " " or joined[-1:] == " ":
            return [v.strip() or None for v in values]
        return [v or None for v in values]
    return [tidy_text(v) if _NEEDS_TIDY.search(v) or not v.isascii() else (v.strip() or None)
            for v in values]


def _emails(values: list[str]) -> Cells:
    tidied = tidy_cells(values)
    joined = "\x00".join(v for v in tidied if v)
    if "mailto:" in joined or "MAILTO:" in joined:
        return [tidy_email(v) for v in tidied]
    if not tidied:
        return []
    lowered = "\x00".join(v or "" for v in tidied).lower().split("\x00")
    return [v or None for v in lowered]


_LINKEDIN = "https://www.linkedin.com/"


def _urls(values: list[str]) -> Cells:
    """``tidy_url``; addresses already in LinkedIn's tidy form are kept as they are."""
    tidied = tidy_cells(values)
    present = [v for v in tidied if v]
    joined = "\x00" + "\x00".join(present) + "\x00"
    if (joined.count("\x00" + _LINKEDIN) == len(present) and "/\x00" not in joined
            and not any(mark in joined for mark in " ?#")):
        return tidied  # every address is already in LinkedIn's tidy form
    cache: dict[str, str | None] = {}
    out: Cells = []
    for value in tidied:
        if value is None:
            out.append(None)
        elif (value.startswith(_LINKEDIN) and not value.endswith("/")
              and " " not in value and "?" not in value and "#" not in value):
            out.append(value)
        else:
            if value not in cache:
                cache[value] = tidy_url(value)
            out.append(cache[value])
    return out


def _phones(values: list[str]) -> Cells:
    cache: dict[str, str | None] = {}
    out: Cells = []
    for value in tidy_cells(values):
        if value is not None and value not in cache:
            cache[value] = tidy_phone(value)
        out.append(None if value is None else cache[value])
    return out


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


def dates(values: list[str]) -> np.ndarray:
    """``parse_date`` over a column, one parse per distinct value (exports repeat dates)."""
    tidied = tidy_cells(values)
    codes, uniques = pd.factorize(np.array(tidied, dtype=object), use_na_sentinel=True)
    parsed = []
    for text in uniques:
        quick = _quick_date(text)
        if quick is None:
            stamp = parse_date(text)
            quick = None if stamp is None else stamp.date().isoformat()
        parsed.append(quick or "NaT")
    as_dates = np.array(parsed, dtype="datetime64[s]")
    result = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[s]")
    present = codes >= 0
    result[present] = as_dates[codes[present]]
    return result


_SPECIAL = {"email": _emails, "url": _urls, "phone": _phones}


def canonicalise(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    """The canonical table from ``raw`` (canonical column names, text cells).

    The same result as ``contacts.normalise_contacts(raw, source=source)``; rows without
    a name keep NA there, for the caller to report and drop.
    """
    size = len(raw)
    columns: dict[str, Cells] = {}
    for name in TEXT_COLUMNS:
        if name in raw.columns:
            columns[name] = _SPECIAL.get(name, tidy_cells)(cells(raw[name]))
        else:
            columns[name] = [None] * size
    _complete_names(columns)
    columns["source"] = [v if v is not None else source for v in columns["source"]]
    ids = columns["contact_id"]
    if ids.count(None) == size:
        columns["contact_id"] = contact_ids(
            columns["name"], columns["email"], columns["url"], columns["company"])
    elif None in ids:
        missing = [i for i, v in enumerate(ids) if v is None]
        fresh = contact_ids(*([columns[c][i] for i in missing]
                              for c in ("name", "email", "url", "company")))
        for position, contact_id in zip(missing, fresh, strict=True):
            ids[position] = contact_id
    data: dict[str, object] = {}
    for name in COLUMN_NAMES:
        if name in DATE_COLUMNS:
            data[name] = (dates(cells(raw[name])) if name in raw.columns
                          else np.full(size, np.datetime64("NaT"), dtype="datetime64[s]"))
        elif name in CATEGORIES:
            data[name] = pd.Categorical.from_codes(np.full(size, -1), dtype=DTYPES[name])
        else:
            data[name] = _text_array(columns[name], DTYPES[name])
    return pd.DataFrame(data, index=pd.RangeIndex(size))


def _text_array(values: Cells, dtype: pd.StringDtype) -> pd.api.extensions.ExtensionArray:
    """A string column from text-or-None cells; the many all-blank columns are made at once."""
    if values.count(None) == len(values):
        return pd.array(np.full(len(values), dtype.na_value, dtype=object), dtype=dtype)
    return pd.array(values, dtype=dtype)


def _complete_names(columns: dict[str, Cells]) -> None:
    """Name from first + last where missing; first/last split from the name where both are."""
    names, firsts, lasts = columns["name"], columns["first_name"], columns["last_name"]
    names[:] = [name if name is not None or not (first or last)
                else f"{first} {last}" if first and last else (first or last)
                for name, first, last in zip(names, firsts, lasts, strict=True)]
    for position, (name, first, last) in enumerate(zip(names, firsts, lasts, strict=True)):
        if name and first is None and last is None:
            firsts[position], lasts[position] = split_name(name)


def contact_ids(names: Cells, emails: Cells, urls: Cells, companies: Cells) -> list[str]:
    """``contacts.make_contact_id`` for whole columns: LinkedIn URL, else e-mail, else name.

    The keys are built in one pass, with every address lowered in one call, and hashed in
    one call; only people with neither address pay for ``normalise_key``.
    """
    joined = "\x00".join(url or "" for url in urls)
    lowered = (joined.lower().split("\x00") if joined.count("\x00") == len(urls) - 1
               else [(url or "").lower() for url in urls])
    return hash_keys([
        "url:" + low if url and "linkedin.com" in url
        else "email:" + email if email
        else "name:" + normalise_key(name) + "|" + normalise_key(company)
        for name, email, url, low, company in zip(names, emails, urls, lowered, companies,
                                                  strict=True)
    ])
