"""The map read against the goal: which targets it covers, whom to re-warm, whom to ask.

:func:`find_gaps` takes the canonical contacts table, the participant's
:class:`~networking_kit.goals.Goal` (or None before step 1 is done) and the census ties,
and returns a :class:`GapReport`: coverage per target, what is missing, ranked re-warm
and introduction suggestions, and plain sentences. Pure functions; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from networking_kit.fields import counted_sentence, match_field
from networking_kit.gaps_ranking import (
    NEIGHBOURING_FIELDS,
    IntroductionAsk,
    Rewarm,
    askable_rows,
    best,
    cold_rows,
    introductions,
    rewarm,
)
from networking_kit.network import days_since_contact, sector_of
from networking_kit.titles import seniority
from networking_kit.vocab import ASKABLE, GoalKind
from networking_kit.words import and_list, plural

if TYPE_CHECKING:
    from networking_kit.goals import Goal

# ------------------------------------------------------------------ gaps against the goal

# Only people one is already close to (``vocab.ASKABLE``), or trusts, are asked for an
# introduction: asking a favour of a weak tie as a first move is exactly what the
# workshop teaches not to do.
EMPTY_MAP_GAPS = ("Your map has nobody in it yet, so there is nothing to read against your "
                  "goal: bring in an export or add a few people by hand first.")
_SEARCHED = ("company", "position", "tags", "can_help_with", "notes")


def matches(contacts: pd.DataFrame, term: str, columns: Iterable[str] = _SEARCHED) -> pd.Series:
    """Contacts whose company, position, tags, expertise or notes mention ``term``."""
    needle = term.strip().lower()
    hit = pd.Series(False, index=contacts.index)
    if not needle:
        return hit
    for column in columns:
        hit |= contacts[column].str.lower().str.contains(needle, regex=False).fillna(False)
    return hit.astype(bool)


@dataclass(frozen=True)
class TargetCoverage:
    """How the map covers one field, community or kind of expertise the goal names."""

    target: str
    count: int
    by_strength: dict[str, int]
    sentence: str
    counted: str = ""  # which organisations were counted ("Counted: 14 at Novartis, …")


@dataclass(frozen=True)
class GapReport:
    coverage: list[TargetCoverage]
    missing: list[str]
    rewarm: list[Rewarm]
    introductions: list[IntroductionAsk]
    sentences: list[str]


@dataclass(frozen=True)
class RowReading:
    """What :func:`find_gaps` reads from each row's own words, by row position: whether
    the row is in each target's field (``fields.match_field`` over ``columns``), its
    sector (``network.sector_of``) and its seniority (``titles.seniority``). Each row's
    reading depends on that row alone, so a session keeps it and reads again only the
    rows that were added or whose words changed (:func:`reread_rows`): the word matching
    is most of ``find_gaps``' time at 30,000 contacts (issue 11)."""

    targets: tuple[str, ...]
    columns: tuple[str, ...]
    hits: dict[str, np.ndarray]  # target -> bool per row
    sector: np.ndarray  # object per row: str or None
    senior: np.ndarray  # int64 per row: 0, 1 or 2
    # Also of each row alone, kept so that a click does not read 30,000 texts again: its
    # organisation as a code into ``companies`` (int64, -1 when blank) and whether it
    # notes what they can help with (``knows``) and what the participant can offer them
    # (``offers``), bool.
    company: np.ndarray
    companies: tuple[str, ...]
    knows: np.ndarray
    offers: np.ndarray


def read_rows(contacts: pd.DataFrame, targets: Sequence[str],
              columns: Iterable[str] = _SEARCHED) -> RowReading:
    """Every row's :class:`RowReading` (``contacts``: the canonical table)."""
    columns = tuple(columns)
    codes, companies = _company_codes(contacts, ())
    return RowReading(tuple(targets), columns,
                      {t: match_field(contacts, t, columns).to_numpy(dtype=bool)
                       for t in targets},
                      sector_of(contacts).to_numpy(dtype=object),
                      seniority(contacts["position"]).to_numpy(dtype="int64"),
                      codes, companies,
                      contacts["can_help_with"].notna().to_numpy(dtype=bool),
                      contacts["i_can_offer"].notna().to_numpy(dtype=bool))


def _company_codes(contacts: pd.DataFrame, known: tuple[str, ...],
                   ) -> tuple[np.ndarray, tuple[str, ...]]:
    """Each row's organisation as a code into the returned names, which start with
    ``known`` (codes already given out) and grow by the organisations not in it; -1 for a
    row with none (not text)."""
    values = contacts["company"].to_numpy(dtype=object)
    if not known:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        names = tuple(uniques)
        if all(isinstance(n, str) for n in names):
            return codes.astype(np.int64), names
    index = {name: code for code, name in enumerate(known)}
    out = np.full(len(values), -1, dtype=np.int64)
    for at, value in enumerate(values):
        if isinstance(value, str):
            out[at] = index.setdefault(value, len(index))
    return out, tuple(index)


def reread_rows(reading: RowReading, contacts: pd.DataFrame,
                positions: Iterable[int]) -> RowReading:
    """``reading`` with the rows at ``positions``, and any row past its end (people
    appended), read again from ``contacts``; rows never move or go (a removal or a reorder
    needs :func:`read_rows`)."""
    old = len(reading.sector)
    fresh = sorted({p for p in positions if p < old} | set(range(old, len(contacts))))
    if not fresh:
        return reading
    rows = contacts.iloc[fresh]
    part = read_rows(rows, reading.targets, reading.columns)
    company, companies = _company_codes(rows, reading.companies)
    grow = len(contacts) - old

    def spliced(kept: np.ndarray, new: np.ndarray) -> np.ndarray:
        out = np.concatenate([kept, np.zeros(grow, dtype=kept.dtype)]) if grow else kept.copy()
        out[fresh] = new
        return out

    return RowReading(reading.targets, reading.columns,
                      {t: spliced(reading.hits[t], part.hits[t]) for t in reading.targets},
                      spliced(reading.sector, part.sector), spliced(reading.senior, part.senior),
                      spliced(reading.company, company), companies,
                      spliced(reading.knows, part.knows), spliced(reading.offers, part.offers))


def holds_after_event(contacts: pd.DataFrame, goal: Goal | None, before: RowReading,
                      after: RowReading, today: date) -> bool:
    """Whether :func:`find_gaps` of the map before an event (read as ``before``) still
    holds for ``contacts`` after it (read as ``after``): the event appended people and
    changed the notes and last contacts of some already there, nothing else. True only
    when no row already read changed field for any target and no appended row is in one
    (so coverage, the asks and everyone's re-warm score stay), and no appended person is
    cold or close enough to ask (so they join neither ranked list nor its count). The
    caller checks the people already in the map whose last contact moved, as for a call
    (a re-warm's date or its count can change). A goal to be better known also reads
    every row for its venues, and an empty map says so: both read again."""
    old = len(before.sector)
    if (old == 0 or (goal is not None and goal.kind == GoalKind.BETTER_KNOWN)
            or before.targets != after.targets or before.columns != after.columns):
        return False
    for target in after.targets:
        hits = after.hits[target]
        if hits[old:].any() or not np.array_equal(hits[:old], before.hits[target]):
            return False
    added = contacts.iloc[old:]
    days = days_since_contact(added, today).to_numpy(dtype=float, na_value=np.nan)
    return not (cold_rows(added["strength"], days).any() or askable_rows(added).any())


def search_columns(goal: Goal | None) -> tuple[str, ...]:
    """The columns :func:`find_gaps` searches for the goal's fields."""
    return (("can_help_with", "position", "tags")
            if goal is not None and goal.kind == GoalKind.BETTER_EQUIPPED else _SEARCHED)


def goal_targets(goal: Goal) -> list[str]:
    """What the goal asks the map about: its targets, else its audience ("who")."""
    targets = [t.strip() for t in goal.targets if t and t.strip()]
    if not targets and goal.who.strip():
        targets = [goal.who.strip()]
    return targets


def find_gaps(contacts: pd.DataFrame, goal: Goal | None,
              ties: Iterable[tuple[str, str]] = (), today: date | None = None,
              limit: int = 8, rows: RowReading | None = None) -> GapReport:
    """Read the map against the goal: who is there, what is missing, whom to re-warm or ask.

    ``goal`` is None before step 1 is done (then only re-warming is suggested); ``ties``
    are census pairs of contact ids. Results are ranked and cut to ``limit`` so step 3
    gets a short, doable list. ``rows`` is the kept :class:`RowReading` of ``contacts``
    (read here when None or made for other targets); the report is the same either way.
    """
    today = today or date.today()
    kind = goal.kind if goal is not None else None
    targets = goal_targets(goal) if goal is not None else []
    columns = search_columns(goal)
    if (rows is None or rows.targets != tuple(targets) or rows.columns != columns
            or len(rows.sector) != len(contacts)):
        rows = read_rows(contacts, targets, columns)
    coverage, relevant = [], np.zeros(len(contacts), dtype=bool)
    counted = contacts[["strength", "company"]]
    for target in targets:
        relevant |= rows.hits[target]
        coverage.append(_coverage(target, counted[rows.hits[target]], kind))
    missing = [c.target for c in coverage if c.count == 0]
    if kind == GoalKind.BETTER_KNOWN and goal is not None:
        missing += _venues_without_contacts(contacts, goal)
    job_seeking = goal is not None and bool(goal.style.looking_for_work)
    rewarmed, cold = rewarm(contacts, relevant, today, limit, job_seeking, rows.senior,
                            rows.knows, rows.offers)
    asks, introducers = introductions(contacts, rows.hits, targets, list(ties), kind, limit,
                                      rows.sector, (rows.company, rows.companies))
    sentences = _gap_sentences(kind, coverage, missing, rewarmed, cold, asks, introducers)
    if contacts.empty:
        # "Nobody is linked to fintech" is true of an empty map but says nothing useful.
        sentences = [EMPTY_MAP_GAPS]
    return GapReport(coverage, missing, rewarmed, asks, sentences)


def _coverage(target: str, found: pd.DataFrame, kind: GoalKind | None) -> TargetCoverage:
    counts = found["strength"].astype("object").fillna("unsorted").value_counts()
    by_strength = {str(k): int(v) for k, v in counts.items()}
    close = sum(by_strength.get(s, 0) for s in ASKABLE)
    count = len(found)
    if found.empty:
        verb = "can help with" if kind == GoalKind.BETTER_EQUIPPED else "is linked to"
        sentence = f"Nobody in your map {verb} {target} yet: this is a gap to fill."
    else:
        verb = ("can help with" if kind == GoalKind.BETTER_EQUIPPED
                else "connects to" if count == 1 else "connect to")
        if count == 1:
            ask = ("they are close enough to ask" if close
                   else "they are not close enough to ask yet")
        elif close == 0:
            ask = "none of them is close enough to ask yet"
        else:
            ask = f"{close:,} of them {'is' if close == 1 else 'are'} close enough to ask"
        sentence = f"{plural(count, 'person', 'people')} in your map {verb} {target}; {ask}."
    counted = counted_sentence(found)
    if counted:
        sentence += " " + counted
    return TargetCoverage(target, count, by_strength, sentence, counted)


def _venues_without_contacts(contacts: pd.DataFrame, goal: Goal) -> list[str]:
    names = [c.display_name for c in goal.commitments]
    return [n for n in names if n and not matches(contacts, n).any()]


def _gap_sentences(kind: GoalKind | None, coverage: list[TargetCoverage], missing: list[str],
                   rewarm: list[Rewarm], cold: int, introductions: list[IntroductionAsk],
                   introducers: int) -> list[str]:
    sentences = [c.sentence for c in coverage]
    if not coverage:
        sentences.append("Your goal does not name a field, community or skill yet, so the map "
                         "cannot show gaps; add one in step 1.")
    if kind == GoalKind.BETTER_KNOWN and missing:
        sentences.append(f"You know nobody yet at {and_list(missing)}: go with a small target "
                         "and you will.")
    if introductions:
        sentences.append(f"{plural(introducers, 'person', 'people')} close to you "
                         f"could open a door; start with {introductions[0].introducer}.")
    if rewarm:
        sentences.append(f"{plural(cold, 'dormant or cold contact')} could do "
                         f"with a friendly message, starting with {rewarm[0].name}.")
    return sentences


def _best(score: pd.Series, names: pd.Series, limit: int) -> pd.Index:
    """The index of the ``limit`` best rows of ``score``: highest first, then by name, then
    as they come (``gaps_ranking.best`` by labels)."""
    rows = best(score.to_numpy(dtype=float), names, np.arange(len(score)), limit)
    return score.index[rows]


__all__ = ["EMPTY_MAP_GAPS", "NEIGHBOURING_FIELDS", "GapReport", "IntroductionAsk", "Rewarm",
           "RowReading", "TargetCoverage", "find_gaps", "goal_targets", "holds_after_event",
           "matches", "read_rows", "reread_rows", "search_columns"]
