"""What step 2's session keeps between clicks, and how it knows what a click made stale.

Every change to the map moves :attr:`MapSession.revision`; a kept value is normally worked
out again after any change. A field edit (sorting one or many people) also notes which
columns and rows it changed, so a value that does not read those columns is kept (the
possible duplicates and the field checklist do not read closeness: issue 11, 1 s a sort
at 30,000 contacts), and the reading of each row's words behind the gaps
(``gaps.RowReading``) is read again for the edited or added rows only.

:meth:`MapMemo._kept` keeps a value by what it reads (columns, and ``TIES_CHANGED`` for
who knows whom): each of the numbers (``network_metrics.READS``), the field checklist and
the guessed ties. tests/test_steps_map_memo.py checks every view against a fresh session
after every kind of step-2 action.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pandas as pd

from networking_kit.gaps import RowReading, goal_targets, read_rows, reread_rows, search_columns
from networking_kit.goals import Goal
from networking_kit.network_metrics import TIES

T = TypeVar("T")
# The columns sorting a person changes: values reading none of them survive a sort.
SORTING = frozenset({"strength", "context", "trust"})
# Noted as the "columns" of people added at the end of the map (``_note_added``): a value
# that can take in new rows one by one passes it in ``ignores``.
APPENDED = "+rows"
# Noted as the "columns" of a change of who knows whom or of the census choice
# (``_note_ties``): contacts-only values survive it (``network_metrics.TIES``).
TIES_CHANGED = TIES


# What a row is known by on the map: editing either moves rows_token.
_IDENTITY = frozenset({"contact_id", "name"})
_SERIALS = itertools.count()
_UNREAD: Any = object()  # a row _tally has not read yet (added since)


def _texts(values: pd.Series) -> list[str | None]:
    """Each value as text, blanks (NA, None) as None: ``network.value_counts``' keys."""
    column = values.astype("object")
    texts: list[str | None] = column.where(column.notna(), None).tolist()
    return texts


class MapMemo:
    """The cache of :class:`~networking_kit.steps.map.MapSession` (a mixin)."""

    contacts: pd.DataFrame
    goal: Goal | None
    revision: int

    def _start_memo(self) -> None:
        """Called by the session's ``__init__`` before anything is kept."""
        self._cache: dict[str, tuple[int, Any]] = {}
        # revision -> (columns, row positions) of a field edit; other changes are absent
        self._edits: dict[int, tuple[frozenset[str], list[int]]] = {}
        self._rows_read: tuple[int, RowReading] | None = None
        # name -> (revision, each row's value, how many rows hold each value): _tally's
        self._tallies: dict[str, tuple[int, list[str | None], Counter[str | None]]] = {}
        self._rows_generation = (0, 0)  # (revision, generation): rows_token's
        self._serial = next(_SERIALS)  # never reused, unlike id(): rows_token's

    def _note_edit(self, columns: frozenset[str], positions: list[int]) -> None:
        """The field edit that just moved :attr:`revision` changed these."""
        self._edits[self.revision] = (columns, positions)

    def _note_added(self, positions: list[int]) -> None:
        """The people added at the end of the map by the change that just moved
        :attr:`revision` (at these row positions); nothing else changed."""
        self._edits[self.revision] = (frozenset({APPENDED}), positions)

    def _note_ties(self) -> None:
        """The change that just moved :attr:`revision` touched only the ties or the
        census choice (no person's fields)."""
        self._edits[self.revision] = (frozenset({TIES_CHANGED}), [])

    def _kept(self, key: str, compute: Callable[[], T], reads: frozenset[str],
              blank_added: frozenset[str] | None = None) -> T:
        """``compute()`` kept while no change touched what it ``reads`` (columns of the
        contacts table, and ``TIES_CHANGED``): sorting someone's closeness keeps a value
        that reads no closeness. People added at the end make it again when it reads any
        column, unless every added person is blank in all of ``blank_added`` (a value
        that counts only people with an organisation or a job title keeps through the
        quick add of someone without either). Anything else (an import, a combine, the
        goal, another window) makes it again."""
        hit = self._cache.get(key)
        if hit is not None and self._unchanged_for(hit[0], reads, blank_added):
            self._cache[key] = (self.revision, hit[1])
            return cast(T, hit[1])  # one cache for values of many types: the key names it
        value = compute()
        self._cache[key] = (self.revision, value)
        return value

    def _unchanged_for(self, revision: int, reads: frozenset[str],
                       blank_added: frozenset[str] | None) -> bool:
        columns = {c for c in reads if not c.startswith("+")}
        for step in range(revision + 1, self.revision + 1):
            edit = self._edits.get(step)
            if edit is None:
                return False
            changed, rows = edit
            if APPENDED in changed:
                if not columns:
                    continue
                if blank_added is None or not rows or max(rows) >= len(self.contacts):
                    return False
                if self.contacts.iloc[rows][sorted(blank_added)].notna().to_numpy().any():
                    return False
            elif changed & reads:
                return False
        return True

    def _only_edits_since(self, revision: int, ignores: frozenset[str] | None = None,
                          ) -> list[int] | None:
        """The rows edited since ``revision``, or None when anything else changed since
        (or an edit touched a column outside ``ignores``, when given)."""
        rows: list[int] = []
        for step in range(revision + 1, self.revision + 1):
            edit = self._edits.get(step)
            if edit is None or (ignores is not None and not edit[0] <= ignores):
                return None
            rows += edit[1]
        return rows

    def _cached(self, key: str, compute: Callable[[], T],
                ignores: frozenset[str] = frozenset()) -> T:
        """``compute()`` kept until the map changes, or, for a value that does not read
        the columns in ``ignores``, until it changes other than by editing those."""
        hit = self._cache.get(key)
        if hit is not None and (hit[0] == self.revision or (
                ignores and self._only_edits_since(hit[0], ignores) is not None)):
            self._cache[key] = (self.revision, hit[1])
            return cast(T, hit[1])  # one cache for values of many types: the key names it
        value = compute()
        self._cache[key] = (self.revision, value)
        return value

    def rows_token(self) -> tuple[int, int]:
        """A token that stays the same while the map's rows only grow: people added at
        the end, fields other than names and ids edited, ties changed. Anything else (a
        name edited, an import, a combine, another window) gives a new one. A picture
        that keeps each row's reading of the ids and names (``charts_base.RowMemo``)
        then reads the added rows alone, without comparing 30,000 names first."""
        revision, generation = self._rows_generation
        for step in range(revision + 1, self.revision + 1):
            edit = self._edits.get(step)
            if edit is None or (APPENDED not in edit[0] and edit[0] & _IDENTITY):
                generation += 1
                break
        self._rows_generation = (self.revision, generation)
        return (self._serial, generation)

    def _tally(self, key: str, values: Callable[[list[int] | None], pd.Series],
               reads: frozenset[str]) -> Counter[str | None]:
        """How many rows hold each value of a row-by-row reading of the map (``values(None)``
        for every row, ``values(positions)`` for those rows only; blanks counted under
        None) that ``reads`` these columns, kept: after adds, and edits of what it reads,
        brought up to date for those rows only (an added person costs one row, not a
        count of 30,000: the numbers' counts, ``network_metrics.NetworkCounts``); through
        other edits and changes of who knows whom, the very same counts. Anything else
        counts every row again. The counts returned are never changed afterwards."""
        kept = self._tallies.get(key)
        rows = None if kept is None else self._rows_touched(kept[0], reads)
        if kept is None or rows is None or len(kept[1]) > len(self.contacts) or (
                rows and max(rows) >= len(self.contacts)):
            per_row = _texts(values(None))
            counts = Counter(per_row)
            self._tallies[key] = (self.revision, per_row, counts)
            return counts
        _, per_row, counts = kept
        if rows:
            counts = Counter(counts)  # the kept one may be held by a kept view
            per_row.extend([_UNREAD] * (len(self.contacts) - len(per_row)))
            positions = sorted(set(rows))
            for position, value in zip(positions, _texts(values(positions)), strict=True):
                old = per_row[position]
                if old is not _UNREAD:
                    counts[old] -= 1
                    if not counts[old]:
                        del counts[old]
                counts[value] += 1
                per_row[position] = value
        self._tallies[key] = (self.revision, per_row, counts)
        return counts

    def _rows_touched(self, revision: int, reads: frozenset[str]) -> list[int] | None:
        """The rows added, or edited in a column of ``reads``, since ``revision``; None
        when anything else changed the map since (an import, a combine, another window)."""
        rows: list[int] = []
        for step in range(revision + 1, self.revision + 1):
            edit = self._edits.get(step)
            if edit is None:
                return None
            if APPENDED in edit[0] or edit[0] & reads:
                rows += edit[1]
        return rows

    def _row_reading(self) -> RowReading:
        """Each row's words read for the gaps (``gaps.RowReading``): kept, and after field
        edits read again for the edited rows only."""
        targets = goal_targets(self.goal) if self.goal is not None else []
        columns = search_columns(self.goal)
        kept = self._rows_read
        reading: RowReading | None = None
        if kept is not None and (kept[1].targets, kept[1].columns) == (tuple(targets),
                                                                       columns):
            rows = self._only_edits_since(kept[0])
            # people added at the end are read alone (``reread_rows``); anyone removed or
            # moved came with a change that is not an edit (rows is None then)
            if rows is not None and len(kept[1].sector) <= len(self.contacts):
                reading = reread_rows(kept[1], self.contacts, rows)
        if reading is None:
            reading = read_rows(self.contacts, targets, columns)
        self._rows_read = (self.revision, reading)
        return reading


__all__ = ["APPENDED", "SORTING", "TIES_CHANGED", "MapMemo"]
