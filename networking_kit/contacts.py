"""The canonical contacts table: one schema that every importer produces and every step reads.

A participant's contacts live in a pandas DataFrame with the columns in ``COLUMNS``.
Importers normalise into it, the store saves it, the map and the follow-ups read it.
Keeping one shape means a new source of contacts never touches the rest of the toolkit.
The columns and the per-value tidying live in ``contact_fields`` (re-exported here, so
``networking_kit.contacts`` stays the one place to import them from); this module
normalises and validates whole tables. De-duplication and merge live in ``contacts_merge``.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from networking_kit._canonical import canonicalise
from networking_kit.contact_fields import CATEGORIES as CATEGORIES
from networking_kit.contact_fields import CATEGORY_DTYPES, category_value
from networking_kit.contact_fields import COLUMN_NAMES as COLUMN_NAMES
from networking_kit.contact_fields import COLUMNS as COLUMNS
from networking_kit.contact_fields import DATE_COLUMNS as DATE_COLUMNS
from networking_kit.contact_fields import DTYPES as DTYPES
from networking_kit.contact_fields import PARTICIPANT_FIELDS as PARTICIPANT_FIELDS
from networking_kit.contact_fields import TEXT_COLUMNS as TEXT_COLUMNS
from networking_kit.contact_fields import Column as Column
from networking_kit.contact_fields import ContactImportError as ContactImportError
from networking_kit.contact_fields import ContactValidationError as ContactValidationError
from networking_kit.contact_fields import contact_record as contact_record
from networking_kit.contact_fields import empty_contacts as empty_contacts
from networking_kit.contact_fields import field_value as field_value
from networking_kit.contact_fields import hash_keys as hash_keys
from networking_kit.contact_fields import make_contact_id as make_contact_id
from networking_kit.contact_fields import normalise_key as normalise_key
from networking_kit.contact_fields import parse_date as parse_date
from networking_kit.contact_fields import split_name as split_name
from networking_kit.contact_fields import tidy_email as tidy_email
from networking_kit.contact_fields import tidy_phone as tidy_phone
from networking_kit.contact_fields import tidy_text as tidy_text
from networking_kit.contact_fields import tidy_url as tidy_url
from networking_kit.settings import DUNBAR_LAYERS as DUNBAR_LAYERS
from networking_kit.vocab import Context as Context
from networking_kit.vocab import TieStrength as TieStrength
from networking_kit.vocab import Trust as Trust


def normalise_contacts(frame: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Return ``frame`` in the canonical schema: every column, tidy values, proper dtypes.

    Missing columns are added empty; unknown columns are dropped. Names are completed from
    first/last (and the other way round); a ``contact_id`` is made where there is none.
    Vocabulary columns accept codes or plain labels; values outside the vocabulary become
    blank here, so call ``to_canonical`` (or ``validate_contacts`` on the raw values) when
    they must be refused instead. The work is done a column at a time
    (``networking_kit._canonical``), so 30,000 rows take well under a second.
    """
    raw = frame.reset_index(drop=True)
    text = pd.DataFrame(
        {name: raw[name].map(_date_text) if name in DATE_COLUMNS else raw[name]
         for name in COLUMN_NAMES if name in raw.columns and name not in CATEGORIES},
        index=raw.index)
    # No source leaves the column blank; _canonical (import slice) still types it as str.
    table = canonicalise(text, source)  # type: ignore[arg-type]
    table.attrs.pop("distinct_linkedin", None)  # for the import's duplicate check only
    table.attrs.pop("named", None)  # and its check for rows without a name
    for name in CATEGORIES:
        if name in raw.columns:
            table[name] = _categorical(name, raw[name])
    return table


def _date_text(value: object) -> object:
    """Dates and timestamps as ISO text, so the text parser reads them; text passes through."""
    if isinstance(value, pd.Timestamp | date):
        return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()
    return value


def _categorical(column: str, values: pd.Series) -> pd.Categorical:
    """The column as its vocabulary's categorical: codes, plain labels or members read
    (``category_value``, once per distinct value), unknown and blank values missing.

    Built from category positions (``Categorical.from_codes``), not by pandas matching
    the values again: a new person or two (an event, an add by hand) is normalised in a
    fraction of a millisecond per column instead of about one."""
    dtype = CATEGORY_DTYPES[column]
    slot = {value: code for code, value in enumerate(dtype.categories)}
    found: dict[object, int] = {}
    codes: list[int] = []
    for value in values.tolist():
        code = found.get(value)
        if code is None:
            code = -1 if pd.isna(value) else slot.get(category_value(column, value), -1)
            found[value] = code
        codes.append(code)
    return pd.Categorical.from_codes(codes, dtype=dtype)


def apply_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` (canonical columns) with each column cast to its ``DTYPES``."""
    frame = frame.copy()
    for name in TEXT_COLUMNS:
        frame[name] = frame[name].astype(pd.StringDtype())
    for name in DATE_COLUMNS:
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    for name in CATEGORIES:
        # Unknown values become NA here, so validate before applying dtypes when it matters.
        dtype = CATEGORY_DTYPES[name]
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
                   if category_value(column, value) not in (None, *allowed)]
        bad = values.isin(unknown)
        problems += [f"row {i}: {column} '{values.iloc[i - 1]}' is not one of: "
                     f"{', '.join(allowed)}" for i in _row_numbers(bad)]
    return problems
