"""Whole-workbook copies: ``snapshot`` (plain JSON-safe data) and ``restore`` (back again).

``export.workbook_json`` wraps a snapshot in a versioned file a participant can keep.
Revisions are bookkeeping, not the participant's data: a snapshot leaves them out, and a
restore stamps every row with a new revision (and records every record it removed), so
another window open on the file catches up with the restored workbook.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from networking_kit.contacts import COLUMN_NAMES, ContactValidationError, validate_contacts
from networking_kit.store._schema import TABLES, bump, read_version, utc_now
from networking_kit.vocab import BackupReason

_FOLLOWUP_COLUMNS = ("followup_id", "contact_id", "kind", "title", "due_on", "status", "data")
_INTERACTION_COLUMNS = ("interaction_id", "contact_id", "happened_on", "kind", "note")


class Backups:
    """The snapshot and restore methods of ``Workbook`` (a mixin, like ``ContactsTable``)."""

    _db: sqlite3.Connection

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _reading(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    back_up: Callable[[BackupReason], Path | None]  # from versions.Versions

    def snapshot(self) -> dict[str, Any]:
        """Everything in the workbook as plain JSON-safe data, rows in their stored order,
        read as one consistent snapshot.

        Shape: ``{"schema_version": int, "profile": {key: value}, "goal": dict | None,
        "contacts": [{column: text | None}], "followups": [{…, "data": dict}],
        "interactions": [{…}], "ties": [[id, id]]}``. ``restore`` turns it back into an
        identical workbook.
        """
        with self._reading() as db:
            def rows(query: str) -> list[dict[str, Any]]:
                cursor = db.execute(query)
                names = [c[0] for c in cursor.description]
                return [dict(zip(names, row, strict=True)) for row in cursor]

            goal = db.execute("SELECT data FROM goal WHERE id = 1").fetchone()
            return {
                "schema_version": read_version(db),
                "profile": {k: json.loads(v) for k, v in db.execute(
                    "SELECT key, value FROM profile")},
                "goal": None if goal is None else json.loads(goal[0]),
                "contacts": rows(
                    f"SELECT {', '.join(COLUMN_NAMES)} FROM contacts ORDER BY rowid"),
                "followups": [dict(r, data=json.loads(r["data"])) for r in rows(
                    f"SELECT {', '.join(_FOLLOWUP_COLUMNS)} FROM followups "
                    "ORDER BY followup_id")],
                "interactions": rows(f"SELECT {', '.join(_INTERACTION_COLUMNS)} "
                                     "FROM interactions ORDER BY interaction_id"),
                "ties": [list(pair) for pair in db.execute(
                    "SELECT contact_a, contact_b FROM ties ORDER BY contact_a, contact_b")],
            }

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Replace everything in this workbook with ``snapshot``, in one transaction.

        Contacts are checked against the schema first (ContactValidationError); if
        anything is wrong (a bad row, a broken reference: sqlite3.Error), the workbook
        is left exactly as it was. The workbook is backed up first (``store.versions``),
        so a restore can be undone by going back to that copy.
        """
        contacts = pd.DataFrame(snapshot.get("contacts") or [], columns=list(COLUMN_NAMES))
        problems = validate_contacts(contacts) if len(contacts) else []
        if problems:
            raise ContactValidationError(problems)
        self.back_up(BackupReason.RESTORE)  # so the restore can be undone
        with self.transaction() as db:
            revision = bump(db, *TABLES)
            for kind, column, table in (("contact", "contact_id", "contacts"),
                                        ("followup", "followup_id", "followups")):
                db.execute("INSERT OR REPLACE INTO removed(kind, record_id, revision) "
                           f"SELECT ?, {column}, ? FROM {table}", (kind, revision))
            for table in ("ties", "interactions", "followups", "contacts", "goal", "profile"):
                db.execute(f"DELETE FROM {table}")
            db.executemany(
                f"INSERT INTO contacts ({', '.join(COLUMN_NAMES)}, revision) "
                f"VALUES ({', '.join('?' for _ in COLUMN_NAMES)}, ?)",
                [(*(row.get(c) for c in COLUMN_NAMES), revision)
                 for row in snapshot.get("contacts", [])])
            db.executemany("INSERT INTO profile(key, value) VALUES (?, ?)",
                           [(k, json.dumps(v)) for k, v in snapshot.get("profile", {}).items()])
            if snapshot.get("goal") is not None:
                db.execute("INSERT INTO goal(id, data, updated_at) VALUES (1, ?, ?)",
                           (json.dumps(snapshot["goal"], sort_keys=True), utc_now()))
            db.executemany(
                "INSERT INTO followups(followup_id, contact_id, kind, title, due_on, status, "
                "data, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(f["followup_id"], f["contact_id"], f["kind"], f["title"], f["due_on"],
                  f["status"], json.dumps(f.get("data") or {}), revision)
                 for f in snapshot.get("followups", [])])
            db.executemany(
                "INSERT INTO interactions(interaction_id, contact_id, happened_on, kind, note) "
                "VALUES (?, ?, ?, ?, ?)",
                [(i["interaction_id"], i["contact_id"], i["happened_on"], i["kind"], i["note"])
                 for i in snapshot.get("interactions", [])])
            db.executemany("INSERT INTO ties(contact_a, contact_b) VALUES (?, ?)",
                           [tuple(sorted(pair)) for pair in snapshot.get("ties", [])])
