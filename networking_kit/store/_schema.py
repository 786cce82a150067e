"""The workbook file's schema, its forward migrations and its revision numbers.

Revisions: every write takes the next number of one increasing sequence (allocated under
the write lock, so two windows never get the same one), stamps it on the contact and
follow-up rows it writes, and records it as the revision of each table it changed. A
session that sees ``data_version()`` move compares ``Workbook.revisions()`` with the ones
it holds and reloads only the tables (or, for contacts and follow-ups, only the rows)
that changed.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from networking_kit.contacts import COLUMN_NAMES

_CONTACT_COLUMNS_SQL = ",\n    ".join(
    ["contact_id TEXT PRIMARY KEY NOT NULL"]
    + [f"{name} TEXT" for name in COLUMN_NAMES if name != "contact_id"]
)

# The tables that carry a revision, as ``Workbook.revisions()`` names them.
TABLES: tuple[str, ...] = ("profile", "goal", "contacts", "followups", "interactions", "ties")

# Forward migrations, in order: MIGRATIONS[n] takes a file from version n to n + 1.
# Append only. Plain statements, run one by one inside the migration's transaction
# (sqlite3's executescript would commit half-way, which is exactly what a migration must
# not do).
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
    # 4: revisions. One row per table (the number of the last write that changed it), a
    # revision on every contact and follow-up row, and the ids of removed records (kind
    # 'contact' or 'followup') with the revision that removed them, so a window can catch
    # up on a few changed rows instead of reloading 30,000.
    (
        "CREATE TABLE revisions (name TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL)",
        "INSERT INTO revisions(name, revision) VALUES ('profile', 0), ('goal', 0), "
        "('contacts', 0), ('followups', 0), ('interactions', 0), ('ties', 0)",
        "ALTER TABLE contacts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE followups ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE removed (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (kind, record_id))""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class WorkbookError(RuntimeError):
    """The workbook file cannot be used; the message says why and what to do."""


def read_version(db: sqlite3.Connection) -> int:
    """The schema version written in the file; 0 for a new, empty file."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return 0 if row is None else int(row[0])


def migrate(db: sqlite3.Connection) -> None:
    """Bring the file up to ``SCHEMA_VERSION`` in one transaction (all steps or none).

    Raises WorkbookError for a file written by a newer toolkit, which is left untouched.
    A file already up to date is only read: opening it takes no write lock, so opening
    never waits for another window's save (nor fails on read-only storage).
    """
    if read_version(db) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = read_version(db)
        if version > SCHEMA_VERSION:
            raise WorkbookError(
                f"this workbook was written by a newer networking_kit (schema {version}); "
                "update the toolkit to open it.")
        if version == SCHEMA_VERSION:
            db.execute("ROLLBACK")
            return
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


def next_revision(db: sqlite3.Connection) -> int:
    """The revision the current write will stamp: one more than any given so far.

    Call it inside a write transaction (which holds the file's write lock), so no other
    connection can take the same number before this one commits.
    """
    return int(db.execute("SELECT MAX(revision) FROM revisions").fetchone()[0]) + 1


def revision_of(db: sqlite3.Connection, table: str) -> int:
    """The revision of ``table``'s last change (one of ``TABLES``)."""
    return int(db.execute("SELECT revision FROM revisions WHERE name = ?", (table,))
               .fetchone()[0])


def mark_changed(db: sqlite3.Connection, revision: int, *tables: str) -> None:
    """Record ``revision`` as the newest change of each of ``tables``."""
    db.executemany("UPDATE revisions SET revision = ? WHERE name = ?",
                   [(revision, table) for table in tables])


def bump(db: sqlite3.Connection, *tables: str) -> int:
    """Take the next revision and record it for ``tables``; return it for stamping rows."""
    revision = next_revision(db)
    mark_changed(db, revision, *tables)
    return revision


def utc_now() -> str:
    """The current time as ISO text in UTC, to the second (when the goal was saved)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
