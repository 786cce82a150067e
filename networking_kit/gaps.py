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
from networking_kit.network import days_since_contact, sector_of
from networking_kit.settings import COLD_AFTER_DAYS, DORMANT_VALUE_DAYS, SENIORITY_WEIGHT
from networking_kit.titles import seniority
from networking_kit.vocab import ASKABLE, GoalKind, TieStrength, Trust
from networking_kit.words import and_list, in_sentence, plural

if TYPE_CHECKING:
    from networking_kit.goals import Goal

# ------------------------------------------------------------------ gaps against the goal

# Only people one is already close to (``vocab.ASKABLE``), or trusts, are asked for an
# introduction: asking a favour of a weak tie as a first move is exactly what the
# workshop teaches not to do.
# Fields close enough that people in one often know people in the other. A small,
# editable table: a facilitator can add their audience's fields here.
NEIGHBOURING_FIELDS: dict[str, tuple[str, ...]] = {
    "fintech": ("banking", "payments", "finance", "insurance", "software"),
    "healthcare": ("public sector", "pharma", "life sciences", "insurance"),
    "software": ("data & analytics", "fintech", "design", "consulting"),
    "data & analytics": ("software", "consulting", "research"),
    "education": ("public sector", "research", "non-profit"),
    "public sector": ("education", "healthcare", "non-profit", "consulting"),
    "energy": ("utilities", "engineering", "logistics"),
    "design": ("software", "marketing", "retail"),
    "consulting": ("software", "finance", "public sector"),
    "logistics": ("retail", "energy", "manufacturing"),
    "retail": ("logistics", "design", "marketing"),
}
EMPTY_MAP_GAPS = ("Your map has nobody in it yet, so there is nothing to read against your "
                  "goal: bring in an export or add a few people by hand first.")
_SEARCHED = ("company", "position", "tags", "can_help_with", "notes")
# How much closer an introducer is than the others, on top of the strength of their link.
_ASK_BONUS = {TieStrength.CLOSEST: 1.0, TieStrength.CLOSE: 0.6, TieStrength.REGULAR: 0.3}


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
class Rewarm:
    contact_id: str
    name: str
    reason: str
    score: float


@dataclass(frozen=True)
class IntroductionAsk:
    """Ask ``introducer`` (someone close or trusted) for an introduction towards ``towards``."""

    introducer_id: str
    introducer: str
    towards: str
    reason: str
    score: float


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


def read_rows(contacts: pd.DataFrame, targets: Sequence[str],
              columns: Iterable[str] = _SEARCHED) -> RowReading:
    """Every row's :class:`RowReading` (``contacts``: the canonical table)."""
    columns = tuple(columns)
    return RowReading(tuple(targets), columns,
                      {t: match_field(contacts, t, columns).to_numpy(dtype=bool)
                       for t in targets},
                      sector_of(contacts).to_numpy(dtype=object),
                      seniority(contacts["position"]).to_numpy(dtype="int64"))


def reread_rows(reading: RowReading, contacts: pd.DataFrame,
                positions: Iterable[int]) -> RowReading:
    """``reading`` with the rows at ``positions``, and any row past its end (people
    appended), read again from ``contacts``; rows never move or go (a removal or a reorder
    needs :func:`read_rows`)."""
    old = len(reading.sector)
    fresh = sorted({p for p in positions if p < old} | set(range(old, len(contacts))))
    if not fresh:
        return reading
    part = read_rows(contacts.iloc[fresh], reading.targets, reading.columns)
    grow = len(contacts) - old

    def spliced(kept: np.ndarray, new: np.ndarray) -> np.ndarray:
        out = np.concatenate([kept, np.zeros(grow, dtype=kept.dtype)]) if grow else kept.copy()
        out[fresh] = new
        return out

    return RowReading(reading.targets, reading.columns,
                      {t: spliced(reading.hits[t], part.hits[t]) for t in reading.targets},
                      spliced(reading.sector, part.sector), spliced(reading.senior, part.senior))


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
    coverage, relevant = [], pd.Series(False, index=contacts.index)
    matched: dict[object, list[str]] = {}
    for target in targets:
        hit = pd.Series(rows.hits[target], index=contacts.index)
        relevant |= hit
        for index in contacts.index[hit]:
            matched.setdefault(index, []).append(target)
        coverage.append(_coverage(target, contacts[hit], kind))
    missing = [c.target for c in coverage if c.count == 0]
    if kind == GoalKind.BETTER_KNOWN and goal is not None:
        missing += _venues_without_contacts(contacts, goal)
    job_seeking = goal is not None and bool(goal.style.looking_for_work)
    rewarm, cold = _rewarm(contacts, relevant, today, limit, job_seeking,
                           pd.Series(rows.senior, index=contacts.index, dtype="int64"))
    introductions, introducers = _introductions(
        contacts, matched, targets, list(ties), kind, limit,
        pd.Series(rows.sector, index=contacts.index, dtype="object"))
    sentences = _gap_sentences(kind, coverage, missing, rewarm, cold, introductions,
                               introducers)
    if contacts.empty:
        # "Nobody is linked to fintech" is true of an empty map but says nothing useful.
        sentences = [EMPTY_MAP_GAPS]
    return GapReport(coverage, missing, rewarm, introductions, sentences)


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


def _rewarm(contacts: pd.DataFrame, relevant: pd.Series, today: date, limit: int,
            job_seeking: bool, senior: pd.Series) -> tuple[list[Rewarm], int]:
    """Dormant or cold contacts, ranked by expected value rather than comfort.

    Most useful to the goal first, then trusted, then quiet for three years or more
    (``settings.DORMANT_VALUE_DAYS``: Levin, Walter & Murnighan 2011), then senior by
    their job title (``settings.SENIORITY_WEIGHT``: Walter et al. 2015, people otherwise
    pick the comfortable ties over the more valuable ones); for a participant looking for
    work, moderately weak ties ahead of the rest (Rajkumar et al. 2022). Scored a column
    at a time, so 30,000 contacts cost no more than a few hundred; only the ``limit``
    best become objects with a written reason. Returns them and the count.
    """
    strength = contacts["strength"].astype("object")
    days = days_since_contact(contacts, today)
    cold = ((strength == TieStrength.DORMANT) | (days > COLD_AFTER_DAYS)).fillna(False)
    trusted = (contacts["trust"].astype("object") == Trust.HIGH).fillna(False)
    knows, offers = contacts["can_help_with"].notna(), contacts["i_can_offer"].notna()
    long_quiet = (days >= DORMANT_VALUE_DAYS).fillna(False).astype(bool)
    weak = strength.isin([TieStrength.KNOWN, TieStrength.ACQUAINTANCE]).fillna(False)
    score = (1.0 + 3 * relevant + 1.5 * trusted + 0.5 * knows + 0.5 * offers
             + 1.0 * long_quiet + SENIORITY_WEIGHT * senior + (1.0 * weak if job_seeking else 0))
    chosen = contacts.index[cold.astype(bool)]
    best = _best(score[chosen], contacts.loc[chosen, "name"], limit)
    out = []
    for index in best:
        row = contacts.loc[index]
        reasons = []
        if relevant[index]:
            reasons.append("they connect to your goal")
        if trusted[index]:
            reasons.append("you trust them")
        if senior[index] >= 2:
            reasons.append(f"they are senior ({in_sentence(str(row['position']))})")
        if knows[index]:
            reasons.append(f"they know about {in_sentence(str(row['can_help_with']))}")
        if offers[index]:
            reasons.append(f"you can offer {in_sentence(str(row['i_can_offer']))}")
        gone = days[index]
        if pd.isna(gone):
            start = "Not in touch for a long time"
        elif int(gone) < 30:
            start = "You marked them dormant"
        else:
            start = f"Not in touch for {plural(int(gone) // 30, 'month')}"
        reason = start + (f"; {', '.join(reasons)}." if reasons else ".")
        if long_quiet[index]:
            reason += (" Ties quiet for three years or more often bring the freshest "
                       "advice.")
        elif job_seeking and weak[index]:
            reason += " People you know a little lead to new jobs more often than close friends."
        out.append(Rewarm(str(row["contact_id"]), str(row["name"]), reason,
                          float(score[index])))
    return out, len(chosen)


def _introductions(contacts: pd.DataFrame, matched: dict[object, list[str]],
                   targets: list[str], ties: list[tuple[str, str]], kind: GoalKind | None,
                   limit: int, sectors: pd.Series) -> tuple[list[IntroductionAsk], int]:
    """Close or trusted contacts who can open a door towards the goal's targets.

    In order of strength of the link: already in the target, knows someone there (from
    the census), works alongside someone there, works in a neighbouring field. Each
    reason and ``towards`` name only the targets that introducer's own link reaches, so
    the sentence is true: someone who knows a designer is not offered as a way into
    architecture just because the goal names both.
    """
    strength = contacts["strength"].astype("object")
    askable = (strength.isin(ASKABLE) | (contacts["trust"].astype("object") == Trust.HIGH))
    askable = (askable & (strength != TieStrength.DORMANT)).fillna(False).astype(bool)
    relevant = pd.Series(contacts.index.isin(list(matched)), index=contacts.index)
    keys = list(matched)  # one look-up for all rows, not one .at per row (30,000 rows)
    fields_of = dict(zip(contacts.loc[keys, "contact_id"].to_numpy(dtype=object).astype(str),
                         matched.values(), strict=True))
    # Someone already close to the participant is asked directly, never reached through
    # another person: only the field's people who are not close count as a door to open.
    close_ids = set(contacts.loc[askable.to_numpy(), "contact_id"].to_numpy(dtype=object)
                    .astype(str))
    far = {cid for cid in fields_of if cid not in close_ids}
    known_to: dict[str, list[str]] = {}
    for a, b in ties:
        if b in far:
            known_to.setdefault(a, []).append(b)
        if a in far:
            known_to.setdefault(b, []).append(a)
    at_company: dict[str, list[str]] = {}
    chosen_rows = contacts.index[relevant & ~askable]
    companies = contacts.loc[chosen_rows, "company"].to_numpy(dtype=object)
    for index, company in zip(chosen_rows, companies, strict=True):
        if isinstance(company, str):
            at_company.setdefault(company, []).extend(matched[index])
    neighbours = {n for t in targets for n in NEIGHBOURING_FIELDS.get(t.lower(), ())}
    link = pd.Series(0.0, index=contacts.index)
    link[sectors.isin(neighbours).to_numpy()] = 1.5
    link[contacts["company"].isin(list(at_company)).fillna(False).to_numpy()] = 2.5
    link[contacts["contact_id"].isin(list(known_to)).to_numpy()] = 3.5
    link[relevant.to_numpy()] = 4.0
    bonus = strength.map(_ASK_BONUS).fillna(0.0)
    score = (link + bonus).where(askable & (link > 0), 0.0)
    chosen = contacts.index[score > 0]
    best = _best(score[chosen], contacts.loc[chosen, "name"], limit)
    names = dict(zip(contacts["contact_id"].to_numpy(dtype=object),
                     contacts["name"].to_numpy(dtype=object), strict=True))
    helps = kind == GoalKind.BETTER_EQUIPPED
    out = []
    for index in best:
        row = contacts.loc[index]
        cid = str(row["contact_id"])
        if link[index] == 4.0:
            fields = _in_goal_order(targets, matched[index])
            reason = (f"they can help with {and_list(fields)} themselves, and may know others "
                      "who can" if helps
                      else f"they are close to you and already in {and_list(fields)}")
        elif link[index] == 3.5:
            known = sorted(known_to[cid], key=lambda c: str(names[c]))[:2]
            fields = _in_goal_order(targets, [f for c in known for f in fields_of[c]])
            verb = ("can help with" if helps
                    else "connects to" if len(known) == 1 else "connect to")
            reason = (f"they know {and_list([str(names[c]) for c in known])}, who {verb} "
                      f"{and_list(fields)}")
        elif link[index] == 2.5:
            fields = _in_goal_order(targets, at_company[row["company"]])
            where = "people who can help with" if helps else "people in"
            reason = f"they work at {row['company']}, alongside {where} {and_list(fields)}"
        else:
            fields = [t for t in targets
                      if sectors[index] in NEIGHBOURING_FIELDS.get(t.lower(), ())]
            reason = f"they work in {sectors[index]}, next door to {and_list(fields)}"
        out.append(IntroductionAsk(cid, str(row["name"]), and_list(fields),
                                   reason[0].upper() + reason[1:] + ".", float(score[index])))
    return out, len(chosen)


def _best(score: pd.Series, names: pd.Series, limit: int) -> pd.Index:
    """The index of the ``limit`` best rows: highest ``score`` first, then by name, then as
    they come (a stable sort on score and name), sorting only the rows that can be among
    them (scores at or above the ``limit``-th highest): the same rows in the same order."""
    values = score.to_numpy(dtype=float)
    if len(values) > limit > 0 and not np.isnan(values).any():
        cut = np.partition(values, len(values) - limit)[len(values) - limit]
        keep = values >= cut
        score, names = score[keep], names[keep]
    order = pd.DataFrame({"score": -score, "name": names})
    return order.sort_values(["score", "name"], kind="stable").index[:limit]


def _in_goal_order(targets: list[str], found: Iterable[str]) -> list[str]:
    """The goal's targets that ``found`` names, once each and in the goal's own order."""
    wanted = set(found)
    return [t for t in dict.fromkeys(targets) if t in wanted]


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
