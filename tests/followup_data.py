"""Small people tables, the sample and plan checks for the tests of step 3's rules
(cadences, introductions, events, suggestions, the schedule and the saved plan).

    from followup_data import TODAY, check_in, gives_come_first, people, sample_contacts
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.followups import Action, week_start
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.vocab import ActionGroup, ActionKind

TODAY = date(2026, 11, 4)  # a Wednesday

GIVE_FIRST = tuple(k for k in ActionKind if k.group is ActionGroup.GIVE_FIRST)


def people(*rows: dict) -> pd.DataFrame:
    """A normalised contacts table of the given rows, as if typed in by hand."""
    return normalise_contacts(pd.DataFrame(list(rows)), source="manual")


def sample_contacts(workbook: Workbook) -> pd.DataFrame:
    """The sample participant put into ``workbook`` on TODAY; their contacts as saved."""
    use_sample(workbook, TODAY)
    return workbook.load_contacts()


def check_in(days: int, status: str = "planned", edited: bool = False) -> Action:
    """A check-in ``days`` after TODAY."""
    return Action(f"check-{days}", "check_in", "Check-in", "w", (), 100,
                  TODAY + timedelta(days=days), status, edited)


def gives_come_first(plan: list[Action], flexible_asks: set[str]) -> int:
    """Check that each ask the planner dated follows every give to the same person in an
    earlier week; returns how many such pairs there were, so a test can see it checked."""
    live = [a for a in plan if a.status in ("planned", "accepted")]
    pairs = 0
    for ask in live:
        if ask.action_id not in flexible_asks:
            continue
        for give in live:
            if give.kind in GIVE_FIRST and set(give.contact_ids) & set(ask.contact_ids):
                pairs += 1
                if ask.due_on is not None:
                    assert give.due_on is not None, (ask, give)
                    assert week_start(give.due_on) < week_start(ask.due_on), (ask, give)
    return pairs
