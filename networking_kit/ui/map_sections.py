"""The sections of step 2 that show the map: numbers, who knows whom, gaps and the summary
(the pictures: ``map_pictures``). Each listens to the session and redraws itself; none has
a "Refresh" button.

Pictures always redraw through :class:`~networking_kit.ui.redraw.Redraws` (debounced,
"Updating the map…" meanwhile). The numbers, the census result, the gaps and the summary
redraw in the same click while the map is small enough for that to be instant, and
through the same debounce above ``LIVE_REDRAW_PEOPLE`` (their sums take about a second at
30,000 people, which would make every click wait).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from itertools import combinations

import ipywidgets as widgets

from networking_kit.network_metrics import Metric
from networking_kit.settings import CENSUS_MAX
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import TraitChange, html_text, say
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.map_fields import FieldChecklist
from networking_kit.ui.map_guard import ADD_PEOPLE_FIRST, LOST, guard
from networking_kit.ui.redraw import LIVE_REDRAW_PEOPLE, Redraws
from networking_kit.vocab import TieStrength

_LABELLED = {"description_width": "initial"}
EVERYTHING = (Change.CONTACTS, Change.TIES, Change.GOAL)


def section(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children), layout=widgets.Layout(padding="6px 0"))


def heading(text: str) -> widgets.HTML:
    return widgets.HTML(html_text(text, "h4"))


class _Section:
    """A section that follows the session: ``show()`` draws it from memory."""

    key = ""
    widget: widgets.VBox  # the section on the page, made by each kind's __init__
    heavy = False  # always debounced (the pictures)
    busy_text = "Updating…"
    first_text = "Working this out…"  # while a heavy section waits for the page

    def __init__(self, session: MapSession, redraws: Redraws, *topics: Change) -> None:
        self.session = session
        self.redraws = redraws
        self.status = widgets.HTML()
        session.listen(self._on_change, *topics)

    def _waits(self) -> bool:
        """Whether this section is drawn after the rest of the page, not in its click."""
        return self.heavy or self.session.people > LIVE_REDRAW_PEOPLE

    def _first_show(self) -> None:
        """Draw the section, or, when it is slow to draw, once the page is built (and
        say so meanwhile: the rest of the page answers before it)."""
        if self._waits():
            self.redraws.after_page(self.key, self._guarded_show, lambda: drawing(
                self.status, self.first_text))
        else:
            self._guarded_show()

    def _on_change(self, _event: ChangeEvent) -> None:
        if self._waits():
            self.redraws.request(self.key, self._guarded_show,
                                 lambda: say(self.status, self.busy_text))
        else:
            self._guarded_show()

    def _guarded_show(self) -> None:
        self.status.value = ""
        guard(self.session, self.status, self.show, LOST)()

    def show(self) -> str | None:
        raise NotImplementedError


def drawing(status: widgets.HTML, text: str) -> None:
    """Say in ``status`` that this part is still being drawn (``drawing_note``)."""
    status.value = drawing_note(text)


def metric_html(metrics: list[Metric]) -> str:
    """Each number in words; the research numbers behind a "details" toggle (a native
    ``<details>`` element: keyboard-operable, no widget per metric)."""
    items = "".join(
        f"<li style='margin-bottom:8px'><b>{html.escape(m.title)}</b>: "
        f"{html.escape(m.value)}<br>{html.escape(m.sentence)}"
        + (f"<details class='nk-metric-details'><summary>Details</summary>"
           f"{html.escape(m.details)}</details>" if m.details else "")
        + "</li>" for m in metrics)
    return f"<ul class='nk-metrics'>{items}</ul>"


class Metrics(_Section):
    """"Your network in numbers": each number with one plain sentence."""

    key, busy_text = "metrics", "Updating the numbers…"

    def __init__(self, session: MapSession, redraws: Redraws) -> None:
        super().__init__(session, redraws, Change.CONTACTS, Change.TIES)
        self.metrics_list = widgets.HTML()
        self.widget = section(self.metrics_list, self.status)
        self._first_show()

    def show(self) -> None:
        if self.session.contacts.empty:
            self.metrics_list.value = html_text(
                f"Nobody in your map yet: {ADD_PEOPLE_FIRST}, and your numbers appear here.",
                "p")
        else:
            self.metrics_list.value = metric_html(self.session.metrics())


class Census(_Section):
    """Who knows whom among a few of the closest people (the word "census" is ours)."""

    key, busy_text = "census", "Updating…"

    def __init__(self, session: MapSession, redraws: Redraws) -> None:
        super().__init__(session, redraws, Change.CONTACTS, Change.TIES)
        self.result = widgets.HTML()
        self.names: dict[str, str] = {}
        self.members: dict[str, widgets.Checkbox] = {}
        self.pairs: dict[tuple[str, str], widgets.Checkbox] = {}
        self.rejects: dict[tuple[str, str], widgets.HBox] = {}  # a guess: tick + "They don't"
        self.pair_grid = widgets.GridBox(layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(340px, 1fr))"))
        self.member_grid = widgets.GridBox(layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(220px, 1fr))"))
        self._loading = False
        self.widget = section(
            heading(f"Choose up to {CENSUS_MAX} of your closest people"), self.member_grid,
            heading("Tick each pair who know each other"),
            self.pair_grid, self.result, self.status)
        self._first_show()

    def fill(self) -> None:
        """The people to choose from; checkboxes are rebuilt only when they changed, so a
        quick add of someone not close costs nothing here."""
        names = self.session.census_candidates()
        old: list[widgets.Checkbox] = []
        if names != self.names or not self.members:
            chosen = set(self.session.census_default())
            old = [*self.members.values(), *self.pairs.values(), *self.rejects.values()]
            self.names, self.members, self.pairs, self.rejects = names, {}, {}, {}
            self._loading = True
            try:
                for contact_id, name in names.items():
                    box = widgets.Checkbox(value=contact_id in chosen, description=name,
                                           indent=False, layout=widgets.Layout(width="auto"))
                    box.observe(self._member_changed(contact_id), names="value")
                    self.members[contact_id] = box
            finally:
                self._loading = False
            self.member_grid.children = list(self.members.values())
        self._show_pairs()
        for box in old:  # closed only once off the page, so the browser never shows a gap
            box.close()

    def chosen(self) -> list[str]:
        """The people ticked, in the order offered."""
        return [c for c, box in self.members.items() if box.value]

    def _member_changed(self, contact_id: str) -> Callable[[TraitChange], object]:
        def apply(change: TraitChange) -> str:
            if change["new"] and len(self.chosen()) > CENSUS_MAX:
                self._set_quietly(self.members[contact_id], False)
                return f"Up to {CENSUS_MAX} people: untick someone first."
            self.session.set_census(self.chosen())
            return "Saved."

        guarded = guard(self.session, self.status, apply)
        return lambda change: None if self._loading else guarded(change)

    def _set_quietly(self, box: widgets.Checkbox, value: bool) -> None:
        self._loading = True
        try:
            box.value = value
        finally:
            self._loading = False

    def _show_pairs(self) -> None:
        """One tick per pair; a pair the file suggests (same organisation) says so, and
        its "They don't" button rejects the guess. Ticking confirms it."""
        ties = set(self.session.ties)
        guesses = self.session.guessed_ties(self.chosen())
        rows: list[widgets.Widget] = []
        for first, second in combinations(self.chosen(), 2):
            pair = (min(first, second), max(first, second))
            if pair not in self.pairs:
                box = widgets.Checkbox(value=pair in ties, indent=False,
                                       layout=widgets.Layout(width="auto"))
                box.observe(self._pair_setter(pair), names="value")
                self.pairs[pair] = box
            box = self.pairs[pair]
            base = f"{self.names[first]} and {self.names[second]} know each other"
            why = guesses.get(pair)
            box.description = base if why is None else f"{base} (probably: {why})"
            self._set_quietly(box, pair in ties)
            if why is None:
                rows.append(box)
                continue
            if pair not in self.rejects:  # built once, like the ticks
                no = widgets.Button(description="They don't", icon="times",
                                    tooltip=f"{base}: no", layout=widgets.Layout(width="auto"))
                no.on_click(lambda _b, p=pair: guard(self.session, self.status,
                                                     lambda: self._reject(p))())
                self.rejects[pair] = widgets.HBox([box, no])
            rows.append(self.rejects[pair])
        self.pair_grid.children = rows

    def _reject(self, pair: tuple[str, str]) -> str:
        self.session.reject_tie(*pair)
        return "Saved: they will not be suggested again."

    def _pair_setter(self, pair: tuple[str, str]) -> Callable[[TraitChange], None]:
        def apply(change: TraitChange) -> str:
            self.session.set_pair(*pair, know_each_other=change["new"],
                                  members=self.chosen())
            return "Saved."

        guarded = guard(self.session, self.status, apply)

        def observe(change: TraitChange) -> None:
            if not self._loading and not guarded(change):
                self._set_quietly(self.pairs[pair], change["old"])

        return observe

    def show(self) -> None:
        """The people to choose from, their pairs, and the result line."""
        self.fill()
        found = [m for m in self.session.metrics() if m.key == "brokerage"]
        if self.session.contacts.empty:
            text = (f"Nobody in your map yet: {ADD_PEOPLE_FIRST}, then sort a few as "
                    "closest, close or regular; this part is about them.")
        elif not self.names:
            text = ("Sort a few people as closest, close or regular first; this part is "
                    "about them.")
        elif len(self.chosen()) < 2:
            text = "Choose at least two people to see who knows whom."
        elif found:
            self.result.value = metric_html(found) + "".join(
                html_text(line, "p") for line in self.session.circles_in_words(self.chosen()))
            return
        else:
            text = ("Tick the pairs who know each other (or leave them all unticked if none "
                    "do); your result appears here.")
        self.result.value = html_text(text, "p")


def _by_strength(counts: dict[str, int]) -> str:
    order = [*(s.value for s in TieStrength), "unsorted"]
    return ", ".join(f"{counts[k]} {k if k != 'unsorted' else 'not sorted'}"
                     for k in order if k in counts)


def ranked(title: str, items: list[tuple[str, str]], empty: str) -> str:
    if not items:
        return f"<b>{html.escape(title)}</b>" + html_text(empty, "p")
    return (f"<b>{html.escape(title)}</b><ol>" + "".join(
        f"<li><b>{html.escape(name)}</b>: {html.escape(reason)}</li>" for name, reason in items)
        + "</ol>")


class Gaps(_Section):
    """The map read against the goal: gaps, people to re-warm, introductions to ask."""

    key, busy_text = "gaps", "Updating…"

    def __init__(self, session: MapSession, redraws: Redraws) -> None:
        super().__init__(session, redraws, *EVERYTHING)
        self.sentences = widgets.HTML()
        self.coverage = widgets.HTML()
        self.rewarm_list = widgets.HTML()
        self.introductions_list = widgets.HTML()
        self.fields = FieldChecklist(session, redraws)  # "Which of these are in pharma?"
        self.widget = section(self.sentences, self.coverage, self.fields.widget,
                              self.rewarm_list, self.introductions_list, self.status)
        self._first_show()

    def show(self) -> None:
        for view in (self.coverage, self.rewarm_list, self.introductions_list):
            view.value = ""
        if self.session.contacts.empty:
            # One sentence, not "nobody has gone cold: well kept" about nobody at all.
            self.sentences.value = html_text(
                f"Nobody in your map yet: {ADD_PEOPLE_FIRST}, and this part shows where your "
                "goal already has people and where it has nobody.", "p")
            return
        report = self.session.gaps()
        if report is None:
            self.sentences.value = html_text(
                "There is no goal to read your map against yet: set one in step 1 first; "
                "this part follows as soon as it is saved.", "p")
            return
        self.sentences.value = "<ul>" + "".join(
            html_text(s, "li") for s in report.sentences) + "</ul>"
        if report.coverage:
            cell = "style='padding:2px 16px 2px 0;text-align:left'"
            rows = "".join(
                f"<tr><td {cell}>{html.escape(c.target)}</td><td {cell}>{c.count}</td>"
                f"<td {cell}>{html.escape(_by_strength(c.by_strength))}</td></tr>"
                for c in report.coverage)
            self.coverage.value = (
                "<b>Your goal's fields and communities</b><table style='margin:4px 0 10px'>"
                f"<tr><th {cell}>Field</th><th {cell}>People</th><th {cell}>How close</th>"
                "</tr>" + rows + "</table>")
        self.rewarm_list.value = ranked(
            "People to re-warm", [(r.name, r.reason) for r in report.rewarm],
            "Nobody has gone cold: well kept.")
        self.introductions_list.value = ranked(
            "Introductions to ask for", [(i.introducer, i.reason) for i in report.introductions],
            "Nobody close to you links to your goal yet; a venue from step 1 is the way in.")


class Summary(_Section):
    """The map in three lines, and what step 3 will start from."""

    key, busy_text = "summary", "Updating…"

    def __init__(self, session: MapSession, redraws: Redraws) -> None:
        super().__init__(session, redraws, *EVERYTHING)
        self.card = widgets.HTML()
        self.widget = section(self.card, self.status)
        self._first_show()

    def show(self) -> None:
        lines = self.session.summary_lines()
        if not lines:
            self.card.value = html_text(f"Nothing to sum up yet: {ADD_PEOPLE_FIRST}.", "p")
            return
        self.card.value = "<ul>" + "".join(html_text(t, "li") for t in lines) + "</ul>"
