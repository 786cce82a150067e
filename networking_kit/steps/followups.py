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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Unpack

import pandas as pd

from networking_kit.contacts import tidy_text
from networking_kit.followups import (
    Action,
    Cadence,
    Cadences,
    Met,
    RoughContact,
    changed_action,
    plan_event,
)
from networking_kit.followups.events import MET_AT_AN_EVENT
from networking_kit.followups.plan import ActionChange
from networking_kit.followups.schedule import week_start
from networking_kit.steps._session import Change
from networking_kit.steps.followups_memory import NEWER_GOAL, FollowupMemory
from networking_kit.store.records import save_cadences, save_weeks_away
from networking_kit.vocab import ActionStatus, Context, LastInTouch, TieStrength

HOW = {"call": "Call", "coffee": "Coffee or meal", "message": "Message or e-mail",
       "meeting": "Meeting"}  # how one was in touch, for the log


@dataclass(frozen=True)
class EventLogged:
    """What logging an event did: the follow-ups planned (as saved), how many people were
    new to the map, and the names of those who were already in it."""

    actions: list[Action]
    added: int
    already: list[str]


class FollowupSession(FollowupMemory):
    """Step 3 for one workbook: its data in memory and every participant action.

    Public state (read it, never assign it): ``goal``, ``goal_note``, ``contacts``,
    ``ties``, ``cadences``, ``away`` (Mondays), ``start``, ``interactions`` (log rows),
    ``per_week`` and, through :attr:`plan`, the saved actions. Every action method raises
    ``ValueError`` with one sentence for the participant when its input is not usable, and
    ``KeyError`` for an action id not in the plan; a failure saves nothing.
    """

    def _change(self, action_id: str, **change: Unpack[ActionChange]) -> Action:
        """One action changed by the participant, planned around; returns it as saved."""
        old = self.action(action_id)
        new = _changed(old, **change)
        self._write_one(old, new)
        stored = {**self._stored, action_id: new}
        self._save(stored)
        self._plan_changed()
        return self._stored.get(action_id, new)

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
                self.workbook.save_contacts(record.new_contacts, normalised=True)
            if record.notes:
                self.workbook.patch_contacts({c: {"notes": n} for c, n in record.notes.items()})
            rows = [(cid, self.workbook.log_interaction(
                cid, happened_on=day, kind=MET_AT_AN_EVENT, note=note), note)
                for cid, note in record.interactions]
            stored = dict(self._stored)
            for action in record.actions:
                if action.action_id not in stored:  # the same event logged twice: once
                    self._write_one(action, action)
                    stored[action.action_id] = action
            put_back = self._remember_event(record.new_contacts, record.notes,
                                            [cid for cid, _ in record.interactions], day, rows)
            try:
                self._save(stored)
            except BaseException:
                put_back()
                raise
            wanted = [a.action_id for a in record.actions]
            return EventLogged([self._stored[k] for k in dict.fromkeys(wanted)
                                if k in self._stored],
                               len(record.new_contacts), record.already)

    def _remember_event(self, added: pd.DataFrame, notes: dict[str, str], met: list[str],
                        day: date, rows: list[tuple[str, int, str]]) -> Callable[[], None]:
        """Memory follows what logging an event wrote: the new people appended (their
        text written into the room kept for it, ``steps.contact_rows``, not every row
        copied), the notes and last contacts of the others set cell by cell, the look-ups
        extended rather than built again. Returns what puts memory back as it was, for a
        failure after it; a failure in it puts memory back itself."""
        frame, interactions = self.contacts, self.interactions
        old, index = len(frame), self._row_index()
        # the cells written in rows the new table shares with ``frame``, as they were
        cells: list[tuple[int, int, Any]] = []
        for name, ids in (("notes", notes), ("last_contact", dict.fromkeys(met))):
            column = list(frame.columns).index(name)
            cells += [(index[c], column, frame.iat[index[c], column]) for c in ids if c in index]

        def put_back() -> None:
            for row, column, value in cells:
                frame.iat[row, column] = value
            self.contacts, self.interactions = frame, interactions
            self._forget(map_changed=True)

        try:
            contacts = self._spare.appended(frame, added) if len(added) else frame
            self.contacts = contacts
            index.update((str(cid), old + n) for n, cid in enumerate(added["contact_id"]))
            for contact_id, kept in notes.items():
                contacts.at[index[contact_id], "notes"] = kept
            self._before_logging([c for c in dict.fromkeys(met) if index[c] < old])
            self._move_last_contact(contacts, index, met, day)
            self._people_added(added, notes)
            self._warm_moved([index[c] for c in met])
            strengths = contacts["strength"].iloc[[index[c] for c in dict.fromkeys(met)]]
            self._forget_people(strengths.astype("object").tolist(), [
                *(index[c] for c in (*met, *notes)), *range(old, len(contacts))])
            self.interactions = [*interactions, *(
                {"interaction_id": iid, "contact_id": cid, "happened_on": day,
                 "kind": MET_AT_AN_EVENT, "note": note} for cid, iid, note in rows)]
        except BaseException:
            put_back()
            raise
        return put_back

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
        self._before_logging([r[0] for r in rows])
        rows_of = [self._row_index()[r[0]] for r in rows]
        was = self.contacts["last_contact"].iloc[rows_of].copy()  # to put back, not 30,000
        self._move_last_contact(self.contacts, self._row_index(), [r[0] for r in rows], day)
        previous = (self.interactions, self._fresh)
        self._fresh = None
        logged: list[dict[str, object]] = [
            {"interaction_id": iid, "contact_id": cid, "happened_on": day, "kind": how,
             "note": note} for cid, iid, note in rows]
        self.interactions = [*self.interactions, *logged]
        self._warm_moved(rows_of)
        self._views_changed(keep_base=True)
        try:
            self._save({**self._stored, **changed})
        except BaseException:
            self.contacts.loc[was.index, "last_contact"] = was
            self.interactions, self._fresh = previous
            self._views_changed()
            raise

    @staticmethod
    def _move_last_contact(contacts: pd.DataFrame, index: dict[str, int],
                           contact_ids: Iterable[str], day: date) -> None:
        """As the store does: the last contact moves forward, never back."""
        stamp = pd.Timestamp(day)
        column = list(contacts.columns).index("last_contact")
        for row in (index[c] for c in contact_ids):  # a few cells, not a 30,000-row .loc
            current = contacts.iat[row, column]
            if not isinstance(current, pd.Timestamp) or current < stamp:
                contacts.iat[row, column] = stamp

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

    def not_in_touch_known(self) -> dict[str, int]:
        """Sorted people with no last contact recorded and no rough answer yet, counted by
        closeness (tie-strength value → people, closest first, layers with nobody left
        out): the layers the "roughly when were you last in touch?" question is asked for."""
        frame = self.contacts
        strength = frame["strength"].astype("object")
        open_ = (strength.notna() & frame["last_contact"].isna()
                 & ~frame["contact_id"].astype(str).isin(list(self.cadences.rough)))
        counts = strength[open_].value_counts()
        return {s.value: int(counts[s.value]) for s in TieStrength if s.value in counts}

    def set_last_in_touch(self, answer: LastInTouch | str, *,
                          strength: TieStrength | str | None = None,
                          contact_ids: Iterable[str] = ()) -> int:
        """Answer "roughly when were you last in touch?" for everyone of one closeness
        (``strength``) or for the people ``contact_ids``, in one transaction; keep-in-touch
        and the plan follow at once. Only people with no last contact recorded take the
        answer (a recorded day is better than a rough one). Returns how many did;
        ``ValueError`` (a sentence) when nobody is chosen or all have a date."""
        answer = LastInTouch(answer)
        frame = self.contacts
        chosen = frame["last_contact"].isna()
        if strength is not None:
            chosen &= frame["strength"].astype("object") == TieStrength(strength).value
        else:
            wanted = set(contact_ids)
            if not wanted:
                raise ValueError("Choose a closeness or at least one person first.")
            chosen &= frame["contact_id"].astype(str).isin(wanted)
        ids = frame.loc[chosen, "contact_id"].astype(str).tolist()
        if not ids:
            raise ValueError("Everyone you chose already has a day they were last in "
                             "touch, so there is nothing to guess.")
        cadences = self.cadences.copy()
        rough = RoughContact(answer, self.today)
        cadences.rough.update((cid, rough) for cid in ids)
        self._set_cadences(cadences, people=frozenset(ids))
        return len(ids)

    def _set_cadences(self, cadences: Cadences, contact_id: str | None = None,
                      people: frozenset[str] = frozenset()) -> None:
        ids = (frozenset({contact_id}) if contact_id else frozenset()) | people
        with self._action(Change.SETTINGS, Change.PLAN, contact_ids=ids):
            save_cadences(self.workbook, cadences)
            fresh = self._suggest_with(cadences=cadences)
            self._save(dict(self._stored), fresh)
            self.cadences, self._fresh = cadences, fresh
            self._views_changed(keep_base=True)

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
            self._plan_changed()
        return mondays


def _changed(action: Action, **change: Unpack[ActionChange]) -> Action:
    return changed_action(action, **change)


def _cadence(ideal_days: int, max_days: int) -> Cadence:
    if int(max_days) < int(ideal_days):
        raise ValueError("The longest gap must be at least as long as the usual rhythm; "
                         "choose a longer 'at most'.")
    return Cadence(int(ideal_days), int(max_days))


__all__ = ["HOW", "NEWER_GOAL", "EventLogged", "FollowupSession"]
