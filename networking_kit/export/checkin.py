"""The plan's "Check in" section: what changed since the plan was made, and the check-ins
taken so far, from the snapshots the workbook keeps (``checkins``; saved by step 3 when
the plan is made and at each check-in). Plain text only; ``export.document`` puts it
through the privacy filter with the rest of the plan, and each format escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from networking_kit.checkins import (
    PLAN_MADE,
    SNAPSHOTS_KEY,
    compare,
    layer_counts,
    read_snapshots,
    take_snapshot,
)
from networking_kit.dates import day_month_year
from networking_kit.store import Workbook
from networking_kit.words import plural


@dataclass(frozen=True)
class CheckInSection:
    """``changes``: one sentence per change since the plan was made (``CheckInChanges.
    sentences``); ``layers``: per closeness, ``{"label", "before", "after"}`` people (the
    plan's first day, and today); ``history``: one line per snapshot, oldest first. All
    empty before there is a plan and on its first day."""

    changes: list[str] = field(default_factory=list)
    layers: list[dict[str, str | int]] = field(default_factory=list)
    history: list[str] = field(default_factory=list)


def check_in_section(workbook: Workbook, contacts: pd.DataFrame, fields: Mapping[str, int],
                     names: Mapping[str, str], today: date) -> CheckInSection:
    """The section for the plan exported on ``today``: ``contacts`` is the map as saved,
    ``fields`` the goal's field → people (the gap reading's coverage), ``names`` contact
    id → the name the export may show (already through the privacy choice). Empty on the
    day the plan is made: there is no "after" yet, and the page is kept for the plan."""
    saved = read_snapshots(workbook.get_profile(SNAPSHOTS_KEY))
    if not saved or today <= saved[0].taken_on:
        return CheckInSection()
    statuses = [str(row["status"]) for row in workbook.load_followups()]
    now = take_snapshot(contacts, fields, statuses, today, "today")
    changes = compare(saved[0], now, names)
    before, after = layer_counts(saved[0]), layer_counts(now)
    return CheckInSection(
        changes.sentences(),
        [{"label": k, "before": before[k], "after": after[k]} for k in before],
        [_history_line(s.label, s.taken_on, s.done, s.planned) for s in saved])


def _history_line(label: str, day: date, done: int, planned: int) -> str:
    what = "I made my plan" if label == PLAN_MADE else label[0].upper() + label[1:]
    return (f"{what}, {day_month_year(day)}: {done:,} of "
            f"{plural(planned, 'planned action')} done.")


__all__ = ["CheckInSection", "check_in_section"]
