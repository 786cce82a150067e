"""The action plan page's session (``04_your_action_plan``): preview, export, restore a
backup, and share (or take back) the anonymised summary.

Everything the page shows is read through one :class:`PlanSession`: the plan preview and
the shared summary are derived once and kept until something changes (an action here, or
another window's write, which the next action or :meth:`~StepSession.refresh` catches up
with). Each button is one method and one transaction; restoring a backup replaces the
whole workbook at once and announces every topic.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from networking_kit import cohort
from networking_kit.export.document import PlanDocument, build_plan
from networking_kit.export.formats import FORMATS, export_to, exports_folder
from networking_kit.export.html import plan_html
from networking_kit.export.privacy import Privacy
from networking_kit.export.workbook_json import restore_workbook
from networking_kit.steps._session import Change, StepSession
from networking_kit.store import (
    DEFAULT_DIR_NAME,
    Workbook,
    default_workbook_path,
    open_workbook,
)
from networking_kit.store.versions import EarlierVersion, find_version, what_will_change

EXPORT_KEY = "last_export"  # written by ``export_to``: the plan was exported at least once


@dataclass(frozen=True)
class ExportChoice:
    """One export button: its label, the format (a key of ``export.formats.FORMATS``) and
    the file it writes in the exports folder."""

    label: str
    kind: str
    filename: str

    @property
    def meaning(self) -> str:
        return FORMATS[self.kind]


# In the order a participant needs them: the plan first, the backup last.
EXPORTS: tuple[ExportChoice, ...] = (
    ExportChoice("Plan as a web page", "html", "my-action-plan.html"),
    ExportChoice("Plan as PDF", "pdf", "my-action-plan.pdf"),
    ExportChoice("Plan as text", "md", "my-action-plan.md"),
    ExportChoice("Calendar (.ics)", "ics", "my-follow-ups.ics"),
    ExportChoice("Contacts (spreadsheet)", "contacts.csv", "my-contacts.csv"),
    ExportChoice("Actions (spreadsheet)", "actions.csv", "my-actions.csv"),
    ExportChoice("Network for Gephi", "graphml", "my-network.graphml"),
    ExportChoice("Network for Kumu: people", "kumu-elements.csv",
                 "my-network.kumu-elements.csv"),
    ExportChoice("Network for Kumu: links", "kumu-connections.csv",
                 "my-network.kumu-connections.csv"),
    ExportChoice("Complete backup (.json)", "json", "my-workbook-backup.json"),
)
EXPORTS_BY_KIND = {choice.kind: choice for choice in EXPORTS}

# One session per workbook file in a kernel, so the plan's forms and the sharing form (each
# shown by its own notebook cell) read the same memory and follow each other's changes.
_OPEN: weakref.WeakValueDictionary[Path, PlanSession] = weakref.WeakValueDictionary()


class PlanSession(StepSession):
    """Step 4's state: the plan as it reads, the summary that would be shared, and
    whether the plan was exported; see the module docstring."""

    def __init__(self, workbook: Workbook, today: date | None = None) -> None:
        super().__init__(workbook, today)
        self._previews: dict[Privacy, str] = {}
        self._summary: dict[str, Any] | None = None
        self._contacts: pd.DataFrame | None = None
        self.exported: Any = workbook.get_profile(EXPORT_KEY)

    @classmethod
    def shared(cls, workbook: Workbook | None = None, today: date | None = None,
               ) -> PlanSession:
        """The kernel's session for ``workbook``'s file (the participant's own when None),
        made on first use: the plan's forms and the sharing form then share it."""
        path = (workbook.path if workbook is not None else default_workbook_path()).resolve()
        found = _OPEN.get(path)
        if found is not None and (today is None or found.today == today):
            return found
        session = cls(workbook if workbook is not None else open_workbook(path), today)
        _OPEN[path] = session
        return session

    def _reload(self) -> set[Change]:
        """Another window changed the workbook: what it changed is not known here, so
        everything derived is made again."""
        self._previews.clear()
        self._summary = self._contacts = None
        self.exported = self.workbook.get_profile(EXPORT_KEY)
        return set(Change)

    # --------------------------------------------------------------- the plan

    def contacts(self) -> pd.DataFrame:
        """The workbook's contacts table, loaded once (the preview and the shared summary
        both read it; loading 30,000 people takes about half a second) and again only
        after another window changed the workbook."""
        if self._contacts is None:
            self._contacts = self.workbook.load_contacts()
        return self._contacts

    def plan_document(self, privacy: Privacy | None = None) -> PlanDocument:
        """The plan as every format renders it (the rest read from the file each time)."""
        return build_plan(self.workbook, self.today, privacy or Privacy(), self.contacts())

    def preview_html(self, privacy: Privacy | None = None) -> str:
        """The plan as a whole HTML page, as it will print; made once per privacy choice
        until something changes."""
        privacy = privacy or Privacy()
        if privacy not in self._previews:
            self._previews[privacy] = plan_html(self.plan_document(privacy))
        return self._previews[privacy]

    @property
    def exports_folder(self) -> Path:
        """Where exports are written: ``exports/`` beside the workbook file; for a
        workbook on storage that cannot be written (open read-only), ``exports/`` in
        the default workbook folder (``~/NetworkingKit``) instead."""
        beside = exports_folder(self.workbook)
        if self.workbook.read_only and not os.access(beside.parent, os.W_OK):
            return Path.home() / DEFAULT_DIR_NAME / beside.name
        return beside

    def export(self, kind: str, privacy: Privacy | None = None) -> Path:
        """Write one export (a kind in ``EXPORTS_BY_KIND``) into the exports folder and
        return its path. Reads and the "exported" mark are one transaction, so the file
        shows one consistent workbook. Raises ``export.formats.ExportError``,
        ``export.pdf.PdfUnavailableError`` or OSError with a sentence to show."""
        choice = EXPORTS_BY_KIND[kind]
        if self.workbook.read_only:  # it can be exported, but the mark cannot be saved
            return export_to(self.workbook, self.exports_folder / choice.filename,
                             privacy or Privacy(), self.today, remember=False)
        with self._action(Change.PROFILE):
            written = export_to(self.workbook, self.exports_folder / choice.filename,
                                privacy or Privacy(), self.today)
            self.exported = self.workbook.get_profile(EXPORT_KEY)
        return written

    def plan_done(self) -> bool:
        """Whether step 4 is done: the plan was exported at least once."""
        return bool(self.exported)

    # ----------------------------------------------------------------- backup

    def restore_backup(self, content: bytes, name: str = "backup.json") -> dict[str, int]:
        """Replace everything in the workbook with a complete backup (the JSON export),
        in one transaction; returns how many contacts, follow-ups and interactions came
        back. ContactImportError (a sentence naming the file) when it cannot be used, and
        then nothing changed."""
        with self._action(*Change):
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / (Path(name).name or "backup.json")
                path.write_bytes(content)
                counts = restore_workbook(path, self.workbook)
            self._reload()
        return counts

    def earlier_versions(self) -> list[EarlierVersion]:
        """The automatic backups of the workbook, newest (number 1) first."""
        return self.workbook.earlier_versions()

    def going_back(self, number: int) -> str:
        """What going back to backup ``number`` would change, to confirm first.
        WorkbookError (a sentence) when there is no such backup."""
        return what_will_change(self.workbook.holdings(),
                                find_version(self.workbook.path, number))

    def go_back(self, number: int) -> EarlierVersion:
        """Replace everything with backup ``number``, in one transaction, after backing
        the workbook up as it is (so it can be undone); announces every topic."""
        with self._action(*Change):
            version = self.workbook.go_back(number)
            self._reload()
        return version

    # ------------------------------------------------------------ the summary

    def summary(self) -> dict[str, Any]:
        """What sharing would send: counts and catalogue ids, nothing typed (made once
        until something changes)."""
        if self._summary is None:
            self._summary = cohort.summarise(self.workbook, self.today, self.contacts())
        return self._summary

    def summary_lines(self) -> list[str]:
        """The summary as sentences a participant can check before agreeing."""
        return cohort.summary_in_words(self.summary())

    def share_folder(self) -> Path | None:
        """The folder the facilitator set up for summaries (``NETWORKING_KIT_DROP``), or
        None: then nothing can be shared."""
        return cohort.drop_folder()

    def last_shared(self, folder: Path) -> date | None:
        """The day this participant's summary now in ``folder`` was made, or None."""
        return cohort.shared_on(self.workbook, folder)

    def share(self, folder: Path) -> Path:
        """Write (or replace) this participant's summary in the facilitator's folder.
        OSError when the folder cannot be written; then nothing was shared."""
        with self._action(Change.PROFILE):
            written = cohort.share_summary(self.workbook, folder, self.today)
            self._summary = None
        return written

    def withdraw(self, folder: Path) -> bool:
        """Take this participant's summary out of the folder again; True when there was
        one. OSError when it cannot be removed."""
        with self._action():
            return cohort.withdraw_summary(self.workbook, folder)
