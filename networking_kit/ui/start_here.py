"""The welcome form of ``00_start_here``: the participant's name and how they begin."""

from __future__ import annotations

import html

import ipywidgets as widgets

from networking_kit.samples import drop_sample, use_sample
from networking_kit.store import Workbook, open_workbook

SAMPLE = "sample"
EMPTY = "empty"
_CHOICES = (
    ("Practise with the sample participant's contacts (you can switch later)", SAMPLE),
    ("Start with an empty map and bring in my own contacts", EMPTY),
)


class StartHereForm:
    """Name and starting point, saved to the workbook file on every change.

    Reopening the notebook builds the form from what was saved, so a participant sees
    their own answers again rather than an empty form.
    """

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.name = widgets.Text(
            value=workbook.get_profile("participant_name", ""),
            description="Your name",
            placeholder="e.g. Alex",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.start = widgets.RadioButtons(
            options=_CHOICES,
            value=workbook.get_profile("start_mode"),
            description="How would you like to begin?",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML()
        self.name.observe(self._on_name, names="value")
        self.start.observe(self._on_start, names="value")
        self.widget = widgets.VBox(
            [self.name, self.start, self.status],
            layout=widgets.Layout(padding="8px 0"),
        )
        self._show_status()

    def _on_name(self, change: dict) -> None:
        self.workbook.set_profile("participant_name", change["new"].strip())
        self._show_status("Saved.")

    def _on_start(self, change: dict) -> None:
        mode = change["new"]
        self.workbook.set_profile("start_mode", mode)
        if mode == SAMPLE:
            added = use_sample(self.workbook)
            note = (f"Saved. {added} sample contacts are ready to practise on." if added else
                    "Saved. Your workbook already has contacts, so no sample was added.")
        else:
            removed = drop_sample(self.workbook)
            note = (f"Saved. The {removed} sample contacts were removed; your map is ready "
                    "for your own." if removed else
                    "Saved. Your map is ready for your own contacts.")
        self._show_status(note)

    def _show_status(self, note: str = "") -> None:
        count = self.workbook.count_contacts()
        name = self.workbook.get_profile("participant_name", "")
        greeting = f"Welcome, {html.escape(name)}. " if name else ""
        self.status.value = (
            f"<div class='nk-status'>{greeting}{html.escape(note)}"
            f"<br>Your workbook holds {count} contact{'s' if count != 1 else ''}. "
            f"Everything you enter is saved as you go, in this file on your own computer: "
            f"<code>{html.escape(str(self.workbook.path))}</code></div>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def start_here(workbook: Workbook | None = None) -> StartHereForm:
    """Show the welcome form for the participant's workbook file (the default one if None)."""
    return StartHereForm(workbook or open_workbook())
