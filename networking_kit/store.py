"""The participant's workbook file: one SQLite file that holds everything they enter.

Every change is written at once, in its own transaction, so a closed tab, a restarted
kernel or a killed process never loses what was already saved. The file is created
readable by its owner only, because it holds other people's personal data.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from networking_kit.contacts import (
    COLUMN_NAMES,
    DATE_COLUMNS,
    ContactValidationError,
    _apply_dtypes,
    empty_contacts,
    field_value,
    to_canonical,
    validate_contacts,
)

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


# ------------------------------------------------------------------------------ schema

_CONTACT_COLUMNS_SQL = ",\n    ".join(
    ["contact_id TEXT PRIMARY KEY NOT NULL"]
    + [f"{name} TEXT" for name in COLUMN_NAMES if name != "contact_id"]
)


# Forward migrations, in order: MIGRATIONS[n] takes a file from version n to n + 1.
# Plain statements, run one by one inside the migration's transaction (sqlite3's
# executescript would commit half-way, which is exactly what a migration must not do).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: profile, goal, contacts and follow-ups.
    (
        "CREATE TABLE profile (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
        "CREATE TABLE goal (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, "
        "updated_at TEXT NOT NULL)",
        f"CREATE TABLE contacts ({_CONTACT_COLUMNS_SQL})",
        """CREATE TABLE followups (
            followup_id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id TEXT REFERENCES contacts(contact_id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'planned',
            data TEXT NOT NULL DEFAULT '{}')""",
    ),
    # 2: the interaction log, and the indexes de-duplication looks contacts up by.
    (
        """CREATE TABLE interactions (
            interaction_id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id TEXT NOT NULL REFERENCES contacts(contact_id) ON DELETE CASCADE,
            happened_on TEXT NOT NULL,
            kind TEXT NOT NULL,
            note TEXT)""",
        "CREATE INDEX interactions_by_contact ON interactions(contact_id, happened_on)",
        "CREATE INDEX contacts_by_email ON contacts(email)",
        "CREATE INDEX contacts_by_url ON contacts(url)",
        "CREATE INDEX followups_by_due ON followups(due_on)",
    ),
    # 3: the participant's census of who knows whom among their contacts (one row a pair,
    # the smaller id first, so a pair is stored once whichever way round it was ticked).
    (
        """CREATE TABLE ties (
            contact_a TEXT NOT NULL REFERENCES contacts(contact_id) ON DELETE CASCADE,
            contact_b TEXT NOT NULL REFERENCES contacts(contact_id) ON DELETE CASCADE,
            PRIMARY KEY (contact_a, contact_b),
            CHECK (contact_a < contact_b))""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class WorkbookError(RuntimeError):
    """The workbook file cannot be used; the message says why and what to do."""


class Workbook:
    """An open workbook file. Cheap to keep open; every write is its own transaction."""

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self._db = connection
        self._depth = 0  # how many transaction() blocks are open (savepoints inside one)

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

        The outermost call is ``BEGIN IMMEDIATE … COMMIT``; a call inside it is a
        ``SAVEPOINT``, so a step session's action can compose several store methods (each
        of which opens its own transaction) into one: a failure anywhere rolls back the
        whole action, and a failure inside a nested call that the caller catches rolls
        back only that part.
        """
        depth = self._depth
        if depth == 0:
            self._db.execute("BEGIN IMMEDIATE")
        else:
            self._db.execute(f"SAVEPOINT nk_{depth}")
        self._depth = depth + 1
        try:
            yield self._db
        except BaseException:
            self._depth = depth
            if depth == 0:
                self._db.execute("ROLLBACK")
            else:
                self._db.execute(f"ROLLBACK TO nk_{depth}")
                self._db.execute(f"RELEASE nk_{depth}")
            raise
        self._depth = depth
        self._db.execute("COMMIT" if depth == 0 else f"RELEASE nk_{depth}")

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on this connection (an action is running)."""
        return self._depth > 0

    def data_version(self) -> int:
        """A number that changes whenever another connection (another tab's kernel, the
        command line) commits to this file; SQLite's ``PRAGMA data_version``. Cheap: step
        sessions read it before every action to know whether their memory is stale."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    @property
    def schema_version(self) -> int:
        return _read_version(self._db)

    # ----------------------------------------------------------------------- profile

    def get_profile(self, key: str, default: Any = None) -> Any:
        """A value the participant gave (name, how they started…), or ``default``."""
        row = self._db.execute("SELECT value FROM profile WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_profile(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO profile(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def profile(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM profile")}

    # -------------------------------------------------------------------------- goal

    def load_goal(self) -> dict[str, Any] | None:
        """The saved goal as plain data (``goals.Goal.from_dict`` reads it), or None."""
        row = self._db.execute("SELECT data FROM goal WHERE id = 1").fetchone()
        return None if row is None else json.loads(row[0])

    def save_goal(self, data: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO goal(id, data, updated_at) VALUES (1, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at",
                (json.dumps(data, sort_keys=True), _now()),
            )

    # ---------------------------------------------------------------------- contacts

    def count_contacts(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0]

    def load_contacts(self) -> pd.DataFrame:
        """Every contact as the canonical table, in the order they were added."""
        cursor = self._db.execute(
            f"SELECT {', '.join(COLUMN_NAMES)} FROM contacts ORDER BY rowid")
        rows = cursor.fetchall()
        if not rows:
            return empty_contacts()
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMN_NAMES))
        return _apply_dtypes(frame)

    def save_contacts(self, frame: pd.DataFrame, *, replace: bool = False) -> None:
        """Insert or update the given contacts (by ``contact_id``) in one transaction.

        With ``replace=True`` the saved contacts become exactly ``frame``. The table is
        checked first, so a bad table changes nothing.
        """
        canonical = to_canonical(frame)
        rows = [_contact_row(record) for record in canonical.to_dict("records")]
        placeholders = ", ".join("?" for _ in COLUMN_NAMES)
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMN_NAMES if c != "contact_id")
        with self.transaction() as db:
            if replace:
                db.execute("DELETE FROM contacts")
            db.executemany(
                f"INSERT INTO contacts ({', '.join(COLUMN_NAMES)}) VALUES ({placeholders}) "
                f"ON CONFLICT(contact_id) DO UPDATE SET {updates}",
                rows,
            )

    def update_contact(self, contact_id: str, /, **fields: Any) -> None:
        """Change some fields of one contact: the quick path for a single edit in a form."""
        if not self.update_contacts([contact_id], **fields):
            raise KeyError(contact_id)

    def update_contacts(self, contact_ids: list[str], **fields: Any) -> int:
        """Give many contacts the same values (batch triage) in one transaction.

        Each value is checked first (``contacts.field_value``), so a bad value changes
        nothing; returns how many contacts changed.
        """
        if not fields:
            raise ValueError("cannot update nothing")
        values = [field_value(column, value) for column, value in fields.items()]
        assignments = ", ".join(f"{c} = ?" for c in fields)
        with self.transaction() as db:
            cursor = db.executemany(
                f"UPDATE contacts SET {assignments} WHERE contact_id = ?",
                [(*values, contact_id) for contact_id in contact_ids])
            return cursor.rowcount

    def delete_contacts(self, contact_ids: list[str]) -> int:
        with self.transaction() as db:
            cursor = db.executemany("DELETE FROM contacts WHERE contact_id = ?",
                                    [(c,) for c in contact_ids])
            return cursor.rowcount

    # --------------------------------------------------------------------- follow-ups

    def add_followup(self, *, kind: str, title: str, contact_id: str | None = None,
                     due_on: date | None = None, status: str = "planned",
                     data: dict[str, Any] | None = None) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO followups(contact_id, kind, title, due_on, status, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (contact_id, kind, title, _iso(due_on), status, json.dumps(data or {})),
            )
            return int(cursor.lastrowid)

    def update_followup(self, followup_id: int, **fields: Any) -> None:
        allowed = {"contact_id", "kind", "title", "due_on", "status", "data"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"can update only {', '.join(sorted(allowed))}")
        values = [json.dumps(v) if k == "data" else _iso(v) if k == "due_on" else v
                  for k, v in fields.items()]
        assignments = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction() as db:
            db.execute(f"UPDATE followups SET {assignments} WHERE followup_id = ?",
                       (*values, followup_id))

    def load_followups(self) -> list[dict[str, Any]]:
        cursor = self._db.execute(
            "SELECT followup_id, contact_id, kind, title, due_on, status, data "
            "FROM followups ORDER BY due_on IS NULL, due_on, followup_id")
        return [
            {"followup_id": f, "contact_id": c, "kind": k, "title": t,
             "due_on": _date(d), "status": s, "data": json.loads(j)}
            for f, c, k, t, d, s, j in cursor
        ]

    # ---------------------------------------------------------------- interaction log

    def log_interaction(self, contact_id: str, *, happened_on: date, kind: str,
                        note: str | None = None) -> int:
        """Record a call, coffee or message, and move the contact's last contact forward."""
        day = _iso(happened_on)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO interactions(contact_id, happened_on, kind, note) "
                "VALUES (?, ?, ?, ?)", (contact_id, day, kind, note))
            db.execute(
                "UPDATE contacts SET last_contact = ? WHERE contact_id = ? "
                "AND (last_contact IS NULL OR last_contact < ?)", (day, contact_id, day))
            return int(cursor.lastrowid)

    def load_interactions(self, contact_id: str | None = None) -> list[dict[str, Any]]:
        query = "SELECT interaction_id, contact_id, happened_on, kind, note FROM interactions"
        args: tuple = ()
        if contact_id is not None:
            query += " WHERE contact_id = ?"
            args = (contact_id,)
        cursor = self._db.execute(query + " ORDER BY happened_on, interaction_id", args)
        return [{"interaction_id": i, "contact_id": c, "happened_on": _date(h), "kind": k,
                 "note": n} for i, c, h, k, n in cursor]

    # --------------------------------------------------------------- who knows whom

    def set_tie(self, first: str, second: str, know_each_other: bool = True) -> None:
        """Record (or remove) that two contacts know each other."""
        if first == second:
            raise ValueError("a contact cannot be tied to themselves")
        pair = tuple(sorted((first, second)))
        with self.transaction() as db:
            if know_each_other:
                db.execute("INSERT OR IGNORE INTO ties(contact_a, contact_b) VALUES (?, ?)", pair)
            else:
                db.execute("DELETE FROM ties WHERE contact_a = ? AND contact_b = ?", pair)

    def load_ties(self) -> list[tuple[str, str]]:
        return list(self._db.execute(
            "SELECT contact_a, contact_b FROM ties ORDER BY contact_a, contact_b"))

    # ------------------------------------------------------------ whole-file copies

    def snapshot(self) -> dict[str, Any]:
        """Everything in the workbook as plain JSON-safe data, rows in their stored order.

        ``restore`` turns it back into an identical workbook; ``export.workbook_json``
        wraps it in a versioned file a participant can keep.
        """
        def rows(query: str) -> list[dict[str, Any]]:
            cursor = self._db.execute(query)
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

        return {
            "schema_version": self.schema_version,
            "profile": self.profile(),
            "goal": self.load_goal(),
            "contacts": rows(f"SELECT {', '.join(COLUMN_NAMES)} FROM contacts ORDER BY rowid"),
            "followups": [dict(r, data=json.loads(r["data"])) for r in rows(
                "SELECT * FROM followups ORDER BY followup_id")],
            "interactions": rows("SELECT * FROM interactions ORDER BY interaction_id"),
            "ties": [list(pair) for pair in self.load_ties()],
        }

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Replace everything in this workbook with ``snapshot``, in one transaction.

        Contacts are checked against the schema first; if anything is wrong, the workbook
        is left exactly as it was.
        """
        contacts = pd.DataFrame(snapshot.get("contacts") or [], columns=list(COLUMN_NAMES))
        problems = validate_contacts(contacts) if len(contacts) else []
        if problems:
            raise ContactValidationError(problems)
        with self.transaction() as db:
            for table in ("ties", "interactions", "followups", "contacts", "goal", "profile"):
                db.execute(f"DELETE FROM {table}")
            db.executemany(
                f"INSERT INTO contacts ({', '.join(COLUMN_NAMES)}) "
                f"VALUES ({', '.join('?' for _ in COLUMN_NAMES)})",
                [tuple(row.get(c) for c in COLUMN_NAMES) for row in snapshot.get("contacts", [])])
            db.executemany("INSERT INTO profile(key, value) VALUES (?, ?)",
                           [(k, json.dumps(v)) for k, v in snapshot.get("profile", {}).items()])
            if snapshot.get("goal") is not None:
                db.execute("INSERT INTO goal(id, data, updated_at) VALUES (1, ?, ?)",
                           (json.dumps(snapshot["goal"], sort_keys=True), _now()))
            db.executemany(
                "INSERT INTO followups(followup_id, contact_id, kind, title, due_on, status, "
                "data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(f["followup_id"], f["contact_id"], f["kind"], f["title"], f["due_on"],
                  f["status"], json.dumps(f.get("data") or {}))
                 for f in snapshot.get("followups", [])])
            db.executemany(
                "INSERT INTO interactions(interaction_id, contact_id, happened_on, kind, note) "
                "VALUES (?, ?, ?, ?, ?)",
                [(i["interaction_id"], i["contact_id"], i["happened_on"], i["kind"], i["note"])
                 for i in snapshot.get("interactions", [])])
            db.executemany("INSERT INTO ties(contact_a, contact_b) VALUES (?, ?)",
                           [tuple(sorted(pair)) for pair in snapshot.get("ties", [])])

    # ---------------------------------------------------------------------- checks

    def check_integrity(self) -> bool:
        return self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def open_workbook(path: str | os.PathLike[str] | None = None) -> Workbook:
    """Open the participant's workbook file, creating it (owner-only) if needed.

    ``path`` None means ``NETWORKING_KIT_DB`` or the default location. An older file is
    brought up to the current schema in one transaction; a file from a newer version of
    the toolkit is refused rather than damaged.
    """
    target = Path(path).expanduser() if path is not None else default_workbook_path()
    _create_private(target)
    try:
        db = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=10)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db)
    except sqlite3.DatabaseError as error:
        raise WorkbookError(
            f"{target} is not a workbook file this toolkit can open ({error}). "
            "Choose another file with --db, or move this one aside and start again."
        ) from error
    return Workbook(target, db)


def _create_private(target: Path) -> None:
    """Create the folder and an empty file readable by the owner only, before SQLite does."""
    if not target.parent.exists():
        target.parent.mkdir(parents=True, mode=0o700)
    if not target.exists():
        fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
        os.close(fd)
    # SQLite gives its -wal and -shm files the database file's permissions.


def _read_version(db: sqlite3.Connection) -> int:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return 0 if row is None else int(row[0])


def _migrate(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _read_version(db)
        if version > SCHEMA_VERSION:
            raise WorkbookError(
                f"this workbook was written by a newer networking_kit (schema {version}); "
                "update the toolkit to open it.")
        if version == 0:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                db.execute(statement)
        db.execute("DELETE FROM schema_version")
        db.execute("INSERT INTO schema_version(version) VALUES (?)", (SCHEMA_VERSION,))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


# ------------------------------------------------------------------------ conversions


def _contact_row(record: dict[str, Any]) -> tuple:
    """A canonical record as the tuple of TEXT values the contacts table stores."""
    values = []
    for name in COLUMN_NAMES:
        value = record.get(name)
        if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
            values.append(None)
        elif name in DATE_COLUMNS:
            values.append(pd.Timestamp(value).date().isoformat())
        else:
            values.append(str(value))
    return tuple(values)


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
