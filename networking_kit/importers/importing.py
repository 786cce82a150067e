"""Importing a file into the participant's workbook: read, then merge and save at once.

Reading and parsing the file (the slow part) happens before the workbook is locked.
Then, in ONE transaction, the saved contacts are read again, the file is merged into
them and only what changed is written: new contacts whole, and on contacts already
saved only the fields the file filled in, never over a value already there. So a
contact another window sorted while the file was being read keeps its new closeness,
and a file that fails half-way leaves the workbook exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from networking_kit.contacts import (
    ContactImportError,
    ContactValidationError,
    merge_contacts,
    prepare_incoming,
)
from networking_kit.importers._text import Source
from networking_kit.importers.reading import read_contacts
from networking_kit.store import Workbook

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ImportReport:
    """What one import did, for the status line and the command line."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_lines: list[tuple[int | None, str]] = field(default_factory=list)
    duplicates: int = 0
    format: str = ""
    file: str = ""

    def summary(self) -> str:
        return (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"skipped {self.skipped}")

    def skipped_text(self) -> list[str]:
        """One plain sentence per skipped row: "line 7: this row has no name …"."""
        return [f"line {line}: {reason}" if line is not None else reason
                for line, reason in self.skipped_lines]


def import_into_workbook(path: Source, workbook: Workbook, format: str | None = None,
                         mapping: dict[str, str] | None = None,
                         progress: Progress | None = None, *,
                         name: str | None = None) -> ImportReport:
    """Read ``path`` and merge it into ``workbook`` in one transaction; return the counts.

    ``progress(fraction, message)`` is called as each stage ends, so a form can move a
    progress bar on a 30,000-row export. Raises ContactImportError for a file that
    cannot be imported; the workbook is then unchanged.
    """
    report = progress or _silent
    report(0.0, "Reading the file…")
    incoming = read_contacts(path, format, mapping=mapping, name=name)
    shown = incoming.attrs.get("file", name or "the file")
    prepared = prepare_incoming(incoming)
    report(0.4, f"Read {len(incoming)} contacts. Comparing with your workbook…")
    try:
        with workbook.transaction():  # the saved contacts cannot change from here on
            existing = workbook.load_contacts()
            merged, counts = merge_contacts(existing, prepared)
            report(0.6, f"Saving {len(counts.changed_ids)} new or changed contacts…")
            workbook.fill_blank_fields(_filled_values(merged, counts.filled))
            workbook.add_contacts(merged.iloc[len(existing):])
    except ContactValidationError as error:
        raise ContactImportError(
            f"these contacts could not be saved ({error}). Nothing was changed in your "
            "workbook. Fix the file and import it again.", file=shown) from error
    except sqlite3.Error as error:
        raise ContactImportError(
            f"your workbook could not be saved ({error}). Nothing was changed in it. Close "
            "other windows that use the workbook and try again.", file=shown) from error
    skipped = list(incoming.attrs.get("skipped", []))
    report(1.0, "Done.")
    return ImportReport(added=counts.added, updated=counts.updated, unchanged=counts.unchanged,
                        skipped=len(skipped), skipped_lines=skipped,
                        duplicates=counts.duplicates + incoming.attrs.get("duplicates", 0),
                        format=incoming.attrs.get("format", ""), file=shown)


def _filled_values(merged: pd.DataFrame, filled: Mapping[str, frozenset[str]],
                   ) -> dict[str, dict[str, Any]]:
    """``{column: {contact_id: value}}`` for the fields the merge filled in."""
    if not filled:
        return {}
    position = pd.Index(merged["contact_id"].astype(object))
    values: dict[str, dict[str, Any]] = {}
    for column, ids in filled.items():
        chosen = sorted(ids)
        cells = merged[column].iloc[position.get_indexer(chosen)].astype(object).tolist()
        values[column] = dict(zip(chosen, cells, strict=True))
    return values


def _silent(fraction: float, message: str) -> None:
    """The progress callback used when nobody is watching."""
