"""Step 2's import, in three parts so a form can show progress and offer Cancel.

``request_import`` (reads the remembered column choice from the workbook), then
``read_import`` (the slow part: touches neither the workbook nor the session, so a form
may run it in a background thread and drop its result on Cancel), then ``merge_import``,
the only part that writes: ONE transaction of the session, committed whole or rolled
back. ``import_file`` runs the three in a row. A mixin of
:class:`~networking_kit.steps.map.MapSession`, kept apart so the session's own module
stays small; it uses the session's ``contacts`` and ``_index_contacts``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pandas as pd

from networking_kit.steps._session import Change, StepSession

if TYPE_CHECKING:  # the importers are loaded at the first import, not with the page
    from networking_kit.importers import ImportReport
    from networking_kit.importers._text import Source as FileSource
    from networking_kit.importers.importing import ImportRequest, Progress, ReadFile


class ImportActions(StepSession):
    """Importing a file into the map; see :class:`MapSession` for the memory."""

    contacts: pd.DataFrame

    def _index_contacts(self) -> None:
        raise NotImplementedError  # MapSession's

    def import_file(self, source: FileSource, *, format: str | None = None,
                    mapping: dict[str, str] | None = None, progress: Progress | None = None,
                    name: str | None = None) -> ImportReport:
        """Read a file, then merge it into the map in one transaction.

        ``request_import``, ``read_import`` and ``merge_import`` in a row (a form runs the
        middle one in a background thread, so it can be cancelled). Raises
        ``ContactImportError`` (the map unchanged) for a file that cannot be read.
        """
        read = self.read_import(self.request_import(source, format=format, mapping=mapping,
                                                    name=name), progress)
        report = self.merge_import(read, progress)
        if progress is not None:
            from networking_kit.importers.importing import Stage

            progress(Stage("Done.", 1.0, read.count, read.count))
        return report

    def request_import(self, source: FileSource, *, format: str | None = None,
                       mapping: dict[str, str] | None = None,
                       name: str | None = None) -> ImportRequest:
        """What to read, with the column choice remembered for such a file filled in.
        Reads the workbook, so call it where the session's other actions run."""
        from networking_kit.importers.importing import request_import

        return request_import(source, self.workbook, format, mapping, name=name)

    @staticmethod
    def read_import(request: ImportRequest, progress: Progress | None = None,
                    cancel: threading.Event | None = None) -> ReadFile:
        """Read and check the file; touches neither the workbook nor this session, so it
        may run in a background thread. Raises ``ContactImportError``, or
        ``ImportCancelled`` once ``cancel`` is set."""
        from networking_kit.importers.importing import read_request

        return read_request(request, progress, cancel)

    def merge_import(self, read: ReadFile, progress: Progress | None = None,
                     ) -> ImportReport:
        """Merge a file read by ``read_import`` into the map: ONE transaction, committed
        whole or not at all (the workbook is backed up first). Raises
        ``ContactImportError`` with the map unchanged."""
        with self._action(Change.CONTACTS):
            from networking_kit.importers.importing import merge_into_workbook

            report = merge_into_workbook(read, self.workbook, progress)
            self.contacts = self.workbook.load_contacts(for_page=True)
            self._index_contacts()
        return report

    def remembered_mapping(self, header: list[str]) -> dict[str, str] | None:
        """The columns chosen for the last file with this header ({field: column}), or
        None; ``import_file`` with a ``mapping`` remembers it (``importers.importing``)."""
        from networking_kit.importers.importing import remembered_mapping

        return remembered_mapping(self.workbook, header)
