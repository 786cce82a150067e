"""Ranking the map for the goal: whom to re-warm, whom to ask for an introduction.

The two ranked lists of :func:`networking_kit.gaps.find_gaps`, worked on columns as numpy
arrays (one pass over 30,000 rows each, no per-row pandas look-ups): only the ``limit``
best rows become objects with a written reason. Each takes the contacts table
(canonical columns) and, per row by position, what ``gaps.RowReading`` keeps of each
row's words (whether it is in each target's field, its sector, its seniority).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from networking_kit.network import days_since_contact
from networking_kit.settings import COLD_AFTER_DAYS, DORMANT_VALUE_DAYS, SENIORITY_WEIGHT
from networking_kit.vocab import ASKABLE, GoalKind, TieStrength, Trust
from networking_kit.words import and_list, in_sentence, plural

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
# How much closer an introducer is than the others, on top of the strength of their link.
_ASK_BONUS = {TieStrength.CLOSEST: 1.0, TieStrength.CLOSE: 0.6, TieStrength.REGULAR: 0.3}


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


def is_one_of(column: pd.Series, *wanted: str) -> np.ndarray:
    """Which rows of ``column`` (a vocabulary column, usually categorical) hold one of
    ``wanted`` (False where empty), read from the category codes when it has them."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = list(column.cat.categories)
        codes = [categories.index(w) for w in wanted if w in categories]
        return np.isin(column.cat.codes.to_numpy(), codes)
    return np.asarray(column.astype("object").isin(list(wanted)), dtype=bool)


def cold_rows(strength: pd.Series, days: np.ndarray) -> np.ndarray:
    """Rows gone cold (bool per row): dormant, or last in touch more than
    ``COLD_AFTER_DAYS`` ago (``days``: float days since the last contact, NaN unknown)."""
    with np.errstate(invalid="ignore"):
        cold: np.ndarray = is_one_of(strength, TieStrength.DORMANT) | (days > COLD_AFTER_DAYS)
    return cold


def askable_rows(contacts: pd.DataFrame) -> np.ndarray:
    """Rows close enough to ask for an introduction (bool per row): an ``ASKABLE``
    closeness or full trust, and not dormant."""
    strength = contacts["strength"]
    askable: np.ndarray = ((is_one_of(strength, *ASKABLE)
                            | is_one_of(contacts["trust"], Trust.HIGH))
                           & ~is_one_of(strength, TieStrength.DORMANT))
    return askable


def rewarm(contacts: pd.DataFrame, relevant: np.ndarray, today: date, limit: int,
           job_seeking: bool, senior: np.ndarray, knows: np.ndarray | None = None,
           offers: np.ndarray | None = None) -> tuple[list[Rewarm], int]:
    """Dormant or cold contacts, ranked by expected value rather than comfort.

    Most useful to the goal first, then trusted, then quiet for three years or more
    (``settings.DORMANT_VALUE_DAYS``: Levin, Walter & Murnighan 2011), then senior by
    their job title (``settings.SENIORITY_WEIGHT``: Walter et al. 2015, people otherwise
    pick the comfortable ties over the more valuable ones); for a participant looking for
    work, moderately weak ties ahead of the rest (Rajkumar et al. 2022). ``relevant``
    (bool) and ``senior`` (int64: 0, 1 or 2) are per row by position, and so are
    ``knows`` and ``offers`` (bool: can help with / i can offer noted; read from the
    table when None). Scored a column at a time; only the ``limit`` best become objects
    with a written reason. Returns them and how many are cold.
    """
    strength = contacts["strength"]
    days = days_since_contact(contacts, today).to_numpy(dtype=float, na_value=np.nan)
    cold = cold_rows(strength, days)
    with np.errstate(invalid="ignore"):
        long_quiet = days >= DORMANT_VALUE_DAYS
    trusted = is_one_of(contacts["trust"], Trust.HIGH)
    if knows is None:
        knows = contacts["can_help_with"].notna().to_numpy(dtype=bool)
    if offers is None:
        offers = contacts["i_can_offer"].notna().to_numpy(dtype=bool)
    weak = is_one_of(strength, TieStrength.KNOWN, TieStrength.ACQUAINTANCE)
    score = (1.0 + 3 * relevant + 1.5 * trusted + 0.5 * knows + 0.5 * offers
             + 1.0 * long_quiet + SENIORITY_WEIGHT * senior + (1.0 * weak if job_seeking else 0))
    chosen = np.flatnonzero(cold)
    out = []
    for at in best(score, contacts["name"], chosen, limit):
        reasons = []
        if relevant[at]:
            reasons.append("they connect to your goal")
        if trusted[at]:
            reasons.append("you trust them")
        if senior[at] >= 2:
            reasons.append(f"they are senior ({in_sentence(str(contacts['position'].iat[at]))})")
        if knows[at]:
            reasons.append(
                f"they know about {in_sentence(str(contacts['can_help_with'].iat[at]))}")
        if offers[at]:
            reasons.append(f"you can offer {in_sentence(str(contacts['i_can_offer'].iat[at]))}")
        gone = days[at]
        if np.isnan(gone):
            start = "Not in touch for a long time"
        elif int(gone) < 30:
            start = "You marked them dormant"
        else:
            start = f"Not in touch for {plural(int(gone) // 30, 'month')}"
        reason = start + (f"; {', '.join(reasons)}." if reasons else ".")
        if long_quiet[at]:
            reason += (" Ties quiet for three years or more often bring the freshest "
                       "advice.")
        elif job_seeking and weak[at]:
            reason += " People you know a little lead to new jobs more often than close friends."
        out.append(Rewarm(str(contacts["contact_id"].iat[at]), str(contacts["name"].iat[at]),
                          reason, float(score[at])))
    return out, len(chosen)


def introductions(contacts: pd.DataFrame, hits: Mapping[str, np.ndarray],
                  targets: list[str], ties: list[tuple[str, str]], kind: GoalKind | None,
                  limit: int, sectors: np.ndarray,
                  companies: tuple[np.ndarray, Sequence[str]] | None = None,
                  ) -> tuple[list[IntroductionAsk], int]:
    """Close or trusted contacts who can open a door towards the goal's targets.

    ``hits``: target → bool per row by position (in that target's field); ``sectors``:
    each row's sector (object, None when unknown); ``companies``: each row's organisation
    as a code (int64, -1 when blank) and the names the codes stand for (factorized from
    the table when None). In order of strength of the link:
    already in the target, knows someone there (from the census), works alongside someone
    there, works in a neighbouring field. Each reason and ``towards`` name only the
    targets that introducer's own link reaches, so the sentence is true: someone who knows
    a designer is not offered as a way into architecture just because the goal names both.
    Returns the ``limit`` best and how many could open a door.
    """
    size = len(contacts)
    strength = contacts["strength"]
    askable = askable_rows(contacts)
    relevant = np.zeros(size, dtype=bool)
    for target in targets:
        relevant |= hits[target]

    def fields_at(at: int) -> list[str]:
        return [t for t in targets if hits[t][at]]

    ids = contacts["contact_id"].to_numpy(dtype=object)
    # Someone already close to the participant is asked directly, never reached through
    # another person: only the field's people who are not close count as a door to open.
    far_rows = np.flatnonzero(relevant & ~askable)
    # (only those in a census pair can be reached through someone: the others are not
    # looked up, which spares a dictionary of thousands of people on every click)
    ends = {p for pair in ties for p in pair}
    in_ties = pd.Series(ids[far_rows], dtype=object, copy=False).isin(ends).to_numpy(bool)
    far = {str(ids[at]): int(at) for at in far_rows[in_ties]} if ends else {}
    known_to: dict[str, list[str]] = {}
    for a, b in ties:
        if b in far:
            known_to.setdefault(a, []).append(b)
        if a in far:
            known_to.setdefault(b, []).append(a)
    if companies is None:
        codes, uniques = pd.factorize(contacts["company"].to_numpy(dtype=object))
        companies = (codes.astype(np.int64), [str(n) for n in uniques])
    company, names_of = companies
    at_company: dict[int, list[str]] = {}
    for target in dict.fromkeys(targets):
        for code in set(company[far_rows[hits[target][far_rows]]].tolist()):
            if code >= 0:
                at_company.setdefault(code, []).append(target)
    neighbours = {n for t in targets for n in NEIGHBOURING_FIELDS.get(t.lower(), ())}
    link = np.zeros(size, dtype=float)
    if neighbours:
        link[np.asarray(pd.Series(sectors, dtype=object, copy=False).isin(neighbours))] = 1.5
    if at_company:
        link[np.isin(company, list(at_company))] = 2.5
    if known_to:
        link[np.asarray(pd.Series(ids, copy=False).isin(known_to))] = 3.5
    link[relevant] = 4.0
    bonus = np.zeros(size, dtype=float)
    for tie, extra in _ASK_BONUS.items():
        bonus[is_one_of(strength, tie)] = extra
    score = np.where(askable & (link > 0), link + bonus, 0.0)
    chosen = np.flatnonzero(score > 0)
    helps = kind == GoalKind.BETTER_EQUIPPED
    names = contacts["name"]
    out = []
    for at in best(score, names, chosen, limit):
        cid = str(ids[at])
        if link[at] == 4.0:
            fields = _in_goal_order(targets, fields_at(at))
            reason = (f"they can help with {and_list(fields)} themselves, and may know others "
                      "who can" if helps
                      else f"they are close to you and already in {and_list(fields)}")
        elif link[at] == 3.5:
            known = sorted(known_to[cid], key=lambda c: str(names.iat[far[c]]))[:2]
            fields = _in_goal_order(targets, [f for c in known for f in fields_at(far[c])])
            verb = ("can help with" if helps
                    else "connects to" if len(known) == 1 else "connect to")
            reason = (f"they know {and_list([str(names.iat[far[c]]) for c in known])}, who "
                      f"{verb} {and_list(fields)}")
        elif link[at] == 2.5:
            fields = _in_goal_order(targets, at_company[int(company[at])])
            where = "people who can help with" if helps else "people in"
            reason = (f"they work at {names_of[int(company[at])]}, alongside {where} "
                      f"{and_list(fields)}")
        else:
            fields = [t for t in targets
                      if sectors[at] in NEIGHBOURING_FIELDS.get(t.lower(), ())]
            reason = f"they work in {sectors[at]}, next door to {and_list(fields)}"
        out.append(IntroductionAsk(cid, str(names.iat[at]), and_list(fields),
                                   reason[0].upper() + reason[1:] + ".", float(score[at])))
    return out, len(chosen)


def best(score: np.ndarray, names: pd.Series, rows: np.ndarray, limit: int) -> list[int]:
    """The positions of the ``limit`` best of ``rows`` (positions): highest ``score``
    first, then by name, then as they come (a stable sort on score and name), sorting only
    the rows that can be among them (scores at or above the ``limit``-th highest)."""
    values = score[rows]
    if len(values) > limit > 0 and not np.isnan(values).any():
        cut = np.partition(values, len(values) - limit)[len(values) - limit]
        keep = values >= cut
        rows, values = rows[keep], values[keep]
    if len(rows) <= _SORTED_IN_PYTHON and not np.isnan(values).any():
        # a few rows: sorted as below, without building a table (a millisecond a call)
        named = names.iloc[rows].tolist()
        order = sorted(range(len(rows)), key=lambda i: (
            -values[i], not isinstance(named[i], str),
            named[i] if isinstance(named[i], str) else ""))
        return [int(rows[i]) for i in order[:limit]]
    frame = pd.DataFrame({"score": -values, "name": names.iloc[rows].array}, index=rows)
    return [int(at) for at in frame.sort_values(["score", "name"], kind="stable")
            .index[:limit]]


_SORTED_IN_PYTHON = 200  # rows up to which ``best`` sorts in Python rather than pandas


def _in_goal_order(targets: list[str], found: Iterable[str]) -> list[str]:
    """The goal's targets that ``found`` names, once each and in the goal's own order."""
    wanted = set(found)
    return [t for t in dict.fromkeys(targets) if t in wanted]
