"""Step 3's session: the follow-up plan in memory, every participant action one method.

:class:`FollowupSession` loads the goal, the contacts, the ties, the keep-warm rhythms, the
weeks away, the saved plan and the interaction log once. Each action (keep, skip, put
back, done, change an action; log an event or a call; set a rhythm or the weeks away;
plan again) runs in one transaction through :meth:`StepSession._action`: it writes only
the fields that changed, plans again around the change from memory, updates memory and
announces what changed. The derived views every section of the page shows (the plan's
summary, the suggestions of a group, the weeks, who is due) are in
``steps.followups_views``, computed from memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Unpack

import pandas as pd

from networking_kit.checkins import PLAN_MADE, take_snapshot
from networking_kit.contacts import tidy_text
from networking_kit.followups import (
    Action,
    Cadence,
    Cadences,
    Met,
    PlanChanges,
    changed_action,
    changed_fields,
    last_notes,
    match_introductions,
    plan_event,
    replan,
    row_fields,
    suggest_actions,
    weekly_capacity,
)
from networking_kit.followups.events import MET_AT_AN_EVENT
from networking_kit.followups.plan import ActionChange
from networking_kit.followups.schedule import week_start
from networking_kit.followups.suggestions import SUGGESTION_LIMITS
from networking_kit.gaps import GapReport, find_gaps
from networking_kit.settings import PLAN_WEEKS
from networking_kit.steps._session import Change
from networking_kit.steps.checkin import record_baseline
from networking_kit.steps.followups_views import FollowupViews
from networking_kit.store import Workbook
from networking_kit.store.records import (
    load_cadences,
    load_goal,
    load_plan,
    load_weeks_away,
    plan_start,
    save_cadences,
    save_weeks_away,
    write_plan_changes,
)
from networking_kit.vocab import ActionKind, ActionStatus, Context, TieStrength

NEWER_GOAL = ("Your saved goal was written by a newer version of this toolkit, so this plan "
              "leaves it out. Ask your facilitator to update it.")
OPEN_FAILED = ("Sorry, your plan could not be brought up to date just now. What you saved "
               "is safe; reload the page to try again.")
HOW = {"call": "Call", "coffee": "Coffee or meal", "message": "Message or e-mail",
       "meeting": "Meeting"}  # how one was in touch, for the log


@dataclass(frozen=True)
class EventLogged:
    """What logging an event did: the follow-ups planned (as saved), how many people were
    new to the map, and the names of those who were already in it."""

    actions: list[Action]
    added: int
    already: list[str]


class FollowupSession(FollowupViews):
    """Step 3 for one workbook: its data in memory and every participant action.

    Public state (read it, never assign it): ``goal``, ``goal_note``, ``contacts``,
    ``ties``, ``cadences``, ``away`` (Mondays), ``start``, ``interactions`` (log rows),
    ``per_week`` and, through :attr:`plan`, the saved actions. Every action method raises
    ``ValueError`` with one sentence for the participant when its input is not usable, and
    ``KeyError`` for an action id not in the plan; a failure saves nothing.
    """

    weeks = PLAN_WEEKS

    def __init__(self, workbook: Workbook, today: date | None = None) -> None:
        super().__init__(workbook, today)
        self._gaps: GapReport | None = None
        self._introductions: list[tuple[str, str, str]] | None = None
        self._fresh: list[Action] | None = None
        self.open_note = ""
        with workbook.transaction():
            self._read_all()
            self.start = plan_start(workbook, self.today)
        try:  # plan again on opening; the page must open even when that fails
            with workbook.transaction():
                changes = self._replan_changes(self._fresh_suggestions())
                write_plan_changes(workbook, changes)
                record_baseline(workbook, self.today, lambda: take_snapshot(  # the "before"
                    self.contacts, {c.target: c.count for c in self._read_map()[0].coverage},
                    [a.status.value for a in changes.stored.values()], self.today, PLAN_MADE))
            self._stored = changes.stored
            self._views_changed()
        except Exception as error:
            self.last_error, self.open_note = error, OPEN_FAILED
        self._seen_version = workbook.data_version()

    # ----------------------------------------------------------------- loading

    def _read_all(self) -> None:
        workbook = self.workbook
        try:
            self.goal, self.goal_note = load_goal(workbook), ""
        except ValueError as error:
            self.goal, self.goal_note, self.last_error = None, NEWER_GOAL, error
        self.contacts: pd.DataFrame = workbook.load_contacts()
        self.ties: list[tuple[str, str]] = workbook.load_ties()
        self.cadences: Cadences = load_cadences(workbook)
        self.away: set[date] = load_weeks_away(workbook)
        self.interactions: list[dict[str, object]] = workbook.load_interactions()
        self._stored: dict[str, Action] = {
            a.action_id: a for a in load_plan(workbook, include_dropped=True)}
        self._forget(map_changed=True)

    def _reload(self) -> set[Change]:
        """Another window wrote: read everything again, say which topics differ."""
        before = (self.goal, self.contacts, self.ties, self.cadences, self.away,
                  self._stored, len(self.interactions))
        self._read_all()
        self.start = plan_start(self.workbook, self.today)
        changed: set[Change] = set()
        if before[0] != self.goal:
            changed.add(Change.GOAL)
        if not before[1].equals(self.contacts):
            changed.add(Change.CONTACTS)
        if before[2] != self.ties:
            changed.add(Change.TIES)
        if (before[3], before[4]) != (self.cadences, self.away):
            changed.add(Change.SETTINGS)
        if before[5] != self._stored:
            changed.add(Change.PLAN)
        if before[6] != len(self.interactions):
            changed.add(Change.LOG)
        return changed

    @property
    def per_week(self) -> int:
        """Actions a week, from the time the participant said they have."""
        return weekly_capacity(self.goal)

    # ------------------------------------------------------------ planning again

    def _forget(self, *, map_changed: bool) -> None:
        """Drop what memory derived from the data: everything when the map (people, their
        closeness, notes, ties, the goal) changed; only the suggestions, which follow
        rhythms and last contacts, otherwise."""
        if map_changed:
            self._gaps = self._introductions = None
        self._fresh = None
        self._views_changed(people=map_changed)

    def _read_map(self) -> tuple[GapReport, list[tuple[str, str, str]]]:
        """The heavy reading of the map (gaps, introductions), kept until the map changes."""
        if self._gaps is None:
            self._gaps = find_gaps(self.contacts, self.goal, self.ties, self.today)
        if self._introductions is None:
            self._introductions = match_introductions(
                self.contacts, self.ties, SUGGESTION_LIMITS[ActionKind.INTRODUCE])
        return self._gaps, self._introductions

    def _fresh_suggestions(self) -> list[Action]:
        if self._fresh is None:
            self._read_map()
            self._fresh = suggest_actions(
                self.contacts, self.goal, self.ties, self._gaps, self.today, self.cadences,
                self.start, last_notes(self.interactions), self._introductions,
                self.keep_warm_table())
        return self._fresh

    def _replan_changes(self, fresh: Sequence[Action], stored: Iterable[Action] | None = None,
                        away: set[date] | None = None) -> PlanChanges:
        return replan(fresh, self._stored.values() if stored is None else stored, self.today,
                      self.per_week, self.weeks, self.away if away is None else away)

    def _save(self, stored: dict[str, Action], fresh: Sequence[Action] | None = None,
              away: set[date] | None = None) -> None:
        """Plan again around ``stored`` (the plan with the action's change in it, by id),
        write what changed, and keep the result. Inside an action's transaction."""
        changes = self._replan_changes(self._fresh_suggestions() if fresh is None else fresh,
                                       stored.values(), away)
        write_plan_changes(self.workbook, changes)
        self._stored = changes.stored

    def _change(self, action_id: str, **change: Unpack[ActionChange]) -> Action:
        """One action changed by the participant, planned around; returns it as saved."""
        old = self.action(action_id)
        new = _changed(old, **change)
        self._write_one(old, new)
        stored = {**self._stored, action_id: new}
        self._save(stored)
        self._views_changed()
        return self._stored.get(action_id, new)

    def _write_one(self, old: Action, new: Action) -> None:
        if new.followup_id is None:
            new.followup_id = self.workbook.add_followup(**row_fields(new))
        elif fields := changed_fields(old, new):
            self.workbook.update_followup(new.followup_id, **fields)

    # ------------------------------------------------------------- plan actions

    def keep(self, action_id: str) -> Action:
        """Keep a suggestion (or put back a skipped one): it stays on its day."""
        with self._action(Change.PLAN):
            return self._change(action_id, status=ActionStatus.ACCEPTED)

    put_back = keep

    def skip(self, action_id: str) -> Action:
        """Skip an action: it leaves the weeks, and the next suggestion moves up."""
        with self._action(Change.PLAN):
            return self._change(action_id, status=ActionStatus.SKIPPED)

    def change(self, action_id: str, *, title: str | None = None,
               due_on: date | None = None) -> Action:
        """Reword or move an action (a date from today on); it keeps that day."""
        if due_on is not None and due_on < self.today:
            raise ValueError("Choose a date from today on.")
        with self._action(Change.PLAN):
            return self._change(action_id, title=title, due_on=due_on)

    def done(self, action_id: str, day: date | None = None, note: str | None = None,
             how: str = "message") -> Action:
        """Tick an action done: an interaction is logged with each of its people (their
        last contact moves, and so their rhythm) and the plan is made again."""
        day = day or self.today
        action = self.action(action_id)
        with self._action(Change.PLAN, Change.LOG, Change.CONTACTS,
                          contact_ids=frozenset(action.contact_ids)):
            action = self.action(action_id)
            logged = [(cid, tidy_text(note) or action.title) for cid in action.contact_ids]
            rows = self._log(logged, day, how)
            new = _changed(action, status=ActionStatus.DONE, done_on=day)
            self._write_one(action, new)
            self._after_log(rows, day, {action_id: new}, how)
            return self._stored.get(action_id, new)

    def replan(self) -> list[Action]:
        """Make the plan again from the data in memory (nothing the participant decided
        changes). Returns the plan."""
        with self._action(Change.PLAN):
            self._forget(map_changed=True)
            self._save(dict(self._stored))
        return self.plan

    # ------------------------------------------------------------------ the log

    def log_call(self, contact_id: str, day: date | None = None, how: str = "call",
                 note: str | None = None) -> list[Action]:
        """Log a call, coffee, message or meeting with one person. Their last contact
        moves, and a planned touch with them alone (keep in touch, catch up, follow up
        after an event) is done by it. Returns the actions it completed."""
        day = day or self.today
        if day > self.today:
            raise ValueError("Log what has happened: choose today or an earlier day.")
        if how not in HOW:
            raise ValueError(f"unknown way of being in touch {how!r}")
        with self._action(Change.LOG, Change.CONTACTS, Change.PLAN,
                          contact_ids=frozenset({contact_id})):
            if contact_id not in self._row_index():
                raise ValueError("That person is no longer in your map; pick them again.")
            rows = self._log([(contact_id, tidy_text(note) or None)], day, how)
            completed: dict[str, Action] = {}
            for action in self.plan:
                if (action.kind.touch and action.contact_ids == (contact_id,)
                        and action.status.open):
                    new = _changed(action, status=ActionStatus.DONE, done_on=day)
                    self._write_one(action, new)
                    completed[action.action_id] = new
            self._after_log(rows, day, completed, how)
            return [self._stored.get(k, a) for k, a in completed.items()]

    def log_event(self, venue: str, people: Sequence[Met | str], day: date | None = None,
                  notes: str = "", context: str = Context.OTHER.value) -> EventLogged:
        """The people met at an event: new ones added as acquaintances, notes kept on
        those already in the map, one interaction each and a follow-up with each within
        a day or two, all in one transaction."""
        day = day or self.today
        if not any(tidy_text(p if isinstance(p, str) else p.name) for p in people):
            raise ValueError("Type the name of at least one person you talked to, one a line.")
        with self._action(Change.CONTACTS, Change.LOG, Change.PLAN):
            record = plan_event(self.people_by_name(), venue, people, day, notes, context,
                                self.today)
            if len(record.new_contacts):
                self.workbook.save_contacts(record.new_contacts)
            for contact_id, kept in record.notes.items():
                self.workbook.update_contact(contact_id, notes=kept)
            rows = [(cid, self.workbook.log_interaction(
                cid, happened_on=day, kind=MET_AT_AN_EVENT, note=note), note)
                for cid, note in record.interactions]
            stored = dict(self._stored)
            for action in record.actions:
                if action.action_id not in stored:  # the same event logged twice: once
                    self._write_one(action, action)
                    stored[action.action_id] = action
            contacts = pd.concat([self.contacts, record.new_contacts], ignore_index=True) \
                if len(record.new_contacts) else self.contacts.copy()
            index = {cid: i for i, cid in enumerate(contacts["contact_id"].astype(str))}
            for contact_id, kept in record.notes.items():
                contacts.loc[index[contact_id], "notes"] = kept
            self._move_last_contact(contacts, index, [cid for cid, _ in record.interactions],
                                    day)
            previous = (self.contacts, self._fresh, self._gaps, self._introductions)
            log = self.interactions
            self.contacts = contacts
            self.interactions = [*log, *(
                {"interaction_id": iid, "contact_id": cid, "happened_on": day,
                 "kind": MET_AT_AN_EVENT, "note": note} for cid, iid, note in rows)]
            self._forget(map_changed=True)
            try:
                self._save(stored)
            except BaseException:
                self.contacts, self._fresh, self._gaps, self._introductions = previous
                self.interactions = log
                self._views_changed(people=True)
                raise
            wanted = [a.action_id for a in record.actions]
            return EventLogged([self._stored[k] for k in dict.fromkeys(wanted)
                                if k in self._stored],
                               len(record.new_contacts), record.already)

    def _log(self, entries: Sequence[tuple[str, str | None]], day: date,
             how: str) -> list[tuple[str, int, str | None]]:
        return [(cid, self.workbook.log_interaction(cid, happened_on=day, kind=how,
                                                    note=note), note)
                for cid, note in entries]

    def _after_log(self, rows: list[tuple[str, int, str | None]], day: date,
                   changed: dict[str, Action], how: str) -> None:
        """After logging: plan again around the moved last contacts and the new notes (the
        map is the same, so the heavy reading of it is kept), then keep it all in memory;
        on a failure memory is put back as it was."""
        contacts = self.contacts.copy()
        self._move_last_contact(contacts, self._row_index(), [r[0] for r in rows], day)
        previous = (self.contacts, self.interactions, self._fresh)
        self.contacts, self._fresh = contacts, None
        logged: list[dict[str, object]] = [
            {"interaction_id": iid, "contact_id": cid, "happened_on": day, "kind": how,
             "note": note} for cid, iid, note in rows]
        self.interactions = [*self.interactions, *logged]
        self._views_changed()
        try:
            self._save({**self._stored, **changed})
        except BaseException:
            self.contacts, self.interactions, self._fresh = previous
            self._views_changed()
            raise

    @staticmethod
    def _move_last_contact(contacts: pd.DataFrame, index: dict[str, int],
                           contact_ids: Iterable[str], day: date) -> None:
        """As the store does: the last contact moves forward, never back."""
        stamp = pd.Timestamp(day)
        last_contact: pd.Series[pd.Timestamp] = contacts["last_contact"]  # NaT when none
        for contact_id in contact_ids:
            row = index[contact_id]
            current = last_contact.loc[row]
            if pd.isna(current) or current < stamp:
                contacts.at[row, "last_contact"] = stamp

    # --------------------------------------------------------------- settings

    def set_layer_rhythm(self, strength: TieStrength | str, ideal_days: int,
                         max_days: int) -> Cadence:
        """How often to be in touch with everyone of one closeness."""
        cadence = _cadence(ideal_days, max_days)
        cadences = self.cadences.copy()
        cadences.layers[TieStrength(strength).value] = cadence
        self._set_cadences(cadences)
        return cadence

    def set_person_rhythm(self, contact_id: str, ideal_days: int, max_days: int) -> Cadence:
        """A rhythm of their own for one person."""
        cadence = _cadence(ideal_days, max_days)
        cadences = self.cadences.copy()
        cadences.people[contact_id] = cadence
        self._set_cadences(cadences, contact_id)
        return cadence

    def clear_person_rhythm(self, contact_id: str) -> bool:
        """Back to their layer's rhythm; False when they already follow it."""
        if contact_id not in self.cadences.people:
            return False
        cadences = self.cadences.copy()
        del cadences.people[contact_id]
        self._set_cadences(cadences, contact_id)
        return True

    def _set_cadences(self, cadences: Cadences, contact_id: str | None = None) -> None:
        ids = frozenset({contact_id}) if contact_id else frozenset()
        with self._action(Change.SETTINGS, Change.PLAN, contact_ids=ids):
            save_cadences(self.workbook, cadences)
            fresh = self._suggest_with(cadences=cadences)
            self._save(dict(self._stored), fresh)
            self.cadences, self._fresh = cadences, fresh
            self._views_changed()

    def set_away(self, monday: date, away: bool) -> bool:
        """Tick or untick one week away; False when it already was so. Nothing new is
        planned in a week away, and a check-in in it moves to the Monday after."""
        monday = week_start(monday)
        if away == (monday in self.away):
            return False
        self.set_weeks_away(self.away | {monday} if away else self.away - {monday})
        return True

    def set_weeks_away(self, weeks: Iterable[date]) -> set[date]:
        """All the weeks away at once (any day of each); returns their Mondays."""
        mondays = {week_start(d) for d in weeks}
        with self._action(Change.SETTINGS, Change.PLAN):
            save_weeks_away(self.workbook, mondays)
            self._save(dict(self._stored), away=mondays)
            self.away = mondays
            self._views_changed()
        return mondays

    def _suggest_with(self, *, cadences: Cadences) -> list[Action]:
        """The suggestions as they would be with other rhythms (the map's reading kept)."""
        gaps, introductions = self._read_map()
        return suggest_actions(self.contacts, self.goal, self.ties, gaps, self.today,
                               cadences, self.start, last_notes(self.interactions),
                               introductions)


def _changed(action: Action, **change: Unpack[ActionChange]) -> Action:
    return changed_action(action, **change)


def _cadence(ideal_days: int, max_days: int) -> Cadence:
    if int(max_days) < int(ideal_days):
        raise ValueError("The longest gap must be at least as long as the usual rhythm; "
                         "choose a longer 'at most'.")
    return Cadence(int(ideal_days), int(max_days))


__all__ = ["HOW", "NEWER_GOAL", "EventLogged", "FollowupSession"]
