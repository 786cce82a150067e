"""Before and after: a snapshot of the map and the plan when the plan is made and at every
check-in, and what changed between two of them, in plain sentences.

A :class:`Snapshot` keeps what a check-in compares: who is sorted and how close, who was
last in touch when, how many people each of the goal's fields has, and how many actions
were planned and done. :func:`compare` names each change: people added, dormant or cold
ties re-warmed, people who moved closer, gaps that now have someone, actions done against
planned. Plain data in and out; ``steps.checkin`` saves the snapshots in the workbook's
profile (so the JSON backup carries them) and the pages show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from networking_kit.settings import CHECK_IN_DAYS, COLD_AFTER_DAYS
from networking_kit.vocab import ActionStatus, TieStrength
from networking_kit.words import and_list, plural

SNAPSHOTS_KEY = "snapshots"  # the profile key holding the list of snapshots
PLAN_MADE = "plan made"
REVIEW = "your goal's review date"  # the label of the snapshot taken at the goal's review
_RANK = {s.value: i for i, s in enumerate(TieStrength)}  # 0 closest … 5 dormant
NAMES_SHOWN = 4  # names listed in a sentence before "and N more"


@dataclass(frozen=True)
class Snapshot:
    """The map and plan on ``taken_on``: ``strengths`` (contact id → closeness value, sorted
    people only), ``last_contact`` (id → ISO day, where known), ``fields`` (goal field →
    people), ``planned`` and ``done`` (actions in the plan, done ones among them)."""

    taken_on: date
    label: str
    strengths: dict[str, str] = field(default_factory=dict)
    last_contact: dict[str, str] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)
    people: int = 0
    planned: int = 0
    done: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "taken_on": self.taken_on.isoformat()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Snapshot:
        """Raises ``KeyError``/``ValueError``/``TypeError`` for data that is not a snapshot."""
        return cls(date.fromisoformat(str(data["taken_on"])), str(data["label"]),
                   {str(k): str(v) for k, v in dict(data.get("strengths", {})).items()},
                   {str(k): str(v) for k, v in dict(data.get("last_contact", {})).items()},
                   {str(k): int(v) for k, v in dict(data.get("fields", {})).items()},
                   int(data.get("people", 0)), int(data.get("planned", 0)),
                   int(data.get("done", 0)))


def read_snapshots(raw: Any) -> list[Snapshot]:
    """The saved snapshots, oldest first; anything unreadable is left out."""
    out = []
    for item in raw if isinstance(raw, list) else []:
        try:
            out.append(Snapshot.from_dict(item))
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    return sorted(out, key=lambda s: s.taken_on)


def take_snapshot(contacts: pd.DataFrame, fields: Mapping[str, int],
                  statuses: Iterable[str], today: date, label: str) -> Snapshot:
    """A snapshot of ``contacts`` (the canonical table), the goal's ``fields`` (target →
    people, from the gap reading) and the plan's action ``statuses`` (values of
    :class:`~networking_kit.vocab.ActionStatus`; skipped and dropped ones not counted)."""
    ids = contacts["contact_id"].astype(str)
    strength = contacts["strength"].astype("object")
    sorted_ = strength.notna().to_numpy()
    last = contacts["last_contact"]
    dated = last.notna().to_numpy()
    statuses = [s for s in statuses
                if s not in (ActionStatus.SKIPPED.value, ActionStatus.DROPPED.value)]
    return Snapshot(
        today, label,
        dict(zip(ids[sorted_], strength[sorted_].astype(str), strict=True)),
        dict(zip(ids[dated], last[dated].dt.strftime("%Y-%m-%d"), strict=True)),
        {str(k): int(v) for k, v in fields.items()}, len(contacts), len(statuses),
        sum(s == ActionStatus.DONE.value for s in statuses))


def check_in_label(start: date, today: date) -> str:
    """"the 30-day check-in" for the latest check-in day reached, else "a check-in"."""
    reached = [d for d in CHECK_IN_DAYS if today >= start + timedelta(days=d)]
    return f"the {reached[-1]}-day check-in" if reached else "a check-in"


def due_check_in(start: date, today: date, review: date | None,
                 saved: Sequence[Snapshot]) -> str | None:
    """The label of the automatic snapshot to take today, if any: the latest check-in
    day reached (30, 60, 90 days from ``start``, or the goal's ``review`` date) whose
    snapshot is not among ``saved``. Only the latest: opening the plan first on day 65
    takes the 60-day one (the 30-day one would show the same). ``None`` before a plan
    (no ``saved``) or when the snapshot is already there. Taken when the participant
    opens step 3 or its check-in, never by a process in the background."""
    if not saved:
        return None
    reached = [(start + timedelta(days=d), f"the {d}-day check-in") for d in CHECK_IN_DAYS]
    if review is not None and review > start:
        reached.append((review, REVIEW))
    reached = sorted(r for r in reached if r[0] <= today)
    if not reached:
        return None
    labels = {s.label for s in saved if s.taken_on >= reached[-1][0]}
    label = reached[-1][1]
    return None if label in labels else label


def layer_counts(snapshot: Snapshot) -> dict[str, int]:
    """People per closeness label in ``snapshot``, closest first (for a chart or table)."""
    counts = {s.short_label: 0 for s in TieStrength}
    for value in snapshot.strengths.values():
        try:
            counts[TieStrength(value).short_label] += 1
        except ValueError:
            continue
    return counts


@dataclass(frozen=True)
class CheckInChanges:
    """What changed from ``before`` to ``after``: names (or fields) per kind of change."""

    before: Snapshot
    after: Snapshot
    added: int
    rewarmed: list[str]
    closer: list[str]
    gaps_filled: list[str]
    in_touch: list[str] = field(default_factory=list)  # logged with, not gone quiet

    def sentences(self) -> list[str]:
        """One plain sentence per change, and one that says so when nothing changed."""
        days = (self.after.taken_on - self.before.taken_on).days
        day = f"{self.before.taken_on.day} {self.before.taken_on:%B %Y}"
        what = ("you made your plan" if self.before.label == PLAN_MADE
                else self.before.label)
        since = (f"Since {what} today, {day}" if days == 0
                 else f"Since {what} on {day} ({plural(days, 'day')} ago)")
        out = [f"{since}: here is what changed."]
        if self.added:
            out.append(f"{plural(self.added, 'person', 'people')} added to your map.")
        if self.rewarmed:
            out.append(f"Back in touch with {_names(self.rewarmed)}, who had gone quiet.")
        if self.in_touch:
            out.append(f"In touch since: {_names(self.in_touch)}.")
        if self.closer:
            out.append(f"Closer now: {_names(self.closer)}.")
        if self.gaps_filled:
            out.append(f"You now know someone in {and_list(self.gaps_filled)}, where you "
                       "knew nobody before.")
        done, planned = self.after.done, self.after.planned
        out.append(f"Done: {done:,} of {plural(planned, 'planned action')}"
                   + (f", {done - self.before.done:,} since then." if done else "."))
        if len(out) == 2 and not done:
            out.insert(1, "Nothing has moved yet: one small step this week is enough.")
        return out


def _names(names: Sequence[str]) -> str:
    shown = list(names[:NAMES_SHOWN])
    rest = len(names) - len(shown)
    return and_list([*shown, f"{rest:,} more"] if rest else shown)


def compare(before: Snapshot, after: Snapshot, names: Mapping[str, str]) -> CheckInChanges:
    """What changed between two snapshots. ``names`` maps contact id to name (people no
    longer in the map are left out of the names). Re-warmed: dormant, or quiet for more
    than ``COLD_AFTER_DAYS`` at ``before``, and in touch since; in touch: anyone else
    with a contact since ``before``. Closer: a closer layer
    than before (dormant counts as the farthest)."""
    rewarmed, in_touch, closer = [], [], []
    cold_line = before.taken_on - timedelta(days=COLD_AFTER_DAYS)
    for cid, now in after.last_contact.items():
        then = before.last_contact.get(cid)
        if date.fromisoformat(now) <= before.taken_on or cid not in names:
            continue
        dormant = before.strengths.get(cid) == TieStrength.DORMANT.value
        if dormant or (then is not None and date.fromisoformat(then) < cold_line):
            rewarmed.append(names[cid])
        else:
            in_touch.append(names[cid])
    for cid, now in after.strengths.items():
        then = before.strengths.get(cid)
        if then is not None and cid in names and _RANK.get(now, 9) < _RANK.get(then, 9):
            closer.append(names[cid])
    filled = [f for f, n in after.fields.items() if n > 0 and before.fields.get(f, 0) == 0]
    return CheckInChanges(before, after, max(0, after.people - before.people),
                          sorted(rewarmed), sorted(closer), filled, sorted(in_touch))
