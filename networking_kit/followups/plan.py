"""The saved plan: one :class:`Action` per thing to do, and the pure rules for changing it.

Nothing here reads or writes the workbook: the step session (``steps.followups``) loads
the rows, calls these functions, and writes exactly the fields they say changed, in one
transaction. The rules: planning again never undoes a decision the participant made
(keep, skip, done, an edit or a move), a suggestion the plan no longer needs is marked
dropped rather than deleted (so it keeps its id and history if it comes back), and the
revision of an action grows with every change the participant can see in a calendar.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypedDict

from networking_kit.contacts import tidy_text
from networking_kit.vocab import ActionKind, ActionStatus

PLAN_START_KEY = "plan_started_on"  # the profile key of the day the plan began

# Priority of each kind (higher comes sooner). Give-first actions sit above asking: help
# is easier to ask for once offered.
BASE_PRIORITY: dict[ActionKind, int] = {
    ActionKind.CHECK_IN: 100, ActionKind.EVENT_FOLLOW_UP: 98, ActionKind.VENUE_VISIT: 95,
    ActionKind.INTRODUCE: 70, ActionKind.SHARE: 66, ActionKind.REFERRAL: 62,
    ActionKind.CATCH_UP: 58, ActionKind.KEEP_WARM: 50, ActionKind.ASK_INTRODUCTION: 56,
    ActionKind.PROFILE_TASK: 54,
}


@dataclass
class Action:
    """One thing to do, for one or two people (or none), with a one-sentence reason.

    ``action_id`` comes from the kind and who or what the action is about, never from
    dates, so planning again gives the same ids and the calendar updates instead of
    duplicating. ``revision`` grows with each change the participant makes.
    ``followup_id`` is the saved row's id (None until saved).
    """

    action_id: str
    kind: ActionKind
    title: str
    why: str
    contact_ids: tuple[str, ...] = ()
    priority: int = 50
    due_on: date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    edited: bool = False
    revision: int = 0
    followup_id: int | None = None
    done_on: date | None = None

    def __post_init__(self) -> None:
        self.kind = ActionKind(self.kind)
        self.status = ActionStatus(self.status)

    @property
    def dated(self) -> bool:
        return self.kind.dated

    @property
    def touched(self) -> bool:
        """The participant has decided something about it, so planning must not undo it."""
        return self.status.decided or self.edited

    @property
    def pinned(self) -> bool:
        """Keeps its date when the schedule is made again."""
        return self.due_on is not None and (self.dated or self.touched)

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def main_contact(self) -> str | None:
        """The first person the action is about, saved in the row's own column."""
        return self.contact_ids[0] if self.contact_ids else None


def action_id(kind: str, *key: str) -> str:
    """A stable id from the kind and what the action is about (people, venue, day…)."""
    digest = hashlib.sha256("|".join((kind, *key)).encode("utf-8")).hexdigest()[:12]
    return f"{kind}-{digest}"


# ----------------------------------------------------------------- rows in the file


def action_from_row(row: Mapping[str, Any]) -> Action:
    """An action from a row of ``Workbook.load_followups()``; an unknown kind or status
    (a newer toolkit) raises ``ValueError``."""
    data = row.get("data") or {}
    done_on = data.get("done_on")
    return Action(
        action_id=str(data.get("action_id") or f"manual-{row['followup_id']}"),
        kind=ActionKind(str(row["kind"])), title=str(row["title"]),
        why=str(data.get("why", "")),
        contact_ids=tuple(data.get("contact_ids") or
                          ([row["contact_id"]] if row.get("contact_id") else [])),
        priority=int(data.get("priority", 50)), due_on=row.get("due_on"),
        status=ActionStatus(str(row["status"])), edited=bool(data.get("edited", False)),
        revision=int(data.get("revision", 0)), followup_id=int(row["followup_id"]),
        done_on=date.fromisoformat(done_on) if done_on else None)


def actions_from_rows(rows: Iterable[Mapping[str, Any]],
                      include_dropped: bool = False) -> list[Action]:
    """The saved plan from its rows, in their order; dropped suggestions left out unless
    asked for."""
    actions = [action_from_row(row) for row in rows]
    return [a for a in actions if include_dropped or a.status is not ActionStatus.DROPPED]


def row_fields(action: Action) -> dict[str, Any]:
    """Every stored field of an action: the keyword arguments of ``Workbook.add_followup``."""
    return {"kind": action.kind.value, "title": action.title,
            "contact_id": action.main_contact, "due_on": action.due_on,
            "status": action.status.value, "data": _data(action)}


def changed_fields(old: Action, new: Action) -> dict[str, Any]:
    """Only the stored fields that differ between two versions of one action (for
    ``Workbook.update_followup``); empty when nothing stored changed."""
    before, after = row_fields(old), row_fields(new)
    return {k: v for k, v in after.items() if before[k] != v}


def _data(action: Action) -> dict[str, Any]:
    return {"action_id": action.action_id, "why": action.why,
            "contact_ids": list(action.contact_ids), "priority": action.priority,
            "edited": action.edited, "revision": action.revision,
            "done_on": action.done_on.isoformat() if action.done_on else None}


# ----------------------------------------------------------------- changing the plan


@dataclass
class PlanChanges:
    """What saving a plan must write: ``added`` (no row yet), ``updated`` (followup id →
    changed fields), and ``plan``, the plan as it reads once written (dropped left out),
    earliest first. ``stored`` holds every action once written, dropped ones included,
    by action id, for the next merge."""

    plan: list[Action]
    stored: dict[str, Action]
    added: list[Action] = field(default_factory=list)
    updated: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def writes(self) -> int:
        return len(self.added) + len(self.updated)


def merge_plan(stored: Iterable[Action], actions: Sequence[Action]) -> PlanChanges:
    """Merge a freshly made plan into the saved one without undoing any decision.

    Rows are matched by ``action_id``. A row the participant accepted, skipped, finished,
    edited or moved keeps its status, title and date; other rows take the new title, why
    and date. Saved suggestions that the new plan no longer contains (the person is back
    on track, say) are marked dropped rather than deleted. ``stored`` is every saved action,
    dropped ones included. The new actions of ``added`` carry ``followup_id=None`` until
    the caller writes them and sets it.
    """
    existing = {a.action_id: a for a in stored}
    every = dict(existing)
    changes = PlanChanges([], every)
    saved: list[Action] = []
    for action in actions:
        old = existing.pop(action.action_id, None)
        if old is not None and old.touched:
            saved.append(old)
            continue
        if old is None or old.followup_id is None:  # no row yet
            new = replace(action if old is None else old, followup_id=None)
            changes.added.append(new)
            saved.append(new)
            every[new.action_id] = new
            continue
        status = ActionStatus.PLANNED if old.status is ActionStatus.DROPPED else old.status
        new = replace(action, followup_id=old.followup_id, revision=old.revision,
                      status=status)
        if (new.title, new.due_on) != (old.title, old.due_on):
            new.revision += 1
        _record(changes, old, new)
        saved.append(new)
    for old in existing.values():
        if old.status is ActionStatus.PLANNED and old.kind is not ActionKind.EVENT_FOLLOW_UP:
            _record(changes, old, replace(old, status=ActionStatus.DROPPED,
                                          revision=old.revision + 1))
        elif old.status is not ActionStatus.DROPPED:
            saved.append(old)
    changes.plan = sort_plan(saved)
    return changes


def _record(changes: PlanChanges, old: Action, new: Action) -> None:
    fields = changed_fields(old, new)
    changes.stored[new.action_id] = new
    if fields and old.followup_id is not None:
        changes.updated[old.followup_id] = fields


def sort_plan(actions: Iterable[Action]) -> list[Action]:
    """Earliest first, undated last, then by id: the order every list shows."""
    return sorted(actions, key=lambda a: (a.due_on is None, a.due_on or date.min, a.action_id))


class ActionChange(TypedDict, total=False):
    """The keywords of :func:`changed_action`, for callers that pass them on."""

    title: str | None
    due_on: date | None
    status: ActionStatus | str | None
    done_on: date | None


def changed_action(action: Action, *, title: str | None = None, due_on: date | None = None,
                   status: ActionStatus | str | None = None,
                   done_on: date | None = None) -> Action:
    """The participant's change to one action (edit, reschedule, keep, skip, done), with
    its revision one higher. Raises ``ValueError`` for empty words or an unknown status."""
    changed = replace(action)
    if title is not None:
        text = tidy_text(title)
        if not text:
            raise ValueError("An action needs a few words to say what to do.")
        changed.title, changed.edited = text, True
    if due_on is not None:
        changed.due_on, changed.edited = due_on, True
    if status is not None:
        try:
            changed.status = ActionStatus(status)
        except ValueError:
            raise ValueError(f"unknown status {status!r}") from None
    if done_on is not None:
        changed.done_on = done_on
    changed.revision += 1
    return changed


def as_saved(fresh: Action, saved: Action | None) -> Action:
    """The participant's own version when they decided something; otherwise the fresh
    suggestion carrying the day the last plan gave it, which ``plan_schedule`` keeps while
    it still fits (dated kinds take their fresh date: a moved check-in comes back)."""
    if saved is None:
        return fresh
    if saved.touched:
        return saved
    return fresh if fresh.dated else replace(fresh, due_on=saved.due_on)


def read_plan_start(saved: object) -> date | None:
    """The saved day the plan began, or None when there is none (or it is unreadable)."""
    if isinstance(saved, str) and saved:
        try:
            return date.fromisoformat(saved)
        except ValueError:
            return None
    return None
