"""Give-first ideas drawn from the goal, and the cap that keeps catch-ups from crowding
out the real gives.

Giving first is the method's first rule for step 3 (CONTENT.md): help asked for later
comes easier when help was offered first. A fresh import has no "what I can offer" typed,
so the goal supplies the gift: people already in the goal's field get something useful
for their work there. Catch-ups with old contacts are kind, but they are not gives: at
most half as many as the real gives (and at least one), so a plan never reads "give
first" and lists five catch-ups.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.fields import match_field
from networking_kit.followups.first_rows import row_dicts, stable_order
from networking_kit.gaps import goal_targets
from networking_kit.goals import Goal
from networking_kit.vocab import ActionKind, TieStrength

Add = Callable[..., None]
GOAL_GIVES = 4  # gives drawn from the goal at once: a few, so they fit a week or two
CATCH_UP_MAX = 6  # catch-ups at most, however many gives there are

# Per goal target, in the goal's order: that field's sorted, not dormant people as rows
# (dicts of ``FIELD_COLUMNS`` and "_rank", their closeness's place), closest first.
FieldPeople = list[tuple[str, list[dict[str, Any]]]]
# What a goal's give reads of a person: only these go into the rows (a field can hold
# thousands of people at 30,000 contacts, and a row of every column costs ten times more).
FIELD_COLUMNS = ("contact_id", "name", "company")


def catch_up_cap(gives: int) -> int:
    """How many catch-ups may stand beside ``gives`` real gives (introductions, referrals,
    shares): half as many, at least one, at most ``CATCH_UP_MAX``. With two gives or more
    the gives always outnumber the catch-ups."""
    return min(CATCH_UP_MAX, max(1, gives // 2))


def goal_field_people(contacts: pd.DataFrame, goal: Goal | None,
                      hits: Mapping[str, np.ndarray] | None = None) -> FieldPeople:
    """The people each of the goal's fields holds (``fields.match_field``): sorted, not
    dormant, closest first. The heavy part of the goal's gives (word matching over every
    sorted person: about 0.5 s at 30,000 contacts, issue 11's bench_actions.py), and it
    depends only on the map and the goal, so a step session keeps it until they change.

    ``hits``, when given, is each target's ``match_field`` over every row of ``contacts``
    with the default columns (bool by row position; ``gaps.RowReading.hits`` when it read
    those columns): a target found in it is not matched again (opening step 3 read the
    same 30,000 rows' words twice)."""
    if goal is None:
        return []
    strength = contacts["strength"].astype("object")
    warm = np.flatnonzero((strength.notna() & (strength != TieStrength.DORMANT.value))
                          .to_numpy(dtype=bool))
    if not len(warm):
        return []
    rank = {s.value: i for i, s in enumerate(TieStrength)}
    ranks = strength.iloc[warm].map(rank)
    order = stable_order(contacts["contact_id"].to_numpy(dtype=object)[warm],
                         ranks.to_numpy(dtype=float))
    chosen = warm[order]  # their rows in ``contacts``, closest first
    kept = contacts[list(FIELD_COLUMNS)].iloc[chosen].assign(
        _rank=ranks.to_numpy()[order])
    targets = goal_targets(goal)
    found = {t: hits[t][chosen] for t in targets if hits is not None and t in hits}
    if len(found) < len(targets):
        people = contacts.iloc[chosen]
        found |= {t: match_field(people, t).to_numpy(dtype=bool)
                  for t in targets if t not in found}
    return [(t, row_dicts(kept[found[t]])) for t in targets]


def update_field_people(kept: FieldPeople, contacts: pd.DataFrame, goal: Goal | None,
                        positions: Iterable[int]) -> FieldPeople:
    """``goal_field_people(contacts, goal)`` from ``kept`` (that of the same table before
    the rows at ``positions`` changed and any rows past its old end were appended; rows
    never move or go, contact ids are unique): only those rows are matched again and put
    back in their place, closest first. A few ms where reading every row takes 0.5 s."""
    if goal is None:
        return []
    wanted = sorted(set(positions))
    if not wanted:
        return kept
    if not kept:  # nobody was sorted yet (or no target): reading them all is quick
        return goal_field_people(contacts, goal)
    part = contacts.iloc[wanted]
    ids = set(part["contact_id"].astype(str))
    fresh = (_few_field_people(part, goal) if len(part) <= _FEW_ROWS
             else goal_field_people(part, goal)) or [(target, []) for target, _ in kept]
    out: FieldPeople = []
    for (target, rows), (_, added) in zip(kept, fresh, strict=True):
        rows = _without(rows, ids)
        for row in added:
            insort(rows, row, key=_order)
        out.append((target, rows))
    return out


_FEW_ROWS = 16  # up to this many changed rows are read value by value
_RANK = {s.value: at for at, s in enumerate(TieStrength)}  # a closeness's place


def _few_field_people(part: pd.DataFrame, goal: Goal) -> FieldPeople:
    """``goal_field_people(part, goal)`` of a few rows (a person or two added or edited),
    read value by value: the same rows, without a column's set-up per step (5 ms)."""
    strengths = part["strength"].astype("object").tolist()
    warm = [at for at, s in enumerate(strengths)
            if isinstance(s, str) and s != TieStrength.DORMANT.value]
    if not warm:
        return []
    people = part.iloc[warm]
    cells = [[None if v is pd.NA else v for v in people[column].astype("object")]
             for column in FIELD_COLUMNS]
    rows = [{**dict(zip(FIELD_COLUMNS, values, strict=True)), "_rank": _RANK[strengths[at]]}
            for at, values in zip(warm, zip(*cells, strict=True), strict=True)]
    order = sorted(range(len(rows)), key=lambda n: _order(rows[n]))
    return [(t, [rows[n] for n in order if hits[n]])
            for t in goal_targets(goal)
            for hits in [match_field(people, t).to_numpy(dtype=bool)]]


def _without(rows: list[dict[str, Any]], ids: set[str]) -> list[dict[str, Any]]:
    """``rows`` (in :func:`_order`) without those of ``ids``, as a new list: each looked
    for at every closeness by halving, not by reading the thousands of rows a field can
    hold."""
    out = list(rows)
    for contact_id in ids:
        for rank in _RANK.values():
            at = bisect_left(out, (rank, contact_id), key=_order)
            if at < len(out) and _order(out[at]) == (rank, contact_id):
                del out[at]
                break
    return out


def _order(row: dict[str, Any]) -> tuple[int, str]:
    """Where ``goal_field_people`` puts a row: by closeness, then by contact id."""
    return int(row["_rank"]), str(row["contact_id"])


def goal_gives(contacts: pd.DataFrame, goal: Goal | None, add: Add,
               taken: Iterable[str] = (), field_people: FieldPeople | None = None,
               limit: int = GOAL_GIVES) -> int:
    """Add a "send something useful" give for up to ``limit`` sorted, not dormant
    people in one of the goal's fields (``fields.match_field``), closest first, skipping
    ``taken`` ids (people already given a share). ``field_people`` is
    ``goal_field_people(contacts, goal)`` when the caller kept it. Returns how many were
    added."""
    per_target = (goal_field_people(contacts, goal) if field_people is None
                  else field_people)
    added, seen = 0, set(taken)
    # Take the targets in turn, closest first in each, so every field the goal names
    # gets a give before any gets a second.
    for turn in range(max((len(rows) for _, rows in per_target), default=0)):
        for target, rows in per_target:
            if added >= limit:
                return added
            if turn >= len(rows) or str(rows[turn]["contact_id"]) in seen:
                continue
            row = rows[turn]
            cid = str(row["contact_id"])
            seen.add(cid)
            at = f" at {row['company']}" if isinstance(row["company"], str) else ""
            add(ActionKind.SHARE, (cid, "goal"),
                f"Send {row['name']} something useful for their work in {target}: an "
                "article, an event or a name",
                f"{row['name']} works in {target}{at}, the field your goal names; giving "
                "first, with nothing asked in return, is what makes help easy to ask for "
                "later.", (cid,))
            added += 1
    return added
