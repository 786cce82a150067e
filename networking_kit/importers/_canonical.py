"""The canonical table from raw cells, column by column rather than row by row.

``contacts.normalise_contacts`` tidies one row at a time in Python, which is clear but
takes about a second for LinkedIn's 30,000-connection maximum. This module gives the
same values with whole-column string operations, and falls back to the per-value
helpers in ``contacts`` only for the few values that need them (accents, odd spacing,
unusual dates). ``tests/test_importers_canonical.py`` checks that both paths agree.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from networking_kit.contacts import (
    CATEGORIES,
    COLUMN_NAMES,
    DATE_COLUMNS,
    DTYPES,
    TEXT_COLUMNS,
    normalise_key,
    parse_date,
    split_name,
    tidy_phone,
    tidy_text,
    tidy_url,
)

# Values with anything but plain single-spaced ASCII go through ``tidy_text`` one by one.
_NEEDS_SLOW_TIDY = r"[\t\n\r\x0b\x0c\x1c-\x1f]|  |[^\x00-\x7f]"


def tidy_column(values: pd.Series) -> pd.Series:
    """``tidy_text`` over a whole column: trimmed, single-spaced, NFC; blanks become NA."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    slow = text.str.contains(_NEEDS_SLOW_TIDY, regex=True)
    out = text.str.strip().astype(object)
    if slow.any():
        out[slow] = text[slow].map(tidy_text)
    return out.where(out.notna() & (out != ""), None)


def _email_column(values: pd.Series) -> pd.Series:
    text = tidy_column(values)
    present = text.notna()
    cleaned = (text[present].astype(str).str.replace(r"^(?:mailto|MAILTO):", "", regex=True)
               .str.strip().str.lower())
    out = text.copy()
    out[present] = cleaned.where(cleaned != "", None)
    return out


def _url_column(values: pd.Series) -> pd.Series:
    """``tidy_url`` over a column; plain LinkedIn profile addresses take the fast path."""
    text = tidy_column(values)
    present = text.notna()
    if not present.any():
        return text
    strings = text[present].astype(str).str.replace(" ", "", regex=False)
    fast = strings.str.fullmatch(r"https://www\.linkedin\.com/[A-Za-z0-9/_%.-]*[A-Za-z0-9_%.-]")
    out = text.copy()
    out[present & fast.reindex(text.index, fill_value=False)] = strings[fast]
    slow = present & ~fast.reindex(text.index, fill_value=False)
    if slow.any():
        out[slow] = text[slow].map(tidy_url)
    return out


def _phone_column(values: pd.Series) -> pd.Series:
    text = tidy_column(values)
    present = text.notna()
    if present.any():
        unique = {value: tidy_phone(value) for value in text[present].unique()}
        text = text.copy()
        text[present] = text[present].map(unique)
    return text


_FAST_DATE_FORMATS = ("%d %b %Y", "%Y-%m-%d")


def date_column(values: pd.Series) -> pd.Series:
    """``parse_date`` over a column: LinkedIn's ``12 Nov 2023`` and ISO dates in one pass."""
    text = tidy_column(values)
    present = text.notna()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    if not present.any():
        return out
    remaining = present.copy()
    for fmt in _FAST_DATE_FORMATS:
        parsed = pd.to_datetime(text[remaining], format=fmt, errors="coerce")
        good = parsed.notna() & (parsed.dt.year >= 1900) & (parsed.dt.year <= 2200)
        if good.any():
            out[good[good].index] = parsed[good].dt.normalize().astype("datetime64[s]")
            remaining[good[good].index] = False
        if not remaining.any():
            return out
    unique = {value: parse_date(value) for value in text[remaining].unique()}
    slow = text[remaining].map(unique)
    out[remaining] = pd.to_datetime(slow).astype("datetime64[s]")
    return out


def canonicalise(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    """The canonical table from ``raw`` (canonical column names, text cells).

    Gives the same result as ``contacts.normalise_contacts(raw, source=source)``; rows
    without a name keep NA there, for the caller to report and drop.
    """
    index = pd.RangeIndex(len(raw))
    raw = raw.reset_index(drop=True)
    blank = pd.Series([None] * len(raw), index=index, dtype=object)
    columns: dict[str, pd.Series] = {}
    for name in TEXT_COLUMNS:
        columns[name] = tidy_column(raw[name]) if name in raw.columns else blank.copy()
    if "email" in raw.columns:
        columns["email"] = _email_column(raw["email"])
    if "phone" in raw.columns:
        columns["phone"] = _phone_column(raw["phone"])
    if "url" in raw.columns:
        columns["url"] = _url_column(raw["url"])
    for name in DATE_COLUMNS:
        columns[name] = (date_column(raw[name]) if name in raw.columns
                         else pd.Series(pd.NaT, index=index, dtype="datetime64[s]"))
    _complete_names(columns)
    columns["source"] = columns["source"].where(columns["source"].notna(), source)
    missing_id = columns["contact_id"].isna()
    if missing_id.any():
        columns["contact_id"] = columns["contact_id"].copy()
        columns["contact_id"][missing_id] = contact_ids(
            columns["name"][missing_id], columns["email"][missing_id],
            columns["url"][missing_id], columns["company"][missing_id])
    frame = pd.DataFrame({name: columns.get(name, blank) for name in COLUMN_NAMES}, index=index)
    for name in TEXT_COLUMNS:
        frame[name] = frame[name].astype(DTYPES[name])
    for name in CATEGORIES:
        frame[name] = pd.Categorical([None] * len(frame), dtype=DTYPES[name])
    return frame


def _complete_names(columns: dict[str, pd.Series]) -> None:
    """Name from first + last where missing; first/last split from the name where both are."""
    name, first, last = columns["name"], columns["first_name"], columns["last_name"]
    no_name = name.isna() & (first.notna() | last.notna())
    if no_name.any():
        joined = first[no_name].fillna("").astype(str) + " " + last[no_name].fillna("").astype(str)
        name = name.copy()
        name[no_name] = joined.str.strip()
    split = name.notna() & first.isna() & last.isna()
    if split.any():
        parts = name[split].astype(str).map(split_name)
        first, last = first.copy(), last.copy()
        first[split] = parts.str[0]
        last[split] = parts.str[1]
    columns["name"], columns["first_name"], columns["last_name"] = name, first, last


def contact_ids(name: pd.Series, email: pd.Series, url: pd.Series,
                company: pd.Series) -> list[str]:
    """``contacts.make_contact_id`` for whole columns: LinkedIn URL, else e-mail, else name."""
    url_text = url.fillna("").astype(str)
    email_text = email.fillna("").astype(str)
    by_url = url_text.str.contains("linkedin.com", regex=False)
    by_email = ~by_url & (email_text != "")
    keys = pd.Series("", index=name.index, dtype=object)
    keys[by_url] = "url:" + url_text[by_url].str.lower()
    keys[by_email] = "email:" + email_text[by_email]
    rest = ~by_url & ~by_email
    if rest.any():
        keys[rest] = ("name:" + key_column(name[rest]) + "|" + key_column(company[rest]))
    return ["c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:15] for key in keys]


def key_column(values: pd.Series) -> pd.Series:
    """``contacts.normalise_key`` for a whole column (plain ASCII takes the fast path)."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    slow = text.str.contains(r"[^\x00-\x7f]", regex=True)
    out = (text.str.lower().str.replace(r"[^\w\s]", " ", regex=True)
           .str.replace(r"\s+", " ", regex=True).str.strip().astype(object))
    if slow.any():
        out[slow] = text[slow].map(normalise_key)
    return out
