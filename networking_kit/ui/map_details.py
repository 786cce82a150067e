"""The detail panel of one person in step 2's sorting list: what they know, what the
participant could offer, trust, last contact, field and notes, each saved on change."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from networking_kit.contact_fields import FIELD_LABELS
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import TraitChange, say
from networking_kit.ui.map_guard import LABELLED as _LABELLED
from networking_kit.ui.map_guard import guard
from networking_kit.vocab import Trust


class DetailPanel:
    """The optional details of one person, saved on every change."""

    def __init__(self, session: MapSession):
        self.session = session
        self.contact_id: str | None = None
        self._loading = False
        self.status = widgets.HTML()
        self.title = widgets.HTML()
        self.can_help_with = widgets.Text(
            description=FIELD_LABELS["can_help_with"], style=_LABELLED,
            placeholder="e.g. hiring for product roles", layout=widgets.Layout(width="95%"))
        self.i_can_offer = widgets.Text(
            description=FIELD_LABELS["i_can_offer"], style=_LABELLED,
            placeholder="e.g. feedback on their pitch", layout=widgets.Layout(width="95%"))
        self.trust = widgets.Dropdown(
            options=[("Not said", "")] + [(t.label, t.value) for t in Trust],
            description=FIELD_LABELS["trust"], style=_LABELLED)
        self.last_contact = widgets.DatePicker(description=FIELD_LABELS["last_contact"],
                                               style=_LABELLED,
                                               layout=widgets.Layout(width="300px"))
        self.tags = widgets.Text(
            description="Field or sector first, then any labels (separate with ;)",
            style=_LABELLED, placeholder="e.g. healthcare; mentor",
            layout=widgets.Layout(width="95%"))
        self.notes = widgets.Textarea(description=FIELD_LABELS["notes"], style=_LABELLED,
                                      layout=widgets.Layout(width="95%", height="70px"))
        self.close = widgets.Button(description="Close details", icon="times",
                                    layout=widgets.Layout(width="auto"))
        self.close.on_click(lambda _button: self.hide())
        for column in ("can_help_with", "i_can_offer", "trust", "last_contact", "tags",
                       "notes"):
            getattr(self, column).observe(self._saver(column), names="value")
        self.widget = widgets.VBox(
            [self.title, self.can_help_with, self.i_can_offer,
             widgets.HBox([self.trust, self.last_contact],
                          layout=widgets.Layout(flex_flow="row wrap")),
             self.tags, self.notes, widgets.HBox([self.close]), self.status],
            layout=widgets.Layout(border="1px solid #9db7d5", padding="8px",
                                  margin="8px 0", display="none"))

    def open(self, contact_id: str) -> None:
        record = self.session.record(contact_id)
        if record is None:
            say(self.status, "That person is no longer in your map.")
            return
        self.contact_id = contact_id
        work = ", ".join(str(record[c]) for c in ("position", "company")
                         if isinstance(record[c], str))
        self.title.value = (f"<b>Details for {html.escape(str(record['name']))}</b>"
                            + (f" ({html.escape(work)})" if work else "")
                            + "<br>All optional; each change is saved at once.")
        self._loading = True
        try:
            for column in ("can_help_with", "i_can_offer", "tags", "notes"):
                value = record[column]
                getattr(self, column).value = value if isinstance(value, str) else ""
            trust = record["trust"]
            self.trust.value = trust if isinstance(trust, str) else ""
            last = record["last_contact"]
            self.last_contact.value = None if pd.isna(last) else pd.Timestamp(last).date()
        finally:
            self._loading = False
        self.status.value = ""
        self.widget.layout.display = None

    def hide(self) -> None:
        self.contact_id = None
        self.widget.layout.display = "none"

    def _saver(self, column: str) -> Callable[[TraitChange], None]:
        def save(value: Any) -> str:
            if self.contact_id is None:
                return ""
            if isinstance(value, str):
                value = value.strip() or None
            self.session.edit_contact(self.contact_id, **{column: value})
            return "Saved."

        guarded = guard(self.session, self.status, save)

        def observe(change: TraitChange) -> None:
            if not self._loading:
                guarded(change["new"])

        return observe
