"""The import form: choose an export, confirm the columns if needed, watch it go in.

A thin view over ``steps.map.MapSession.import_file``: the file is read and merged in one
transaction by the session (so every section of step 2 that listens follows the import);
this form only shows the mapping step, the progress, and one plain sentence at the end,
never a traceback. The mapping step ("which column holds what?", with the file's first
rows) opens by itself for a table the toolkit does not know, for a file whose columns
the participant chose before (their choice filled in: the workbook remembers it per set of
column names, as ``networking-kit import --columns`` does), and after an import that found
no name; for any other table, "Choose the columns myself" opens it.
"""

from __future__ import annotations

import asyncio
import html
import threading
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit import importers  # each name loaded when first used: after a file
from networking_kit.contact_fields import FIELD_LABELS
from networking_kit.contacts import ContactImportError
from networking_kit.importers.opening import UPLOAD_MAX_BYTES
from networking_kit.network import plural
from networking_kit.steps._session import workbook_or_default
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import TraitChange
from networking_kit.ui.redraw import running_loop

if TYPE_CHECKING:
    from networking_kit.importers import ImportReport, Stage
    from networking_kit.importers.importing import ImportRequest, ReadFile
    from networking_kit.importers.preview import Preview
    from networking_kit.store import Workbook

ACCEPT = ".csv,.vcf,.xlsx,.txt,.zip"
_NOT_USED = "(not in this file)"
_SKIPPED_SHOWN = 10
_CELL_SHOWN = 40  # characters of a cell in the preview
# A file this big is read in a background thread, so its progress shows and Cancel works
# (about 20,000 rows of a LinkedIn export; smaller files take under a second).
BACKGROUND_BYTES = 2 * 1024 * 1024
STOPPED = "Stopped: nothing was imported, and your workbook is exactly as it was."
BUSY = "An import is already running: wait for it to finish, or press Cancel first."
CHOOSE_AGAIN = ("An import is already running: wait for it to finish, or press Cancel, "
                "then choose this file again.")
STILL_STOPPING = "The file you stopped is still being put aside: press Import again in a moment."


class _Job:
    """One import being read in a background thread; ``cancel`` is set by Cancel;
    ``notice`` is a refusal said meanwhile, kept beside the progress messages that follow
    (else the next stage's message would hide it at once)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cancel = threading.Event()
        self.notice = ""


class ImportForm:
    """Upload, optional column mapping, Import button, progress bar and status line."""

    def __init__(self, session: MapSession | Workbook):
        self.session = session if isinstance(session, MapSession) else MapSession(session)
        self.workbook = self.session.workbook
        # A tooltip of its own: without one the button's title is the text "null"
        # (ipywidgets 8's view sets it from the unset trait; found by a tester).
        self.upload = widgets.FileUpload(accept=ACCEPT, multiple=False,
                                         description="Choose a file",
                                         tooltip="Choose the contacts file you exported")
        self._dropdowns: dict[str, widgets.Dropdown] | None = None
        self.first_row: widgets.Checkbox  # made with the lists (``dropdowns``)
        self.mapping_intro = widgets.HTML()
        self.preview = widgets.HTML(layout=widgets.Layout(overflow="auto", max_width="100%"))
        self.mapping_box = widgets.VBox([self.mapping_intro, self.preview],
                                        layout=widgets.Layout(display="none"))
        self.choose_columns = widgets.Button(
            description="Choose the columns myself", icon="columns",
            tooltip="Say which column holds the name, e-mail, organisation…",
            layout=widgets.Layout(width="auto", display="none"))
        self.choose_columns.on_click(lambda _button: self.show_mapping())
        self.confirm = widgets.Button(description="Import", button_style="primary",
                                      disabled=True, icon="upload")
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0,
                                              description="Progress",
                                              layout=widgets.Layout(visibility="hidden"))
        self.cancel = widgets.Button(description="Cancel", icon="stop",
                                     tooltip="Stop this import: nothing is saved",
                                     layout=widgets.Layout(display="none"))
        self.cancel.on_click(self._on_cancel)
        self.status = widgets.HTML()
        self._job: _Job | None = None  # the import being read in the background
        self._file: tuple[str, bytes] | None = None
        self._format: str | None = None
        self._preview: Preview | None = None
        self.upload.observe(self._on_upload, names="value")
        self.confirm.on_click(self._on_confirm)
        self.widget = widgets.VBox(
            [self.upload, self.choose_columns, self.mapping_box,
             widgets.HBox([self.confirm, self.cancel]), self.progress, self.status],
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
        if self._job is not None:  # the running import keeps its file and its form
            self._say(CHOOSE_AGAIN, problem=True)
            return
        chosen = files[0]
        name, content = str(chosen.get("name") or "the file"), bytes(chosen["content"])
        self._file, self._format, self._preview = (name, content), None, None
        self.confirm.disabled = True
        self.progress.layout.visibility = "hidden"
        self._hide_mapping()
        try:
            preview = importers.preview_file(content, name=name)
        except ContactImportError as error:
            self._say(str(error), problem=True)
            return
        self._format, self._preview = preview.format, preview
        remembered = self.session.remembered_mapping(preview.header) if preview.header else None
        if remembered is not None:
            self.show_mapping(remembered)
            self._say(f"{name}: the columns are filled in as you chose them last time for a "
                      "file like this. Check them, then press Import.")
        elif preview.format == "generic":
            self.show_mapping()
            self._say(f"{name}: a table of contacts. Check the columns above, "
                      "then press Import.")
        else:
            self._hide_mapping()  # offers "Choose the columns myself" for a table
            self._say(f"{name}: {importers.FORMAT_LABELS[preview.format]}. Press Import to "
                      "add these contacts.")
        self.confirm.disabled = False

    @property
    def running(self) -> bool:
        """True while a file is being read in the background (Cancel is offered)."""
        return self._job is not None

    def _on_confirm(self, _button: widgets.Button | None = None) -> None:
        if self.confirm.disabled:
            # A click sent before the page greyed the button out, heard only now: the
            # kernel was busy saving the last import. Importing the same file again would
            # replace that import's report with an "unchanged" one.
            return
        if self._job is not None:
            self._job.notice = STILL_STOPPING if self._job.cancel.is_set() else BUSY
            self._say(self._job.notice, problem=True)
            return
        if self._file is None:
            self._say("Choose a file first.", problem=True)
            return
        name, content = self._file
        mapping = self.mapping() if self.mapping_box.layout.display == "flex" else None
        self.confirm.disabled = True
        self.progress.value = 0.0
        self.progress.layout.visibility = "visible"
        try:
            request = self.session.request_import(content, mapping=mapping, name=name)
        except Exception as error:
            self._failed(name, mapping, error)
            return
        loop = running_loop()
        if loop is None or len(content) < BACKGROUND_BYTES:  # quick: read here
            self._finish(None, name, mapping, self._read_here(request))
            return
        job = self._job = _Job(name)
        self.confirm.disabled = False  # a second click is answered with BUSY
        self.cancel.layout.display = "inline-flex"
        threading.Thread(target=self._read_in_background, args=(job, request, mapping, loop),
                         name="networking-kit import", daemon=True).start()

    def _read_here(self, request: ImportRequest) -> ReadFile | BaseException:
        try:
            return self.session.read_import(request, self._on_progress)
        except Exception as error:
            return error

    def _read_in_background(self, job: _Job, request: ImportRequest,
                            mapping: dict[str, str] | None,
                            loop: asyncio.AbstractEventLoop) -> None:
        """The reading half, in its own thread; every widget change and the write go back
        to the kernel's own thread (``loop``), so the workbook is used from one thread."""
        def progress(stage: Stage) -> None:
            loop.call_soon_threadsafe(self._on_progress, stage, job)

        outcome: ReadFile | BaseException
        try:
            outcome = self.session.read_import(request, progress, job.cancel)
        except BaseException as error:
            outcome = error
        loop.call_soon_threadsafe(self._finish, job, job.name, mapping, outcome)

    def _on_cancel(self, _button: widgets.Button | None = None) -> None:
        job = self._job
        if job is None or job.cancel.is_set():
            return
        job.cancel.set()  # the reading stops at its next stage; nothing has been written
        self.cancel.layout.display = "none"
        self.progress.layout.visibility = "hidden"
        self._say(STOPPED)

    def _finish(self, job: _Job | None, name: str, mapping: dict[str, str] | None,
                outcome: ReadFile | BaseException) -> None:
        """Back on the kernel's thread: merge what was read (the one write), or say why
        not. A cancelled job's outcome is dropped: the workbook was never touched."""
        self._job = None
        self.cancel.layout.display = "none"
        cancelled = isinstance(outcome, importers.ImportCancelled)
        if (job is not None and job.cancel.is_set()) or cancelled:
            self.confirm.disabled = False
            self.progress.layout.visibility = "hidden"
            self._say(STOPPED)
            return
        if isinstance(outcome, BaseException):
            self._failed(name, mapping, outcome)
            return
        self.confirm.disabled = True  # no second import while this one is saved
        try:
            report = self.session.merge_import(outcome, self._on_progress)
        except Exception as error:
            self._failed(name, mapping, error)
            return
        self._on_progress(importers.Stage("Done.", 1.0, outcome.count, outcome.count))
        self._file = None  # imported: Import waits for the next file, which may be the
        self.upload.value = ()  # same one again (an unchanged choice would not be heard)
        self._show_report(name, report)

    def _failed(self, name: str, mapping: dict[str, str] | None,
                error: BaseException) -> None:
        self.confirm.disabled = False
        self.progress.layout.visibility = "hidden"  # not left part-way (found by a tester)
        if isinstance(error, ContactImportError):
            if self._preview is not None and self._preview.header:
                self.show_mapping(self.mapping() if mapping else None)  # say which is which
            self._say(str(error), problem=True)
            return
        self.session.last_error = error  # a participant never sees a traceback
        self._say(f"{name}: the import stopped ({type(error).__name__}). Nothing was "
                  "changed in your workbook. Try again, or ask the facilitator.",
                  problem=True)

    def _on_progress(self, stage: Stage, job: _Job | None = None) -> None:
        if job is not None and job.cancel.is_set():
            return  # a late message from a file the participant stopped
        self.progress.value = stage.fraction
        self.progress.description = f"{stage.percent}%"
        notice = job.notice if job is not None else ""
        self._say(f"{stage.message} {notice}".strip(), problem=bool(notice))

    # ------------------------------------------------------------------ helpers

    @property
    def dropdowns(self) -> dict[str, widgets.Dropdown]:
        """One list per field of the "which column holds what?" step, made the first time
        that step opens (most imports never need it: 30 widget models fewer as step 2
        opens)."""
        if self._dropdowns is None:
            self._dropdowns = {
                field: widgets.Dropdown(description=FIELD_LABELS[field], options=[_NOT_USED],
                                        style={"description_width": "14em"},
                                        layout=widgets.Layout(width="520px"))
                for field in importers.MAPPABLE}
            self.first_row = widgets.Checkbox(
                description="The first row is a person, not column names", indent=False,
                layout=widgets.Layout(width="auto"))
            self.first_row.observe(lambda _change: self._first_row_changed(), names="value")
            self.mapping_box.children = [self.mapping_intro, self.preview, self.first_row,
                                         *self._dropdowns.values()]
        return self._dropdowns

    def mapping(self) -> dict[str, str]:
        """The columns the participant confirmed: {canonical field: column in the file}."""
        if self._dropdowns is None:
            return {}
        return {field: box.value for field, box in self._dropdowns.items()
                if box.value and box.value != _NOT_USED}

    def show_mapping(self, chosen: dict[str, str] | None = None) -> None:
        """Open the "which column holds what?" step for the chosen table: its first rows,
        and a list per field filled with ``chosen`` (else the toolkit's guesses)."""
        preview = self._preview
        if preview is None or not preview.header:
            return
        self.dropdowns  # noqa: B018 (makes the lists and the first-row box)
        # A file the toolkit found without a header row has the box ticked.
        self.first_row.value = preview.first_row_is_data
        self._show_columns(preview.first_row_as_data(self.first_row.value), chosen)

    def _first_row_changed(self) -> None:
        """The participant ticked or cleared "The first row is a person"."""
        if self._preview is not None:
            self._show_columns(self._preview.first_row_as_data(self.first_row.value), None)

    def _show_columns(self, preview: Preview, chosen: dict[str, str] | None) -> None:
        header = preview.header
        guess = chosen if chosen is not None else importers.guess_column_mapping(
            header, preview.rows)
        choices = [_NOT_USED, *dict.fromkeys(cell for cell in header if cell)]
        for field, box in self.dropdowns.items():
            box.options = choices
            box.value = guess.get(field) if guess.get(field) in choices else _NOT_USED
        guessed = any(box.value != _NOT_USED for box in self.dropdowns.values())
        self.mapping_intro.value = (
            "<p>Which column holds what? Here are the first rows of the file. "
            + ("The guesses are filled in; change any that are wrong, then press "
               "<b>Import</b>." if guessed else
               "No column could be guessed: choose at least the one that holds the name, "
               "then press <b>Import</b>.")
            + " The next file with the same columns starts from your choice.</p>")
        self.preview.value = _preview_table(preview)
        self.mapping_box.layout.display = "flex"
        self.choose_columns.layout.display = "none"

    def _hide_mapping(self) -> None:
        self.mapping_box.layout.display = "none"
        table = self._preview is not None and bool(self._preview.header)
        self.choose_columns.layout.display = "inline-flex" if table else "none"

    def _show_report(self, name: str, report: ImportReport) -> None:
        lines = report.skipped_text()
        shown = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:_SKIPPED_SHOWN])
        more = (f"<li>… and {len(lines) - _SKIPPED_SHOWN} more</li>"
                if len(lines) > _SKIPPED_SHOWN else "")
        skipped = f"<p>Rows left out:</p><ul>{shown}{more}</ul>" if lines else ""
        details = "".join(f"<li>{html.escape(line)}</li>" for line in report.details(on_page=True))
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


def _preview_table(preview: Preview) -> str:
    """The header and first rows as an HTML table, every cell escaped and shortened."""
    def cell(text: str, tag: str) -> str:
        short = text if len(text) <= _CELL_SHOWN else text[:_CELL_SHOWN - 1] + "…"
        # nowrap: a wide file scrolls sideways (the preview's overflow) instead of
        # standing each heading one character per line (CJK text breaks anywhere)
        style = "padding:2px 8px;text-align:left;white-space:nowrap"
        return f"<{tag} style='{style}'>{html.escape(short)}</{tag}>"

    head = "".join(cell(c, "th") for c in preview.header)
    body = "".join("<tr>" + "".join(cell(c, "td") for c in row) + "</tr>"
                   for row in preview.rows)
    return ("<table class='nk-preview'><caption style='text-align:left'>The first rows of "
            f"the file</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")



def import_contacts(workbook: Workbook | None = None) -> ImportForm:
    """Show the import form for the participant's workbook file (the default one if None)."""
    return ImportForm(MapSession(workbook_or_default(workbook)))
