"""Step 3, section 1: the keep-warm rhythm per closeness and per person, who is due, and
the picture. Redraws when the contacts or the rhythms change."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.followups import cadence_words, last_in_touch_words
from networking_kit.settings import KEEP_WARM_ROWS
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.ui._status import html_text
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.followups._parts import (
    LABELLED,
    Debounced,
    Page,
    guarded,
    interval_options,
    section,
)
from networking_kit.ui.followups.last_in_touch import QUESTION, LastInTouchPart
from networking_kit.vocab import KeepWarmStatus, TieStrength


class KeepWarmPart:
    """The widgets of the keep-warm section (``box``), bound to the page's session."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page, session = page, page.session
        self.status = look.make(widgets.HTML)
        rows = [look.make(widgets.HTML, "<b>How often to be in touch, by closeness</b> "
                          "(counted from the last time you were in touch)")]
        self._syncing = False
        self.rhythm: dict[str, tuple[widgets.Dropdown, widgets.Dropdown]] = {}
        for strength in TieStrength:
            cadence = session.cadences.layers[strength.value]
            ideal = look.make(widgets.Dropdown, options=interval_options(cadence.ideal_days),
                              value=cadence.ideal_days, description="every",
                              layout=widgets.Layout(width="200px"))
            most = look.make(widgets.Dropdown, options=interval_options(cadence.max_days),
                             value=cadence.max_days, description="at most",
                             layout=widgets.Layout(width="210px"))
            for control in (ideal, most):
                control.observe(lambda _c, s=strength: self._layer_changed(s), names="value")
            self.rhythm[strength.value] = (ideal, most)
            rows.append(widgets.HBox([
                look.make(widgets.HTML, html_text(strength.short_label),
                          layout=widgets.Layout(width="150px")), ideal, most],
                layout=widgets.Layout(flex_flow="row wrap")))
        self.person = look.make(widgets.Combobox, placeholder="Start typing a name",
                                ensure_option=False, description="One person", style=LABELLED,
                                layout=widgets.Layout(width="340px"))
        self.person.observe(lambda c: search(page, self.person, c["new"]), names="value")
        self.person_ideal = look.make(widgets.Dropdown, options=interval_options(), value=30,
                                      description="every",
                                      layout=widgets.Layout(width="200px"))
        self.person_most = look.make(widgets.Dropdown, options=interval_options(), value=60,
                                     description="at most",
                                     layout=widgets.Layout(width="210px"))
        self.person_set = look.button("Use this rhythm for them", "check")
        self.person_clear = look.button("Back to their layer's rhythm", "undo")
        self.person_set.on_click(guarded(page, self.status, self._set_person))
        self.person_clear.on_click(guarded(page, self.status, self._clear_person))
        self.status_filter = look.make(
            widgets.ToggleButtons,
            options=[(s.label, s.value) for s in (
                KeepWarmStatus.OVERDUE, KeepWarmStatus.DUE, KeepWarmStatus.ON_TRACK,
                KeepWarmStatus.NO_DATE)],
            value=KeepWarmStatus.OVERDUE.value, style={"button_width": "auto"})
        self.status_filter.observe(lambda _c: self._filter_changed(), names="value")
        self.status_list = look.make(widgets.HTML)
        # Who is due reads every row (about 0.1 s at 30,000 contacts): it is filled in
        # once the page is built, before the picture, which reads the same table.
        self._due_shown = False
        page.redraws.after_page("who is due", self._first_due, busy=self._filling_in)
        self.chart_later = Debounced(page, "keep warm", lambda: charts.keep_warm_chart(
            self.page.session.keep_warm_table()), self._chart_key)
        self.redraw()
        session.listen(self.redraw, Change.CONTACTS, Change.SETTINGS)
        self.question = LastInTouchPart(page)
        self.box = section(
            *rows,
            look.make(widgets.HTML, "<b>A different rhythm for one person</b>"),
            widgets.HBox([self.person, self.person_ideal, self.person_most],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.person_set, self.person_clear]), self.status,
            look.make(widgets.HTML, f"<b>{QUESTION}</b>"), self.question.box,
            look.make(widgets.HTML, "<b>Who is due</b>"), self.status_filter, self.status_list,
            self.chart_later.busy, self.chart_later.box.widget)

    @property
    def chart(self) -> go.FigureWidget | None:
        """The picture (None until it is first drawn)."""
        return self.chart_later.box.picture

    @property
    def chart_table(self) -> widgets.HTML | None:
        """The picture as a table (None until it is first drawn)."""
        return self.chart_later.box.table

    # ---------------------------------------------------------------- actions

    def _layer_changed(self, strength: TieStrength) -> None:
        if not self._syncing:
            guarded(self.page, self.status, self._set_layer)(strength)

    def _set_layer(self, strength: TieStrength) -> str:
        ideal, most = (int(w.value) for w in self.rhythm[strength.value])
        self.page.session.set_layer_rhythm(strength, ideal, most)
        return (f"Saved: {strength.short_label.lower()} contacts every {cadence_words(ideal)}, "
                f"at most {cadence_words(most)}. Your plan has been updated.")

    def _set_person(self, _button: widgets.Button | None = None) -> str:
        session = self.page.session
        contact_id, name = session.find_person(self.person.value)
        ideal = int(self.person_ideal.value)
        session.set_person_rhythm(contact_id, ideal, int(self.person_most.value))
        return f"Saved: {name} every {cadence_words(ideal)}."

    def _clear_person(self, _button: widgets.Button | None = None) -> str:
        contact_id, name = self.page.session.find_person(self.person.value)
        if not self.page.session.clear_person_rhythm(contact_id):
            return f"{name} already follows their layer's rhythm."
        return f"{name} is back on their layer's rhythm."

    # ----------------------------------------------------------------- redraw

    def redraw(self, _event: ChangeEvent | None = None) -> None:
        session = self.page.session
        self._syncing = True
        try:  # the rhythms as saved (another window may have changed one)
            for strength, (ideal, most) in self.rhythm.items():
                cadence = session.cadences.layers[strength]
                for control, days in ((ideal, cadence.ideal_days), (most, cadence.max_days)):
                    if control.value != days:
                        control.options = interval_options(days)
                        control.value = days
        finally:
            self._syncing = False
        if self._due_shown:
            self._show_due()
        self.chart_later()

    def _filter_changed(self) -> None:
        if self._due_shown:
            self._show_due()

    def _filling_in(self) -> None:
        self.status_list.value = drawing_note("Filling in who is due…")

    def _first_due(self) -> None:
        self._due_shown = True
        self._show_due()

    def _show_due(self) -> None:
        """The counts per status and the first people of the one chosen."""
        session = self.page.session
        shown = KeepWarmStatus(self.status_filter.value)
        chosen = session.keep_warm_list(shown, KEEP_WARM_ROWS)
        counts = session.keep_warm_counts()
        lines = []
        for row in chosen.to_dict("records"):
            cells = (row["name"], _short(row["strength"]), last_in_touch_words(row),
                     "every " + cadence_words(int(row["ideal_days"])))
            lines.append("<tr>" + "".join(f"<td style='padding:2px 14px 2px 0'>"
                                          f"{html.escape(str(c))}</td>" for c in cells)
                         + "</tr>")
        summary = ", ".join(f"{counts[s]} {s.value}" for s in KeepWarmStatus)
        more = (f"<div>… and {counts[shown] - KEEP_WARM_ROWS} more.</div>"
                if counts[shown] > KEEP_WARM_ROWS else "")
        head = "".join(f"<th style='text-align:left;padding-right:14px'>{h}</th>" for h in
                       ("Name", "Closeness", "Last in touch", "Rhythm"))
        table = (f"<table class='nk-table'><tr>{head}</tr>" + "".join(lines) + "</table>"
                 if lines else html_text("Nobody here.", "p"))
        self.status_list.value = (html_text(f"Of your sorted contacts: {summary}.", "p")
                                  + table + more)

    def _chart_key(self) -> dict[tuple[str, str], int]:
        """What the picture shows: how many people per closeness and status."""
        table = self.page.session.keep_warm_table()
        if not len(table):
            return {}
        counts = table.groupby(["strength", "status"], observed=True).size()
        return {(str(strength), str(status)): int(n) for (strength, status), n in zip(
            counts.index.tolist(), counts.tolist(), strict=True)}


def search(page: Page, box: widgets.Combobox, typed: str) -> None:
    """Offer the names that match what was typed (a pick from the list is left alone)."""
    if typed in page.session.people_labels() or len(typed.strip()) < 2:
        return
    box.options = page.session.search(typed)


def _short(strength: object) -> str:
    """A closeness by its short name ("Closest"); blank when not sorted."""
    try:
        return TieStrength(str(strength)).short_label
    except ValueError:
        return ""
