"""The forms of ``04_your_action_plan``: preview the plan, export it, restore a backup.

A thin view of :class:`~networking_kit.steps.plan.PlanSession`: each button is one session
method, and the preview redraws whenever the session says the workbook changed.
"""

from __future__ import annotations

import base64
import html
import mimetypes
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit.contacts import ContactImportError
from networking_kit.export.formats import ExportError
from networking_kit.export.pdf import NO_BROWSER, PdfUnavailableError, find_browser
from networking_kit.export.privacy import NAME_STYLE_QUESTION, NameStyle, Privacy
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.plan import EXPORTS, PlanSession
from networking_kit.ui._status import sentence
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.nav import follow_step
from networking_kit.ui.redraw import Redraws

if TYPE_CHECKING:
    from networking_kit.store import Workbook


def _auto() -> widgets.Layout:
    """Long labels must show in full: a cut-off "Yes, replace everything…" is no
    confirmation. A new layout for each widget: one shared layout hid every control that
    used it when the go-back buttons were hidden (found in the browser, 2026-11-30)."""
    return widgets.Layout(width="auto")


# Above this size a file is saved but not offered as an in-page download link.
_LINK_LIMIT = 8_000_000
# What the plan preview shows: everything but the export mark and the shared summary's id.
_PLAN_TOPICS = (Change.PROFILE, Change.GOAL, Change.CONTACTS, Change.TIES, Change.PLAN,
                Change.LOG, Change.SETTINGS)


class PlanWorkbook:
    """Preview, export and restore, each shown by its own notebook cell."""

    def __init__(self, session: PlanSession):
        self.session = session
        self.details = widgets.Checkbox(
            value=False, indent=False, layout=_auto(),
            description="Include e-mail addresses, phone numbers and profile links")
        self.names = widgets.RadioButtons(
            options=[(style.label, style.value) for style in NameStyle],
            value=NameStyle.FULL.value, description=NAME_STYLE_QUESTION, layout=_auto(),
            style={"description_width": "initial"})
        self.export_status = widgets.HTML()
        self.buttons = {choice.kind: widgets.Button(description=choice.label,
                                                    tooltip=choice.meaning,
                                                    layout=widgets.Layout(width="230px"))
                        for choice in EXPORTS}
        for kind, button in self.buttons.items():
            button.on_click(self._exporter(kind))
        # What each file is, in words on the page: a tooltip alone needs a mouse.
        self.export_kinds = widgets.HTML(
            "<ul class='nk-export-kinds'>" + "".join(
                f"<li><b>{html.escape(choice.label)}</b>: {html.escape(choice.meaning)}</li>"
                for choice in EXPORTS) + "</ul>")
        # Where no browser can print, the PDF button is greyed out and says why up front.
        self.pdf_note = widgets.HTML()
        if find_browser() is None:
            self.buttons["pdf"].disabled = True
            self.buttons["pdf"].tooltip = NO_BROWSER
            self.pdf_note.value = sentence(NO_BROWSER)
        self.frame = widgets.HTML()
        self.refresh = widgets.Button(description="Show my plan again", icon="refresh",
                                      layout=_auto())
        self.refresh.on_click(lambda _: self._refresh())
        self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                         description="Choose a backup",
                                         layout=widgets.Layout(width="260px"))
        self.replace = widgets.Checkbox(
            value=False, indent=False, layout=_auto(),
            description="Yes, replace everything in my workbook with this backup")
        self.restore_button = widgets.Button(description="Restore", button_style="warning")
        self.restore_button.on_click(lambda _: self._restore())
        self.restore_status = widgets.HTML()
        self.versions = widgets.Dropdown(description="Version", layout=_auto(),
                                         style={"description_width": "initial"})
        self.go_back_button = widgets.Button(description="Go back to this version…",
                                             layout=_auto())
        self.go_back_button.on_click(lambda _: self._ask_go_back())
        self.confirm_go_back = widgets.Button(description="Yes, go back",
                                              button_style="warning", layout=_auto())
        self.confirm_go_back.on_click(lambda _: self._go_back())
        self.cancel_go_back = widgets.Button(description="Cancel", layout=_auto())
        self.cancel_go_back.on_click(lambda _: self._show_versions())
        self.go_back_status = widgets.HTML()
        self._shown = False
        # The preview is drawn once the page is built (``ui.redraw``): at 30,000 contacts
        # it takes about a second, and the page's buttons should not wait for it.
        self.redraws = Redraws(on_error=self._keep)
        for choice in (self.details, self.names):  # the preview shows what a file would
            choice.observe(lambda _change: self._on_change(None), names="value")
        session.listen(self._on_change, *_PLAN_TOPICS)
        follow_step(session, "plan", session.plan_done, Change.PROFILE)

    @property
    def privacy(self) -> Privacy:
        return Privacy(include_contact_details=self.details.value,
                       names=NameStyle(self.names.value))

    # ------------------------------------------------------------------- sections

    def preview(self) -> widgets.Widget:
        """The plan as it will print, inside the page (scroll inside the frame)."""
        self._shown = True
        self.redraws.after_page("preview", self._show_preview, busy=self._preview_coming)
        return widgets.VBox([self.refresh, self.frame])

    def _preview_coming(self) -> None:
        self.frame.value = drawing_note("Preparing your plan's preview…")

    def _keep(self, error: BaseException) -> None:
        self.session.last_error = error

    def export(self) -> widgets.Widget:
        """The privacy choice, then one button per format."""
        rows = [widgets.HBox(list(self.buttons.values())[i:i + 3])
                for i in range(0, len(self.buttons), 3)]
        folder = html.escape(str(self.session.exports_folder))
        note = widgets.HTML(f"<p>Files are saved in <code>{folder}</code> on this computer, "
                            "and offered as a download link.</p>")
        return widgets.VBox([widgets.HTML("<b>Before you export: what may the files show?</b>"),
                             self.details, self.names, note, *rows, self.pdf_note,
                             self.export_status, self.export_kinds])

    def restore(self) -> widgets.Widget:
        """Bring a complete backup back, replacing what is in the workbook."""
        self._show_versions()
        earlier = widgets.HTML(
            "<b>Go back to an earlier version</b><p>Your workbook is copied automatically "
            "before every import and restore, and the first time it is opened each day "
            "(the last 10 copies are kept).</p>")
        return widgets.VBox([self.upload, self.replace, self.restore_button,
                             self.restore_status, earlier, self.versions,
                             self.go_back_button,
                             widgets.HBox([self.confirm_go_back, self.cancel_go_back]),
                             self.go_back_status])

    def _show_versions(self, note: str = "") -> None:
        """List the backups; hide the confirmation until a version is chosen."""
        try:
            versions = self.session.earlier_versions()
        except Exception as error:  # shown as a sentence, never as a traceback
            self.session.last_error = error
            versions = []
        self.versions.options = [(v.describe(), v.number) for v in versions]
        if versions:
            self.versions.value = versions[0].number
        self.versions.disabled = self.go_back_button.disabled = not versions
        for button in (self.confirm_go_back, self.cancel_go_back):
            button.layout.display = "none"
        self.go_back_status.value = sentence(
            note or ("" if versions else "No earlier versions yet."))

    def _ask_go_back(self) -> None:
        """Say what going back would change, and ask to confirm."""
        if self.versions.value is None:
            return
        try:
            text = self.session.going_back(int(self.versions.value))
        except Exception as error:  # shown as a sentence, never as a traceback
            self.go_back_status.value = sentence(str(error))
            return
        self.go_back_status.value = sentence(text)
        for button in (self.confirm_go_back, self.cancel_go_back):
            button.layout.display = None

    def _go_back(self) -> None:
        number = self.versions.value
        if number is None:
            return
        try:
            version = self.session.go_back(int(number))
        except Exception as error:  # shown as a sentence, never as a traceback
            self.session.last_error = error
            self._show_versions(f"Nothing was changed. {error}")
            return
        self._show_versions(f"Your workbook is back to the version from "
                            f"{version.describe().split('. ', 1)[1]}. The version you had "
                            "is now the first in the list, so you can undo this.")

    # ------------------------------------------------------------------ behaviour

    def _on_change(self, _event: ChangeEvent | None) -> None:
        if self._shown:
            self._show_preview()

    def _refresh(self) -> None:
        """Catch up with other windows (step 3 in another tab); the preview follows."""
        if not self.session.refresh():
            self._show_preview()

    def _show_preview(self) -> None:
        try:
            page = self.session.preview_html(self.privacy)
        except Exception as error:  # shown as a sentence, never as a traceback
            self.session.last_error = error
            self.frame.value = sentence(f"The plan could not be shown ({error}).")
            return
        self.frame.value = (
            f'<iframe title="Your action plan" srcdoc="{html.escape(page, quote=True)}" '
            'style="width: 100%; height: 720px; border: 1px solid #d9e2ec; '
            'border-radius: 4px; background: white"></iframe>')

    def _exporter(self, kind: str) -> Callable[[widgets.Button], None]:
        def export(_: widgets.Button) -> None:
            self.export_status.value = sentence("Working on it…")
            try:
                written = self.session.export(kind, self.privacy)
            except (ExportError, PdfUnavailableError, OSError) as error:
                self.export_status.value = sentence(f"Nothing was exported. {error}")
                return
            except Exception as error:  # shown as a sentence, never as a traceback
                self.session.last_error = error
                self.export_status.value = sentence(
                    f"Nothing was exported: something went wrong ({error}).")
                return
            self.export_status.value = _download(written)
        return export

    def _restore(self) -> None:
        if not self.upload.value:
            self.restore_status.value = sentence("Choose a backup file (.json) first.")
            return
        if not self.replace.value:
            self.restore_status.value = sentence(
                "Tick the box to confirm: restoring replaces everything in your workbook.")
            return
        item = self.upload.value[0]
        try:
            counts = self.session.restore_backup(bytes(item["content"]), str(item["name"]))
        except ContactImportError as error:
            self.restore_status.value = sentence(f"Nothing was restored. {error}")
            return
        except Exception as error:  # shown as a sentence, never as a traceback
            self.session.last_error = error
            self.restore_status.value = sentence(
                f"Nothing was restored: something went wrong ({error}).")
            return
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.restore_status.value = sentence(f"Restored: {summary}. Reopen the other steps "
                                             "to see them.")
        self.replace.value = False
        self._show_versions()  # the copy made before restoring is now the newest


def _download(path: Path) -> str:
    """Where the file was saved, and a link that downloads it from the page."""
    size = path.stat().st_size
    where = html.escape(str(path))
    if size > _LINK_LIMIT:
        return f"<p>Saved <code>{where}</code> ({size // 1_000_000} MB).</p>"
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f"<p>Saved <code>{where}</code>. "
            f'<a style="color: #0072B2; text-decoration: underline; font-weight: 600" '
            f'download="{html.escape(path.name, quote=True)}" '
            f'href="data:{kind};base64,{data}">Download {html.escape(path.name)}</a></p>')


def plan_workbook(workbook: Workbook | None = None, today: date | None = None) -> PlanWorkbook:
    """The plan step for the participant's workbook file (the default one if None)."""
    return PlanWorkbook(PlanSession.shared(workbook, today))
