"""Step 3's memory: what :class:`~networking_kit.steps.followups.FollowupSession` loads once,
how it catches up with another window row by row, and how it plans again from memory.

:class:`FollowupMemory` holds the goal, the contacts, the ties, the keep-warm rhythms, the
weeks away, the saved plan and the interaction log. Opening plans again from the map
(:meth:`FollowupMemory.open_plan`), at once or, for a page, once the page is built. The
heavy reading of the map (the gaps against the goal and the introductions to make) is
kept between clicks and read again only when what it reads changed: the gaps when anyone
in the map changed, the introductions only when someone who could be introduced did
(``VOUCHABLE``). The step's actions are in ``steps.followups``; the views the page shows
in ``steps.followups_views``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from networking_kit.checkins import Snapshot, take_snapshot
from networking_kit.fields import SEARCHED
from networking_kit.followups import (
    VOUCHABLE,
    Action,
    Cadences,
    PlanChanges,
    actions_from_rows,
    changed_fields,
    last_notes,
    match_introductions,
    replan,
    row_fields,
    suggest_actions,
    weekly_capacity,
)
from networking_kit.followups.first_rows import GiveRows, give_rows
from networking_kit.followups.gives import (
    GOAL_GIVES,
    FieldPeople,
    goal_field_people,
    update_field_people,
)
from networking_kit.followups.suggestions import (
    INTRODUCTION_POOL,
    SUGGESTION_LIMITS,
    give_first_actions,
)
from networking_kit.gaps import (
    GapReport,
    Rewarm,
    RowReading,
    find_gaps,
    goal_targets,
    holds_after_event,
    read_rows,
    reread_rows,
    search_columns,
)
from networking_kit.goals import Goal
from networking_kit.settings import COLD_AFTER_DAYS, PLAN_WEEKS
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.checkin import record_on_opening
from networking_kit.steps.contact_rows import SpareRows
from networking_kit.steps.followups_views import FollowupViews
from networking_kit.store import Workbook
from networking_kit.store.records import (
    load_cadences,
    load_goal,
    load_plan,
    load_weeks_away,
    plan_start,
    write_plan_changes,
)
from networking_kit.vocab import ActionKind, ActionStatus, TieStrength

NEWER_GOAL = ("Your saved goal was written by a newer version of this toolkit, so this plan "
              "leaves it out. Ask your facilitator to update it.")
OPEN_FAILED = ("Sorry, your plan could not be brought up to date just now. What you saved "
               "is safe; reload the page to try again.")


class FollowupMemory(FollowupViews):
    """Step 3's data in memory and planning again from it (see ``FollowupSession``)."""

    weeks = PLAN_WEEKS

    def __init__(self, workbook: Workbook, today: date | None = None, *,
                 plan_later: bool = False) -> None:
        """Read the data and plan again (:meth:`open_plan`); with ``plan_later`` the
        planning waits for :meth:`open_plan` (a page calls it once it is built) or the
        first action, and until then :attr:`plan_ready` is False and the plan is the
        one saved."""
        super().__init__(workbook, today)
        self._gaps: GapReport | None = None
        self._gap_rows: RowReading | None = None
        self._introductions: list[tuple[str, str, str]] | None = None
        self._field_people: FieldPeople | None = None
        self._fresh: list[Action] | None = None
        self._gives: tuple[GivesKey, list[Action]] | None = None
        self._give_rows: GiveRows | None = None
        self._fresh_skipped: frozenset[str] = frozenset()
        self._spare = SpareRows()  # room to append people without copying every row
        self.open_note = ""
        self.plan_ready = False
        with workbook.transaction():
            self._read_all()
            self.start = plan_start(workbook, self.today)
        if not plan_later:
            self.open_plan()

    def open_plan(self) -> None:
        """Plan again on opening, once (later calls do nothing): the suggestions from the
        map (about 0.5 s at 30,000 contacts: the map's reading), the plan written, the
        snapshot of the plan made or of a check-in due today recorded. Announces
        ``Change.PLAN`` when it ran. The page must open even when this fails: the saved
        plan stays, ``open_note`` says so and ``last_error`` keeps why. Runs again once
        another window changed the map (:meth:`_reload`), as opening the page again would."""
        if self.plan_ready:
            return
        self.plan_ready = True
        stale: set[Change] = set()
        try:
            with self.workbook.transaction():
                stale = self._catch_up()  # another window may have written since the read
                self.plan_ready = True  # the plan made below follows that map change too
                changes = self._replan_changes(self._fresh_suggestions())
                write_plan_changes(self.workbook, changes)
                statuses = [a.status.value for a in changes.stored.values()]

                def snapshot(label: str) -> Snapshot:
                    coverage = self._read_map()[0].coverage
                    return take_snapshot(self.contacts, {c.target: c.count for c in coverage},
                                         statuses, self.today, label)

                # the plan made (the first time), then the check-in due today (30/60/90 days)
                review = self.goal.review_date if self.goal is not None else None
                record_on_opening(self.workbook, self.today, review, snapshot)
                self._saw_own_write()
            self._stored = changes.stored
            self._views_changed()
        except Exception as error:
            self.last_error, self.open_note = error, OPEN_FAILED
        self._emit(ChangeEvent(frozenset({Change.PLAN} | stale)))

    @contextlib.contextmanager
    def _action(self, *topics: Change, contact_ids: frozenset[str] = frozenset(),
                ) -> Iterator[list[str]]:
        """``StepSession._action``, on a plan made again first (:meth:`open_plan`): an
        action before the page's planning ran brings it forward."""
        self.open_plan()
        with super()._action(*topics, contact_ids=contact_ids) as notes:
            yield notes

    # ----------------------------------------------------------------- loading

    def _read_goal(self) -> None:
        try:
            self.goal, self.goal_note = load_goal(self.workbook), ""
        except ValueError as error:
            self.goal, self.goal_note, self.last_error = None, NEWER_GOAL, error

    def _read_all(self) -> None:
        workbook = self.workbook
        self._read_goal()
        self.contacts: pd.DataFrame = workbook.load_contacts(for_page=True)
        self.ties: list[tuple[str, str]] = workbook.load_ties()
        self.cadences: Cadences = load_cadences(workbook)
        self.away: set[date] = load_weeks_away(workbook)
        self.interactions: list[dict[str, object]] = workbook.load_interactions()
        self._stored: dict[str, Action] = {
            a.action_id: a for a in load_plan(workbook, include_dropped=True)}
        self._forget(map_changed=True)

    def _reload(self) -> set[Change]:
        """Another window wrote: read only the tables whose revision moved (contacts and
        follow-ups row by row), say which topics differ."""
        moved, since, workbook = self._moved, self._revisions, self.workbook
        changed: set[Change] = set()
        if "goal" in moved:
            before = self.goal
            self._read_goal()
            if before != self.goal:
                changed.add(Change.GOAL)
        if "contacts" in moved:
            contacts = workbook.contacts_changed_since(since.get("contacts", 0)).apply_to(
                self.contacts)
            if not contacts.equals(self.contacts):
                self.contacts = contacts
                changed.add(Change.CONTACTS)
        if "ties" in moved and (ties := workbook.load_ties()) != self.ties:
            self.ties = ties
            changed.add(Change.TIES)
        if "profile" in moved:
            settings = (self.cadences, self.away, self.start)
            self.cadences, self.away = load_cadences(workbook), load_weeks_away(workbook)
            self.start = plan_start(workbook, self.today)
            if settings != (self.cadences, self.away, self.start):
                changed.add(Change.SETTINGS)
        if "followups" in moved and self._plan_rows_since(since.get("followups", 0)):
            changed.add(Change.PLAN)
        if "interactions" in moved:
            count = len(self.interactions)
            self.interactions = workbook.load_interactions()
            if count != len(self.interactions):
                changed.add(Change.LOG)
        if changed:
            map_changed = bool(changed & {Change.GOAL, Change.CONTACTS, Change.TIES})
            self._forget(map_changed=map_changed)
            if map_changed:
                # The suggestions come from the map: the plan is made again from the new
                # one (:meth:`open_plan`, by the page or first thing in the next action),
                # and until then the page says it is being made, as on opening.
                self.plan_ready = False
        return changed

    def _plan_rows_since(self, revision: int) -> bool:
        """Apply the follow-ups another window wrote or removed; whether any differ."""
        found = self.workbook.followups_changed_since(revision)
        stored = {k: a for k, a in self._stored.items()
                  if a.followup_id not in found.removed_ids}
        for action in actions_from_rows(found.rows, include_dropped=True):
            stored[action.action_id] = action
        # the order a whole load gives: earliest due first, undated last, then by row
        ordered = dict(sorted(stored.items(), key=lambda kv: (
            kv[1].due_on is None, kv[1].due_on or date.min, kv[1].followup_id or 0)))
        if ordered == self._stored:
            return False
        self._stored = ordered
        return True

    def snapshot(self, label: str) -> Snapshot:
        """The map and plan now, from memory: what ``steps.checkin.current_snapshot``
        reads from the file (the goal's fields from the kept map reading)."""
        fields = ({c.target: c.count for c in self._read_map()[0].coverage}
                  if self.goal is not None and not self.contacts.empty else {})
        return take_snapshot(self.contacts, fields,
                             [a.status.value for a in self._stored.values()], self.today,
                             label)

    def names(self) -> dict[str, str]:
        """Contact id → name, everyone in the map (as the check-in names them)."""
        return dict(zip(self.contacts["contact_id"].astype(str),
                        self.contacts["name"].astype(str), strict=True))

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
            self._gaps = self._introductions = self._field_people = None
            self._gap_rows = self._gives = self._give_rows = None
        self._fresh = None
        self._views_changed(people=map_changed)

    def _forget_people(self, strengths: Iterable[object], positions: Iterable[int]) -> None:
        """Some people were added or their words or last contact changed (``positions``:
        their rows, the added ones included; ``strengths``: the closeness of each, as
        codes): the gaps are read again from the kept reading of every row's words, only
        these rows read again (``gaps.reread_rows``); the introductions only when one of
        them could be introduced, as ``match_introductions`` reads no one else; the goal's
        fields' people only for these rows (``gives.update_field_people``). The gaps are
        kept when ``gaps.holds_after_event`` says they hold (after ``_before_logging``)."""
        self._fresh = None
        positions, before = sorted(set(positions)), self._gap_rows
        if _gives_read(self.contacts, positions):
            self._gives = self._give_rows = None
        if any(s in VOUCHABLE for s in strengths):
            self._introductions = None
        if before is not None:
            self._gap_rows = reread_rows(before, self.contacts, positions)
        if before is None or self._gap_rows is None or not holds_after_event(
                self.contacts, self.goal, before, self._gap_rows, self.today):
            self._gaps = None
        if self._field_people is not None:
            self._field_people = update_field_people(self._field_people, self.contacts,
                                                     self.goal, positions)

    def _before_logging(self, contact_ids: Sequence[str]) -> None:
        """Their last contact is about to move forward: the map's reading (``find_gaps``)
        reads last contacts only to pick ties to re-warm (cold: dormant, or quiet for
        longer than ``COLD_AFTER_DAYS``), so it is read again only when one of them is on
        that list, or is cold only by the date and so stops being cold. Anyone else can
        only score lower there and stays off it."""
        if self._gaps is None:
            return
        listed = {r.contact_id for r in self._gaps.rewarm}
        if listed & set(contact_ids):
            self._gaps = None
            return
        today, frame, index = pd.Timestamp(self.today), self.contacts, self._row_index()
        last, strength = (list(frame.columns).index(c) for c in ("last_contact", "strength"))
        for row in (index[c] for c in contact_ids):  # a few people: cell by cell
            day = frame.iat[row, last]
            if (isinstance(day, pd.Timestamp) and (today - day).days > COLD_AFTER_DAYS
                    and frame.iat[row, strength] != TieStrength.DORMANT.value):
                self._gaps = None
                return

    def _read_map(self) -> tuple[GapReport, list[tuple[str, str, str]]]:
        """The heavy reading of the map (gaps, introductions), kept until the map changes."""
        if self._gaps is None:
            if self._gap_rows is None:
                targets = goal_targets(self.goal) if self.goal is not None else []
                self._gap_rows = read_rows(self.contacts, targets, search_columns(self.goal))
            self._gaps = find_gaps(self.contacts, self.goal, self.ties, self.today,
                                   rows=self._gap_rows)
        if self._introductions is None:
            self._introductions = match_introductions(self.contacts, self.ties,
                                                      INTRODUCTION_POOL)
        return self._gaps, self._introductions

    def _goal_field_people(self) -> FieldPeople:
        """The goal's fields' people (``gives.goal_field_people``), kept like the map's
        reading: about 0.5 s at 30,000 contacts, so not on every click. The map's
        reading's matches are used when it searched the same columns."""
        if self._field_people is None:
            reading = self._gap_rows
            hits = (reading.hits if reading is not None and reading.columns == SEARCHED
                    and len(reading.sector) == len(self.contacts) else None)
            self._field_people = goal_field_people(self.contacts, self.goal, hits)
        return self._field_people

    def _fresh_suggestions(self, stored: Mapping[str, Action] | None = None) -> list[Action]:
        """The suggestions for the plan ``stored`` (by id; the saved one when None): made
        again when the actions skipped in it differ from last time, so the next best
        suggestion takes a skipped one's place at once."""
        skipped = _skipped(self._stored if stored is None else stored)
        if self._fresh is None or skipped != self._fresh_skipped:
            self._fresh = self._suggest_with(cadences=self.cadences, skipped=skipped)
        return self._fresh

    def _suggest_with(self, *, cadences: Cadences,
                      skipped: frozenset[str] | None = None) -> list[Action]:
        """The suggestions with these rhythms, skipped ones replaced (the saved plan's
        when ``skipped`` is None); the map's reading and the give-first actions drawn from
        it kept; the keep-warm table kept when the rhythms are the ones in use, else kept
        for them once they are saved."""
        gaps, introductions = self._read_map()
        if cadences is self.cadences:
            status = self.keep_warm()
        else:  # new rhythms being tried: their table becomes the page's once saved
            status = self._status_for(cadences)
            self._status_tried = cadences, status
        skipped = _skipped(self._stored) if skipped is None else skipped
        self._fresh_skipped = skipped
        return suggest_actions(self.contacts, self.goal, self.ties, gaps, self.today,
                               cadences, self.start, last_notes(self.interactions),
                               introductions, status, self._goal_field_people(),
                               self._give_first(skipped), skipped)

    def _give_first(self, skipped: frozenset[str] | None = None) -> list[Action]:
        """``suggestions.give_first_actions`` of the map, kept while what it reads is the
        same: the re-warm list and the introductions (by value), the first rows of each
        of the goal's fields (the same row objects, ``_field_prefix``), the goal, the
        ties and the skipped actions (the saved plan's when None). Dropped whenever the
        map changes (``_forget``) except when people were only appended or their notes
        and last contact changed with nothing they offer, know or are trusted for
        (``_forget_people``): the rest of what it reads is then the same."""
        skipped = _skipped(self._stored) if skipped is None else skipped
        gaps, introductions = self._read_map()
        field_people = self._goal_field_people()
        key = (gaps.rewarm, introductions, _field_prefix(field_people, skipped), self.goal,
               self.ties, skipped)
        if self._gives is None or not _same_gives_key(self._gives[0], key):
            if self._give_rows is None:
                self._give_rows = give_rows(self.contacts)
            self._gives = key, give_first_actions(
                self.contacts, self.goal, self.ties, gaps, introductions, field_people,
                skipped, self._give_rows)
        return self._gives[1]

    def _replan_changes(self, fresh: Sequence[Action], stored: Iterable[Action] | None = None,
                        away: set[date] | None = None) -> PlanChanges:
        return replan(fresh, self._stored.values() if stored is None else stored, self.today,
                      self.per_week, self.weeks, self.away if away is None else away)

    def _save(self, stored: dict[str, Action], fresh: Sequence[Action] | None = None,
              away: set[date] | None = None) -> None:
        """Plan again around ``stored`` (the plan with the action's change in it, by id),
        write what changed, and keep the result. Inside an action's transaction."""
        changes = self._replan_changes(
            self._fresh_suggestions(stored) if fresh is None else fresh, stored.values(), away)
        write_plan_changes(self.workbook, changes)
        self._stored = changes.stored

    def _write_one(self, old: Action, new: Action) -> None:
        if new.followup_id is None:
            new.followup_id = self.workbook.add_followup(**row_fields(new))
        elif fields := changed_fields(old, new):
            self.workbook.update_followup(new.followup_id, **fields)


# What ``give_first_actions`` read, compared on the next click (see ``_give_first``).
GivesKey = tuple[list[Rewarm], list[tuple[str, str, str]], list[list[dict[str, Any]]],
                 Goal | None, list[tuple[str, str]], frozenset[str]]


def _field_prefix(field_people: FieldPeople,
                  skipped: frozenset[str]) -> list[list[dict[str, Any]]]:
    """The rows of each goal field that ``gives.goal_gives`` can read: taking the
    fields in turn it reads at most its limit of gives added, as many again already
    given in another field, and the shares taken before it (``SUGGESTION_LIMITS``), each
    limit grown by the skipped actions; one more to find the end."""
    extra = len(skipped)
    reads = 2 * (GOAL_GIVES + extra) + SUGGESTION_LIMITS[ActionKind.SHARE] + extra + 1
    return [rows[:reads] for _, rows in field_people]


def _same_gives_key(kept: GivesKey, key: GivesKey) -> bool:
    """Whether ``give_first_actions`` reads the same from both keys: the same field rows
    (the same objects: ``update_field_people`` replaces a changed person's row), equal
    re-warm lists and introductions, the same goal, ties and skipped actions."""
    return (kept[0] == key[0] and kept[1] == key[1] and kept[3] is key[3]
            and kept[4] is key[4] and kept[5] == key[5]
            and len(kept[2]) == len(key[2])
            and all(len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
                    for a, b in zip(kept[2], key[2], strict=True)))


def _gives_read(contacts: pd.DataFrame, positions: Sequence[int]) -> bool:
    """Whether any of the rows at ``positions`` (a few: read cell by cell) holds what
    ``give_first_actions`` reads of a person directly (not through the goal's fields or
    the gaps): something they offer or know about, or trust."""
    columns = [list(contacts.columns).index(c) for c in ("i_can_offer", "can_help_with",
                                                          "trust")]
    return any(isinstance(contacts.iat[row, column], str)  # text; blank is NA
               for row in positions for column in columns)


def _skipped(plan: Mapping[str, Action]) -> frozenset[str]:
    return frozenset(k for k, a in plan.items() if a.status is ActionStatus.SKIPPED)


__all__ = ["NEWER_GOAL", "OPEN_FAILED", "FollowupMemory"]
