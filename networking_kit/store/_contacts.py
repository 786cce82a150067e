"""The contacts table of the workbook file: whole rows in, field-level updates, catching up.

Every method is one transaction (a savepoint inside a caller's transaction), stamps the
rows it changes with the write's revision and leaves rows it does not change alone, so a
window that catches up with ``contacts_changed_since`` sees exactly what another wrote.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from networking_kit.contacts import (
    CATEGORIES,
    COLUMN_NAMES,
    DATE_COLUMNS,
    DTYPES,
    ContactValidationError,
    field_value,
    to_canonical,
)
from networking_kit.store._contact_values import (
    stored_column,
    stored_columns,
    stored_rows,
    table_of_rows,
)
from networking_kit.store._contacts_cache import ContactsCache, read_cache
from networking_kit.store._schema import bump, mark_changed, next_revision, revision_of

# Rows converted and written at a time by ``add_contacts``: 10,000 rows of stored values
# were about a third of a 30,000-row file's size on top of the table itself, 2,000 rows
# 0.08x more than 1,000 (the write's time is SQLite's, whatever the part).
_WRITTEN_PART = 1_000
# Up to this share of the saved copy's rows written since it, a page opens from the copy
# and those rows; above it (an import), reading every row is about as quick.
_CATCH_UP_SHARE = 0.25
_FIELDS = tuple(c for c in COLUMN_NAMES if c != "contact_id")
_SELECT = f"SELECT {', '.join(COLUMN_NAMES)} FROM contacts"
_INSERT = (f"INSERT INTO contacts ({', '.join(COLUMN_NAMES)}, revision) "
           f"VALUES ({', '.join('?' for _ in COLUMN_NAMES)}, ?)")


class ContactChanges(NamedTuple):
    """What changed in the contacts table after a revision another window last saw.

    ``rows``: the changed or added contacts as the canonical table (``COLUMN_NAMES``),
    in the order they were added; ``removed_ids``: contacts deleted since, not among
    ``rows``; ``revision``: the contacts table's revision this answer is current to
    (hold it and pass it next time).
    """

    rows: pd.DataFrame
    removed_ids: frozenset[str]
    revision: int

    def apply_to(self, contacts: pd.DataFrame) -> pd.DataFrame:
        """``contacts`` (a canonical table loaded earlier) brought up to date: changed
        rows replaced where they stand, removed ones dropped, new ones appended. Returns
        a new table (or ``contacts`` itself when nothing changed), index 0…n-1."""
        if self.rows.empty and not self.removed_ids:
            return contacts
        ids = contacts["contact_id"].astype(object)
        at = pd.Index(ids).get_indexer(self.rows["contact_id"].astype(object))
        known = at >= 0
        updated = contacts.reset_index(drop=True)
        if known.any():
            updated = updated.copy()
            for column in COLUMN_NAMES:
                updated.iloc[at[known], list(updated.columns).index(column)] = (
                    self.rows[column].to_numpy()[known])
        if self.removed_ids:
            updated = updated[~ids.isin(self.removed_ids).to_numpy()]
        added = self.rows[~known]
        if len(added):
            updated = pd.concat([updated, added], ignore_index=True)
        return updated.reset_index(drop=True)


class ContactsTable(ContactsCache):
    """The contact methods of ``Workbook`` (a mixin: it needs ``_db`` and ``transaction``)."""

    def _reading(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def count_contacts(self, *, with_strength: bool = False) -> int:
        """How many contacts; with ``with_strength``, only those given a closeness (one
        COUNT, so the step bar need not load 30,000 rows to tick step 2)."""
        where = " WHERE strength IS NOT NULL AND strength != ''" if with_strength else ""
        return int(self._db.execute(f"SELECT COUNT(*) FROM contacts{where}").fetchone()[0])

    def load_contacts(self, *, for_page: bool = False) -> pd.DataFrame:
        """Every contact as the canonical table (exactly ``COLUMN_NAMES``), in the order
        they were added.

        From the saved column-by-column copy (``_contacts_cache``) and the rows written since,
        when there is a copy and fewer than ``_CATCH_UP_SHARE`` of the rows changed after
        it; otherwise row by row. ``for_page``: a page is opening from this table, so when
        it was read row by row a copy is kept for :meth:`save_contacts_cache` to write
        once the page is drawn.
        """
        with self._reading() as db:
            saved = read_cache(db)
            if saved is not None:
                revision, contacts = saved
                changes = _changes_since(db, revision)
                if len(changes.rows) <= _CATCH_UP_SHARE * len(contacts):
                    return _in_added_order(db, changes, contacts)
            revision = revision_of(db, "contacts")
            contacts = table_of_rows(db.execute(f"{_SELECT} ORDER BY rowid").fetchall())
        if for_page:
            self._unsaved_cache = (revision, contacts.copy(deep=False))
        return contacts

    def contacts_changed_since(self, revision: int) -> ContactChanges:
        """The contacts written or removed after ``revision`` (a number from
        ``revisions()["contacts"]`` or an earlier answer's ``revision``), read as one
        consistent snapshot. Cheap when few rows changed, whatever the table's size."""
        with self._reading() as db:
            return _changes_since(db, revision)

    def save_contacts(self, frame: pd.DataFrame, *, replace: bool = False,
                      normalised: bool = False) -> None:
        """Insert or update the given contacts (by ``contact_id``) in one transaction.

        ``frame`` is normalised and checked first (``contacts.to_canonical``), so a bad
        table changes nothing (ContactValidationError). A saved contact is overwritten
        with the row given, field by field, and only when it differs: use it for new
        contacts and whole tables; for an edit, ``update_contact(s)`` or
        ``patch_contacts`` write only the fields that changed. With ``replace=True`` the
        saved contacts become exactly ``frame``. ``normalised=True`` says ``frame`` is
        ``normalise_contacts``' output as it returned it (a session's few new people): it
        is then only checked for names and unique ids, not normalised again.
        """
        rows = stored_rows(_canonical(frame) if normalised else to_canonical(frame))
        differs = " OR ".join(f"{c} IS NOT excluded.{c}" for c in _FIELDS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*_FIELDS, "revision"))
        with self.transaction() as db:
            revision = next_revision(db)
            if replace:
                keep = {row[0] for row in rows}
                gone = [(c,) for (c,) in db.execute("SELECT contact_id FROM contacts")
                        if c not in keep]
                if self._remove(db, gone, revision):
                    mark_changed(db, revision, "followups", "interactions", "ties")
            before = db.total_changes
            db.executemany(
                f"{_INSERT} ON CONFLICT(contact_id) DO UPDATE SET {updates} WHERE {differs}",
                [(*row, revision) for row in rows])
            if db.total_changes != before or replace:
                mark_changed(db, revision, "contacts")

    def add_contacts(self, frame: pd.DataFrame) -> int:
        """Insert new contacts, each row whole, in one transaction; return how many.

        The quick path for an import: ``frame`` must already be canonical (as
        ``read_contacts`` or ``normalise_contacts`` return it), so it is only checked
        for names and ids, not normalised again. Raises ContactValidationError for a row
        without a name or id, sqlite3.IntegrityError when an id is already saved (then
        nothing is added).
        """
        if frame.empty:
            return 0
        if any(str(frame[c].dtype) != str(DTYPES[c]) for c in COLUMN_NAMES):
            frame = to_canonical(frame)
        for column in ("name", "contact_id"):
            blank = frame[column].isna() | (frame[column].astype(object) == "")
            if blank.any():
                raise ContactValidationError(
                    [f"row {i + 1}: the contact has no {column.replace('_id', ' id')}"
                     for i in np.flatnonzero(blank.to_numpy())])
        # A column with no value at all (most of a LinkedIn export's: phone, notes …) is
        # written as None without a list of Nones made for each part.
        empty = {name for name in COLUMN_NAMES if frame[name].isna().all()}
        with self.transaction() as db, _page_cache_for(db, len(frame)):
            revision = bump(db, "contacts")
            # A part at a time, in the one transaction: the stored values of 1.75 million
            # rows at once (19 lists, dates as text) were an import's memory peak. Rows
            # are made one at a time as SQLite takes them.
            for start in range(0, len(frame), _WRITTEN_PART):
                columns = stored_columns(frame.iloc[start:start + _WRITTEN_PART], empty)
                db.executemany(_INSERT, zip(*columns, itertools.repeat(revision)))
                del columns
        return len(frame)

    def update_contact(self, contact_id: str, /, **fields: Any) -> None:
        """Change some fields of one contact: the quick path for a single edit in a form.

        Raises KeyError for an unknown contact, ContactValidationError for a bad value.
        """
        if not self.update_contacts([contact_id], **fields) and not self._db.execute(
                "SELECT 1 FROM contacts WHERE contact_id = ?", (contact_id,)).fetchone():
            raise KeyError(contact_id)

    def update_contacts(self, contact_ids: list[str], **fields: Any) -> int:
        """Give many contacts the same values (batch triage) in one transaction.

        Only ``fields`` are written, and only on contacts where one of them differs, so
        every other field keeps what any window saved. Each value is checked first
        (``contacts.field_value``), so a bad value changes nothing; returns how many
        contacts changed.
        """
        if not fields:
            raise ValueError("cannot update nothing")
        names = tuple(fields)
        values = tuple(field_value(column, fields[column]) for column in names)
        return self._write_fields({names: [(*values, *values, c) for c in contact_ids]})

    def patch_contacts(self, changes: Mapping[str, Mapping[str, Any]]) -> int:
        """Write ``{contact_id: {field: value}}``: each contact's own fields, nothing else,
        and only on contacts where one of them differs.

        One transaction; values are checked first (ContactValidationError, nothing
        changed); unknown ids are ignored. Returns how many contacts changed.
        """
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for contact_id, fields in changes.items():
            names = tuple(fields)
            values = tuple(field_value(column, fields[column]) for column in names)
            if names:
                groups.setdefault(names, []).append((*values, *values, contact_id))
        return self._write_fields(groups)

    def _write_fields(self, groups: Mapping[tuple[str, ...], list[tuple[Any, ...]]]) -> int:
        """``{field names: [(*values, *values, contact_id)]}``: set the fields where one
        differs, stamping the write's revision; returns how many contacts changed."""
        with self.transaction() as db:
            revision = next_revision(db)
            changed = 0
            for names, rows in groups.items():
                assignments = ", ".join(f"{c} = ?" for c in names)
                differs = " OR ".join(f"{c} IS NOT ?" for c in names)
                cursor = db.executemany(
                    f"UPDATE contacts SET {assignments}, revision = {revision} "
                    f"WHERE ({differs}) AND contact_id = ?", rows)
                changed += max(cursor.rowcount, 0)
            if changed:
                mark_changed(db, revision, "contacts")
            return changed

    def fill_blank_fields(self, values: Mapping[str, Mapping[str, Any]]) -> int:
        """Fill ``{field: {contact_id: value}}`` only where the saved field is empty.

        An import's update: whatever another window wrote into a field (a closeness, a
        note) is never overwritten, even if this process read the contact before that
        write. Values are canonical (text, vocabulary codes, dates as Timestamp/date);
        a vocabulary value outside its list raises ContactValidationError and nothing is
        changed. One transaction; returns how many fields were filled.
        """
        checked = {column: _stored_values(column, by_id) for column, by_id in values.items()}
        filled = 0
        with self.transaction() as db:
            revision = next_revision(db)
            for column, rows in checked.items():
                cursor = db.executemany(
                    f"UPDATE contacts SET {column} = ?, revision = {revision} "
                    f"WHERE contact_id = ? AND ({column} IS NULL OR {column} = '')", rows)
                filled += max(cursor.rowcount, 0)
            if filled:
                mark_changed(db, revision, "contacts")
        return filled

    def delete_contacts(self, contact_ids: list[str]) -> int:
        """Remove contacts, with their log entries and census ties; their follow-ups stay,
        no longer tied to anyone. One transaction; returns how many were removed."""
        with self.transaction() as db:
            revision = next_revision(db)
            removed = self._remove(db, [(c,) for c in contact_ids], revision)
            if removed:
                mark_changed(db, revision, "contacts", "followups", "interactions", "ties")
            return removed

    def _remove(self, db: sqlite3.Connection, ids: list[tuple[str]], revision: int) -> int:
        db.executemany("UPDATE followups SET revision = ? WHERE contact_id = ?",
                       [(revision, c) for (c,) in ids])
        db.executemany("INSERT OR REPLACE INTO removed(kind, record_id, revision) "
                       "SELECT 'contact', contact_id, ? FROM contacts WHERE contact_id = ?",
                       [(revision, c) for (c,) in ids])
        cursor = db.executemany("DELETE FROM contacts WHERE contact_id = ?", ids)
        return max(cursor.rowcount, 0)


# ------------------------------------------------------------------------ conversions


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``, said to be ``normalise_contacts``' output, checked for the store: with
    every column in its dtype it is checked for names and unique ids only, not normalised
    again (tens of ms even for two rows), value by value from plain lists (a few new
    people cost microseconds, not a pandas pass per check); otherwise it goes through
    ``to_canonical``. Raises ContactValidationError."""
    kinds = dict(zip(frame.columns, map(str, frame.dtypes), strict=True))
    if any(kinds.get(c) != str(DTYPES[c]) for c in COLUMN_NAMES):
        return to_canonical(frame)
    problems = []
    ids = frame["contact_id"].tolist()
    for column, values in (("name", frame["name"].tolist()), ("contact_id", ids)):
        problems += [f"row {i + 1}: the contact has no {column.replace('_id', ' id')}"
                     for i, value in enumerate(values) if pd.isna(value) or value == ""]
    seen: set[object] = set()
    repeated: set[str] = set()
    for contact_id in ids:
        if not pd.isna(contact_id):
            if contact_id in seen:
                repeated.add(str(contact_id))
            seen.add(contact_id)
    duplicated = sorted(repeated)
    if duplicated:
        problems.append("the same contact_id appears more than once: " + ", ".join(duplicated))
    if problems:
        raise ContactValidationError(problems)
    return frame


def _changes_since(db: sqlite3.Connection, revision: int) -> ContactChanges:
    rows = db.execute(f"{_SELECT} WHERE revision > ? ORDER BY rowid", (revision,)).fetchall()
    removed = db.execute(
        "SELECT record_id FROM removed WHERE kind = 'contact' AND revision > ? "
        "AND record_id NOT IN (SELECT contact_id FROM contacts)", (revision,))
    removed_ids = frozenset(r[0] for r in removed)
    return ContactChanges(table_of_rows(rows), removed_ids, revision_of(db, "contacts"))


def _in_added_order(db: sqlite3.Connection, changes: ContactChanges,
                    saved: pd.DataFrame) -> pd.DataFrame:
    """The saved copy brought up to date by ``changes``, in the order the contacts were
    added (``apply_to`` appends new people last, which is that order unless an id was
    removed and added again; then the order is read from the file)."""
    contacts = changes.apply_to(saved)
    if changes.rows.empty:
        return contacts
    order = [r[0] for r in db.execute("SELECT contact_id FROM contacts ORDER BY rowid")]
    if contacts["contact_id"].tolist() == order:
        return contacts
    at = pd.Index(contacts["contact_id"].astype(object)).get_indexer(order)
    reordered: pd.DataFrame = contacts.iloc[at].reset_index(drop=True)
    return reordered


# SQLite's page cache while rows are written by ``add_contacts``: this many KiB a row,
# between a floor and SQLite's own default (``PRAGMA cache_size`` -2000, 2,000 KiB).
# Writing 30,000 rows (a 3 MB LinkedIn export) filled the default, two-thirds of the
# file's size on top of the import's table; 468 KiB made the write about a tenth slower.
_CACHE_KIB_A_ROW = 1 / 64
_CACHE_KIB = (256, 2000)


@contextlib.contextmanager
def _page_cache_for(db: sqlite3.Connection, rows: int) -> Iterator[None]:
    """SQLite's page cache held to ``_CACHE_KIB_A_ROW`` for ``rows`` rows while they are
    written, then as it was. A big file's rows get SQLite's default: beside its size,
    2 MB is nothing, and a smaller cache writes its indexes more slowly."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    least, most = _CACHE_KIB
    db.execute(f"PRAGMA cache_size = {-max(least, min(most, int(rows * _CACHE_KIB_A_ROW)))}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def _stored_values(column: str, by_id: Mapping[str, Any]) -> list[tuple[Any, str]]:
    """``(value as stored, contact_id)`` pairs for one column; blanks are dropped."""
    if column not in COLUMN_NAMES or column == "contact_id":
        raise ContactValidationError([f"{column} is not a field that can be changed"])
    ids = list(by_id)
    stored = stored_column(pd.Series(list(by_id.values()), dtype=object),
                            column in DATE_COLUMNS)
    if column in CATEGORIES:
        allowed = {m.value for m in CATEGORIES[column]}
        bad = sorted({v for v in stored if v is not None and v not in allowed})
        if bad:
            raise ContactValidationError(
                [f"{column} '{v}' is not one of: {', '.join(sorted(allowed))}" for v in bad])
    return [(value, contact_id) for contact_id, value in zip(ids, stored, strict=True)
            if value not in (None, "")]

