"""The saved goal and plan as typed objects: where the domain's ``Goal`` and ``Action``
meet the workbook file.

The domain modules work on plain data; these thin functions read and write it. The step
sessions use them inside their one transaction per action; the exports, the cohort
summary, the sample and the demo use them to read what was saved. Every function that
writes more than one row does so in one transaction (nested inside the caller's).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Unpack

from networking_kit.contacts import tidy_text
from networking_kit.followups import (
    AWAY_PROFILE_KEY,
    CADENCE_PROFILE_KEY,
    PLAN_START_KEY,
    Action,
    Cadences,
    PlanChanges,
    actions_from_rows,
    changed_action,
    changed_fields,
    last_notes,
    merge_plan,
    read_plan_start,
    read_weeks_away,
    replan,
    row_fields,
    suggest_actions,
    weekly_capacity,
    weeks_away_value,
)
from networking_kit.followups.plan import ActionChange
from networking_kit.goals import Goal
from networking_kit.settings import PLAN_WEEKS
from networking_kit.store import Workbook
from networking_kit.vocab import ActionStatus


def load_goal(workbook: Workbook) -> Goal | None:
    """The participant's saved goal, or None if they have not started step 1.

    Raises ValueError for a goal saved by a newer toolkit (``Goal.from_dict``).
    """
    data = workbook.load_goal()
    return None if data is None else Goal.from_dict(data)


def save_goal(workbook: Workbook, goal: Goal) -> None:
    """Write the whole goal (its own transaction, or part of the caller's)."""
    workbook.save_goal(goal.to_dict())


def load_cadences(workbook: Workbook) -> Cadences:
    return Cadences.from_dict(workbook.get_profile(CADENCE_PROFILE_KEY))


def save_cadences(workbook: Workbook, cadences: Cadences) -> None:
    workbook.set_profile(CADENCE_PROFILE_KEY, cadences.to_dict())


def load_weeks_away(workbook: Workbook) -> set[date]:
    """The Mondays of the weeks the participant said they are away."""
    return read_weeks_away(workbook.get_profile(AWAY_PROFILE_KEY))


def save_weeks_away(workbook: Workbook, weeks: Iterable[date]) -> None:
    """Save the weeks away as the Monday of each (any day of a week stands for the week)."""
    workbook.set_profile(AWAY_PROFILE_KEY, weeks_away_value(weeks))


def plan_start(workbook: Workbook, today: date) -> date:
    """The day the plan began (saved the first time), so check-ins do not drift."""
    saved = read_plan_start(workbook.get_profile(PLAN_START_KEY))
    if saved is None:
        workbook.set_profile(PLAN_START_KEY, today.isoformat())
        return today
    return saved


def load_plan(workbook: Workbook, include_dropped: bool = False) -> list[Action]:
    """The saved plan, earliest first; actions the plan no longer needs are left out."""
    return actions_from_rows(workbook.load_followups(), include_dropped)


def write_plan_changes(workbook: Workbook, changes: PlanChanges) -> list[Action]:
    """Write what a merge says (new rows, then only the changed fields of the others), in
    one transaction; new actions get their ``followup_id``. Returns the plan as saved."""
    with workbook.transaction():
        for action in changes.added:
            action.followup_id = workbook.add_followup(**row_fields(action))
        for followup_id, fields in changes.updated.items():
            workbook.update_followup(followup_id, **fields)
    return changes.plan


def save_plan(workbook: Workbook, actions: Sequence[Action]) -> list[Action]:
    """Save a freshly made plan without undoing anything the participant decided
    (``followups.merge_plan``), in one transaction. Returns the plan as saved."""
    with workbook.transaction():
        return write_plan_changes(workbook, merge_plan(load_plan(workbook, True), actions))


def update_action(workbook: Workbook, action: Action, **change: Unpack[ActionChange]) -> Action:
    """Save the participant's change to one action (``followups.changed_action``'s
    keywords: title, due_on, status, done_on); only the changed fields are written."""
    changed = changed_action(action, **change)
    if changed.followup_id is None:
        changed.followup_id = workbook.add_followup(**row_fields(changed))
    else:
        workbook.update_followup(changed.followup_id, **changed_fields(action, changed))
    return changed


def mark_done(workbook: Workbook, action: Action, happened_on: date,
              note: str | None = None, how: str = "message") -> Action:
    """Tick an action done in one transaction: log an interaction with each of its people
    (which moves their last contact, and so their rhythm) and save it as done."""
    with workbook.transaction():
        for contact_id in action.contact_ids:
            workbook.log_interaction(contact_id, happened_on=happened_on, kind=how,
                                     note=tidy_text(note) or action.title)
        return update_action(workbook, action, status=ActionStatus.DONE, done_on=happened_on)


def make_plan(workbook: Workbook, today: date, goal: Goal | None = None,
              weeks: int = PLAN_WEEKS) -> list[Action]:
    """Suggest, schedule and save the plan in one transaction, keeping every decision the
    participant made; planned around the saved weeks away. ``goal`` None plans without a
    goal (pass ``load_goal(workbook)`` for the saved one). What the demo and the sample
    use; the step-3 page does the same from its session's memory."""
    with workbook.transaction():
        start = plan_start(workbook, today)
        fresh = suggest_actions(workbook.load_contacts(), goal, workbook.load_ties(), None,
                                today, load_cadences(workbook), start,
                                last_notes(workbook.load_interactions()))
        changes = replan(fresh, load_plan(workbook, include_dropped=True), today,
                         weekly_capacity(goal), weeks, load_weeks_away(workbook))
        return write_plan_changes(workbook, changes)
