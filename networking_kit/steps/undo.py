"""Undo in step 3: every keep, skip, done and change can be taken back until the page is left.

:class:`UndoStack` is a per-session list of :class:`UndoEntry` items, newest last. Each
entry holds exactly what one participant action changed: the action as it was, the log
entries a "done" wrote and the last contacts they moved, and the venue visit a move in
step 3 re-dated in the goal. :class:`UndoableFollowups` is step 3's session with the
stack: its :meth:`~UndoableFollowups.undo` puts one action back in one transaction
(all of it, or none of it, and the entry stays for another try) and plans again around it.

The stack lives in memory only: leaving (or reloading) the page forgets it, which is what
"until the page is left" means. Moving a venue visit in step 3 also moves it in the goal,
so the plan's venue table and step 1 show the new date (one home for visit dates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from networking_kit.followups import Action, Cadences, action_id
from networking_kit.goals import Goal
from networking_kit.steps._session import Change
from networking_kit.steps.followups import FollowupSession
from networking_kit.store import Workbook
from networking_kit.store.records import save_goal
from networking_kit.vocab import ActionKind, LastInTouch, TieStrength

NOTHING_TO_UNDO = "There is nothing to undo on this page."
GONE = "That action is no longer in your plan, so it cannot be put back."


@dataclass(frozen=True)
class VisitMove:
    """Visit ``number`` (1 to 3) of the venue ``venue_id`` moved from ``before`` to ``after``."""

    venue_id: str
    number: int
    before: date | None
    after: date | None


@dataclass(frozen=True)
class UndoEntry:
    """What one action changed, enough to put it back exactly.

    ``label`` names the action for the participant ("Done: Call Dana"); ``before`` is the
    action as it was; ``interaction_ids`` the log entries a "done" wrote and
    ``last_contacts`` each of its people's last contact before it (None: never);
    ``visit`` the venue visit a move re-dated in the goal, if any. An answer to "roughly
    when were you last in touch?" has no ``before`` action: ``cadences`` holds the
    keep-in-touch settings as they were.
    """

    label: str
    before: Action | None
    interaction_ids: tuple[int, ...] = ()
    last_contacts: Mapping[str, date | None] = field(default_factory=dict)
    visit: VisitMove | None = None
    cadences: Cadences | None = None


class UndoStack:
    """The undo entries of one page, newest last. ``watch(callback)`` calls ``callback()``
    after every push and pop (an "Undo" button follows its label that way: the session's
    change events are sent before the entry is pushed)."""

    def __init__(self) -> None:
        self._entries: list[UndoEntry] = []
        self._watchers: list[Callable[[], None]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def watch(self, callback: Callable[[], None]) -> None:
        self._watchers.append(callback)

    def _changed(self) -> None:
        for callback in list(self._watchers):
            callback()

    def push(self, entry: UndoEntry) -> None:
        self._entries.append(entry)
        self._changed()

    def pop(self) -> UndoEntry:
        """The newest entry, taken off. Raises ``ValueError`` (a sentence) when empty."""
        if not self._entries:
            raise ValueError(NOTHING_TO_UNDO)
        entry = self._entries.pop()
        self._changed()
        return entry

    @property
    def label(self) -> str:
        """What undo would take back ("Done: Call Dana"), or "" when nothing."""
        return self._entries[-1].label if self._entries else ""


class UndoableFollowups(FollowupSession):
    """Step 3's session whose keep, skip, done and change can be undone (``undo``).

    ``undo_stack`` holds the entries; every other behaviour is
    :class:`~networking_kit.steps.followups.FollowupSession`'s.
    """

    def __init__(self, workbook: Workbook, today: date | None = None, *,
                 plan_later: bool = False) -> None:
        super().__init__(workbook, today, plan_later=plan_later)
        self.undo_stack = UndoStack()

    # ----------------------------------------------------------- recorded actions

    def keep(self, action_id: str) -> Action:
        before = self.action(action_id)
        kept = super().keep(action_id)
        self.undo_stack.push(UndoEntry(f"Kept: {before.title}", before))
        return kept

    put_back = keep

    def skip(self, action_id: str) -> Action:
        before = self.action(action_id)
        skipped = super().skip(action_id)
        self.undo_stack.push(UndoEntry(f"Skipped: {before.title}", before))
        return skipped

    def change(self, action_id: str, *, title: str | None = None,
               due_on: date | None = None) -> Action:
        """As :meth:`FollowupSession.change`; a venue visit moved here is moved in the
        goal too, in the same transaction."""
        with self._action(Change.GOAL):
            before = self.action(action_id)
            changed = super().change(action_id, title=title, due_on=due_on)
            visit = None
            if changed.due_on != before.due_on:
                visit = self._move_visit(changed, changed.due_on)
        self.undo_stack.push(UndoEntry(f"Changed: {before.title}", before, visit=visit))
        return changed

    def done(self, action_id: str, day: date | None = None, note: str | None = None,
             how: str = "message") -> Action:
        before = self.action(action_id)
        known = {int(str(row["interaction_id"])) for row in self.interactions}
        last = self._last_contacts(before.contact_ids)
        finished = super().done(action_id, day, note, how)
        logged = tuple(int(str(row["interaction_id"])) for row in self.interactions
                       if int(str(row["interaction_id"])) not in known)
        self.undo_stack.push(UndoEntry(f"Done: {before.title}", before, logged, last))
        return finished

    def set_last_in_touch(self, answer: LastInTouch | str, *,
                          strength: TieStrength | str | None = None,
                          contact_ids: Iterable[str] = ()) -> int:
        before = self.cadences.copy()
        count = super().set_last_in_touch(answer, strength=strength, contact_ids=contact_ids)
        who = (TieStrength(strength).short_label.lower() + " contacts"
               if strength is not None else f"{count} {'person' if count == 1 else 'people'}")
        self.undo_stack.push(UndoEntry(
            f"Last in touch {LastInTouch(answer).value}: {who}", None, cadences=before))
        return count

    # ------------------------------------------------------------------- undo

    def undo(self) -> str:
        """Put the newest recorded action back; returns what was undone, as its label.
        Raises ``ValueError`` (one sentence) when there is nothing to undo or the action
        has gone; on any failure nothing changes and the entry stays on the stack."""
        entry = self.undo_stack.pop()
        people = frozenset(entry.last_contacts)
        if entry.before is None:
            try:
                if entry.cadences is not None:
                    now, then = self.cadences.rough, entry.cadences.rough
                    changed = {k for k in now.keys() | then.keys()
                               if now.get(k) != then.get(k)}
                    self._set_cadences(entry.cadences, people=frozenset(changed))
            except BaseException:
                self.undo_stack.push(entry)
                raise
            return entry.label
        before = entry.before
        try:
            with self._action(Change.PLAN, Change.LOG, Change.CONTACTS, Change.GOAL,
                              contact_ids=people):
                try:
                    current = self.action(before.action_id)
                except KeyError:
                    raise ValueError(GONE) from None
                restored = replace(before, revision=current.revision + 1,
                                   followup_id=current.followup_id)
                self._write_one(current, restored)
                if entry.visit is not None:
                    self._move_visit(restored, entry.visit.before, only_if=entry.visit.after)
                self._take_back_log(entry, {restored.action_id: restored})
        except BaseException:
            self.undo_stack.push(entry)
            raise
        return entry.label

    def _take_back_log(self, entry: UndoEntry, changed: dict[str, Action]) -> None:
        """Remove the entry's log rows, put last contacts back, plan again; memory is
        restored as it was when planning fails (the transaction rolls back the file)."""
        removed = set(entry.interaction_ids)
        interactions = [r for r in self.interactions
                        if int(str(r["interaction_id"])) not in removed]
        days: dict[str, date | None] = {}
        for contact_id, before in entry.last_contacts.items():
            left = [d for r in interactions if r["contact_id"] == contact_id
                    and isinstance(d := r["happened_on"], date)]
            days[contact_id] = max([d for d in (before, *left) if d is not None], default=None)
        if removed:
            self.workbook.remove_interactions(sorted(removed), days)
        contacts = self.contacts.copy()
        index = self._row_index()
        for contact_id, day in days.items():
            if contact_id in index:
                contacts.at[index[contact_id], "last_contact"] = (
                    pd.NaT if day is None else pd.Timestamp(day))
        previous = (self.contacts, self.interactions, self._fresh)
        self.contacts, self.interactions, self._fresh = contacts, interactions, None
        self._views_changed()
        try:
            self._save({**self._stored, **changed})
        except BaseException:
            self.contacts, self.interactions, self._fresh = previous
            self._views_changed()
            raise

    # --------------------------------------------------------------- helpers

    def _last_contacts(self, contact_ids: tuple[str, ...]) -> dict[str, date | None]:
        index = self._row_index()
        found: dict[str, date | None] = {}
        column = self.contacts["last_contact"]
        for contact_id in contact_ids:
            value = column.iloc[index[contact_id]] if contact_id in index else None
            found[contact_id] = value.date() if isinstance(value, pd.Timestamp) else None
        return found

    def _move_visit(self, action: Action, day: date | None,
                    only_if: date | None = None) -> VisitMove | None:
        """Re-date the goal's venue visit that ``action`` plans (inside an action's
        transaction); None when the action is not a venue visit of the goal."""
        if action.kind is not ActionKind.VENUE_VISIT or self.goal is None or day is None:
            return None
        for position, commitment in enumerate(self.goal.commitments):
            for number, on in enumerate(commitment.visits, start=1):
                if action_id(ActionKind.VENUE_VISIT, commitment.venue_id,
                             str(number)) != action.action_id:
                    continue
                if on == day or (only_if is not None and on != only_if):
                    return None
                goal = Goal.from_dict(self.goal.to_dict())
                goal.commitments[position].visits[number - 1] = day
                save_goal(self.workbook, goal)
                self.goal, self._fresh = goal, None
                return VisitMove(commitment.venue_id, number, on, day)
        return None


__all__ = ["GONE", "NOTHING_TO_UNDO", "UndoEntry", "UndoStack", "UndoableFollowups",
           "VisitMove"]
