"""The contacts cache: a column-by-column copy of the contacts table that a page opens from.

Why our own format: reading 30,000 contacts row by row makes about 570,000 Python values
and then converts them a column at a time: 0.26–0.33 s of CPU (``fetchall`` about 130 ms,
``table_of_rows`` about 150 ms), a fifth to a quarter of opening step 2 or step 3 at LinkedIn's cap
of 30,000 connections, where issue 11 holds each workbook's Run All within 1.3× a bare
kernel's. The same table rebuilt from one blob per column (text joined with NUL, a bitmap
of blanks, dates as int64 seconds, vocabulary codes as int8) took 70–80 ms in the same
process (2026-12-01, the 30,000-person workbook of ``benchmarks/run_all.py``; compare
``run_all.py`` with and without ``--no-cache``). pandas' own fast formats need pyarrow (not
installed, and itself slow to import) or pickle (which runs code from the file: never for
a file a participant may be sent).

How it stays true: the copy is labelled with the contacts revision it was read at
(``_schema``'s revisions). :meth:`ContactsTable.load_contacts` reads it and then only the
rows written since (``contacts_changed_since``), so an edit made after it is never
missed. Triggers in the file drop the copy when a contact is deleted (a removed person
must not linger in the file) or written without a newer revision (a writer that does not
stamp rows), so no writer can leave it wrong. It is written only after a page is drawn
(``save_contacts_cache``), never in a participant's action, and skipped when the file
is busy, read-only or full: it is a cache, and a file without it opens as before.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.contact_fields import CATEGORY_DTYPES
from networking_kit.contacts import COLUMN_NAMES, DATE_COLUMNS
from networking_kit.store._schema import revision_of

# Bump when the stored form of a column changes (or ``_contact_values``' reading of the table
# does): a copy written in another form is then ignored and written again.
FORMAT = 1
_SEP = "\x00"

# The copy, one row a column, and the triggers that drop it whenever it could be wrong;
# made by the first ``write_cache``, not by a schema migration: a file without them is
# simply read row by row, by this toolkit or an older one, and stays openable read-only.
_TABLE: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS contacts_cache (
        column_name TEXT PRIMARY KEY NOT NULL,
        revision INTEGER NOT NULL,
        format INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        kind TEXT NOT NULL,
        blanks BLOB,
        data BLOB NOT NULL)""",
    "CREATE TRIGGER IF NOT EXISTS contacts_cache_deleted AFTER DELETE ON contacts "
    "BEGIN DELETE FROM contacts_cache; END",
    "CREATE TRIGGER IF NOT EXISTS contacts_cache_inserted AFTER INSERT ON contacts "
    "WHEN NEW.revision <= (SELECT MAX(revision) FROM contacts_cache) "
    "BEGIN DELETE FROM contacts_cache; END",
    "CREATE TRIGGER IF NOT EXISTS contacts_cache_updated AFTER UPDATE ON contacts "
    "WHEN NEW.revision <= (SELECT MAX(revision) FROM contacts_cache) "
    "BEGIN DELETE FROM contacts_cache; END",
)


class ContactsCache:
    """The cache's methods of ``Workbook`` (a mixin of ``ContactsTable``, whose
    ``load_contacts`` reads the cache and keeps what :meth:`save_contacts_cache` writes)."""

    _db: sqlite3.Connection
    _unsaved_cache: tuple[int, pd.DataFrame] | None

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def load_contacts(self, *, for_page: bool = False) -> pd.DataFrame:
        raise NotImplementedError

    @property
    def cache_waiting(self) -> bool:
        """Whether a copy kept by ``load_contacts(for_page=True)`` waits to be saved."""
        return self._unsaved_cache is not None

    @property
    def has_contacts_cache(self) -> bool:
        """Whether the file holds a contacts cache (one small query): none before its
        first page, after a contact was removed, or from an older toolkit."""
        return has_cache(self._db)

    def renew_contacts_cache(self) -> bool:
        """Read every contact and save the cache when the file has none (after an import
        from the command line, or a removal that dropped it), so the next page opens
        from it: about 0.5 s at 30,000 contacts. False when nothing was written (there
        was one, or the file cannot take it now: see :meth:`save_contacts_cache`)."""
        if not self._quietly_writable() or (
                self.has_contacts_cache and self._unsaved_cache is None):
            return False
        self.load_contacts(for_page=True)
        return self.save_contacts_cache()

    def save_contacts_cache(self) -> bool:
        """Write the copy kept by the last ``load_contacts(for_page=True)`` that read row
        by row, so the next page opens from it; then forget it. Does nothing (False) when
        there is none, when the contacts changed since it was read (the copy would be
        stale), or when the file cannot take a write now (busy, read-only, full, moved):
        the copy only saves time. Never waits for another window's write."""
        kept, self._unsaved_cache = self._unsaved_cache, None
        if kept is None or not self._quietly_writable():
            return False
        revision, contacts = kept
        try:
            with self._without_waiting(), self.transaction() as db:
                if revision_of(db, "contacts") != revision:
                    return False
                return write_cache(db, contacts, revision)
        except (sqlite3.Error, OSError, RuntimeError):
            return False

    def _without_waiting(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def _quietly_writable(self) -> bool:
        raise NotImplementedError


def read_cache(db: sqlite3.Connection) -> tuple[int, pd.DataFrame] | None:
    """``(revision, table)``: the saved copy as the canonical contacts table and the
    contacts revision it is current to; None when there is none, or it is in another
    format or shape (then the table is read row by row, as without a copy)."""
    try:
        stored = {row[0]: row[1:] for row in db.execute(
            "SELECT column_name, revision, format, row_count, kind, blanks, data "
            "FROM contacts_cache")}
    except sqlite3.OperationalError as error:
        if _never_made(error):
            return None
        raise
    if set(stored) != set(COLUMN_NAMES):
        return None
    heads = {(revision, fmt, count) for revision, fmt, count, *_ in stored.values()}
    if len(heads) != 1:
        return None
    ((revision, fmt, count),) = heads
    if fmt != FORMAT:
        return None
    try:
        columns = {name: _decode(name, count, *stored[name][3:]) for name in COLUMN_NAMES}
    except ValueError:
        return None
    return int(revision), pd.DataFrame(columns, copy=False)


def has_cache(db: sqlite3.Connection) -> bool:
    """Whether the file holds a cache (of any form: :func:`read_cache` checks it)."""
    try:
        return db.execute("SELECT 1 FROM contacts_cache LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as error:
        if _never_made(error):
            return False
        raise


def write_cache(db: sqlite3.Connection, contacts: pd.DataFrame, revision: int) -> bool:
    """Replace the saved copy with ``contacts`` (the canonical table as read at contacts
    ``revision``), inside the caller's transaction. Returns False, writing nothing, for a
    table this form cannot hold exactly (a text with a NUL character in it, an unknown
    column or dtype)."""
    try:
        rows = [(name, revision, FORMAT, len(contacts), *_encode(name, contacts[name]))
                for name in COLUMN_NAMES]
    except (KeyError, ValueError, TypeError, AttributeError):
        return False
    for statement in _TABLE:
        db.execute(statement)
    db.execute("DELETE FROM contacts_cache")
    db.executemany("INSERT INTO contacts_cache(column_name, revision, format, row_count, "
                   "kind, blanks, data) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return True


def _encode(name: str, column: pd.Series) -> tuple[str, bytes | None, bytes]:
    if name in DATE_COLUMNS:
        seconds = column.to_numpy(dtype="datetime64[s]").view(np.int64)
        return "dates", None, seconds.tobytes()
    if name in CATEGORY_DTYPES:
        if column.dtype != CATEGORY_DTYPES[name] or len(CATEGORY_DTYPES[name].categories) > 127:
            raise ValueError(f"{name} is not its vocabulary")
        categories = _SEP.join(CATEGORY_DTYPES[name].categories)
        return "codes", categories.encode(), column.cat.codes.to_numpy(np.int8).tobytes()
    if not isinstance(column.dtype, pd.StringDtype):
        raise ValueError(f"{name} is not text")
    blank = column.isna().to_numpy()
    texts: list[str] = column.fillna("").tolist()
    joined = _SEP.join(texts)
    if joined.count(_SEP) != max(len(texts) - 1, 0):
        raise ValueError(f"{name} holds a NUL character")
    return "text", np.packbits(blank).tobytes(), joined.encode()


def _decode(name: str, count: int, kind: str, blanks: bytes | None, data: bytes) -> Any:
    """One stored column as the canonical column; ValueError when it does not fit."""
    if name in DATE_COLUMNS and kind == "dates":
        seconds = np.frombuffer(data, dtype=np.int64)
        _check(len(seconds), count)
        return seconds.view("datetime64[s]").copy()
    if name in CATEGORY_DTYPES and kind == "codes":
        dtype = CATEGORY_DTYPES[name]
        if (blanks or b"").decode() != _SEP.join(dtype.categories):
            raise ValueError(f"{name}'s vocabulary changed")
        codes = np.frombuffer(data, dtype=np.int8).copy()
        _check(len(codes), count)
        return pd.Categorical.from_codes(codes, dtype=dtype)
    if kind != "text" or blanks is None:
        raise ValueError(f"{name} is not stored as {kind}")
    values = np.array(data.decode().split(_SEP) if count else [], dtype=object)
    _check(len(values), count)
    blank = np.unpackbits(np.frombuffer(blanks, dtype=np.uint8), count=count).astype(bool)
    values[blank] = None
    return pd.array(values, dtype=pd.StringDtype())


def _never_made(error: sqlite3.OperationalError) -> bool:
    """Whether ``error`` says the file has no cache table: no copy was ever written."""
    return "no such table" in str(error)


def _check(found: int, count: int) -> None:
    if found != count:
        raise ValueError(f"{found} values where {count} were saved")
