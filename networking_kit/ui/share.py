"""Step 4's optional form: share an anonymised summary with the facilitator, by choice.

The participant sees exactly what would be sent before anything is sent, must tick a box
to agree, and can take the summary back. Writing and reading the files is
``networking_kit.cohort``'s job, reached through the page's ``PlanSession``; this is
only the view.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit.dates import day_month_year
from networking_kit.steps._session import ChangeEvent
from networking_kit.steps.plan import PlanSession
from networking_kit.ui._status import sentence
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.redraw import Redraws

if TYPE_CHECKING:
    from networking_kit.store import Workbook

AGREE = "I agree to share this summary with my facilitator"
NO_FOLDER = ("Your facilitator has not set up a shared folder for this session, so nothing "
             "is sent; what sharing would show is still listed here.")


class ShareForm:
    """The summary as it would be sent, an opt-in box, and Share / Take it back buttons.

    A view of the page's :class:`PlanSession` (the same one the plan's forms use), so the
    summary follows a restored backup or another window's change without a button.
    """

    def __init__(self, session: PlanSession, folder: Path | None = None):
        self.session = session
        self.folder = folder if folder is not None else session.share_folder()
        self.preview = widgets.HTML()
        self.agree = widgets.Checkbox(value=False, indent=False, description=AGREE,
                                      layout=widgets.Layout(width="auto"))
        self.share_button = widgets.Button(description="Share", icon="paper-plane",
                                           button_style="primary")
        self.withdraw_button = widgets.Button(description="Take my summary back",
                                              layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.shared = widgets.HTML()  # when this participant last shared, if their file is there
        self.share_button.on_click(lambda _: self.share())
        self.withdraw_button.on_click(lambda _: self.withdraw())
        if self.folder is None:
            self.status.value = sentence(NO_FOLDER)
            for control in (self.agree, self.share_button, self.withdraw_button):
                control.disabled = True
        # Drawn once the page is built (``ui.redraw``): the summary reads the whole map
        # (about half a second at 30,000 contacts) and the page should not wait for it.
        self.redraws = Redraws(on_error=self._keep)
        self.redraws.after_page("summary", self.show_preview, busy=self._summary_coming)
        self.show_shared()
        session.listen(self._on_change)
        self.widget = widgets.VBox([
            self.preview, self.shared, self.agree,
            widgets.HBox([self.share_button, self.withdraw_button]), self.status])

    def _summary_coming(self) -> None:
        self.preview.value = drawing_note("Preparing the summary you could share…")

    def _keep(self, error: BaseException) -> None:
        self.session.last_error = error

    def _on_change(self, _event: ChangeEvent) -> None:
        self.show_preview()
        self.show_shared()

    def show_shared(self) -> None:
        """Say whether (and when) this participant's summary is in the folder now, and
        name the buttons for what they will do: share, or update / take it back."""
        day = self.session.last_shared(self.folder) if self.folder is not None else None
        if day is None:
            self.shared.value = sentence("You have not shared a summary from this workbook."
                                         if self.folder is not None else "")
            self.share_button.description = "Share"
            self.withdraw_button.disabled = True
        else:
            self.shared.value = sentence(
                f"You shared your summary on {day_month_year(day)}. Press Update to replace "
                "it with the one below, or take it back.")
            self.share_button.description = "Update my summary"
            self.withdraw_button.disabled = False
        if self.folder is None:
            self.withdraw_button.disabled = True

    def show_preview(self) -> None:
        """Show the summary exactly as it would be written, so nothing is a surprise."""
        try:
            summary = self.session.summary()
            lines = self.session.summary_lines()
        except Exception as error:  # shown as a sentence, never as a traceback
            self.session.last_error = error
            self.preview.value = sentence(f"The summary could not be made ({error}).")
            return
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        text = json.dumps(summary, indent=2)
        self.preview.value = (
            "<p><b>This is everything that would be shared</b>: numbers, your goal's kind "
            "and the venues you picked from the list. No names, no contact details, nothing "
            f"you typed.</p><ul>{items}</ul><details><summary>See the file exactly as it "
            "would be saved</summary><pre style='background:#f0f4f8; padding:8px 12px; "
            "border-radius:4px; max-height:320px; overflow:auto'>"
            f"{html.escape(text)}</pre></details>")

    def share(self) -> None:
        if self.folder is None:
            self.status.value = sentence(NO_FOLDER)
            return
        if not self.agree.value:
            self.status.value = sentence("Tick the box first if you agree to share: nothing "
                                         "is sent without it.")
            return
        try:
            self.session.share(self.folder)
        except OSError as error:
            self.status.value = sentence(
                f"Nothing was shared: the shared folder cannot be written to "
                f"({error.strerror or error}). Tell your facilitator.")
            return
        except Exception as error:  # shown as a sentence, never as a traceback
            self.session.last_error = error
            self.status.value = sentence(f"Nothing was shared: something went wrong ({error}).")
            return
        self.show_shared()
        self.status.value = sentence("Shared, thank you. If you change your plan, press "
                                     "Update: it replaces your earlier summary.")

    def withdraw(self) -> None:
        if self.folder is None:
            self.status.value = sentence(NO_FOLDER)
            return
        try:
            removed = self.session.withdraw(self.folder)
        except OSError as error:
            self.status.value = sentence(f"Your summary could not be removed "
                                         f"({error.strerror or error}). Tell your facilitator.")
            return
        self.agree.value = False
        self.show_shared()
        self.status.value = sentence("Your summary was removed from the shared folder."
                                     if removed else "There was nothing of yours to remove.")


def share_form(workbook: Workbook | None = None, today: date | None = None) -> widgets.Widget:
    """The sharing form for the participant's workbook file (the default one if None),
    on the same session as the page's plan forms."""
    return ShareForm(PlanSession.shared(workbook, today)).widget
