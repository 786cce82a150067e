"""Importing a file into the participant's workbook: read, merge in memory, save once.

The merge is worked out completely before anything is written, and written with one
``save_contacts`` call (one transaction), so a file that fails half-way leaves the
workbook exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from networking_kit.contacts import (
    DATE_COLUMNS,
    ContactImportError,
    ContactValidationError,
    merge_contacts,
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
    report(0.4, f"Read {len(incoming)} contacts. Comparing with your workbook…")
    existing = workbook.load_contacts()
    merged, counts = merge_contacts(existing, incoming)
    report(0.6, f"Saving {len(counts.changed_ids)} new or changed contacts…")
    changed = _for_saving(merged[merged["contact_id"].isin(counts.changed_ids)])
    try:
        if len(changed):
            workbook.save_contacts(changed)
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


def _for_saving(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing dates as None rather than NaT before the store re-checks the table.

    ``contacts.parse_date`` reads NaT as the text "NaT" and tries every date format on
    it, which made saving 30,000 contacts take minutes; None is skipped at once.
    """
    frame = frame.copy()
    for column in DATE_COLUMNS:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def _silent(fraction: float, message: str) -> None:
    """The progress callback used when nobody is watching."""
