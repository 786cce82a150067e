"""Fault injection for workbook actions: make the N-th SQL statement fail, as a kill would.

A killed kernel stops between two statements (or half-way through a many-row one). SQLite
keeps nothing of a transaction that did not commit, so an action is safe exactly when
every one of its writes is in one transaction. These helpers prove it for any action:

    from faults import assert_all_or_nothing

    def test_sorting_many_is_all_or_nothing(workbook):
        ...  # set up the data, e.g. a step session on ``workbook``
        assert_all_or_nothing(workbook, lambda: session.sort_many(ids, "close"))

``assert_all_or_nothing`` runs the action again and again, failing it at statement 1, 2,
3… (a many-row statement fails half-way through its rows), and checks after each failure
that ``workbook.snapshot()`` and ``workbook.revisions()`` are exactly as before; the last
run, which no failure reaches, must complete. ``check`` (optional) runs after every
failure too, e.g. to assert a session's memory still matches the file. For one chosen
failure point use ``with fail_at(workbook, n) as fault: ...``; ``count_statements``
tells how many statements an action makes.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from networking_kit.store import Workbook


class InjectedFault(sqlite3.OperationalError):
    """The failure these helpers inject (a sqlite3 error, as a full disk or a lock is)."""


class FaultyConnection:
    """A stand-in for the workbook's ``sqlite3.Connection`` that counts statements and
    makes the ``fail_at``-th one fail (once). ROLLBACK statements are not counted and
    never fail, so the rollback a failure triggers always runs."""

    def __init__(self, real: sqlite3.Connection, fail_at: int | None) -> None:
        self._real = real
        self.fail_at = fail_at
        self.count = 0
        self.fired = False
        self.statements: list[str] = []

    def _due(self, sql: str) -> bool:
        if sql.lstrip().upper().startswith("ROLLBACK"):
            return False
        self.count += 1
        self.statements.append(" ".join(sql.split())[:80])
        if self.fired or self.count != self.fail_at:
            return False
        self.fired = True
        return True

    def _fault(self) -> InjectedFault:
        return InjectedFault(f"injected failure at statement {self.count}: "
                             f"{self.statements[-1]}")

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        if self._due(sql):
            raise self._fault()
        return self._real.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Any], /) -> sqlite3.Cursor:
        if not self._due(sql):
            return self._real.executemany(sql, rows)
        rows = list(rows)
        if len(rows) < 2:
            raise self._fault()
        return self._real.executemany(sql, self._half_then_fail(rows))

    def _half_then_fail(self, rows: list[Any]) -> Iterator[Any]:
        yield from rows[: len(rows) // 2]  # these rows are written, then the "kill"
        raise self._fault()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextlib.contextmanager
def fail_at(workbook: Workbook, statement: int | None) -> Iterator[FaultyConnection]:
    """Inside the block, the workbook's ``statement``-th SQL statement (from 1) fails with
    InjectedFault; None only counts. Yields the connection stand-in (``.fired``,
    ``.count``, ``.statements``)."""
    real = workbook._db
    faulty = FaultyConnection(real, statement)
    workbook._db = faulty  # type: ignore[assignment]
    try:
        yield faulty
    finally:
        workbook._db = real


def count_statements(workbook: Workbook, action: Callable[[], object]) -> int:
    """Run ``action`` once, without failing it, and return how many statements it made."""
    with fail_at(workbook, None) as faulty:
        action()
    return faulty.count


def assert_all_or_nothing(workbook: Workbook, action: Callable[[], object], *,
                          check: Callable[[], object] | None = None,
                          limit: int = 1000) -> int:
    """Fail ``action`` at each of its statements in turn; after each failure the workbook
    must be exactly as before (snapshot and revisions) and no transaction left open.
    Finally run it to completion. Returns how many statements the full run made.

    The action may raise the failure, wrap it (ContactImportError …) or catch it and show
    a sentence: all three are fine, as long as nothing was half-saved. Raises
    AssertionError naming the statement after which the file differed.
    """
    before = (workbook.snapshot(), workbook.revisions())
    for statement in range(1, limit + 1):
        with fail_at(workbook, statement) as faulty, contextlib.suppress(Exception):
            action()
        if not faulty.fired:  # the action completed before reaching this statement
            assert statement > 1, "the action made no SQL statement at all"
            return faulty.count
        left_open = workbook.in_transaction or workbook._db.in_transaction
        assert not left_open, f"a transaction was left open after failing statement {statement}"
        after = (workbook.snapshot(), workbook.revisions())
        assert after == before, (
            f"failing statement {statement} ({faulty.statements[-1]}) left part of the "
            f"action saved; statements so far: {faulty.statements}")
        if check is not None:
            check()
    raise AssertionError(f"the action made more than {limit} statements")
