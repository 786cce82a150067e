"""The canonical contacts table's columns, and how one value of each is tidied.

The schema (``COLUMNS`` and their dtypes) and the per-value helpers (tidy text, e-mail,
phone, profile address, dates, vocabulary codes, identity keys) that both the
row-at-a-time rules in ``contacts`` and the whole-column fast path in ``_canonical`` are
built on. Kept apart from both so that neither has to import the other: ``contacts``
imports ``_canonical``, and both import this module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

from networking_kit.vocab import Context, TieStrength, Trust


class ContactImportError(ValueError):
    """A contacts file could not be read; the message names the file, the line and what to do.

    It is a ValueError so that callers who only know the standard library can still catch it.
    """

    def __init__(self, problem: str, *, file: str | None = None, line: int | None = None):
        self.problem = problem
        self.file = file
        self.line = line
        where = ""
        if file:
            where = f"{file}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        super().__init__(f"{where}{problem}")


class ContactValidationError(ValueError):
    """A contacts table breaks the schema; ``problems`` lists each one in plain words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{shown}{more}")


@dataclass(frozen=True)
class Column:
    """One column of the canonical table: its name, its kind of value and what it means."""

    name: str
    kind: str  # "text", "date" or "category"
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("contact_id", "text", "stable identifier, kept across re-imports and edits"),
    Column("name", "text", "full name as the participant would say it"),
    Column("first_name", "text", "given name"),
    Column("last_name", "text", "family name"),
    Column("email", "text", "e-mail address, lower case"),
    Column("phone", "text", "phone number, digits with an optional leading +"),
    Column("company", "text", "organisation they work for"),
    Column("position", "text", "job title"),
    Column("url", "text", "profile address, e.g. LinkedIn"),
    Column("connected_on", "date", "when the connection was made (e.g. on LinkedIn)"),
    Column("source", "text", "where the row came from (Source: linkedin, generic, manual…)"),
    Column("context", "category", "where the participant knows them from (Context)"),
    Column("strength", "category", "tie strength (TieStrength); empty means not yet sorted"),
    Column("last_contact", "date", "when the participant was last in touch"),
    Column("can_help_with", "text", "what they know or could help with"),
    Column("i_can_offer", "text", "what the participant could offer them"),
    Column("trust", "category", "how far the participant trusts them (Trust)"),
    Column("notes", "text", "the participant's own notes"),
    Column("tags", "text", "the participant's labels, separated by semicolons"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
# What the page calls a field, where a participant picks or compares fields (the import's
# column form, a possible duplicate's differences).
FIELD_LABELS: dict[str, str] = {
    "name": "Full name", "first_name": "First name", "last_name": "Last name",
    "email": "E-mail", "phone": "Phone", "company": "Company or organisation",
    "position": "Job title", "url": "LinkedIn or web address",
    "connected_on": "Date you connected", "notes": "Notes", "context": "Where from",
    "strength": "How close", "last_contact": "Last in touch", "trust": "Trust",
    "can_help_with": "What they know or could help with",
    "i_can_offer": "What I could offer them", "tags": "Field and labels",
}
TEXT_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "text")
DATE_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "date")
# The vocabularies a column may hold; each member has a ``label`` (see ``vocab``).
Vocabulary = type[Context] | type[TieStrength] | type[Trust]
CATEGORIES: dict[str, Vocabulary] = {
    "context": Context,
    "strength": TieStrength,
    "trust": Trust,
}
# Fields that are the participant's own judgement: an import never overwrites them (it
# may fill one left empty, like every other field; see ``contacts_merge.merge_contacts``).
PARTICIPANT_FIELDS = (
    "context", "strength", "last_contact", "can_help_with", "i_can_offer", "trust", "notes", "tags",
)


def _category_dtype(vocabulary: Vocabulary) -> pd.CategoricalDtype:
    # Tie strength is ordered so that ``strength >= "close"`` and sorting mean something.
    ordered = vocabulary is TieStrength
    values = [v.value for v in vocabulary]
    if ordered:
        values = list(reversed(values))  # ascending: dormant < acquaintance < … < closest
    return pd.CategoricalDtype(values, ordered=ordered)


TEXT_DTYPE = pd.StringDtype()
DATE_DTYPE: Literal["datetime64[s]"] = "datetime64[s]"
CATEGORY_DTYPES: dict[str, pd.CategoricalDtype] = {
    name: _category_dtype(vocab) for name, vocab in CATEGORIES.items()}
# Every column's dtype: text columns TEXT_DTYPE, dates DATE_DTYPE, vocabularies their
# CATEGORY_DTYPES entry. Use those when the kind of column is known: the union here is
# deliberately wide (ExtensionDtype, not StringDtype | CategoricalDtype) until _canonical
# indexes CATEGORY_DTYPES, because pandas-stubs resolves Categorical.from_codes on the
# narrow union to Categorical[int].
DTYPES: dict[str, ExtensionDtype | Literal["datetime64[s]"]] = {
    **dict.fromkeys(TEXT_COLUMNS, TEXT_DTYPE),
    **dict.fromkeys(DATE_COLUMNS, DATE_DTYPE),
    **CATEGORY_DTYPES,
}


def contact_record(row: pd.Series) -> dict[str, Any]:
    """One row of the contacts table as ``{column: value}`` (``Series.to_dict``'s values;
    missing ones are NA or NaT)."""
    return {str(column): value for column, value in row.to_dict().items()}


def empty_contacts() -> pd.DataFrame:
    """An empty table with every canonical column and its dtype."""
    return pd.DataFrame({name: pd.Series(dtype=DTYPES[name]) for name in COLUMN_NAMES})


# ---------------------------------------------------------------------------- normalising


_SPACES = re.compile(r"\s+")


def is_missing(value: object) -> bool:
    """None, pandas' NA or NaT, or a float NaN: no value at all."""
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def tidy_text(value: object) -> str | None:
    """Trim, collapse inner whitespace and normalise Unicode; blank becomes None."""
    if is_missing(value):
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = _SPACES.sub(" ", text).strip()
    return text or None


def tidy_note(value: object) -> str | None:
    """``tidy_text`` a line at a time: a note keeps its line breaks (CR LF and CR become
    LF), each line trimmed and its spaces collapsed, blank lines at either end dropped;
    blank becomes None. (A tester's "- likes jazz", "and fado" on two lines came back
    from our own export as one line.)"""
    if is_missing(value):
        return None
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip("\n")
    return text or None


def tidy_email(value: object) -> str | None:
    """Lower-case and trim an e-mail address; ``mailto:`` prefixes are dropped."""
    text = tidy_text(value)
    if text is None:
        return None
    text = text.removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()
    return text or None


_PHONE_KEEP = re.compile(r"[^\d+]")


_SCIENTIFIC = re.compile(r"\+?\d+(?:[.,]\d+)?[eE]\+\d+")


def shortened_by_excel(text: str) -> bool:
    """Whether ``text`` is a number as Excel shows a long one ("4.91701E+11"): a phone
    number saved so has lost its last digits (found by a tester: it became 49170111)."""
    return _SCIENTIFIC.fullmatch(text.strip()) is not None


def tidy_phone(value: object) -> str | None:
    """Keep the digits and a leading + (``00`` becomes ``+``), so numbers compare equal.

    Extensions ("x123", "ext. 4") are kept after " x" because dropping them loses a way
    to reach the person. A number Excel wrote in scientific notation ("4.91701E+11")
    has lost its last digits: None (:func:`shortened_by_excel`), never another number.
    """
    text = tidy_text(value)
    if text is None or shortened_by_excel(text):
        return None
    extension = ""
    match = re.search(r"(?:ext\.?|x|#)\s*(\d+)\s*$", text, flags=re.IGNORECASE)
    if match:
        extension = f" x{match.group(1)}"
        text = text[: match.start()]
    plus = text.lstrip().startswith("+")
    digits = _PHONE_KEEP.sub("", text).replace("+", "")
    if not digits:
        return None
    if not plus and digits.startswith("00"):
        plus, digits = True, digits[2:]
    return ("+" if plus else "") + digits + extension


def tidy_url(value: object) -> str | None:
    """Trim a profile address and give it a scheme; LinkedIn addresses lose query and slash."""
    text = tidy_text(value)
    if text is None:
        return None
    text = text.replace(" ", "")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, flags=re.IGNORECASE):
        text = "https://" + text
    if "linkedin.com" in text.lower():
        text = text.split("?", 1)[0].split("#", 1)[0].rstrip("/")
        text = re.sub(r"^https?://(www\.)?linkedin\.com", "https://www.linkedin.com", text,
                      flags=re.IGNORECASE)
    return text


_DATE_FORMATS = (
    "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d/%m/%Y", "%d.%m.%Y",
    "%Y/%m/%d", "%d-%b-%y", "%d-%b-%Y", "%b %d %Y", "%Y%m%d", "%d %b %y",
)


def parse_date(value: object) -> pd.Timestamp | None:
    """Read a date in the forms contact exports use (``12 Nov 2023``, ISO, ``31/12/2023``).

    Day-first is assumed for slashes: the exports that write month-first (US Outlook) are
    read by their own importer, which says so. Returns None for blank or unreadable text so
    that one odd date never costs a participant the whole contact.
    """
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.normalize().as_unit("s")
    text = tidy_text(value)
    if text is None or not any(character.isdigit() for character in text):
        # Every form has digits; pandas would read "today" or "now" as the day it is run.
        return None
    text = text.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", text) else text
    for fmt in _DATE_FORMATS:
        try:
            stamp = pd.to_datetime(text, format=fmt)
        except (ValueError, OverflowError):
            continue
        if 1900 <= stamp.year <= 2200:
            return stamp.normalize().as_unit("s")
    return None


def category_value(column: str, value: object) -> str | None:
    """Accept a code (``close``), a label or an enum member; None when blank."""
    text = tidy_text(value)
    if text is None:
        return None
    vocabulary = CATEGORIES[column]
    lowered = text.lower()
    for member in vocabulary:
        if lowered in (member.value, member.name.lower(), member.label.lower()):
            return member.value
    return text  # left as is so that validation can name it


_FIELD_TIDIERS = {"email": tidy_email, "phone": tidy_phone, "url": tidy_url}


def field_value(column: str, value: object) -> str | None:
    """One field as the workbook file stores it (tidy text, ISO date or vocabulary code).

    The quick path for a single edit in a form: it checks just this value, so saving a
    click does not re-check a whole row. Raises ContactValidationError in plain words.
    """
    if column not in COLUMN_NAMES or column == "contact_id":
        raise ContactValidationError([f"{column} is not a field that can be changed"])
    if column in DATE_COLUMNS:
        if tidy_text(value) is None and not isinstance(value, pd.Timestamp | date):
            return None
        stamp = parse_date(pd.Timestamp(value) if isinstance(value, date) else value)
        if stamp is None:
            raise ContactValidationError([f"{column} '{value}' is not a date we can read"])
        return stamp.date().isoformat()
    if column in CATEGORIES:
        code = category_value(column, value)
        allowed = [m.value for m in CATEGORIES[column]]
        if code is not None and code not in allowed:
            raise ContactValidationError(
                [f"{column} '{value}' is not one of: {', '.join(allowed)}"])
        return code
    text = _FIELD_TIDIERS.get(column, tidy_text)(value)
    if column == "name" and text is None:
        raise ContactValidationError(["the contact has no name"])
    return text


def split_name(name: str) -> tuple[str | None, str | None]:
    """Split a full name into first and last, keeping credentials out of the last name."""
    core = re.split(r",\s*", name, maxsplit=1)[0].strip()
    parts = core.split(" ")
    if len(parts) == 1:
        return parts[0] or None, None
    return " ".join(parts[:-1]), parts[-1]


def normalise_key(text: str | None) -> str:
    """Fold a name or company for matching: no accents, no punctuation, lower case."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = re.sub(r"[^\w\s]", " ", stripped.casefold())
    return _SPACES.sub(" ", stripped).strip()


def make_contact_id(name: str | None, email: str | None, url: str | None,
                    company: str | None) -> str:
    """An identifier derived from who the person is, so the same person gets the same id.

    It is computed once, when a contact first enters the workbook, and never recomputed:
    a later edit to the e-mail does not change the id that follow-ups point to.
    """
    if url and "linkedin.com" in url:
        key = "url:" + url.lower()
    elif email:
        key = "email:" + email
    else:
        key = "name:" + normalise_key(name) + "|" + normalise_key(company)
    return hash_keys([key])[0]


def hash_keys(keys: list[str] | list[bytes]) -> list[str]:
    """Opaque ids for identity keys: ``c`` and 15 hex digits of a 64-bit SipHash.

    The key holds an e-mail or a profile address, which should not travel into exports
    as an id, so it is hashed. pandas hashes a whole column in C (SipHash-2-4 with a
    fixed key, unchanged since pandas 0.20), which keeps LinkedIn's 30,000-row maximum
    quick; ids are made once and stored, so they need to be stable, not secret. A key
    may be given as its UTF-8 bytes, the bytes pandas hashes for text (same id): encoding
    a whole column in one call is quicker than pandas encoding each key.
    """
    if not keys:
        return []
    return ids_of(key_hashes(keys))


def key_hashes(keys: list[str] | list[bytes]) -> np.ndarray:
    """The ids of ``hash_keys`` as numbers (uint64): two ids are the same when their
    numbers are, which a whole column checks far quicker than it compares the text."""
    # fromiter: np.array looks into each long string first (_cells.object_array)
    column = np.fromiter(keys, dtype=object, count=len(keys))
    hashed = pd.util.hash_array(column, categorize=False)
    return (hashed >> np.uint64(4)) | np.uint64(0xC << 60)  # top hex digit "c", then 15


def ids_of(hashes: np.ndarray) -> list[str]:
    """The ids that ``key_hashes`` gave as numbers: each one's 16 hex digits."""
    if not len(hashes):
        return []
    return hashes.astype(">u8").tobytes().hex(" ", 8).split(" ")
