"""The rows of step 2's sorting list: one person each, built only when a page needs them.

A row is six widgets (tick, name and work, closeness buttons, where-from, Details, and
the line holding them). Every row shares one set of layouts and styles
(:class:`RowLooks`): ipywidgets gives each widget its own layout and style otherwise,
which tripled the widgets a page of 25 people sent to the browser (about 640 for the
sorting form; opening step 2 at 30,000 people spent about half a second on them). A row
is made with the values it first shows, so it costs one message, and is then reused for
whoever a later page shows there.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from networking_kit.ui.sort_keys import ROW_CLASS
from networking_kit.vocab import Context, TieStrength

NOT_SORTED = " <span style='color:#8a5a00;white-space:nowrap'>· not sorted yet</span>"


def strength_options() -> list[tuple[str, str]]:
    return [(s.short_label, s.value) for s in TieStrength]


def context_options(blank: str) -> list[tuple[str, str]]:
    """Where-from choices; "not set" is ``""`` so the dropdown shows ``blank`` for it."""
    return [(blank, "")] + [(c.label, c.value) for c in Context]


class RowLooks:
    """The layouts and styles every row of one list shares (never changed per row)."""

    def __init__(self) -> None:
        self.tick = widgets.Layout(width="28px")
        self.who = widgets.Layout(width="220px")
        self.closeness = widgets.Layout()
        self.context = widgets.Layout(width="210px")
        self.details = widgets.Layout(width="90px")
        self.line = widgets.Layout(flex_flow="row wrap", align_items="center",
                                   border_bottom="1px solid #e5e5e5", padding="3px 0")
        self.tick_style = CheckboxStyle()
        self.who_style = HTMLStyle()
        # each button as wide as its words: a fixed width cut "Know each other" short
        self.closeness_style = widgets.ToggleButtonsStyle(button_width="auto")
        self.context_style = DescriptionStyle()
        self.details_style = widgets.ButtonStyle()
        self.strengths = strength_options()
        self.contexts = context_options("Where from? (not set)")


def shown_values(record: dict[str, Any], ticked: bool) -> dict[str, Any]:
    """What a row shows for ``record`` (a canonical contact as a dict): the values of its
    widgets, by part (``who``, ``closeness``, ``context``, ``tick``, ``tooltip``)."""
    work = ", ".join(str(record[c]) for c in ("position", "company")
                     if isinstance(record[c], str))
    unsorted = "" if isinstance(record["strength"], str) else NOT_SORTED
    strength, context = record["strength"], record["context"]
    return {
        "who": (f"<b>{html.escape(str(record['name']))}</b>{unsorted}<br>"
                f"<span style='color:#555'>{html.escape(work) or '&nbsp;'}</span>"),
        "closeness": strength if isinstance(strength, str) else None,
        "context": context if isinstance(context, str) else "",
        "tick": ticked,
        # A checkbox with a description stopped the whole sorting list from drawing in
        # Voila, so the tick is named by its tooltip instead: with no description,
        # ipywidgets 8 puts the tooltip on the input as its title, which screen readers
        # (and axe-core) take as its name.
        "tooltip": f"Choose {record['name']}",
    }


class RowEvents:
    """What a row tells its list: the handlers :class:`TriageRow` calls."""

    def __init__(self, tick: Callable[[TriageRow, bool], None],
                 edit: Callable[[TriageRow, str, Any], None],
                 details: Callable[[TriageRow], None]) -> None:
        self.tick, self.edit, self.details = tick, edit, details


class TriageRow:
    """One row of the page, made for its first person and reused for whoever a later page
    shows there. ``line`` is the widget the list holds; ``contact_id`` is None while the
    row shows nobody (a page shorter than the last)."""

    def __init__(self, looks: RowLooks, events: RowEvents, record: dict[str, Any],
                 ticked: bool) -> None:
        self.contact_id: str | None = str(record["contact_id"])
        values = shown_values(record, ticked)
        self.tick = widgets.Checkbox(value=values["tick"], tooltip=values["tooltip"],
                                     indent=False, layout=looks.tick, style=looks.tick_style)
        self.who = widgets.HTML(values["who"], layout=looks.who, style=looks.who_style)
        self.closeness = widgets.ToggleButtons(
            options=looks.strengths, value=values["closeness"], layout=looks.closeness,
            style=looks.closeness_style)
        self.closeness.add_class("nk-closeness")
        self.context = widgets.Dropdown(options=looks.contexts, value=values["context"],
                                        description="Where from", layout=looks.context,
                                        style=looks.context_style)
        self.context.add_class("nk-sr-label")
        self.details = widgets.Button(description="Details", icon="pencil",
                                      layout=looks.details, style=looks.details_style)
        self.line = widgets.HBox(
            [self.tick, self.who, self.closeness, self.context, self.details],
            layout=looks.line)
        self.line.add_class(ROW_CLASS)
        self.tick.observe(lambda change: events.tick(self, change["new"]), names="value")
        self.closeness.observe(lambda change: events.edit(self, "strength", change),
                               names="value")
        self.context.observe(lambda change: events.edit(self, "context", change),
                             names="value")
        self.details.on_click(lambda _button: events.details(self))

    def show(self, record: dict[str, Any] | None, ticked: bool) -> None:
        """Show ``record`` here (None: nobody; the list then leaves the row out)."""
        if record is None:
            self.contact_id = None
            return
        self.contact_id = str(record["contact_id"])
        values = shown_values(record, ticked)
        self.who.value = values["who"]
        self.closeness.value = values["closeness"]
        self.context.value = values["context"]
        with self.tick.hold_sync():  # one message for the tick and its name
            self.tick.value = values["tick"]
            self.tick.tooltip = values["tooltip"]


__all__ = ["RowEvents", "RowLooks", "TriageRow", "context_options", "shown_values",
           "strength_options"]
