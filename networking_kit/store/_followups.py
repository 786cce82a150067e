"""The follow-ups (the saved plan) and the interaction log of the workbook file.

A mixin of :class:`~networking_kit.store.Workbook`, kept apart like ``_contacts`` so the
store's own module stays small: every write is one transaction (a savepoint inside a
caller's), bumps its table's revision and writes only the fields that changed, so a
window that catches up with ``followups_changed_since`` sees exactly what another wrote.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from networking_kit.store._schema import bump, mark_changed

_FOLLOWUP_FIELDS = ("contact_id", "kind", "title", "due_on", "status", "data")
_FOLLOWUP_SELECT = f"SELECT followup_id, {', '.join(_FOLLOWUP_FIELDS)} FROM followups"


class FollowupChanges(NamedTuple):
    """Follow-ups written or removed after a revision: ``rows`` shaped as
    ``load_followups`` gives them, ``removed_ids`` the follow-ups gone since, and
    ``revision`` the follow-ups table's revision this answer is current to."""

    rows: list[dict[str, Any]]
    removed_ids: frozenset[int]
    revision: int


class FollowupsTable:
    """The follow-up and log methods of ``Workbook`` (a mixin: it needs ``_db``,
    ``transaction`` and ``_reading``)."""

    _db: sqlite3.Connection

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _reading(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # --------------------------------------------------------------------- follow-ups

    def add_followup(self, *, kind: str, title: str, contact_id: str | None = None,
                     due_on: date | None = None, status: str = "planned",
                     data: dict[str, Any] | None = None) -> int:
        """Save a new follow-up; returns its ``followup_id``."""
        with self.transaction() as db:
            revision = bump(db, "followups")
            cursor = db.execute(
                "INSERT INTO followups(contact_id, kind, title, due_on, status, data, "
                "revision) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (contact_id, kind, title, _iso(due_on), status, json.dumps(data or {}),
                 revision))
            return int(cursor.lastrowid or 0)

    def update_followup(self, followup_id: int, *, data_changes: Mapping[str, Any] | None = None,
                        **fields: Any) -> bool:
        """Change some fields of one follow-up; write only those that differ from what is
        saved. ``data`` replaces the whole data dict; ``data_changes`` sets only its
        keys on the saved one (read and written in one transaction), so two windows that
        change different keys both keep theirs. Fields: contact_id, kind, title, due_on
        (date), status, data. Raises ValueError for another field; an unknown follow-up
        is left alone. Returns whether anything changed."""
        if (not fields and not data_changes) or set(fields) - set(_FOLLOWUP_FIELDS):
            raise ValueError(f"can update only {', '.join(_FOLLOWUP_FIELDS)}")
        with self.transaction() as db:
            row = db.execute(f"{_FOLLOWUP_SELECT} WHERE followup_id = ?",
                             (followup_id,)).fetchone()
            if row is None:
                return False
            saved = dict(zip(_FOLLOWUP_FIELDS, row[1:], strict=True))
            wanted = {k: json.dumps(v, sort_keys=True) if k == "data" else _iso(v)
                      for k, v in fields.items()}
            if data_changes:
                data = json.loads(wanted.get("data", saved["data"]))
                wanted["data"] = json.dumps({**data, **data_changes}, sort_keys=True)
            if "data" in wanted and json.loads(wanted["data"]) == json.loads(saved["data"]):
                del wanted["data"]
            changed = {k: v for k, v in wanted.items() if v != saved[k]}
            if not changed:
                return False
            revision = bump(db, "followups")
            assignments = ", ".join(f"{k} = ?" for k in changed)
            db.execute(f"UPDATE followups SET {assignments}, revision = ? "
                       "WHERE followup_id = ?", (*changed.values(), revision, followup_id))
            return True

    def load_followups(self) -> list[dict[str, Any]]:
        """Every follow-up, earliest due first (undated last): dicts with followup_id,
        contact_id, kind, title, due_on (date | None), status and data (dict)."""
        return _followups(self._db.execute(
            f"{_FOLLOWUP_SELECT} ORDER BY due_on IS NULL, due_on, followup_id"))

    def followups_changed_since(self, revision: int) -> FollowupChanges:
        """The follow-ups written or removed after ``revision`` (see ``revisions()``)."""
        with self._reading() as db:
            rows = _followups(db.execute(
                f"{_FOLLOWUP_SELECT} WHERE revision > ? ORDER BY due_on IS NULL, due_on, "
                "followup_id", (revision,)))
            removed = db.execute(
                "SELECT record_id FROM removed WHERE kind = 'followup' AND revision > ? "
                "AND CAST(record_id AS INTEGER) NOT IN (SELECT followup_id FROM followups)",
                (revision,))
            removed_ids = frozenset(int(r[0]) for r in removed)
            now = db.execute("SELECT revision FROM revisions WHERE name = 'followups'")
            return FollowupChanges(rows, removed_ids, int(now.fetchone()[0]))

    # ---------------------------------------------------------------- interaction log

    def log_interaction(self, contact_id: str, *, happened_on: date, kind: str,
                        note: str | None = None) -> int:
        """Record a call, coffee or message, and move the contact's last contact forward
        (never back). One transaction; returns the new ``interaction_id``."""
        day = _iso(happened_on)
        with self.transaction() as db:
            revision = bump(db, "interactions")
            cursor = db.execute(
                "INSERT INTO interactions(contact_id, happened_on, kind, note) "
                "VALUES (?, ?, ?, ?)", (contact_id, day, kind, note))
            moved = db.execute(
                "UPDATE contacts SET last_contact = ?, revision = ? WHERE contact_id = ? "
                "AND (last_contact IS NULL OR last_contact < ?)",
                (day, revision, contact_id, day))
            if moved.rowcount:
                mark_changed(db, revision, "contacts")
            return int(cursor.lastrowid or 0)

    def remove_interactions(self, interaction_ids: list[int],
                            last_contacts: Mapping[str, date | None]) -> int:
        """Take log entries back (an undone "done") and set each contact's last contact
        to the day given (None: never), as the caller worked it out from what is left.
        One transaction; returns how many entries were removed."""
        with self.transaction() as db:
            revision = bump(db, "interactions")
            cursor = db.executemany("DELETE FROM interactions WHERE interaction_id = ?",
                                    [(i,) for i in interaction_ids])
            moved = db.executemany(
                "UPDATE contacts SET last_contact = ?, revision = ? WHERE contact_id = ? "
                "AND last_contact IS NOT ?",
                [(_iso(d), revision, c, _iso(d)) for c, d in last_contacts.items()])
            if moved.rowcount:
                mark_changed(db, revision, "contacts")
            return max(cursor.rowcount, 0)

    def load_interactions(self, contact_id: str | None = None) -> list[dict[str, Any]]:
        """The log, oldest first: dicts with interaction_id, contact_id, happened_on
        (date), kind and note; only ``contact_id``'s when given."""
        query = "SELECT interaction_id, contact_id, happened_on, kind, note FROM interactions"
        args: tuple[Any, ...] = ()
        if contact_id is not None:
            query += " WHERE contact_id = ?"
            args = (contact_id,)
        cursor = self._db.execute(query + " ORDER BY happened_on, interaction_id", args)
        return [{"interaction_id": i, "contact_id": c, "happened_on": _date(h), "kind": k,
                 "note": n} for i, c, h, k, n in cursor]


def _followups(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [{"followup_id": f, "contact_id": c, "kind": k, "title": t, "due_on": _date(d),
             "status": s, "data": json.loads(j)} for f, c, k, t, d, s, j in cursor]


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
