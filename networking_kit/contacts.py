"""The canonical contacts table: one schema that every importer produces and every step reads.

A participant's contacts live in a pandas DataFrame with the columns in ``COLUMNS``.
Importers normalise into it, the store saves it, the map and the follow-ups read it.
Keeping one shape means a new source of contacts never touches the rest of the toolkit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd


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


class TieStrength(StrEnum):
    """How close a contact is, ordered from closest to most distant.

    The first four follow Dunbar's layers of about 5, 15, 50 and 150 people
    (Dunbar 1993; Zhou, Sornette, Hill & Dunbar 2005). ``DORMANT`` is a tie that used
    to matter and has gone quiet: often the most valuable one to re-warm.
    """

    CLOSEST = "closest"
    CLOSE = "close"
    REGULAR = "regular"
    KNOWN = "known"
    ACQUAINTANCE = "acquaintance"
    DORMANT = "dormant"

    @property
    def label(self) -> str:
        return _STRENGTH_LABELS[self]

    @property
    def short_label(self) -> str:
        """The name of the ring alone ("Closest"), for charts, tables and lists."""
        return _STRENGTH_LABELS[self].split(" — ")[0]


_STRENGTH_LABELS = {
    TieStrength.CLOSEST: "Closest — the handful I would call first",
    TieStrength.CLOSE: "Close — people I trust and talk to often",
    TieStrength.REGULAR: "In regular touch — a good working relationship",
    TieStrength.KNOWN: "Know each other — we would stop and chat",
    TieStrength.ACQUAINTANCE: "Acquaintance — met once or twice, or only online",
    TieStrength.DORMANT: "Dormant — we were in touch once, not lately",
}

# Dunbar's layers: the usual number of people at each closeness, cumulative
# (Dunbar 1993; Zhou et al. 2005, "Discrete hierarchical organization of social group sizes").
DUNBAR_LAYERS: dict[TieStrength, int] = {
    TieStrength.CLOSEST: 5,
    TieStrength.CLOSE: 15,
    TieStrength.REGULAR: 50,
    TieStrength.KNOWN: 150,
}


class Context(StrEnum):
    """Where the participant knows a contact from: a small fixed vocabulary plus ``OTHER``."""

    WORK_INSIDE = "work_inside"
    WORK_OUTSIDE = "work_outside"
    FORMER_COLLEAGUE = "former_colleague"
    ALUMNI = "alumni"
    CLIENT = "client"
    COMMUNITY = "community"
    FAMILY_FRIENDS = "family_friends"
    ONLINE = "online"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CONTEXT_LABELS[self]


_CONTEXT_LABELS = {
    Context.WORK_INSIDE: "Work, inside my organisation",
    Context.WORK_OUTSIDE: "Work, outside my organisation",
    Context.FORMER_COLLEAGUE: "Former colleague",
    Context.ALUMNI: "School or university",
    Context.CLIENT: "Client or customer",
    Context.COMMUNITY: "Community or volunteering",
    Context.FAMILY_FRIENDS: "Family and friends",
    Context.ONLINE: "Met online",
    Context.OTHER: "Somewhere else",
}


class Trust(StrEnum):
    """How far the participant trusts a contact: a recommendation rests on it."""

    HIGH = "high"
    SOME = "some"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return _TRUST_LABELS[self]


_TRUST_LABELS = {
    Trust.HIGH: "I trust them fully",
    Trust.SOME: "Some trust",
    Trust.NOT_YET: "Not yet",
}


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
    Column("source", "text", "where the row came from: linkedin, google, vcard, manual, sample…"),
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
TEXT_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "text")
DATE_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "date")
CATEGORIES: dict[str, type[StrEnum]] = {
    "context": Context,
    "strength": TieStrength,
    "trust": Trust,
}
# Fields that are the participant's own judgement: an import never overwrites them (it
# may fill one left empty, like every other field; see ``merge_contacts``).
PARTICIPANT_FIELDS = (
    "context", "strength", "last_contact", "can_help_with", "i_can_offer", "trust", "notes", "tags",
)


def _category_dtype(vocabulary: type[StrEnum]) -> pd.CategoricalDtype:
    # Tie strength is ordered so that ``strength >= "close"`` and sorting mean something.
    ordered = vocabulary is TieStrength
    values = [v.value for v in vocabulary]
    if ordered:
        values = list(reversed(values))  # ascending: dormant < acquaintance < … < closest
    return pd.CategoricalDtype(values, ordered=ordered)


DTYPES: dict[str, object] = {
    **dict.fromkeys(TEXT_COLUMNS, pd.StringDtype()),
    **dict.fromkeys(DATE_COLUMNS, "datetime64[s]"),
    **{name: _category_dtype(vocab) for name, vocab in CATEGORIES.items()},
}


def empty_contacts() -> pd.DataFrame:
    """An empty table with every canonical column and its dtype."""
    return pd.DataFrame({name: pd.Series(dtype=DTYPES[name]) for name in COLUMN_NAMES})


# ---------------------------------------------------------------------------- normalising


_SPACES = re.compile(r"\s+")


def tidy_text(value: object) -> str | None:
    """Trim, collapse inner whitespace and normalise Unicode; blank becomes None."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and value != value):
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = _SPACES.sub(" ", text).strip()
    return text or None


def tidy_email(value: object) -> str | None:
    """Lower-case and trim an e-mail address; ``mailto:`` prefixes are dropped."""
    text = tidy_text(value)
    if text is None:
        return None
    text = text.removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()
    return text or None


_PHONE_KEEP = re.compile(r"[^\d+]")


def tidy_phone(value: object) -> str | None:
    """Keep the digits and a leading + (``00`` becomes ``+``), so numbers compare equal.

    Extensions ("x123", "ext. 4") are kept after " x" because dropping them loses a way
    to reach the person.
    """
    text = tidy_text(value)
    if text is None:
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
    if text is None:
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


def _category_value(column: str, value: object) -> str | None:
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
        code = _category_value(column, value)
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
    hashed = pd.util.hash_array(np.array(keys, dtype=object), categorize=False)
    marked = (hashed >> np.uint64(4)) | np.uint64(0xC << 60)  # top hex digit "c", then 15
    return marked.astype(">u8").tobytes().hex(" ", 8).split(" ")


def normalise_contacts(frame: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Return ``frame`` in the canonical schema: every column, tidy values, proper dtypes.

    Missing columns are added empty; unknown columns are dropped. Names are completed from
    first/last (and the other way round); a ``contact_id`` is made where there is none.
    Vocabulary columns accept codes or plain labels; values outside the vocabulary become
    blank here, so call ``to_canonical`` (or ``validate_contacts`` on the raw values) when
    they must be refused instead. The work is done a column at a time
    (``networking_kit._canonical``), so 30,000 rows take well under a second.
    """
    from networking_kit._canonical import canonicalise  # it builds on this module's helpers

    raw = frame.reset_index(drop=True)
    text = pd.DataFrame(
        {name: raw[name].map(_date_text) if name in DATE_COLUMNS else raw[name]
         for name in COLUMN_NAMES if name in raw.columns and name not in CATEGORIES},
        index=raw.index)
    table = canonicalise(text, source)  # type: ignore[arg-type]
    for name in CATEGORIES:
        if name in raw.columns:
            table[name] = pd.Categorical(_category_codes(name, raw[name]), dtype=DTYPES[name])
    return table


def _date_text(value: object) -> object:
    """Dates and timestamps as ISO text, so the text parser reads them; text passes through."""
    if isinstance(value, pd.Timestamp | date):
        return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()
    return value


def _category_codes(column: str, values: pd.Series) -> pd.Series:
    """Vocabulary codes for a column, one lookup per distinct value; unknown ones blank."""
    lookup = {value: _category_value(column, value) for value in values.dropna().unique()}
    allowed = {member.value for member in CATEGORIES[column]}
    return values.map(lambda v: lookup.get(v) if lookup.get(v) in allowed else None)


def _apply_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for name in TEXT_COLUMNS:
        frame[name] = frame[name].astype(pd.StringDtype())
    for name in DATE_COLUMNS:
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    for name in CATEGORIES:
        # Unknown values become NA here, so validate before applying dtypes when it matters.
        dtype = DTYPES[name]
        known = frame[name].where(frame[name].isin(dtype.categories))
        frame[name] = pd.Categorical(known, dtype=dtype)
    return frame.reset_index(drop=True)


def validate_contacts(frame: pd.DataFrame) -> list[str]:
    """List every way ``frame`` breaks the schema, in plain words; empty means it is fine.

    Checked: all columns present, every contact has a name and an id, ids are unique, and
    the vocabulary columns hold only allowed values. Row numbers count from 1, as a
    spreadsheet would show them.
    """
    problems: list[str] = []
    missing = [name for name in COLUMN_NAMES if name not in frame.columns]
    if missing:
        problems.append("missing columns: " + ", ".join(missing))
        return problems
    for column in ("name", "contact_id"):
        blank = frame[column].map(tidy_text).isna()
        problems += [f"row {i}: the contact has no {column.replace('_id', ' id')}"
                     for i in _row_numbers(blank)]
    for column, vocabulary in CATEGORIES.items():
        allowed = {m.value for m in vocabulary}
        values = frame[column].astype(object)
        bad = values.notna() & ~values.astype(str).isin(allowed)
        problems += [f"row {i}: {column} '{values.iloc[i - 1]}' is not one of: "
                     f"{', '.join(m.value for m in vocabulary)}" for i in _row_numbers(bad)]
    ids = frame["contact_id"].dropna()
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        problems.append("the same contact_id appears more than once: " + ", ".join(duplicated))
    return problems


def _row_numbers(mask: pd.Series) -> list[int]:
    """Spreadsheet-style row numbers (from 1) where ``mask`` is true."""
    return [i + 1 for i, flagged in enumerate(mask.tolist()) if flagged]


def to_canonical(frame: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Normalise and validate in one call; raise ContactValidationError listing problems."""
    normalised = normalise_contacts(frame, source=source)
    raw_problems = _vocabulary_problems(frame)
    problems = raw_problems + validate_contacts(normalised)
    if problems:
        raise ContactValidationError(problems)
    return normalised


def _vocabulary_problems(frame: pd.DataFrame) -> list[str]:
    """Vocabulary values that normalising could not map (checked before dtypes erase them)."""
    problems = []
    for column, vocabulary in CATEGORIES.items():
        if column not in frame.columns:
            continue
        allowed = [m.value for m in vocabulary]
        values = frame[column].reset_index(drop=True)
        unknown = [value for value in values.dropna().unique()
                   if _category_value(column, value) not in (None, *allowed)]
        bad = values.isin(unknown)
        problems += [f"row {i}: {column} '{values.iloc[i - 1]}' is not one of: "
                     f"{', '.join(allowed)}" for i in _row_numbers(bad)]
    return problems


# ----------------------------------------------------------- de-duplication and merge


@dataclass(frozen=True)
class MergeCounts:
    """What a merge did, counted per incoming contact (after folding in-file duplicates).

    ``changed_ids`` are the contacts to write back: the added ones and the updated ones.
    ``filled`` says, field by field, which saved contacts gained a value
    (``{column: ids}``), so the update can write just those fields.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    changed_ids: frozenset[str] = frozenset()
    filled: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IncomingContacts:
    """An imported table made ready to merge (``prepare_incoming``): rows of one person
    folded together, ``duplicates`` how many were folded, ``keys`` its ``match_keys``."""

    frame: pd.DataFrame
    keys: pd.DataFrame
    duplicates: int


def prepare_incoming(incoming: pd.DataFrame) -> IncomingContacts:
    """The half of a merge that needs only the file: an importer does it before taking
    the workbook's write lock, so the lock is held for as short a time as possible."""
    frame, duplicates = deduplicate_contacts(incoming)
    return IncomingContacts(frame, match_keys(frame), duplicates)


_PUNCTUATION_TO_SPACE = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"
                                            or chr(c).isspace())})


def normalise_keys(values: list[str | None]) -> list[str]:
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
    company); ``email`` the address; ``person`` the folded name without credentials after a
    comma ("Jane Doe, PhD" is Jane Doe) joined to the folded company.
    """
    urls = [_linkedin_key(u) for u in _texts(frame["url"])]
    emails = [e.lower() for e in _texts(frame["email"])]
    names = normalise_keys([n.split(",", 1)[0] for n in _texts(frame["name"])])
    companies = normalise_keys(_texts(frame["company"]))
    people = [f"{n}|{c}" if n else "" for n, c in zip(names, companies, strict=True)]
    return pd.DataFrame({"url": urls, "email": emails, "person": people}, index=frame.index)


def _linkedin_key(url: str) -> str:
    """``www.linkedin.com/in/jane`` whatever the scheme, ``www.`` or letter case."""
    if "linkedin.com" not in url.lower():
        return ""
    bare = url.lower().split("://", 1)[-1]
    return bare.removeprefix("www.").rstrip("/")


def _find(keys: tuple[str, str, str], seen: tuple[dict[str, int], ...],
          url_of: dict[int, str]) -> int | None:
    """The position first seen with one of ``keys``; a different LinkedIn URL vetoes a match."""
    url = keys[0]
    for key, index in zip(keys, seen, strict=True):
        if not key or key not in index:
            continue
        found = index[key]
        other = url_of.get(found, "")
        if url and other and other != url:
            continue
        return found
    return None


def _remember(keys: tuple[str, str, str], position: int, seen: tuple[dict[str, int], ...],
              url_of: dict[int, str]) -> None:
    for key, index in zip(keys, seen, strict=True):
        if key:
            index.setdefault(key, position)
    if keys[0]:
        url_of.setdefault(position, keys[0])


def _all_distinct_linkedin(frame: pd.DataFrame) -> bool:
    """True when every row has its own LinkedIn URL: then no two rows can be one person.

    A weaker match (e-mail, name) between two different LinkedIn profiles is refused, so
    a LinkedIn export, where every row has a URL, needs no further checks. The addresses
    are lowered as one text; when that changes nothing (the usual export) they are
    compared as they are, without splitting the text again.
    """
    from networking_kit._canonical import ends_with_slash, lower  # built on this module

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


def _has_repeats(keys: pd.DataFrame) -> bool:
    return any(keys[column][keys[column] != ""].duplicated().any() for column in keys.columns)


def _as_object_columns(frame: pd.DataFrame) -> dict[str, object]:
    return {name: frame[name].astype(object).to_numpy(copy=True) for name in COLUMN_NAMES}


def _from_object_columns(columns: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(columns[name], dtype=object) for name in COLUMN_NAMES})
    return _apply_dtypes(frame.where(frame.notna(), None))


def _fill_blanks(target: dict, source: dict, pairs: list[tuple[int, int]],
                 filled: dict[str, set[int]] | None = None) -> list[bool]:
    """Copy each source value into the target where the target is blank; never overwrite.

    This is the rule for every field, and the reason it is safe for the participant's own
    judgement (``PARTICIPANT_FIELDS``: tie strength, context, notes …): an import can
    fill a field they left empty but can never replace what they wrote. Pairs are
    applied in order, so with several sources for one target the first one wins.
    ``filled`` (when given) collects, per column, the target positions that were filled.
    """
    if not pairs:
        return []
    changed = np.zeros(len(pairs), dtype=bool)
    for round_pairs in _rounds(pairs):
        numbers = np.array([n for n, _, _ in round_pairs])
        t_index = np.array([t for _, t, _ in round_pairs])
        s_index = np.array([s for _, _, s in round_pairs])
        for column in COLUMN_NAMES:
            if column == "contact_id":
                continue
            fill = _blank_mask(target[column][t_index]) & ~_blank_mask(source[column][s_index])
            if fill.any():
                target[column][t_index[fill]] = source[column][s_index[fill]]
                changed[numbers[fill]] = True
                if filled is not None:
                    filled.setdefault(column, set()).update(t_index[fill].tolist())
    return changed.tolist()


def _rounds(pairs: list[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
    """Pairs split so that each target appears once per round, keeping their order."""
    rounds: list[list[tuple[int, int, int]]] = []
    seen: dict[int, int] = {}
    for number, (t, s) in enumerate(pairs):
        depth = seen.get(t, 0)
        seen[t] = depth + 1
        if depth == len(rounds):
            rounds.append([])
        rounds[depth].append((number, t, s))
    return rounds


def _blank_mask(values: np.ndarray) -> np.ndarray:
    """True where a value is missing or an empty string."""
    mask = np.asarray(pd.isna(values), dtype=bool)
    present = ~mask
    if present.any():
        mask[present] = np.array([v == "" if isinstance(v, str) else False
                                  for v in values[present]], dtype=bool)
    return mask


def deduplicate_contacts(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Fold rows that are the same person into the first of them; return the rest and a count.

    One export can list a person twice (two Google entries, a re-sent vCard). Rows match
    on LinkedIn URL, then e-mail, then name and company; the first row keeps its id and
    gains what it lacked from the later ones.
    """
    frame = frame.reset_index(drop=True)
    if _all_distinct_linkedin(frame):
        return frame, 0
    keys = match_keys(frame)
    if not _has_repeats(keys):
        return frame, 0
    seen: tuple[dict[str, int], ...] = ({}, {}, {})
    url_of: dict[int, str] = {}
    pairs: list[tuple[int, int]] = []
    for position, row_keys in enumerate(zip(keys["url"], keys["email"], keys["person"],
                                            strict=True)):
        found = _find(row_keys, seen, url_of)
        if found is None:
            _remember(row_keys, position, seen, url_of)
        else:
            pairs.append((found, position))
            _remember(row_keys, found, seen, url_of)
    columns = _as_object_columns(frame)
    _fill_blanks(columns, columns, pairs)
    folded = {s for _, s in pairs}
    kept = [i for i in range(len(frame)) if i not in folded]
    merged = _from_object_columns(columns).iloc[kept].reset_index(drop=True)
    return merged, len(folded)


def merge_contacts(existing: pd.DataFrame, incoming: pd.DataFrame | IncomingContacts,
                   ) -> tuple[pd.DataFrame, MergeCounts]:
    """Merge imported contacts into the saved ones without duplicating anybody.

    Each incoming contact is matched to a saved one by LinkedIn URL, then e-mail, then
    name and company. A match keeps its ``contact_id`` and gains only the fields it had
    empty (so the participant's own fields, ``PARTICIPANT_FIELDS``, are never
    overwritten); everything else is added as a new contact. Returns the merged table
    (``existing``'s rows first, in order, then the added ones) and the counts. Pure:
    nothing is saved here.
    """
    existing = existing.reset_index(drop=True)
    if not isinstance(incoming, IncomingContacts):
        incoming = prepare_incoming(incoming)
    duplicates, incoming_keys, incoming = incoming.duplicates, incoming.keys, incoming.frame
    seen: tuple[dict[str, int], ...] = ({}, {}, {})
    url_of: dict[int, str] = {}
    existing_keys = match_keys(existing)
    for position, row_keys in enumerate(zip(existing_keys["url"], existing_keys["email"],
                                            existing_keys["person"], strict=True)):
        _remember(row_keys, position, seen, url_of)
    pairs: list[tuple[int, int]] = []
    new_rows: list[int] = []
    for position, row_keys in enumerate(zip(incoming_keys["url"], incoming_keys["email"],
                                            incoming_keys["person"], strict=True)):
        found = _find(row_keys, seen, url_of)
        if found is None:
            new_rows.append(position)
        else:
            pairs.append((found, position))
    target = _as_object_columns(existing)
    filled: dict[str, set[int]] = {}
    changed = _fill_blanks(target, _as_object_columns(incoming), pairs, filled)
    updated_ids = {target["contact_id"][t] for (t, _), flag in zip(pairs, changed, strict=True)
                   if flag}
    added = _unique_ids(incoming.iloc[new_rows].reset_index(drop=True),
                        set(existing["contact_id"].dropna().astype(str)))
    merged = pd.concat([_from_object_columns(target), added], ignore_index=True)
    counts = MergeCounts(
        added=len(added), updated=sum(changed), unchanged=len(pairs) - sum(changed),
        duplicates=duplicates,
        changed_ids=frozenset(updated_ids | set(added["contact_id"].astype(str))),
        filled={column: frozenset(str(target["contact_id"][t]) for t in positions)
                for column, positions in filled.items()})
    return merged, counts


def _unique_ids(frame: pd.DataFrame, taken: set[str]) -> pd.DataFrame:
    """New contacts whose id is already used by someone else get a fresh one."""
    ids = frame["contact_id"].astype(object).tolist()
    clash = False
    for position, contact_id in enumerate(ids):
        candidate, attempt = contact_id, 1
        while candidate is None or candidate in taken:
            candidate = hash_keys([f"{contact_id}:{attempt}"])[0]
            attempt += 1
        if candidate != contact_id:
            ids[position], clash = candidate, True
        taken.add(candidate)
    if clash:
        frame = frame.copy()
        frame["contact_id"] = pd.Series(ids, dtype=DTYPES["contact_id"])
    return frame
