"""How to recognise one person in two rows: the match keys, and when a match by name
alone is the same person.

:func:`match_keys` gives each row of a canonical contacts table its three keys (LinkedIn
profile, e-mail, parsed name + organisation); :func:`find_match` and :func:`remember`
index them, a different LinkedIn profile vetoing a weaker match; :func:`same_by_name`
is the one rule for two rows that share only a name and organisation, applied within one
file (``contacts_merge.deduplicate_contacts``) and between a file and the saved contacts
(``contacts_merge.merge_contacts``). Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from networking_kit._names import person_key
from networking_kit.contact_fields import COLUMN_NAMES, normalise_key

# A match key as text (:func:`match_keys`) or as its number (:func:`hashed_match_keys`).
Key = str | int
_PUNCTUATION_TO_SPACE = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"
                                            or chr(c).isspace())})


def normalise_keys(values: Sequence[str | None]) -> list[str]:
    """``normalise_key`` for a whole list; plain ASCII values take a much faster path.

    Matching 30,000 imported contacts against a workbook folds every name and company;
    one regular-expression call per value would be most of the import's time.
    """
    out: list[str] = []
    for value in values:
        if not value:
            out.append("")
        elif value.isascii():
            out.append(" ".join(value.lower().translate(_PUNCTUATION_TO_SPACE).split()))
        else:
            out.append(normalise_key(value))
    return out


def _texts(column: pd.Series) -> list[str]:
    return [v if isinstance(v, str) else "" for v in column.astype(object).tolist()]


def match_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """The three ways to recognise the same person, strongest first ("" when there is none).

    ``url`` is a LinkedIn profile address (other web pages are often shared by a whole
    company); ``email`` the address; ``person`` the folded given and family name as parsed
    (``_names.person_key``: "Doe, Jane", "Dr. Jane Doe" and "Jane Doe, PhD" are Jane Doe)
    joined to the folded company.
    """
    urls = [_linkedin_key(u) for u in _texts(frame["url"])]
    emails = [e.lower() for e in _texts(frame["email"])]
    names = normalise_keys([person_key(g, f, n) for g, f, n in zip(
        _texts(frame["first_name"]), _texts(frame["last_name"]), _texts(frame["name"]),
        strict=True)])
    companies = normalise_keys(_texts(frame["company"]))
    people = [f"{n}|{c}" if n else "" for n, c in zip(names, companies, strict=True)]
    return pd.DataFrame({"url": urls, "email": emails, "person": people}, index=frame.index)


_HASHED_PART = 100_000  # rows keyed at a time by ``hashed_match_keys``


def hashed_match_keys(frame: pd.DataFrame, part: int = _HASHED_PART) -> pd.DataFrame:
    """:func:`match_keys` as 64-bit numbers (uint64 columns ``url``, ``email``,
    ``person``; 0 where there is no key), made ``part`` rows at a time.

    A merge only asks whether two keys are equal, and the keys as text of 1.75 million
    rows took twice the file's size: the numbers take 24 bytes a row. Two different keys
    share a number with odds of about one in 10^19 per pair (the same 64-bit hash the
    in-file duplicate check uses for whole rows)."""
    return pd.concat([hash_keys_table(match_keys(frame.iloc[start:start + part]))
                      for start in range(0, len(frame), part)] or
                     [hash_keys_table(match_keys(frame))])


def hash_keys_table(keys: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`match_keys` with each key as a 64-bit number, 0 for none."""
    hashed = {}
    for column in keys.columns:
        values = keys[column].to_numpy(dtype=object)
        numbers = pd.util.hash_array(values, categorize=False)
        blank = values == ""
        numbers[(numbers == 0) & ~blank] = 1  # 0 means "no key"
        numbers[blank] = 0
        hashed[column] = numbers
    return pd.DataFrame(hashed, index=keys.index)


def _linkedin_key(url: str) -> str:
    """``www.linkedin.com/in/jane`` whatever the scheme, ``www.`` or letter case."""
    if "linkedin.com" not in url.lower():
        return ""
    bare = url.lower().split("://", 1)[-1]
    return bare.removeprefix("www.").rstrip("/")


def find_match(keys: tuple[Key, Key, Key], seen: tuple[dict[Key, int], ...],
               url_of: dict[int, Key]) -> int | None:
    """The position first seen with one of ``keys`` ((url, email, person), as in
    :func:`match_keys`, or their numbers from :func:`hashed_match_keys`; "" or 0 for
    none), tried strongest first, or None. ``seen`` holds one
    {key: position} index per kind of key, ``url_of`` each position's LinkedIn key: a
    different LinkedIn URL vetoes a match by a weaker key."""
    url = keys[0]
    for key, index in zip(keys, seen, strict=True):
        if not key or key not in index:
            continue
        found = index[key]
        if another_profile(url, url_of.get(found)):
            continue
        return found
    return None


def another_profile(url: Key, other: Key | None) -> bool:
    """Whether two LinkedIn keys (``""``, 0 or None for none) are two profiles: then the
    rows are two people, whatever else they share."""
    return bool(url and other and other != url)


def remember(keys: tuple[Key, Key, Key], position: int, seen: tuple[dict[Key, int], ...],
             url_of: dict[int, Key]) -> None:
    """Index ``keys`` under ``position`` for :func:`find_match`; a key already seen keeps
    the position it was first seen at."""
    for key, index in zip(keys, seen, strict=True):
        if key:
            index.setdefault(key, position)
    if keys[0]:
        url_of.setdefault(position, keys[0])


def all_distinct_linkedin(frame: pd.DataFrame) -> bool:
    """True when every row has its own LinkedIn URL: then no two rows can be one person.

    A weaker match (e-mail, name) between two different LinkedIn profiles is refused, so
    a LinkedIn export, where every row has a URL, needs no further checks. The addresses
    are lowered as one text; when that changes nothing (the usual export) they are
    compared as they are, without splitting the text again.
    """
    from networking_kit._canonical_ids import ends_with_slash  # built on this module
    from networking_kit._cells import lower

    values = frame["url"].tolist()
    try:
        joined = "\x00".join(values)
    except TypeError:  # a missing address
        return False
    lowered = lower(joined)
    tidy = (("\x00" + lowered).count("\x00https://www.linkedin.com/") == len(values)
            and not ends_with_slash(lowered))  # tidy form: equal keys only for equal addresses
    if not tidy:
        return False
    if lowered == joined and joined.count("\x00") == len(values) - 1:
        return len(set(values)) == len(values)
    return len(set(("\x00" + lowered + "\x00").split("\x00"))) == len(values) + 1


def has_repeats(keys: pd.DataFrame) -> bool:
    """Whether any key of :func:`match_keys`' table appears twice (blanks aside)."""
    return any(keys[column][keys[column] != ""].duplicated().any() for column in keys.columns)


_TELLING_APART = ("email", "phone", "url", "position")  # two values here: two people
_IDENTIFIERS = ("email", "phone", "url")  # one value here in common: one person


def same_by_name(saved: dict[str, np.ndarray], at: int, incoming: dict[str, np.ndarray],
                 row: int) -> bool:
    """Whether row ``row`` of ``incoming``, which matches row ``at`` of ``saved`` only by
    name and organisation, is that person (both {column: object array of the canonical
    columns}; they may be the same table, for two rows of one file): when it shares an
    e-mail, phone or profile address with it and nothing tells them apart, or when it
    brings nothing the other lacks (the same file imported again, a line repeated).
    Otherwise two people may share one name (two Wei Zhang at Huawei), so the import
    keeps both and reports "possibly the same person" instead of merging in silence."""
    shared = adds = False
    for column in COLUMN_NAMES:
        if column == "contact_id":
            continue
        mine, theirs = _folded(saved[column][at]), _folded(incoming[column][row])
        if column == "phone":
            mine, theirs = _digits(mine), _digits(theirs)
        if mine and theirs:
            if column in _TELLING_APART and mine != theirs:
                return False
            shared = shared or (column in _IDENTIFIERS and mine == theirs)
        elif theirs and not mine:
            adds = True
    return shared or not adds


def _folded(value: object) -> str:
    """A cell as folded text to compare ("" when missing); dates as their ISO text."""
    if isinstance(value, str):
        return value.strip().casefold()
    return "" if value is None or value is pd.NaT or value is pd.NA or value != value \
        else str(value)


def _digits(phone: str) -> str:
    """The digits of a phone number, so that spaces and brackets do not tell two apart."""
    return "".join(c for c in phone if c.isdigit())
