"""Importing a file into the participant's workbook: read, then merge and save at once.

Reading and parsing the file (the slow part) happens before the workbook is locked.
Then, in ONE transaction, the saved contacts are read again, the file is merged into
them and only what changed is written: new contacts whole, and on contacts already
saved only the fields the file filled in, never over a value already there. So a
contact another window sorted while the file was being read keeps its new closeness,
and a file that fails half-way leaves the workbook exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from networking_kit.contacts import ContactImportError, ContactValidationError
from networking_kit.contacts_matching import hash_keys_table, match_keys
from networking_kit.contacts_merge import IncomingContacts, merge_parts, prepare_incoming
from networking_kit.importers._memory import give_back
from networking_kit.importers.opening import Source
from networking_kit.importers.preview import header_key, preview_file
from networking_kit.importers.reading import ImportCancelled, read_contacts
from networking_kit.importers.report import (
    ImportReport,
    kept_notes,
    namesake_notes,
    namesakes_elsewhere,
)
from networking_kit.store import Workbook, WorkbookError
from networking_kit.vocab import BackupReason


@dataclass(frozen=True)
class Stage:
    """Where an import is, for a progress bar or a line on the command line.

    ``fraction`` (0.0 to 1.0) never goes down within one import and ends at 1.0; it
    moves as each stage ends (0.0 reading, 0.55 read, 0.7 checked, 0.75 comparing, 0.9
    saving, 1.0 done: reading is the bulk of the work). ``rows`` is how many rows the
    stage has handled and ``total`` how many the file holds (None while the file is
    still being read: the first message gives its size in MB instead); ``message`` is
    one plain sentence, with the row counts in it."""

    message: str
    fraction: float
    rows: int = 0
    total: int | None = None

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)


Progress = Callable[[Stage], None]


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ImportCancelled


# The profile key of the column mappings a participant chose: {header_key: {field: column}}.
MAPPINGS_KEY = "column_mappings"
MAPPINGS_KEPT = 30  # the newest; an older choice is simply asked again


@dataclass(frozen=True)
class ReadFile:
    """A contacts file read and made ready to merge (``read_for_import``), before any
    lock on the workbook is taken."""

    incoming: IncomingContacts
    count: int
    skipped_lines: list[tuple[int | None, str]]
    duplicates: int
    format: str
    file: str
    notes: tuple[str, ...] = ()
    columns_used: tuple[str, ...] = ()
    columns_ignored: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    mapping: Mapping[str, str] | None = None  # chosen by the participant: remembered


_READING = {"open": "opened", "decode": "the text read", "detect": "its kind recognised",
            "parse": "the rows split", "map columns": "the columns matched",
            # said while a long stage runs (read_contacts' ``_RUNNING`` names)
            "decoding": "reading the text", "parsing": "splitting the rows",
            "assembling": "tidying the rows"}
_SHOWN_STEP = 0.02  # a long stage's progress is shown again after this much more of it
_KEYED_PART = 10_000  # rows keyed for the merge between two looks at ``cancel``
# ... and at most an eighth of the file at once (the keys' text of a third of a 30,000-row
# file was 1.3× its size), down to this many rows a part:
_KEYED_LEAST = 2_000


def read_for_import(path: Source, format: str | None = None,
                    mapping: dict[str, str] | None = None, *,
                    name: str | None = None, progress: Progress | None = None,
                    cancel: threading.Event | None = None, keyed: bool = True) -> ReadFile:
    """The slow half of an import, which touches no workbook (so it may run in a
    background thread): read and parse the file, fold its duplicates and key its rows.
    ``progress`` gets a ``Stage`` from 0.0 to 0.7 as each part ends; ``cancel``, once
    set, is honoured between the parts. ``keyed`` False leaves the rows unkeyed, for a
    workbook that had no contacts to match them with (``ImportRequest.keyed``): the
    merge keys them itself if the workbook has gained some meanwhile. Raises
    ContactImportError (see ``read_contacts`` for the arguments) or ImportCancelled."""
    report = progress or _silent
    _check(cancel)
    size = _size_of(path)
    report(Stage(f"Reading the file{size}…", 0.0))
    shown = [0.0]  # the fraction last shown

    def reading(stage: str, fraction: float) -> None:  # read_contacts' own stages
        _check(cancel)  # at every report, so Cancel stops even a long stage part-way
        if fraction < 1.0 and (stage in _STAGE_ENDS or fraction >= shown[0] + _SHOWN_STEP):
            shown[0] = fraction
            report(Stage(f"Reading the file{size}: {_READING.get(stage, stage)}…",
                         round(0.5 * fraction, 3)))

    incoming = read_contacts(path, format, mapping=mapping, name=name, progress=reading)
    _check(cancel)
    rows = len(incoming)
    report(Stage(f"Read {rows:,} rows. Looking for people listed twice…", 0.55, rows, rows))
    attrs, incoming.attrs = incoming.attrs, {}  # pandas would copy them on every operation
    if keyed:
        prepared = _prepare(incoming, cancel)
        give_back()  # the keys' text, made and let go a part at a time (see _memory)
    else:  # nothing saved to match: the keys (0.5x a 3 MB file's size at their peak) wait
        prepared = IncomingContacts(_bare(incoming), None, 0)
    _check(cancel)
    report(Stage("Checked the rows. Comparing them with your workbook…", 0.7, rows, rows))
    return ReadFile(incoming=prepared, count=rows,
                    skipped_lines=list(attrs.get("skipped", [])),
                    duplicates=int(attrs.get("duplicates", 0)),
                    format=str(attrs.get("format", "")),
                    file=str(attrs.get("file", name or "the file")),
                    notes=tuple(attrs.get("notes", ())),
                    columns_used=tuple(attrs.get("columns_used", ())),
                    columns_ignored=tuple(attrs.get("columns_ignored", ())),
                    header=tuple(attrs.get("header", ())), mapping=mapping)


_STAGE_ENDS = frozenset(_READING) - {"decoding", "parsing", "assembling"}


def _bare(incoming: pd.DataFrame) -> pd.DataFrame:
    """The rows as the merge takes them: index 0…n-1 and no ``attrs`` (no copy under
    pandas' copy-on-write)."""
    frame = incoming.reset_index(drop=True)
    frame.attrs.clear()
    return frame


def _prepare(incoming: pd.DataFrame, cancel: threading.Event | None) -> IncomingContacts:
    """``prepare_incoming`` for rows ``read_contacts`` already folded, keyed a part at a
    time so that Cancel stops a big file within about a second (each part's keys kept
    as numbers only: see ``contacts_matching.hashed_match_keys``). A part is at most an
    eighth of the file, so that the keys' text being made stays small beside it."""
    size = max(_KEYED_LEAST, min(_KEYED_PART, len(incoming) // 8))
    if len(incoming) <= size:
        return prepare_incoming(incoming, folded=True)
    frame = _bare(incoming)
    parts = []
    for start in range(0, len(frame), size):
        _check(cancel)
        parts.append(hash_keys_table(match_keys(frame.iloc[start:start + size])))
    return IncomingContacts(frame, pd.concat(parts), 0)


def remembered_mapping(workbook: Workbook, header: list[str]) -> dict[str, str] | None:
    """The columns the participant chose for the last file with this ``header``
    ({field: column}), or None."""
    saved = workbook.get_profile(MAPPINGS_KEY, {}) or {}
    found = saved.get(header_key(header)) if isinstance(saved, dict) else None
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else None


def _remember_mapping(workbook: Workbook, header: tuple[str, ...],
                      mapping: Mapping[str, str]) -> None:
    saved = workbook.get_profile(MAPPINGS_KEY, {}) or {}
    key = header_key(list(header))
    kept = {k: v for k, v in saved.items() if k != key} if isinstance(saved, dict) else {}
    kept[key] = dict(mapping)
    workbook.set_profile(MAPPINGS_KEY, dict(list(kept.items())[-MAPPINGS_KEPT:]))


def _mapping_for(path: Source, workbook: Workbook, name: str | None,
                 ) -> dict[str, str] | None:
    """The remembered mapping for a file read again from its path or bytes (a stream
    cannot be read twice); None, without opening the file, when none was ever kept."""
    if not workbook.get_profile(MAPPINGS_KEY) or not isinstance(
            path, str | bytes | os.PathLike):
        return None
    try:
        return remembered_mapping(workbook, preview_file(path, name).header)
    except ContactImportError:
        return None  # read_contacts says what is wrong with the file


def merge_into_workbook(read: ReadFile, workbook: Workbook,
                        progress: Progress | None = None) -> ImportReport:
    """The quick half: in ONE transaction (a savepoint inside a step session's action),
    read the saved contacts, merge the file into them and write only what changed: new
    contacts whole, and on saved contacts only the fields the file filled in, never over
    a value already there. Raises ContactImportError; the workbook is then unchanged."""
    report, rows = progress or _silent, read.count
    report(Stage("Comparing the file with your workbook…", 0.75, 0, rows))
    try:
        workbook.back_up(BackupReason.IMPORT)  # so the import can be undone (store.versions)
        with workbook.transaction():  # the saved contacts cannot change from here on
            # The saved contacts and the new ones apart: no merged copy of both is made.
            saved, added, counts = merge_parts(workbook.load_contacts(), read.incoming)
            elsewhere = namesakes_elsewhere(saved, added)
            give_back()  # the merge's lookups, before the rows are written
            report(Stage(f"Saving {len(counts.changed_ids):,} new or changed contacts…", 0.9,
                         rows, rows))
            workbook.fill_blank_fields(_filled_values(saved, counts.filled))
            workbook.add_contacts(added)
            del added
            if read.mapping and read.header:
                _remember_mapping(workbook, read.header, read.mapping)
    except WorkbookError as error:  # busy, full, read-only, moved: the store's own sentence
        raise ContactImportError(str(error)) from error
    except ContactValidationError as error:
        raise ContactImportError(
            f"these contacts could not be saved ({error}). Nothing was changed in your "
            "workbook. Fix the file and import it again.", file=read.file) from error
    except sqlite3.Error as error:
        raise ContactImportError(
            f"your workbook could not be saved ({error}). Nothing was changed in it. Close "
            "other windows that use the workbook and try again.", file=read.file) from error
    return ImportReport(added=counts.added, updated=counts.updated, unchanged=counts.unchanged,
                        skipped=len(read.skipped_lines), skipped_lines=read.skipped_lines,
                        duplicates=counts.duplicates + read.duplicates, format=read.format,
                        file=read.file, contact_ids=counts.changed_ids,
                        notes=read.notes + namesake_notes(saved, counts.possible)
                        + elsewhere + kept_notes(saved, counts.differs),
                        columns_used=read.columns_used,
                        columns_ignored=read.columns_ignored, possible=counts.possible)


@dataclass(frozen=True)
class ImportRequest:
    """What to read, with the remembered column choice filled in (``request_import``)."""

    source: Source
    format: str | None = None
    mapping: dict[str, str] | None = None
    name: str | None = None
    remembered: bool = False  # ``mapping`` is the one kept for these column names
    # The workbook had contacts to match the file's rows with: they are keyed as the file
    # is read, before the lock (``read_for_import``'s ``keyed``).
    keyed: bool = True


def request_import(path: Source, workbook: Workbook, format: str | None = None,
                   mapping: dict[str, str] | None = None, *,
                   name: str | None = None) -> ImportRequest:
    """Fill in the mapping remembered for a file with the same column names (with no
    ``mapping`` and no ``format`` given). Reads the workbook: call it on the thread that
    owns it, before ``read_request``."""
    remembered = _mapping_for(path, workbook, name) if mapping is None and format is None \
        else None
    return ImportRequest(path, format, mapping if mapping is not None else remembered,
                         name, remembered is not None, keyed=workbook.count_contacts() > 0)


def read_request(request: ImportRequest, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> ReadFile:
    """``read_for_import`` for a request; the report says when a remembered column
    choice was used. Touches no workbook. Raises ContactImportError or ImportCancelled."""
    read = read_for_import(request.source, request.format, request.mapping,
                           name=request.name, progress=progress, cancel=cancel,
                           keyed=request.keyed)
    if request.remembered and request.mapping:
        read = replace(read, notes=(*read.notes, "The columns were read as you chose them "
                                    "for the last file with these column names: "
                                    + ", ".join(f"{k}={v}" for k, v in request.mapping.items())
                                    + "."))
    return read


def import_into_workbook(path: Source, workbook: Workbook, format: str | None = None,
                         mapping: dict[str, str] | None = None,
                         progress: Progress | None = None, *,
                         name: str | None = None,
                         cancel: threading.Event | None = None) -> ImportReport:
    """Read ``path`` and merge it into ``workbook`` in one transaction; return the counts.

    ``request_import``, ``read_request`` then ``merge_into_workbook``: the file is read
    before the workbook is locked, so another window can keep saving meanwhile. A step
    session that imports as one of its actions calls them itself, the last inside its
    action. ``progress`` gets a ``Stage`` (fraction, rows, sentence) as each part ends,
    the fraction rising to 1.0 ("Done."). ``cancel``, once set, stops the import before
    anything is written (ImportCancelled). A ``mapping`` given is remembered in the
    workbook for the file's header; with no ``mapping`` and no ``format``, the one
    remembered for a file with the same column names is used (and the report says so).
    Raises ContactImportError for a file that cannot be imported; the workbook is then
    unchanged.
    """
    read = read_request(request_import(path, workbook, format, mapping, name=name),
                        progress, cancel)
    _check(cancel)
    result = merge_into_workbook(read, workbook, progress)
    (progress or _silent)(Stage("Done.", 1.0, read.count, read.count))
    return result


def _size_of(path: Source) -> str:
    """" (12 MB)" for a file of a megabyte or more, else ""."""
    try:
        size = len(path) if isinstance(path, bytes) else os.stat(path).st_size \
            if isinstance(path, str | os.PathLike) else 0
    except OSError:
        return ""
    return f" ({size / 1_000_000:,.0f} MB)" if size >= 1_000_000 else ""


def _filled_values(saved: pd.DataFrame, filled: Mapping[str, frozenset[str]],
                   ) -> dict[str, dict[str, Any]]:
    """``{column: {contact_id: value}}`` for the fields the merge filled in."""
    if not filled:
        return {}
    position = pd.Index(saved["contact_id"].astype(object))
    values: dict[str, dict[str, Any]] = {}
    for column, ids in filled.items():
        chosen = sorted(ids)
        cells = saved[column].iloc[position.get_indexer(chosen)].astype(object).tolist()
        values[column] = dict(zip(chosen, cells, strict=True))
    return values


def _silent(stage: Stage) -> None:
    """The progress callback used when nobody is watching."""
