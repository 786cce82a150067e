"""The import form: choose an export, confirm the columns if needed, watch it go in.

A thin view over ``steps.map.MapSession.import_file``: the file is read and merged in one
transaction by the session (so every section of step 2 that listens follows the import);
this form only shows the mapping step (for tables the toolkit does not know), the
progress, and one plain sentence at the end, never a traceback.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit.contacts import ContactImportError
from networking_kit.importers import (
    FORMAT_LABELS,
    UPLOAD_MAX_BYTES,
    ImportReport,
    guess_column_mapping,
    inspect_file,
)
from networking_kit.importers.generic import MAPPABLE
from networking_kit.network import plural
from networking_kit.steps._session import workbook_or_default
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import TraitChange

if TYPE_CHECKING:
    from networking_kit.store import Workbook

ACCEPT = ".csv,.vcf,.xlsx,.txt,.zip"
_NOT_USED = "(not in this file)"
_FIELD_LABELS = {
    "name": "Full name", "first_name": "First name", "last_name": "Last name",
    "email": "E-mail", "phone": "Phone", "company": "Company or organisation",
    "position": "Job title", "url": "LinkedIn or web address",
    "connected_on": "Date you connected", "notes": "Notes",
}
_SKIPPED_SHOWN = 10


class ImportForm:
    """Upload, optional column mapping, Import button, progress bar and status line."""

    def __init__(self, session: MapSession | Workbook):
        self.session = session if isinstance(session, MapSession) else MapSession(session)
        self.workbook = self.session.workbook
        self.upload = widgets.FileUpload(accept=ACCEPT, multiple=False,
                                         description="Choose a file")
        self.dropdowns = {
            field: widgets.Dropdown(description=_FIELD_LABELS[field], options=[_NOT_USED],
                                    style={"description_width": "12em"},
                                    layout=widgets.Layout(width="480px"))
            for field in MAPPABLE
        }
        intro = widgets.HTML(
            "<p>Which column holds what? The guesses are filled in; change any that are "
            "wrong, then press <b>Import</b>.</p>")
        self.mapping_box = widgets.VBox([intro, *self.dropdowns.values()],
                                        layout=widgets.Layout(display="none"))
        self.confirm = widgets.Button(description="Import", button_style="primary",
                                      disabled=True, icon="upload")
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0,
                                              description="Progress",
                                              layout=widgets.Layout(visibility="hidden"))
        self.status = widgets.HTML()
        self._file: tuple[str, bytes] | None = None
        self._format: str | None = None
        self.upload.observe(self._on_upload, names="value")
        self.confirm.on_click(self._on_confirm)
        self.widget = widgets.VBox(
            [self.upload, self.mapping_box, self.confirm, self.progress, self.status],
            layout=widgets.Layout(padding="8px 0"))
        self._say("Choose the file you exported: LinkedIn's Connections.csv, a Google or "
                  "Outlook CSV, a vCard (.vcf) or any spreadsheet of contacts, up to "
                  f"{UPLOAD_MAX_BYTES // (1024 * 1024)} MB. If nothing happens after you "
                  "choose a bigger file, export your contacts without photos.")

    # ------------------------------------------------------------------- events

    def _on_upload(self, change: TraitChange) -> None:
        files = change["new"]
        if not files:
            return
        chosen = files[0]
        name, content = str(chosen.get("name") or "the file"), bytes(chosen["content"])
        self._file, self._format = (name, content), None
        self.confirm.disabled = True
        self.progress.layout.visibility = "hidden"
        try:
            kind, header = inspect_file(content, name=name)
        except ContactImportError as error:
            self._hide_mapping()
            self._say(str(error), problem=True)
            return
        self._format = kind
        if kind == "generic":
            self._show_mapping(header)
            self._say(f"{name}: a table of contacts. Check the columns below.")
        else:
            self._hide_mapping()
            self._say(f"{name}: {FORMAT_LABELS[kind]}. Press Import to add these contacts.")
        self.confirm.disabled = False

    def _on_confirm(self, _button: widgets.Button | None = None) -> None:
        if self._file is None:
            self._say("Choose a file first.", problem=True)
            return
        name, content = self._file
        mapping = self.mapping() if self._format == "generic" else None
        self.confirm.disabled = True
        self.progress.value = 0.0
        self.progress.layout.visibility = "visible"
        try:
            report = self.session.import_file(content, mapping=mapping,
                                              progress=self._on_progress, name=name)
        except ContactImportError as error:
            self._say(str(error), problem=True)
        except Exception as error:  # a participant never sees a traceback
            self.session.last_error = error
            self._say(f"{name}: the import stopped ({type(error).__name__}). Nothing was "
                      "changed in your workbook. Try again, or ask the facilitator.",
                      problem=True)
        else:
            self._show_report(name, report)
        finally:
            self.confirm.disabled = False

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.value = fraction
        self.progress.description = f"{round(fraction * 100)}%"
        self._say(message)

    # ------------------------------------------------------------------ helpers

    def mapping(self) -> dict[str, str]:
        """The columns the participant confirmed: {canonical field: column in the file}."""
        return {field: box.value for field, box in self.dropdowns.items()
                if box.value and box.value != _NOT_USED}

    def _show_mapping(self, header: list[str]) -> None:
        guess = guess_column_mapping(header)
        choices = [_NOT_USED, *[cell for cell in header if cell]]
        for field, box in self.dropdowns.items():
            box.options = choices
            box.value = guess.get(field, _NOT_USED)
        self.mapping_box.layout.display = "flex"

    def _hide_mapping(self) -> None:
        self.mapping_box.layout.display = "none"

    def _show_report(self, name: str, report: ImportReport) -> None:
        lines = report.skipped_text()
        shown = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:_SKIPPED_SHOWN])
        more = (f"<li>… and {len(lines) - _SKIPPED_SHOWN} more</li>"
                if len(lines) > _SKIPPED_SHOWN else "")
        skipped = f"<p>Rows left out:</p><ul>{shown}{more}</ul>" if lines else ""
        details = "".join(f"<li>{html.escape(line)}</li>" for line in report.details())
        skipped += f"<ul>{details}</ul>" if details else ""
        total = plural(self.session.people, "contact")
        self.status.value = (
            f"<div class='nk-status'>Imported {html.escape(name)}: "
            f"{html.escape(report.summary())}. "
            f"Your workbook now holds {total}."
            f"{skipped}</div>")

    def _say(self, text: str, *, problem: bool = False) -> None:
        style = " style='color:#b00020'" if problem else ""
        self.status.value = f"<div class='nk-status'{style}>{html.escape(text)}</div>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def import_contacts(workbook: Workbook | None = None) -> ImportForm:
    """Show the import form for the participant's workbook file (the default one if None)."""
    return ImportForm(MapSession(workbook_or_default(workbook)))
