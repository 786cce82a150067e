"""Which field each person is in, read from what an export holds: organisation, job title,
tags and notes.

An export (LinkedIn's: names, organisation, job title, date connected) names no field. A
goal names one ("pharma", "health tech"). :func:`match_field` finds the people of that
field three ways at once: the words the goal typed, anywhere in the text (as before);
the field's words from ``fields.json`` at the start of a word, so "pharma" also finds
"Pharmaceuticals" and "Pharmazeutin" (a light stem match that works for English and
German); and the field's well-known organisations as whole words of the organisation
("Novartis", "F. Hoffmann-La Roche"). :func:`field_candidates` offers the participant's
own top organisations and job-title words to tick ("Which of these are in pharma?"), and
:func:`with_field` writes the answer into a person's tags. Pure functions; nothing saved.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from networking_kit.words import and_list, plural

FIELDS_FILE = "fields.json"
SEARCHED = ("company", "position", "tags", "can_help_with", "notes")
# Endings taken off a word before it is matched at the start of words: "consulting" then
# finds "consultant", "pharmaceuticals" finds "pharma…". The stem keeps 4 letters at least.
_ENDINGS = ("ations", "ation", "icals", "ical", "ings", "ing", "ers", "er", "ics", "ies",
            "es", "s")
# Job-title words too common to say anything about a field.
_TITLE_STOP = frozenset((
    "and", "the", "for", "with", "head", "lead", "leader", "senior", "junior", "manager",
    "director", "chief", "officer", "global", "associate", "assistant", "specialist",
    "principal", "team", "vice", "president", "partner", "owner", "founder", "co-founder",
    "executive", "member", "board", "group", "former", "interim", "deputy", "general",
    "international", "regional", "national", "europe", "emea", "dach", "und", "der", "die",
    "leiter", "leiterin", "geschäftsführer", "intern", "student", "consultant", "advisor"))


@dataclass(frozen=True)
class Field:
    """One field from ``fields.json``: its name, other names, words and organisations."""

    name: str
    aliases: tuple[str, ...]
    words: tuple[str, ...]
    organisations: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Candidate:
    """Something to tick in "Which of these are in pharma?": an organisation or a job-title
    word (``kind`` "organisation" or "title"), with how many people it would set."""

    kind: str
    label: str
    people: int


@lru_cache(maxsize=1)
def load_fields() -> dict[str, Field]:
    """The field vocabulary shipped as package data, by field name (lower case)."""
    raw = json.loads(resources.files("networking_kit").joinpath(FIELDS_FILE).read_text("utf-8"))
    return {name.casefold(): Field(name, tuple(entry.get("aliases", ())),
                                   tuple(entry.get("words", ())),
                                   tuple(entry.get("organisations", ())),
                                   str(entry.get("source", "")))
            for name, entry in raw["fields"].items()}


def field_for(target: str) -> Field | None:
    """The vocabulary entry a goal's target names (by name or alias), or None."""
    key = " ".join(target.casefold().split())
    for field in load_fields().values():
        if key == field.name.casefold() or key in (a.casefold() for a in field.aliases):
            return field
    return None


def stem(word: str) -> str:
    """``word`` in lower case without a common ending, keeping at least 4 letters."""
    word = word.casefold()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _word_pattern(phrase: str) -> str:
    """A phrase matched at the start of a word, each word by its stem; short words whole."""
    parts = [re.escape(stem(w)) for w in phrase.split()]
    if not parts:
        return ""
    tail = r"(?!\w)" if len(parts[-1]) < 4 else ""
    return r"(?<!\w)" + r"[\s\-/]*".join(parts) + tail


def _organisation_pattern(names: Iterable[str]) -> str:
    alternatives = sorted({re.escape(n.casefold()) for n in names if n.strip()}, key=len,
                          reverse=True)
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)" if alternatives else ""


def match_field(contacts: pd.DataFrame, target: str,
                columns: Iterable[str] = SEARCHED) -> pd.Series:
    """Boolean Series (the contacts' index): who is in ``target``'s field.

    True where any of ``columns`` contains the target as typed, or starts a word with one
    of the field's words or the target's own stems, or (organisation column only) names
    one of the field's well-known organisations. Column at a time: quick at 30,000 rows.
    """
    needle = " ".join(target.casefold().split())
    hit = pd.Series(False, index=contacts.index)
    if not needle:
        return hit
    columns = tuple(columns)
    words, organisations = _patterns(needle)
    if len(contacts) <= _FEW_ROWS:  # a few people added or edited: no column set-up
        cells = {column: contacts[column].tolist() for column in columns}
        return pd.Series([any(_matches(cells[column][at], needle, words,
                                       organisations if column == "company" else None)
                              for column in columns) for at in range(len(contacts))],
                         index=contacts.index, dtype=bool)
    for column in columns:
        # Each distinct text is matched once (an import repeats organisations and job
        # titles thousands of times): 0.7 s → a few ms a field at 30,000 contacts.
        codes, distinct = pd.factorize(contacts[column].astype("object"))
        if len(distinct) == 0:
            continue
        text = pd.Series(distinct, dtype="object").astype(str).str.casefold()
        found = (text.str.contains(needle, regex=False)
                 | text.str.contains(words.pattern, regex=True))
        if organisations is not None and column == "company":
            found |= text.str.contains(organisations.pattern, regex=True)
        matched = np.append(found.to_numpy(dtype=bool), False)  # code -1 (blank): no
        hit |= matched[codes]
    return hit.astype(bool)


_FEW_ROWS = 16  # up to this many rows ``match_field`` reads value by value


@lru_cache(maxsize=64)
def _patterns(needle: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The field's words (and the target's own stems) and its organisations, compiled
    once per target: ``match_field``'s two regular expressions."""
    field = field_for(needle)
    phrases = [needle, *(field.aliases + field.words if field else ())]
    words = "|".join(p for p in (_word_pattern(x) for x in phrases) if p)
    organisations = _organisation_pattern(field.organisations) if field else ""
    return re.compile(words), re.compile(organisations) if organisations else None


def _matches(value: object, needle: str, words: re.Pattern[str],
             organisations: re.Pattern[str] | None) -> bool:
    """``match_field``'s test of one cell (``organisations`` only for the organisation)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return False  # what factorize leaves out as blank
    text = str(value).casefold()
    return bool(needle in text or words.search(text)
                or (organisations is not None and organisations.search(text)))


def counted_sentence(found: pd.DataFrame, shown: int = 3) -> str:
    """What a gap line counted, by organisation: "Counted: 14 at Novartis, 11 at Roche and
    30 more at 8 other organisations." Empty when nobody found has an organisation."""
    if found.empty:
        return ""
    companies = found["company"].dropna().astype(str)
    if companies.empty:
        return ""  # nobody's organisation is known: the count alone says it all
    counts = companies.value_counts()
    parts = [f"{int(n):,} at {name}" for name, n in counts.head(shown).items()]
    rest_people = int(counts.iloc[shown:].sum())
    rest_orgs = max(0, len(counts) - shown)
    if rest_orgs:
        parts.append(f"{rest_people:,} more at "
                     f"{plural(rest_orgs, 'other organisation')}")
    without = len(found) - len(companies)
    if without:
        parts.append(f"{plural(without, 'person', 'people')} with no organisation recorded")
    return f"Counted: {and_list(parts)}."


def field_candidates(contacts: pd.DataFrame, target: str, limit: int = 12) -> list[Candidate]:
    """The participant's top organisations and job-title words not yet counted in
    ``target``, most people first: what to offer as "Which of these are in {target}?"."""
    counted = match_field(contacts, target)
    rest = contacts[~counted.to_numpy()]
    organisations = rest["company"].dropna().astype(str).str.strip()
    out = [Candidate("organisation", str(name), int(n))
           for name, n in organisations[organisations != ""].value_counts().head(limit).items()
           if int(n) >= 2]
    words: Counter[str] = Counter()
    # each distinct title read once, counted as often as people hold it
    for title, holders in rest["position"].dropna().astype(str).value_counts().items():
        for word in {w for w in re.findall(r"[^\W\d_][\w\-]+", str(title).casefold())
                     if len(w) >= 4 and w not in _TITLE_STOP}:
            words[word] += int(holders)
    titles = [Candidate("title", word, n) for word, n in words.most_common(limit // 2) if n >= 2]
    return out[: limit - len(titles)] + titles


def people_of(contacts: pd.DataFrame, organisations: Iterable[str] = (),
              title_words: Iterable[str] = ()) -> pd.Series:
    """Boolean Series: people at one of ``organisations`` (same name, any case) or whose
    job title has one of ``title_words`` as a whole word."""
    names = {o.strip().casefold() for o in organisations if o.strip()}
    hit = contacts["company"].astype("object").fillna("").astype(str).str.strip() \
        .str.casefold().isin(names)
    pattern = "|".join(rf"(?<!\w){re.escape(w.casefold())}(?!\w)"
                       for w in title_words if w.strip())
    if pattern:
        titles = contacts["position"].astype("object").fillna("").astype(str).str.casefold()
        hit |= titles.str.contains(pattern, regex=True)
    return hit.astype(bool)


def with_field(tags: str | None, field: str) -> str:
    """``tags`` (";"-separated) with ``field`` first: the first tag is a person's field."""
    field = field.strip().casefold()
    rest = [t.strip() for t in (tags or "").split(";")
            if t.strip() and t.strip().casefold() != field]
    return ";".join([field, *rest])


def infer_fields(contacts: pd.DataFrame) -> pd.Series:
    """Each contact's field as the organisation and job title show it: the first field
    of the vocabulary (``fields.json`` order) whose words or organisations match; None
    where none does. Object Series on the contacts' index."""
    found = pd.Series(None, index=contacts.index, dtype="object")
    for field in load_fields().values():
        open_ = found.isna().to_numpy()
        if not open_.any():
            break
        rows = contacts[open_]
        hit = match_field(rows, field.name, ("company", "position")).to_numpy()
        found.loc[rows.index[hit]] = field.name
    return found
