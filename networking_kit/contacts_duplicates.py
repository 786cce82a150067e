"""People in the workbook who may be one person twice, and what combining two of them keeps.

An import, within one file or against the saved contacts, merges two people who match
only by name only when ``contacts_matching.same_by_name`` shows them to be one (a shared
phone, a repeated line); the others are both kept and listed here, with contacts that
share an e-mail address (a hand-added person and an imported one, say), for the
participant to combine in step 2 or with ``networking-kit duplicates``. Two contacts with
different LinkedIn profile addresses are never offered: they are two people. Pure
functions on the canonical contacts table.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from networking_kit.contact_fields import CATEGORIES, FIELD_LABELS
from networking_kit.contacts_matching import match_keys
from networking_kit.dates import short_day_month_year
from networking_kit.vocab import TieStrength

SAME_EMAIL = "the same e-mail address"
SAME_NAME = "the same name at the same organisation"
SAME_NAME_ALONE = "the same name, and no organisation"
# The same name, and no e-mail or profile address in common, at different organisations
# (or one has none): issue 12 asks for these to be listed too, never merged.
SAME_NAME_ELSEWHERE = "the same name, at different organisations"
SAME_NAME_ONE_WITHOUT = "the same name; one has no organisation"


@dataclass(frozen=True)
class PossibleDuplicate:
    """Two contacts that may be one person: ``keep`` (listed first in the workbook, whose
    values win) and ``other`` (whose values fill only what ``keep`` lacks), their names,
    organisation ("" when none) and ``reason`` (``SAME_EMAIL``, ``SAME_NAME`` …)."""

    keep: str
    other: str
    keep_name: str
    other_name: str
    company: str
    reason: str

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.keep, self.other))

    def sentence(self) -> str:
        """"Jane Doe and Doe, Jane (Fernhill): the same name at the same organisation"."""
        at = f" ({self.company})" if self.company else ""
        names = (self.keep_name if self.keep_name == self.other_name
                 else f"{self.keep_name} and {self.other_name}")
        return f"{names}{at}: {self.reason}"


def possible_duplicates(contacts: pd.DataFrame,
                        kept_apart: Collection[frozenset[str]] = ()) -> list[PossibleDuplicate]:
    """Pairs of contacts with the same e-mail, or the same parsed name ("Doe, Jane" is Jane
    Doe) at the same organisation, then at another (or with none), in workbook order;
    never two different LinkedIn profiles, nor a pair the participant said are two people
    (``kept_apart``). A group of three is offered as two pairs, each with its first
    member."""
    return duplicate_index(contacts, kept_apart).pairs()


@dataclass
class DuplicateIndex:
    """What :func:`possible_duplicates` works out, kept so that people added at the end of
    the map are checked against it alone (:func:`duplicates_of`) instead of everyone
    again: per row by position the id, name, organisation and LinkedIn key; per way of
    matching (``email``, ``person``) the first position of each key; the pairs found."""

    kept_apart: frozenset[frozenset[str]]
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    first_of: dict[str, dict[str, int]] = field(
        default_factory=lambda: {"email": {}, "person": {}, "name": {}})
    # per way of matching, the first position of each (key, LinkedIn key or "")
    first_with_url: dict[str, dict[tuple[str, str], int]] = field(
        default_factory=lambda: {"email": {}, "person": {}, "name": {}})
    # per way of matching, the first position of each of a key's first few profiles
    profiles: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {"email": {}, "person": {}, "name": {}})
    found: dict[frozenset[str], PossibleDuplicate] = field(default_factory=dict)

    def pairs(self) -> list[PossibleDuplicate]:
        """The pairs found, as :func:`possible_duplicates` lists them."""
        return sorted(self.found.values(), key=lambda d: (d.keep_name.casefold(), d.keep,
                                                          d.other))


def duplicate_index(contacts: pd.DataFrame,
                    kept_apart: Collection[frozenset[str]] = ()) -> DuplicateIndex:
    """The :class:`DuplicateIndex` of the whole map (canonical contacts table)."""
    return duplicates_of(DuplicateIndex(frozenset(kept_apart)), contacts)


def duplicates_of(index: DuplicateIndex, added: pd.DataFrame) -> DuplicateIndex:
    """``index`` with the people ``added`` at the end of the map checked against it (and
    each other), in place, and returned: the same pairs as :func:`possible_duplicates` of
    the whole map, a few look-ups per person instead of reading 30,000 again. The map's
    rows never move or go between calls (a removal or an edit of a name, organisation,
    e-mail or address needs :func:`duplicate_index` again)."""
    if added.empty:
        return index
    keys = match_keys(added.reset_index(drop=True))
    start = len(index.ids)
    index.ids += added["contact_id"].astype(str).tolist()
    index.names += _texts(added["name"])
    index.companies += _texts(added["company"])
    index.urls += keys["url"].tolist()
    ids, urls = index.ids, index.urls
    people = keys["person"].tolist()
    by_key = {"email": keys["email"].tolist(), "person": people,
              "name": [person.split("|", 1)[0] for person in people]}  # without company
    for column in ("email", "person", "name"):
        first_of, first_at = index.first_of[column], index.first_with_url[column]
        profiles = index.profiles[column]
        for position, key in enumerate(by_key[column], start):
            if not key:
                continue
            url = urls[position]
            first = first_of.setdefault(key, position)
            at = first_at.setdefault((key, url), position)
            if url and at == position:  # a profile not met before under this key
                seen = profiles.setdefault(key, [])
                if len(seen) < _PROFILES_PAIRED:
                    seen.append(position)
            if first == position:
                continue
            if url:
                # The first with this key, else the first with this key and this profile
                # address or none: two copies of a second Wei Zhang (another profile than
                # the first's) are still offered as a pair.
                candidates = [first] if not urls[first] or urls[first] == url else []
                candidates += [p for p in (at, first_at.get((key, ""))) if p is not None]
                chosen = next((p for p in sorted(set(candidates)) if p != position and
                               frozenset((ids[p], ids[position])) not in index.kept_apart),
                              None)
                found = [] if chosen is None else [chosen]
            else:
                # No profile: offered with the first, and with each of the first few
                # profiles of that key (a tester's third Jane Doe, with a phone only,
                # could be either Jane Doe with a LinkedIn profile).
                found = [p for p in sorted({first, *profiles.get(key, ())}) if p != position
                         and frozenset((ids[p], ids[position])) not in index.kept_apart]
            for earlier in found:
                pair = frozenset((ids[earlier], ids[position]))
                if pair not in index.found:
                    index.found[pair] = _possible(index, column, earlier, position)
    return index


_PROFILES_PAIRED = 3  # profiles of one key a person with no profile is offered with


def _possible(index: DuplicateIndex, column: str, first: int,
              position: int) -> PossibleDuplicate:
    """The pair of the people at ``first`` and ``position``, matched by ``column``."""
    companies = index.companies
    reason = (SAME_EMAIL if column == "email"
              else (SAME_NAME if companies[first] else SAME_NAME_ALONE)
              if column == "person"
              else SAME_NAME_ELSEWHERE if companies[first] and companies[position]
              else SAME_NAME_ONE_WITHOUT)
    return PossibleDuplicate(index.ids[first], index.ids[position], index.names[first],
                             index.names[position], companies[first], reason)


def combined_fields(keep: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """The fields ``keep`` lacks and ``other`` has ({column: other's value}): what
    combining them writes on ``keep``. Nothing ``keep`` holds is ever replaced."""
    return {column: value for column, value in other.items()
            if column != "contact_id" and not _blank(value) and _blank(keep.get(column))}


# The fields a participant compares to tell one person from two, in the order shown.
COMPARED = ("email", "phone", "company", "position", "url", "connected_on", "context",
            "strength", "last_contact", "trust", "can_help_with", "i_can_offer", "tags",
            "notes")
_LONGEST = 60  # characters of a value shown (notes can run to paragraphs)
# What tells two namesakes apart when only one holds it (not the notes or closeness).
_TELLING = ("email", "phone", "url", "position", "company")
_ALONE_SHOWN = 3


@dataclass(frozen=True)
class Difference:
    """A field both contacts hold with different values: its label (``FIELD_LABELS``)
    and each one's value as the page shows it (vocabulary labels, days as "3 Mar 2024")."""

    label: str
    keep: str
    other: str


def differences(keep: Mapping[str, Any], other: Mapping[str, Any],
                one_sided: bool = False) -> list[Difference]:
    """Where two possibly-same people differ (``COMPARED`` fields that both hold, with
    different values, case and spacing aside): what combining them would drop from
    ``other``, as ``keep``'s values win. Empty when nothing they both hold differs.
    ``one_sided`` adds the fields only one of them holds ("" on the other side), which
    tell namesakes apart (:func:`differences_sentence`)."""
    found = []
    for column in COMPARED:
        first, second = keep.get(column), other.get(column)
        if _blank(first) and _blank(second):
            continue
        if _blank(first) or _blank(second):
            if one_sided and column in _TELLING:
                found.append(Difference(FIELD_LABELS[column], *(
                    "" if _blank(value) else _shown(column, value) for value in (first, second))))
            continue
        shown = _shown(column, first), _shown(column, second)
        if shown[0].casefold() != shown[1].casefold():
            found.append(Difference(FIELD_LABELS[column], *shown))
    return found


def differences_sentence(found: list[Difference]) -> str:
    """:func:`differences` in words: "They differ in Job title: Nurse or Head of Nursing.
    Combine keeps the first of each." (the second one's value is the one combining
    drops), or that nothing they both hold differs; then, for ``one_sided`` ones, what
    only one of them holds ("Only the first has Phone: …; only the second has
    E-mail: …": which of three Jane Does a pair means, found by a tester)."""
    both = [d for d in found if d.keep and d.other]
    parts = "; ".join(f"{d.label}: {d.keep} or {d.other}" for d in both)
    words = (f"They differ in {parts}. Combine keeps the first of each." if both
             else "Nothing they both hold differs.")
    for side, whose in (("keep", "first"), ("other", "second")):
        alone = [d for d in found if not (d.keep and d.other) and getattr(d, side)]
        if alone:
            held = "; ".join(f"{d.label}: {getattr(d, side)}" for d in alone[:_ALONE_SHOWN])
            words += f" Only the {whose} has {held}."
    return words


def combined_sentence(name: str, found: list[Difference]) -> str:
    """What combining two contacts did, in words: "with the details of both" only when
    nothing they both held differed; else whose values were kept where they differed
    (the other's were dropped: found by a tester, told "the details of both")."""
    if not found:
        return f"Combined into {name}: one contact now, with the details of both."
    kept = "; ".join(f"{d.label} {d.keep} (not {d.other})" for d in found)
    return (f"Combined into {name}: one contact now. Where the two differed, the first's "
            f"were kept: {kept}.")


def _shown(column: str, value: object) -> str:
    if column in CATEGORIES:
        member = CATEGORIES[column](str(value))
        return member.short_label if isinstance(member, TieStrength) else member.label
    if isinstance(value, pd.Timestamp | date):
        return short_day_month_year(value)
    text = " ".join(str(value).split())
    return text if len(text) <= _LONGEST else text[:_LONGEST - 1].rstrip() + "…"


def _blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))  # type: ignore[call-overload]


def _texts(column: pd.Series) -> list[str]:
    return [v if isinstance(v, str) else "" for v in column.astype(object).tolist()]
