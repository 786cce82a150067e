"""The forms of ``04_your_action_plan``: preview the plan, export it, restore a backup."""

from __future__ import annotations

import base64
import html
import mimetypes
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from networking_kit.contacts import ContactImportError
from networking_kit.export.document import build_plan
from networking_kit.export.formats import FORMATS, ExportError, export_to, exports_folder
from networking_kit.export.html import plan_html
from networking_kit.export.pdf import PdfUnavailableError
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.export.workbook_json import restore_workbook
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui._status import sentence

# The buttons, in the order a participant needs them: the plan first, the backup last.
BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("Plan as a web page", "html", "my-action-plan.html"),
    ("Plan as PDF", "pdf", "my-action-plan.pdf"),
    ("Plan as text", "md", "my-action-plan.md"),
    ("Calendar (.ics)", "ics", "my-follow-ups.ics"),
    ("Contacts (spreadsheet)", "contacts.csv", "my-contacts.csv"),
    ("Actions (spreadsheet)", "actions.csv", "my-actions.csv"),
    ("Network for Gephi", "graphml", "my-network.graphml"),
    ("Network for Kumu: people", "kumu-elements.csv", "my-network.kumu-elements.csv"),
    ("Network for Kumu: links", "kumu-connections.csv", "my-network.kumu-connections.csv"),
    ("Complete backup (.json)", "json", "my-workbook-backup.json"),
)
# Long labels must show in full: a cut-off "Yes, replace everything…" is no confirmation.
_AUTO = widgets.Layout(width="auto")
# Above this size a file is saved but not offered as an in-page download link.
_LINK_LIMIT = 8_000_000


class PlanWorkbook:
    """Preview, export and restore, each shown by its own notebook cell."""

    def __init__(self, workbook: Workbook, today: date | None = None):
        self.workbook = workbook
        self.today = today or date.today()
        self.details = widgets.Checkbox(
            value=False, indent=False, layout=_AUTO,
            description="Include e-mail addresses, phone numbers and profile links")
        self.names = widgets.RadioButtons(
            options=[("Full names", NameStyle.FULL.value),
                     ("Initials only (e.g. A. L.)", NameStyle.INITIALS.value)],
            value=NameStyle.FULL.value, description="Show people by", layout=_AUTO,
            style={"description_width": "initial"})
        self.export_status = widgets.HTML()
        self.buttons = {kind: widgets.Button(description=label, tooltip=FORMATS[kind],
                                             layout=widgets.Layout(width="230px"))
                        for label, kind, _ in BUTTONS}
        for _, kind, filename in BUTTONS:
            self.buttons[kind].on_click(self._exporter(kind, filename))
        self.frame = widgets.HTML()
        self.refresh = widgets.Button(description="Show my plan again", icon="refresh",
                                      layout=_AUTO)
        self.refresh.on_click(lambda _: self._show_preview())
        self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                         description="Choose a backup",
                                         layout=widgets.Layout(width="260px"))
        self.replace = widgets.Checkbox(
            value=False, indent=False, layout=_AUTO,
            description="Yes, replace everything in my workbook with this backup")
        self.restore_button = widgets.Button(description="Restore", button_style="warning")
        self.restore_button.on_click(lambda _: self._restore())
        self.restore_status = widgets.HTML()

    @property
    def privacy(self) -> Privacy:
        return Privacy(include_contact_details=self.details.value,
                       names=NameStyle(self.names.value))

    # ------------------------------------------------------------------- sections

    def preview(self) -> widgets.Widget:
        """The plan as it will print, inside the page (scroll inside the frame)."""
        self._show_preview()
        return widgets.VBox([self.refresh, self.frame])

    def export(self) -> widgets.Widget:
        """The privacy choice, then one button per format."""
        rows = [widgets.HBox(list(self.buttons.values())[i:i + 3])
                for i in range(0, len(self.buttons), 3)]
        folder = html.escape(str(exports_folder(self.workbook)))
        note = widgets.HTML(f"<p>Files are saved in <code>{folder}</code> on this computer, "
                            "and offered as a download link.</p>")
        return widgets.VBox([widgets.HTML("<b>Before you export: what may the files show?</b>"),
                             self.details, self.names, note, *rows, self.export_status])

    def restore(self) -> widgets.Widget:
        """Bring a complete backup back, replacing what is in the workbook."""
        return widgets.VBox([self.upload, self.replace, self.restore_button,
                             self.restore_status])

    # ------------------------------------------------------------------ behaviour

    def _show_preview(self) -> None:
        try:
            page = plan_html(build_plan(self.workbook, self.today, self.privacy))
        except Exception as error:  # shown as a sentence, never as a traceback
            self.frame.value = sentence(f"The plan could not be shown ({error}).")
            return
        self.frame.value = (
            f'<iframe title="Your action plan" srcdoc="{html.escape(page, quote=True)}" '
            'style="width: 100%; height: 720px; border: 1px solid #d9e2ec; '
            'border-radius: 4px; background: white"></iframe>')

    def _exporter(self, kind: str, filename: str) -> Callable[[widgets.Button], None]:
        def export(_: widgets.Button) -> None:
            self.export_status.value = sentence("Working on it…")
            target = exports_folder(self.workbook) / filename
            try:
                written = export_to(self.workbook, target, self.privacy, self.today)
            except (ExportError, PdfUnavailableError, OSError) as error:
                self.export_status.value = sentence(f"Nothing was exported. {error}")
                return
            except Exception as error:  # shown as a sentence, never as a traceback
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
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (Path(str(item["name"])).name or "backup.json")
            path.write_bytes(bytes(item["content"]))
            try:
                counts = restore_workbook(path, self.workbook)
            except ContactImportError as error:
                self.restore_status.value = sentence(f"Nothing was restored. {error}")
                return
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.restore_status.value = sentence(f"Restored: {summary}. Reopen the other steps "
                                              "to see them.")
        self.replace.value = False
        self._show_preview()


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
    return PlanWorkbook(workbook or open_workbook(), today)
