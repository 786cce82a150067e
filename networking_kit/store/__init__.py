"""The participant's workbook file: one SQLite file that holds everything they enter.

Every change is written at once, in its own transaction (or as one part of a step
session's action, whose transaction it joins), so a closed tab, a restarted kernel or a
killed process never loses what was already saved, and never leaves half an action.
Updates write only the fields they change, and every write carries a revision, so two
windows on one file lose nothing and a window can catch up on just what another changed.
The file is created readable by its owner only, because it holds other people's
personal data.

Layout: this module holds the connection, transactions, profile, goal and census;
``_contacts`` the contacts table; ``_followups`` the follow-ups (the saved plan) and the
interaction log; ``_backup`` snapshot and restore;
``versions`` automatic backups and going back; ``_storage`` open modes, permissions and
the sentences for storage failures; ``_schema`` the migrations and revision numbers.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from networking_kit.store._backup import Backups
from networking_kit.store._contacts import ContactChanges, ContactsTable
from networking_kit.store._followups import FollowupChanges, FollowupsTable
from networking_kit.store._schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    WorkbookError,
    bump,
    mark_changed,
    next_revision,
    read_version,
    utc_now,
)
from networking_kit.store._storage import (
    WorkbookBusy,
    WorkbookFull,
    WorkbookMoved,
    WorkbookReadOnly,
    connect,
    identity,
    moved,
    read_only,
    rescue,
    storage_error,
)
from networking_kit.store.versions import Versions, back_up_daily
from networking_kit.vocab import BackupReason

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "BackupReason",
    "ContactChanges",
    "FollowupChanges",
    "Workbook",
    "WorkbookBusy",
    "WorkbookError",
    "WorkbookFull",
    "WorkbookMoved",
    "WorkbookReadOnly",
    "default_workbook_path",
    "open_workbook",
]

ENV_VAR = "NETWORKING_KIT_DB"
DEFAULT_DIR_NAME = "NetworkingKit"
DEFAULT_FILE_NAME = "my-network.sqlite"


def default_workbook_path() -> Path:
    """Where a person working alone keeps their workbook: ``~/NetworkingKit/my-network.sqlite``.

    A visible folder in the home directory, so a participant can find, back up or delete
    it without knowing where Jupyter keeps things. ``NETWORKING_KIT_DB`` overrides it.
    """
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser()
    return Path.home() / DEFAULT_DIR_NAME / DEFAULT_FILE_NAME


class Workbook(ContactsTable, FollowupsTable, Backups, Versions):
    """An open workbook file. Cheap to keep open; every write is one transaction.

    ``read_only_reason`` (None for a writable file) says why saving is impossible, in
    words that complete "Your workbook … ___, so changes cannot be saved".
    """

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 read_only_reason: str | None = None):
        self.path = path
        self._db = connection
        self._depth = 0  # how many transaction() blocks are open (savepoints inside one)
        self.read_only_reason = read_only_reason
        self._identity = identity(path)  # which file this is, to notice it moved
        self._rescued: Path | None = None
        # The contacts as last read row by row for a page, with their revision, until
        # save_contacts_cache() writes them (``_contacts_cache``).
        self._unsaved_cache = None

    @property
    def read_only(self) -> bool:
        """Whether the workbook is open read-only: it can be read and exported, not saved."""
        return self.read_only_reason is not None

    # -------------------------------------------------------------------- life cycle

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workbook({str(self.path)!r})"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside happen together or not at all.

        The outermost call is ``BEGIN IMMEDIATE … COMMIT``. Before it, the file is checked
        to be the one opened (WorkbookMoved, with a copy saved to a new file, if it was
        moved or deleted) and writable (WorkbookReadOnly). It waits up to
        ``BUSY_TIMEOUT_S`` for another window's write to finish (then WorkbookBusy); a full
        disk raises WorkbookFull; nothing is then saved and nothing saved is lost. A call
        inside it is a ``SAVEPOINT``, so a step session's action can compose several
        store methods (each of which opens its own transaction) into one: a failure
        anywhere rolls back the whole action, and a failure inside a nested call that the
        caller catches rolls back only that part.
        """
        depth = self._depth
        if depth == 0:
            self._check_writable()
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                self._raise_storage(error)
                raise
        else:
            self._db.execute(f"SAVEPOINT nk_{depth}")
        self._depth = depth + 1
        try:
            yield self._db
            self._db.execute("COMMIT" if depth == 0 else f"RELEASE nk_{depth}")
        except BaseException as error:
            # SQLite itself ends the transaction on some failures (a full disk): then
            # there is nothing left to roll back, and trying would hide the real error.
            if depth == 0:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                self._raise_storage(error)
            elif self._db.in_transaction:
                self._db.execute(f"ROLLBACK TO nk_{depth}")
                self._db.execute(f"RELEASE nk_{depth}")
            raise
        finally:
            self._depth = depth

    def _raise_storage(self, error: BaseException) -> None:
        """Raise the true sentence for a storage failure; return when ``error`` is not one
        (or is that sentence already), for the caller to raise as it is."""
        found = storage_error(error, self.path, self.read_only_reason)
        if found is not None and found is not error:
            raise found from error

    def _check_writable(self) -> None:
        """Before a write: refuse on a read-only workbook, and notice a file that was moved
        or deleted under this window (then save what it holds to a new file, once)."""
        if self.read_only_reason is not None:
            raise read_only(self.path, self.read_only_reason)
        if self._identity is None or identity(self.path) == self._identity:
            return
        if self._rescued is None:
            self._rescued = rescue(self.path, self.save_copy)
        raise moved(self.path, self._rescued)

    def _quietly_writable(self) -> bool:
        """Whether a write that can be skipped (a cache) may go ahead now: no action is
        running, the workbook is not read-only and is still the file opened (a moved
        one is left for the participant's next action to notice and rescue)."""
        return (self._depth == 0 and self.read_only_reason is None
                and (self._identity is None or identity(self.path) == self._identity))

    @contextlib.contextmanager
    def _without_waiting(self) -> Iterator[None]:
        """Inside: a write that finds the file locked by another window fails at once
        instead of waiting ``BUSY_TIMEOUT_S`` (for work that can simply be skipped)."""
        before = int(self._db.execute("PRAGMA busy_timeout").fetchone()[0])
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            yield
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {before}")

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one state of the file (a read transaction), without
        taking the write lock; inside a transaction, that transaction's own state."""
        if self._depth:
            yield self._db
            return
        self._db.execute("BEGIN")
        try:
            yield self._db
        finally:
            self._db.execute("ROLLBACK")  # nothing was written: ending it is all

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on this connection (an action is running)."""
        return self._depth > 0

    def data_version(self) -> int:
        """A number that changes whenever another connection (another tab's kernel, the
        command line) commits to this file; SQLite's ``PRAGMA data_version``. Cheap: step
        sessions read it before every action to know whether their memory is stale."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def revisions(self) -> dict[str, int]:
        """``{table: revision}`` for every table in ``TABLES``: the number of the last
        write that changed it. Numbers only grow and come from one sequence shared by
        all tables; a session holds the dict it last read and, when ``data_version()``
        moves, reloads only the tables whose number moved (contacts and follow-ups row
        by row with ``contacts_changed_since`` / ``followups_changed_since``)."""
        return {name: int(revision) for name, revision in
                self._db.execute("SELECT name, revision FROM revisions")}

    @property
    def schema_version(self) -> int:
        return read_version(self._db)

    # ----------------------------------------------------------------------- profile

    def get_profile(self, key: str, default: Any = None) -> Any:
        """A value the participant gave (name, how they started…), or ``default``."""
        row = self._db.execute("SELECT value FROM profile WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_profile(self, key: str, value: Any) -> None:
        """Save one JSON-able value under ``key``; nothing is written if it is unchanged."""
        text = json.dumps(value)
        with self.transaction() as db:
            row = db.execute("SELECT value FROM profile WHERE key = ?", (key,)).fetchone()
            if row is not None and row[0] == text:
                return
            db.execute("INSERT INTO profile(key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, text))
            bump(db, "profile")

    def profile(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM profile")}

    # -------------------------------------------------------------------------- goal

    def load_goal(self) -> dict[str, Any] | None:
        """The saved goal as plain data (``goals.Goal.from_dict`` reads it), or None."""
        row = self._db.execute("SELECT data FROM goal WHERE id = 1").fetchone()
        return None if row is None else json.loads(row[0])

    def save_goal(self, data: dict[str, Any]) -> None:
        """Replace the whole goal with ``data``. A page that changes one answer should
        call ``update_goal`` instead, so it never writes stale answers over newer ones."""
        text = json.dumps(data, sort_keys=True)
        with self.transaction() as db:
            row = db.execute("SELECT data FROM goal WHERE id = 1").fetchone()
            if row is not None and row[0] == text:
                return
            db.execute("INSERT INTO goal(id, data, updated_at) VALUES (1, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
                       "updated_at = excluded.updated_at", (text, utc_now()))
            bump(db, "goal")

    def update_goal(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Set the top-level keys in ``changes`` on the saved goal (read and written in
        one transaction), keeping every other key as saved, whichever window saved it.
        Creates the goal when there is none. Returns the goal as now saved."""
        with self.transaction():
            current = self.load_goal() or {}
            merged = {**current, **changes}
            if merged != current or not current:
                self.save_goal(merged)
            return merged

    # --------------------------------------------------------------- who knows whom

    def set_tie(self, first: str, second: str, know_each_other: bool = True) -> None:
        """Record (or remove) that two contacts know each other."""
        if first == second:
            raise ValueError("a contact cannot be tied to themselves")
        pair = tuple(sorted((first, second)))
        with self.transaction() as db:
            revision = next_revision(db)
            if know_each_other:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO ties(contact_a, contact_b) VALUES (?, ?)", pair)
            else:
                cursor = db.execute(
                    "DELETE FROM ties WHERE contact_a = ? AND contact_b = ?", pair)
            if cursor.rowcount:
                mark_changed(db, revision, "ties")

    def load_ties(self) -> list[tuple[str, str]]:
        """Every pair who know each other, ``(smaller id, larger id)``, sorted."""
        return list(self._db.execute(
            "SELECT contact_a, contact_b FROM ties ORDER BY contact_a, contact_b"))

    # ---------------------------------------------------------------------- checks

    def check_integrity(self) -> bool:
        status: str = self._db.execute("PRAGMA integrity_check").fetchone()[0]
        return status == "ok"


def open_workbook(path: str | os.PathLike[str] | None = None, *,
                  read_only: bool | None = None, daily_backup: bool = True) -> Workbook:
    """Open the participant's workbook file, creating it (owner-only) if needed.

    ``path`` None means ``NETWORKING_KIT_DB`` or the default location. An older file is
    brought up to the current schema in one transaction; a file from a newer version of
    the toolkit, or one that is not a workbook, is refused (WorkbookError) rather than
    damaged. ``read_only`` None opens read-only exactly when the storage cannot be
    written (then ``Workbook.read_only`` is true and every save raises WorkbookReadOnly);
    True opens read-only on purpose. The first open of each day backs the workbook up
    (``store.versions``) unless ``daily_backup`` is false; a backup that cannot be made
    (a full disk) does not stop the file opening.
    """
    target = Path(path).expanduser() if path is not None else default_workbook_path()
    existed = target.exists()
    db, reason = connect(target, read_only)
    workbook = Workbook(target, db, reason)
    if daily_backup and existed and reason is None:
        with contextlib.suppress(sqlite3.Error, OSError):
            back_up_daily(target)
    return workbook
