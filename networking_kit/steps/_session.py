"""What every step session shares: one transaction per participant action, change events,
and bringing a page up to date when another window changed the workbook.

A step session (``steps.goal.GoalSession``, ``steps.map.MapSession`` …) loads the
participant's data once and keeps it in memory. Each participant action is one public
method that calls :meth:`StepSession._action`: everything the action writes happens in one
store transaction (all of it saved, or none of it), memory is updated only after the
commit, and then every listener of the named :class:`Change` topics is told. ``ui/``
registers its sections as listeners with :meth:`StepSession.listen`, so every section
follows every change in the same click.

No widgets here: tests drive a session directly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from networking_kit.store import Workbook, open_workbook

STALE_NOTE = ("This page was out of date: your workbook was changed in another window. "
              "It has been brought up to date, and your change was saved on top.")


def workbook_or_default(workbook: Workbook | None = None) -> Workbook:
    """``workbook``, or the participant's own file (``store.open_workbook``'s default) when
    None: how every page opens when its notebook cell names no file. Pages reach the file
    only through here and their session, never through the store."""
    return workbook if workbook is not None else open_workbook()


class Change(StrEnum):
    """What an action changed: the topics a page's sections listen to."""

    PROFILE = "profile"
    GOAL = "goal"
    CONTACTS = "contacts"  # people added, removed or edited (closeness, context, notes…)
    TIES = "ties"  # who knows whom
    PLAN = "plan"  # the follow-up plan: actions kept, skipped, done, moved, added
    LOG = "log"  # the interaction log (calls, coffees, messages)
    SETTINGS = "settings"  # keep-warm rhythms, weeks away, the plan's start


@dataclass(frozen=True)
class ChangeEvent:
    """One change announced to listeners.

    ``topics`` name what changed; ``contact_ids`` the people concerned when the action
    knows them (empty means "possibly everyone"); ``note`` a sentence for the participant
    (for example :data:`STALE_NOTE`), or "".
    """

    topics: frozenset[Change]
    contact_ids: frozenset[str] = field(default_factory=frozenset)
    note: str = ""


Listener = Callable[[ChangeEvent], None]


class StepSession:
    """The base of every step's session: a workbook, today's date, listeners.

    Subclasses load their data in ``__init__`` and implement :meth:`_reload` to read the
    topics another window changed.
    """

    def __init__(self, workbook: Workbook, today: date | None = None) -> None:
        self.workbook = workbook
        self.today = today or date.today()
        self.last_error: BaseException | None = None
        self._listeners: list[tuple[frozenset[Change] | None, Listener]] = []
        self._seen_version = workbook.data_version()
        # {table: revision} as this session last saw the file, and the tables that moved
        # since then while :meth:`_reload` runs: a session re-reads only those (contacts and
        # follow-ups row by row), not whole tables.
        self._revisions: dict[str, int] = workbook.revisions()
        self._moved: set[str] = set()

    # ------------------------------------------------------------------ listeners

    def listen(self, listener: Listener, *topics: Change) -> Callable[[], None]:
        """Call ``listener(event)`` after every action that changes one of ``topics``
        (any topic when none is given). Returns a function that stops listening."""
        entry = (frozenset(topics) or None, listener)
        self._listeners.append(entry)

        def stop() -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)

        return stop

    def _emit(self, event: ChangeEvent) -> None:
        """Tell the listeners. A listener that fails does not undo or hide a saved change:
        the failure is kept on ``last_error`` for a facilitator, and the others still run."""
        for topics, listener in list(self._listeners):
            if topics is not None and not topics & event.topics:
                continue
            try:
                listener(event)
            except Exception as error:  # a broken section must not break the action
                self.last_error = error

    # -------------------------------------------------------------------- actions

    @contextlib.contextmanager
    def _action(self, *topics: Change, contact_ids: frozenset[str] = frozenset(),
                ) -> Iterator[list[str]]:
        """Run one participant action as one transaction; announce ``topics`` after it.

        Inside the transaction (which holds the file's write lock, so no other window can
        write in between) memory is first brought up to date with whatever another window
        committed, so the action is applied on top of the newest data and never writes a
        stale copy back. The body then makes its store calls, which nest inside this
        transaction, and updates memory after them; a failure anywhere rolls back every
        write of the action. The body appends sentences for the participant to the yielded
        list; the announced event carries them, and :data:`STALE_NOTE` when the page was
        out of date.
        """
        notes: list[str] = []
        stale: set[Change] = set()
        try:
            with self.workbook.transaction():
                stale = self._catch_up()
                if stale:
                    notes.append(STALE_NOTE)
                yield notes
                self._saw_own_write()
        except BaseException:
            if stale:  # memory was brought up to date even though the action failed
                self._emit(ChangeEvent(frozenset(stale), note=STALE_NOTE))
            raise
        self._emit(ChangeEvent(frozenset(topics) | stale, contact_ids, " ".join(notes)))

    def refresh(self) -> bool:
        """Re-read what another window (another tab, another kernel, an import on the
        command line) changed since this session last looked, and announce it. Returns
        whether anything was stale. Cheap when nothing changed (one PRAGMA)."""
        stale = self._catch_up()
        if stale:
            self._emit(ChangeEvent(frozenset(stale), note=STALE_NOTE))
        return bool(stale)

    @property
    def cache_waiting(self) -> bool:
        """Whether :meth:`keep_for_next_opening` has something to save: a copy of the
        contacts read row by row, or no cache in the file (a removal dropped it)."""
        return self.workbook.cache_waiting or not self.workbook.has_contacts_cache

    def keep_for_next_opening(self) -> None:
        """Once the page is drawn (and after an import or a removal): save the contacts
        cache, so the next page opens from it (``Workbook.save_contacts_cache``, or
        ``renew_contacts_cache`` when a removal dropped it). Costs nothing when the page
        opened from the cache; skipped when the file is busy, read-only or changed since."""
        if self.workbook.cache_waiting:
            self.workbook.save_contacts_cache()
        elif self.workbook.count_contacts():
            self.workbook.renew_contacts_cache()

    def _saw_own_write(self) -> None:
        """Still inside the action's transaction (no other window can commit now): what
        the file holds is what memory holds, so remember its version and revisions."""
        self._seen_version = self.workbook.data_version()
        self._revisions = self.workbook.revisions()

    def _catch_up(self) -> set[Change]:
        version = self.workbook.data_version()
        if version == self._seen_version:
            return set()
        now = self.workbook.revisions()
        self._moved = {t for t, r in now.items() if self._revisions.get(t) != r}
        changed = self._reload() if self._moved else set()
        self._seen_version, self._revisions, self._moved = version, now, set()
        return changed

    def _reload(self) -> set[Change]:
        """Read again whatever another window changed; return the topics that differ.

        ``self._moved`` names the tables whose revision moved (``Workbook.revisions()``)
        and ``self._revisions`` still holds the revisions last seen, so a subclass can read
        just the rows written since (``Workbook.contacts_changed_since``)."""
        return set()
