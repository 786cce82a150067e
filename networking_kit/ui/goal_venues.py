"""Step 1's venues section: ranked venue suggestions to tick, and for each venue ticked
three dated visits with a target (``GoalWorkbook`` is built on :class:`VenuesPart`)."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

import ipywidgets as widgets

from networking_kit.settings import VENUE_VISITS
from networking_kit.steps.goal import GoalSession
from networking_kit.ui._status import html_text


def wide() -> widgets.Layout:
    """A wide text box's layout, new for each widget (a shared layout object hides or
    resizes every widget that uses it at once)."""
    return widgets.Layout(width="min(640px, 95%)")


LABELLED = {"description_width": "initial"}


def section(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children), layout=widgets.Layout(padding="6px 0"))


class VenuesPart:
    """The venues and commitments of step 1's page; the page provides the session, the
    section's status line and how a control is bound to a session action."""

    session: GoalSession
    venues_status: widgets.HTML

    def _bind(self, control: widgets.ValueWidget, status: widgets.HTML,
              action: Callable[[Any], Any]) -> None:
        raise NotImplementedError

    def _show(self, control: widgets.ValueWidget, value: Any) -> None:
        raise NotImplementedError

    def _build_venues(self) -> None:
        self.venue_intro = widgets.HTML()
        self.venue_boxes: dict[str, widgets.Checkbox] = {}
        self.venue_reasons: dict[str, widgets.HTML] = {}
        self._venue_rows: dict[str, widgets.VBox] = {}
        for venue in self.session.catalogue.values():
            box = widgets.Checkbox(value=False, description=venue.name, indent=False,
                                   layout=widgets.Layout(width="auto"))
            self._bind(box, self.venues_status,
                       partial(self.session.pick_venue, venue.id))
            reason = widgets.HTML(layout=widgets.Layout(margin="0 0 0 28px"))
            self.venue_boxes[venue.id], self.venue_reasons[venue.id] = box, reason
            self._venue_rows[venue.id] = widgets.VBox(
                [box, reason], layout=widgets.Layout(margin="0 0 6px 0"))
        self.venue_list = widgets.VBox()
        self.commitment_rows: dict[str, dict[str, widgets.Widget]] = {}
        self.commitment_list = widgets.VBox()
        self._venues = section(self.venue_intro, self.venue_list,
                                widgets.HTML("<h4>Your commitments: three visits each</h4>"),
                                self.commitment_list, self.venues_status)

    def _draw_venues(self) -> None:
        kind = self.session.goal.kind
        self.venue_intro.value = html_text(
            "Choose your main goal above to see the venues that suit it." if kind is None else
            f"Best fits for {kind.label.lower()} first, given how you like to meet people "
            "and the time you have. Tick one or two to try.", "p")
        shown = []
        for choice in self.session.venue_choices():
            venue_id = choice.venue.id
            self.venue_reasons[venue_id].value = html_text(choice.reason, cls="nk-why")
            self._show(self.venue_boxes[venue_id], choice.picked)
            shown.append(self._venue_rows[venue_id])
        if tuple(shown) != self.venue_list.children:
            self.venue_list.children = shown
        rows = []
        for commitment in self.session.goal.commitments:
            controls = self.commitment_rows.get(commitment.venue_id)
            if controls is None:
                controls = self._commitment_row(commitment.venue_id, commitment.venue_name)
                self.commitment_rows[commitment.venue_id] = controls
            for number, picker in enumerate(controls["visits"].children):
                self._show(picker, commitment.visits[number])
            self._show(controls["target"], commitment.target)
            self._show(controls["place"], commitment.place)
            rows.append(controls["row"])
        if not rows:
            rows = [widgets.HTML(html_text("Tick a venue above to plan three visits to it.",
                                           "p"))]
        self.commitment_list.children = rows

    def _commitment_row(self, venue_id: str, name: str) -> dict[str, widgets.Widget]:
        pickers = [widgets.DatePicker(description=f"Visit {n}", style=LABELLED,
                                      layout=widgets.Layout(width="220px"))
                   for n in range(1, VENUE_VISITS + 1)]
        target = widgets.Text(description="Target for each visit", style=LABELLED,
                              layout=wide())
        place = widgets.Text(description="Which one? (optional)", style=LABELLED,
                             placeholder="its name, or who runs it", layout=wide())
        status, session = self.venues_status, self.session
        for number, picker in enumerate(pickers, start=1):
            self._bind(picker, status,
                       partial(session.set_visit, venue_id, number))
        self._bind(target, status, partial(session.set_visit_target, venue_id))
        self._bind(place, status, partial(session.set_venue_place, venue_id))
        title = widgets.HTML(f"<b>{html.escape(name)}</b>: try it at least three times "
                             "before you judge it.")
        visits = widgets.HBox(pickers, layout=widgets.Layout(flex_flow="row wrap"))
        row = widgets.VBox([title, place, visits, target],
                           layout=widgets.Layout(border="1px solid #ccc", padding="8px",
                                                 margin="0 0 10px 0"))
        return {"row": row, "visits": visits, "target": target, "place": place}
