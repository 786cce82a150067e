"""Check in: the plan's before and after, as a session.

:func:`record_baseline` saves the "plan made" snapshot the first time a plan is saved
(the sample calls it; step 3's session calls :func:`record_on_opening`, which also saves
the check-in due that day). :class:`CheckInSession` reads the workbook
afresh on each call (a check-in is opened now and then, not on every click, and step 3's
own writes share the connection, so there is no version to watch): :meth:`changes` says
what changed since the plan was made, :meth:`check_in` saves a snapshot for the check-in
and says the same. Snapshots live in the profile (``checkins.SNAPSHOTS_KEY``), so the
JSON backup and a restore carry them; no schema change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from networking_kit.checkins import (
    PLAN_MADE,
    SNAPSHOTS_KEY,
    CheckInChanges,
    Snapshot,
    check_in_label,
    compare,
    due_check_in,
    layer_counts,
    read_snapshots,
    take_snapshot,
)
from networking_kit.gaps import find_gaps
from networking_kit.steps._session import Change, StepSession
from networking_kit.store import Workbook
from networking_kit.store.records import load_goal, plan_start


def current_snapshot(workbook: Workbook, today: date, label: str) -> Snapshot:
    """The map and plan as saved now. Inside the caller's transaction, if any."""
    contacts = workbook.load_contacts()
    try:
        goal = load_goal(workbook)
    except (ValueError, TypeError, KeyError):
        goal = None
    fields = ({c.target: c.count
               for c in find_gaps(contacts, goal, workbook.load_ties(), today).coverage}
              if goal is not None and not contacts.empty else {})
    statuses = [str(row["status"]) for row in workbook.load_followups()]
    return take_snapshot(contacts, fields, statuses, today, label)


def record_baseline(workbook: Workbook, today: date,
                    make: Callable[[], Snapshot] | None = None) -> bool:
    """Save the "plan made" snapshot unless one is saved; returns whether it saved one.
    ``make`` builds it from a session's memory (else it is read from the file)."""
    saved = read_snapshots(workbook.get_profile(SNAPSHOTS_KEY))
    return _record_baseline(workbook, saved, make or (
        lambda: current_snapshot(workbook, today, PLAN_MADE))) is not None


def record_due_check_in(workbook: Workbook, today: date, review: date | None,
                        make: Callable[[str], Snapshot] | None = None) -> Snapshot | None:
    """Save the automatic snapshot of the check-in reached today (``checkins.due_check_in``:
    30, 60 or 90 days into the plan, or the goal's ``review`` date), unless it is saved;
    returns it, or None. ``make(label)`` builds it from a session's memory (else it is
    read from the file). Inside the caller's transaction; a snapshot of the same day is
    replaced (one a day)."""
    saved = read_snapshots(workbook.get_profile(SNAPSHOTS_KEY))
    return _record_due(workbook, today, review, saved, make or (
        lambda label: current_snapshot(workbook, today, label)))


def record_on_opening(workbook: Workbook, today: date, review: date | None,
                      make: Callable[[str], Snapshot]) -> None:
    """What step 3's session saves as it opens: :func:`record_baseline` then
    :func:`record_due_check_in`, reading the saved snapshots once (at 30,000 contacts a
    reading is about 40 ms: every sorted person's closeness, as JSON). ``make(label)``
    builds a snapshot from the session's memory. Inside the caller's transaction."""
    saved = read_snapshots(workbook.get_profile(SNAPSHOTS_KEY))
    first = _record_baseline(workbook, saved, lambda: make(PLAN_MADE))
    _record_due(workbook, today, review, saved if first is None else [first], make)


def _record_baseline(workbook: Workbook, saved: list[Snapshot],
                     make: Callable[[], Snapshot]) -> Snapshot | None:
    """The "plan made" snapshot, made and saved when none is (``saved``); else None."""
    if saved:
        return None
    snapshot = make()
    workbook.set_profile(SNAPSHOTS_KEY, [snapshot.to_dict()])
    return snapshot


def _record_due(workbook: Workbook, today: date, review: date | None,
                saved: list[Snapshot], make: Callable[[str], Snapshot]) -> Snapshot | None:
    start = plan_start(workbook, saved[0].taken_on) if saved else today
    label = due_check_in(start, today, review, saved)
    if label is None:
        return None
    snapshot = make(label)
    kept = [s for s in saved[1:] if s.taken_on != today]
    workbook.set_profile(SNAPSHOTS_KEY, [s.to_dict() for s in (saved[0], *kept, snapshot)])
    return snapshot


class CheckInSession(StepSession):
    """The check-ins of one workbook; every view reads the file afresh, unless step 3's
    session lends its memory: ``current(label)`` the map and plan as they are now (as
    :func:`current_snapshot` reads them) and ``names()`` contact id → name, so opening the
    page does not read 30,000 contacts and the goal's fields twice more. Saving a
    check-in always reads the file, inside its transaction."""

    def __init__(self, workbook: Workbook, today: date | None = None, *,
                 current: Callable[[str], Snapshot] | None = None,
                 names: Callable[[], dict[str, str]] | None = None) -> None:
        super().__init__(workbook, today)
        self._current, self._lent_names = current, names

    def snapshots(self) -> list[Snapshot]:
        """The saved snapshots, oldest first (the first is when the plan was made)."""
        return read_snapshots(self.workbook.get_profile(SNAPSHOTS_KEY))

    def open(self) -> Snapshot | None:
        """Opening the check-in: take the automatic snapshot of a check-in day reached
        (``record_due_check_in``), in one transaction; returns it, or None."""
        with self._action(Change.PROFILE):
            try:
                goal = load_goal(self.workbook)
            except (ValueError, TypeError, KeyError):
                goal = None
            review = goal.review_date if goal is not None else None
            return record_due_check_in(self.workbook, self.today, review)

    def changes(self) -> CheckInChanges | None:
        """What changed since the plan was made; None before there is a plan."""
        saved = self.snapshots()
        if not saved:
            return None
        now = (self._current("today") if self._current is not None
               else current_snapshot(self.workbook, self.today, "today"))
        return compare(saved[0], now, self._names())

    def check_in(self) -> CheckInChanges | None:
        """Save a snapshot for today's check-in (one a day: a second replaces the first)
        and return what changed since the plan was made; None before there is a plan."""
        with self._action(Change.PROFILE):
            saved = self.snapshots()
            if not saved:
                return None
            start = plan_start(self.workbook, saved[0].taken_on)
            now = current_snapshot(self.workbook, self.today,
                                   check_in_label(start, self.today))
            kept = [s for s in saved[1:] if s.taken_on != self.today]
            self.workbook.set_profile(
                SNAPSHOTS_KEY, [s.to_dict() for s in (saved[0], *kept, now)])
        return compare(saved[0], now, self._names())

    def layers(self, snapshot: Snapshot) -> dict[str, int]:
        """People per closeness label in ``snapshot``, closest first (for the chart)."""
        return layer_counts(snapshot)

    def _names(self) -> dict[str, str]:
        if self._lent_names is not None:
            return self._lent_names()
        contacts = self.workbook.load_contacts()
        return dict(zip(contacts["contact_id"].astype(str), contacts["name"].astype(str),
                        strict=True))


__all__ = ["CheckInSession", "check_in_label", "current_snapshot", "record_baseline",
           "record_due_check_in", "record_on_opening"]
