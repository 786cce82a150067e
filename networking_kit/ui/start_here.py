"""The welcome form of ``00_start_here``: the participant's name and how they begin.

A thin view of :class:`~networking_kit.steps.start.StartSession`: each change is one
session action, and the status line redraws from the session after every change.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit.network import plural
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.start import StartMode, StartSession
from networking_kit.ui.nav import follow_step

if TYPE_CHECKING:
    from networking_kit.store import Workbook

SAMPLE = StartMode.SAMPLE.value
EMPTY = StartMode.EMPTY.value
_SORRY = "Sorry, that could not be saved. What you saved before is safe; try again."


class StartHereForm:
    """Name and starting point, saved to the workbook file on every change.

    Reopening the notebook builds the form from what was saved, so a participant sees
    their own answers again rather than an empty form.
    """

    def __init__(self, session: StartSession | Workbook):
        if not isinstance(session, StartSession):
            session = StartSession(session)
        self.session = session
        self.name = widgets.Text(
            value=session.name, description="Your name", placeholder="e.g. Alex",
            style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
        self.start = widgets.RadioButtons(
            options=[(mode.label, mode.value) for mode in StartMode],
            value=None if session.mode is None else session.mode.value,
            description="How would you like to begin?",
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self._note = self._event_note = ""
        self.name.observe(lambda change: self._run(lambda: session.set_name(change["new"])),
                          names="value")
        self.start.observe(
            lambda change: self._run(lambda: session.choose_start(change["new"])),
            names="value")
        self.widget = widgets.VBox([self.name, self.start, self.status],
                                   layout=widgets.Layout(padding="8px 0"))
        session.listen(self._on_change, Change.PROFILE, Change.CONTACTS)
        follow_step(session, "start", session.start_done, Change.PROFILE)
        self._show_status()

    def _on_change(self, event: ChangeEvent) -> None:
        self._event_note = event.note
        self._show_status()

    def _run(self, action: Callable[[], str | None]) -> None:
        self._note = self._event_note = ""
        try:
            said = action()
        except Exception as error:  # one sentence, never a traceback
            self.session.last_error = error
            self._note = _SORRY
        else:
            self._note = said or "Saved."
        self._show_status()

    def _show_status(self) -> None:
        session = self.session
        greeting = f"Welcome, {html.escape(session.name)}. " if session.name else ""
        notes = " ".join(filter(None, (self._note, self._event_note)))
        self.status.value = (
            f"<div class='nk-status'>{greeting}{html.escape(notes)}"
            f"<br>Your workbook holds {plural(session.contacts, 'contact')}. "
            "Everything you enter is saved as you go, in this file on your own computer: "
            f"<code>{html.escape(str(session.path))}</code></div>")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def start_here(workbook: Workbook | None = None) -> StartHereForm:
    """Show the welcome form for the participant's workbook file (the default one if None)."""
    return StartHereForm(StartSession.open(workbook))
