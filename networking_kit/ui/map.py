"""The forms of ``02_map_your_network``: getting people in, sorting them, the pictures,
the numbers, the who-knows-whom census and the gaps against the goal.

One :class:`MapWorkbook` holds the participant's contacts in memory (``MapState``) and
builds each section when its notebook cell asks for it, so a 30,000-person map costs
nothing for the sections not shown. Every change is saved to the workbook file at once;
reopening the notebook rebuilds every section from what was saved.

When people arrive (an import, a quick add, the sample) every section already shown is
brought up to date once, so no part of the page contradicts another. Sorting clicks do
not redraw the pictures (that would cost a redraw per click at 30,000 people); their
Refresh buttons are for that.
"""

from __future__ import annotations

import html
from datetime import date
from itertools import combinations
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.contacts import Context, TieStrength, normalise_contacts, tidy_text
from networking_kit.network import (
    GapReport,
    Metric,
    describe_network,
    find_gaps,
    layer_sizes,
    plural,
    recency_bands,
    sector_of,
)
from networking_kit.progress import map_done
from networking_kit.samples import use_sample
from networking_kit.steps.goal import load_goal
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui._status import html_text, say
from networking_kit.ui.importing import ImportForm
from networking_kit.ui.nav import refresh_step_bars
from networking_kit.ui.triage import (
    ADD_PEOPLE_FIRST,
    LOST,
    MapState,
    TriageForm,
    context_options,
)

CENSUS_MAX = 12  # pairs grow as n²: 12 people are 66 pairs, about as many as anyone will tick
CENSUS_CANDIDATES = 36
EGO_MAP_WIDTH = 960  # fits a 1280-pixel laptop screen beside the page margins
_INNER = (TieStrength.CLOSEST.value, TieStrength.CLOSE.value)
_ASKABLE = (*_INNER, TieStrength.REGULAR.value)
_LABELLED = {"description_width": "initial"}
_COMPOSITIONS = (("Where you know them from", "context"), ("Field or sector", "sector"),
                 ("Organisation (top 12)", "company"))
# The order sections are refreshed in after people arrive: the summary reads what the gaps
# section saves, so it comes after it.
_REFRESH_ORDER = ("people", "pictures", "metrics", "census", "gaps", "summary")


def _section(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children), layout=widgets.Layout(padding="6px 0"))


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(html_text(text, "h4"))


class MapWorkbook:
    """Step 2, backed by the workbook file. Each method returns one section's form."""

    def __init__(self, workbook: Workbook, today: date | None = None):
        self.workbook = workbook
        self.today = today or date.today()
        self.state = MapState(workbook, self.today)
        self._sections: dict[str, widgets.Widget] = {}
        # Each built section's "show the table again" action, already guarded.
        self._refreshers: dict[str, Any] = {}
        self.triage_form: TriageForm | None = None
        self.report: GapReport | None = None
        self._done = self._map_done()
        self.state.listeners.append(self._tick_when_done)

    @property
    def last_error(self) -> BaseException | None:
        """The last failure a form turned into a sentence, for a facilitator to look at."""
        return self.state.last_error

    def _map_done(self) -> bool:
        contacts = self.state.contacts
        return map_done(len(contacts), int(contacts["strength"].notna().sum()))

    def _tick_when_done(self) -> None:
        """Tick step 2 in the step bar the moment it is done (or untick it), not after a
        reload. Counting the table in memory is cheap; the bar is redrawn only when the
        answer changes, so a click at 30,000 people costs nothing more."""
        done = self._map_done()
        if done != self._done:
            self._done = done
            refresh_step_bars(self.workbook)

    # ------------------------------------------------------------------ sections

    def get_people_in(self) -> widgets.VBox:
        """Import a file, add people by hand, or start from the sample participant."""
        return self._section("people", self._build_people)

    def triage(self) -> widgets.VBox:
        """Closeness and context, a page at a time, with filters and batch changes."""
        return self._section("triage", self._build_triage)

    def pictures(self) -> widgets.VBox:
        """The map, the layers beside Dunbar's numbers, composition and recency."""
        return self._section("pictures", self._build_pictures)

    def metrics(self) -> widgets.VBox:
        """The key numbers, each with one plain sentence."""
        return self._section("metrics", self._build_metrics)

    def census(self) -> widgets.VBox:
        """Optional: who among your closest people know each other."""
        return self._section("census", self._build_census)

    def gaps(self) -> widgets.VBox:
        """The map read against the goal: gaps, people to re-warm, introductions to ask."""
        return self._section("gaps", self._build_gaps)

    def summary(self) -> widgets.VBox:
        """The map in three lines, and what step 3 will start from."""
        return self._section("summary", self._build_summary)

    def _section(self, key: str, build: Any) -> widgets.Widget:
        if key not in self._sections:
            self._sections[key] = build()
        return self._sections[key]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(widgets.VBox([self.get_people_in(), self.triage(), self.pictures(),
                              self.metrics(), self.census(), self.gaps(), self.summary()]))

    def _people_changed(self, reloaded: bool) -> None:
        """After new people arrive, bring every section already shown up to date, once.

        Without this, the pictures said "your map is empty" next to a freshly imported
        map until a button was pressed. One refresh per section per change (an import of
        thousands of rows is one change), each guarded on its own, so one failing section
        cannot leave the others stale.
        """
        if reloaded:
            self.state.reload()
        if self.triage_form is not None:
            self.triage_form.refresh(keep_page=not reloaded)
        for key in _REFRESH_ORDER:
            if key in self._refreshers:
                self._refreshers[key]()

    # -------------------------------------------------------------- getting in

    def _build_people(self) -> widgets.VBox:
        self.people_count = widgets.HTML()
        self.add_status = widgets.HTML()
        self.name = widgets.Text(description="Name", placeholder="e.g. Priya Shah",
                                 style=_LABELLED, layout=widgets.Layout(width="360px"))
        self.context = widgets.Dropdown(options=context_options("Not sure yet"), value="",
                                        description="Where you know them from",
                                        style=_LABELLED, layout=widgets.Layout(width="460px"))
        self.closeness = widgets.Dropdown(
            options=[("Not sure yet", "")] + [(s.label, s.value) for s in TieStrength],
            value="", description="How close", style=_LABELLED,
            layout=widgets.Layout(width="560px"))
        self.field = widgets.Text(description="Their field or sector (optional)",
                                  placeholder="e.g. healthcare", style=_LABELLED,
                                  layout=widgets.Layout(width="460px"))
        self.add = widgets.Button(description="Add to my map", icon="plus",
                                  button_style="primary", layout=widgets.Layout(width="auto"))
        add = self.state.guard(self.add_status, self._add_person)
        self.add.on_click(lambda _button: add())
        # Enter in the name box adds too: the text box sends a "submit" message on Enter.
        self.name.on_msg(lambda _w, content, _b: add() if content.get("event") == "submit"
                         else None)
        self.sample_status = widgets.HTML()
        self.sample = widgets.Button(description="Start from the sample participant",
                                     icon="users", layout=widgets.Layout(width="auto"))
        self.sample.on_click(self.state.guard(self.sample_status, self._use_sample))
        self._refreshers["people"] = self._show_count
        self._show_count()
        return _section(
            self.people_count,
            _heading("Bring in a file"), self._import_form(),
            _heading("Add someone by hand"),
            widgets.HTML(html_text("For people who are in no export: type a name, choose "
                                   "the rest if you like, and press Enter or the button.",
                                   "p")),
            self.name, self.context, self.closeness, self.field,
            widgets.HBox([self.add]), self.add_status,
            _heading("Or practise on the sample"),
            widgets.HBox([self.sample]), self.sample_status)

    def _import_form(self) -> widgets.Widget:
        self.import_form = ImportForm(self.workbook)
        # Registered after the form's own handler, so it runs once the import is saved:
        # an import adds or merges many rows, so the table is read again, once.
        self.import_form.confirm.on_click(self.state.guard(
            self.import_form.status, self._after_import, LOST))
        return self.import_form.widget

    def _after_import(self, _button: widgets.Button) -> None:
        self._people_changed(reloaded=True)

    def _show_count(self) -> None:
        count = len(self.state.contacts)
        sorted_count = int(self.state.contacts["strength"].notna().sum())
        self.people_count.value = html_text(
            f"Your map holds {plural(count, 'person', 'people')}"
            + (f"; {sorted_count:,} of them have a closeness." if count else
               ". Bring in a file, add people by hand, or practise on the sample."), "p")
        self.sample.disabled = count > 0
        if count:
            self.sample.tooltip = "Only for an empty map"
            say(self.sample_status, "The sample only fills an empty map, and yours already "
                "has people in it, so this button is switched off.")
        else:
            self.sample.tooltip = "About 150 made-up people to practise on"

    def _add_person(self) -> str:
        name = tidy_text(self.name.value)
        if name is None:
            return "Type a name first."
        field = tidy_text(self.field.value)
        frame = normalise_contacts(pd.DataFrame([{
            "name": name, "context": self.context.value or None,
            "strength": self.closeness.value or None,
            "tags": field.lower() if field else None}]), source="manual")
        contact_id = str(frame["contact_id"].iloc[0])
        existing = self.state.contacts
        if (existing["contact_id"] == contact_id).any():
            return (f"{name} is already in your map. Find them in the list below to change "
                    "their closeness or details.")
        same_name = (existing["name"].str.casefold() == name.casefold()).fillna(False).any()
        self.state.add(frame)
        self.name.value = ""
        self.field.value = ""
        self.name.focus()
        self._people_changed(reloaded=False)
        note = (" You already had someone with this name; if it is the same person, you can "
                "ignore the new entry." if same_name else "")
        return f"Added {name}. Type the next name.{note}"

    def _use_sample(self, _button: widgets.Button) -> str:
        added = use_sample(self.workbook, self.today)
        if not added:
            self._people_changed(reloaded=True)
            return "Your map already has people in it, so the sample was not added."
        self._people_changed(reloaded=True)
        return (f"Added the sample participant's {added} made-up contacts. Sort them below "
                "as if they were yours.")

    # ------------------------------------------------------------------ triage

    def _build_triage(self) -> widgets.VBox:
        self.triage_form = TriageForm(self.state)
        return self.triage_form.widget

    # ---------------------------------------------------------------- pictures

    def _build_pictures(self) -> widgets.VBox:
        self.pictures_status = widgets.HTML()
        self.redraw = widgets.Button(description="Refresh the pictures", icon="refresh",
                                     layout=widgets.Layout(width="auto"))
        self.redraw.on_click(self.state.guard(self.pictures_status, self._draw, LOST))
        self.ego_box = widgets.Box()
        self.layers_box = widgets.Box(layout=widgets.Layout(width="100%"))
        self.composition_by = widgets.ToggleButtons(
            options=[(label, key) for label, key in _COMPOSITIONS], value="context",
            description="Group by", style={**_LABELLED, "button_width": "auto"})
        self.composition_by.observe(self.state.guard(
            self.pictures_status, lambda _change: self._draw_composition(), LOST),
            names="value")
        self.composition_box = widgets.Box(layout=widgets.Layout(width="100%"))
        self.recency_box = widgets.Box(layout=widgets.Layout(width="100%"))
        draw = self.state.guard(self.pictures_status, self._draw, LOST)
        self._refreshers["pictures"] = lambda: draw(None)
        draw(None)
        return _section(widgets.HBox([self.redraw, self.pictures_status],
                                     layout=widgets.Layout(align_items="center")),
                        self.ego_box, self.layers_box, self.composition_by,
                        self.composition_box, self.recency_box)

    def _draw(self, _button: widgets.Button | None) -> str:
        """Draw every picture again from the table.

        New figure widgets rather than updates: updates sent before a page shows a figure
        never reach it (Voila), while a new widget always arrives whole.
        """
        contacts = self.state.contacts
        if contacts.empty:
            for box in (self.ego_box, self.layers_box, self.composition_box,
                        self.recency_box):
                box.children = []
            self.composition_by.layout.display = "none"
            return f"Your map is empty: {ADD_PEOPLE_FIRST}, and the pictures appear here."
        self.composition_by.layout.display = None
        # Wider than plotly's default 700 px, so the map itself is not squeezed by its legend.
        ego = charts.ego_map(contacts, self.state.ties).update_layout(width=EGO_MAP_WIDTH)
        self.ego_box.children = [go.FigureWidget(ego)]
        self.layers_box.children = [go.FigureWidget(
            charts.layers_chart(layer_sizes(contacts)))]
        self._draw_composition()
        self.recency_box.children = [go.FigureWidget(
            charts.recency_chart(recency_bands(contacts, self.today)))]
        return (f"Drawn from {plural(len(contacts), 'person', 'people')}. After sorting more "
                "people, press Refresh the pictures.")

    def _draw_composition(self) -> None:
        contacts = self.state.contacts
        key = self.composition_by.value
        if key == "context":
            groups = contacts["context"].astype("object").map(
                lambda c: Context(c).label if isinstance(c, str) else charts.WHERE_FROM_NOT_SET)
        elif key == "sector":
            groups = sector_of(contacts).fillna("Not recorded")
        else:
            groups = contacts["company"].astype("object").fillna("Not recorded")
        counts = {str(k): int(v) for k, v in groups.value_counts().items()}
        title = {k: label for label, k in _COMPOSITIONS}[key]
        self.composition_box.children = [go.FigureWidget(
            charts.composition_chart(counts, f"Your contacts by {title.lower()}"))]

    # ------------------------------------------------------------------ metrics

    def _census_members(self) -> list[str]:
        known = set(self.state.contacts["contact_id"])
        return [c for c in self.workbook.get_profile("census", []) if c in known]

    def _metrics(self) -> list[Metric]:
        return describe_network(self.state.contacts, self.state.ties, self._census_members())

    @staticmethod
    def _metric_html(metrics: list[Metric]) -> str:
        items = "".join(
            f"<li style='margin-bottom:8px'><b>{html.escape(m.title)}</b>: "
            f"{html.escape(m.value)}<br>{html.escape(m.sentence)}</li>" for m in metrics)
        return f"<ul class='nk-metrics'>{items}</ul>"

    def _build_metrics(self) -> widgets.VBox:
        self.metrics_status = widgets.HTML()
        self.metrics_list = widgets.HTML()
        update = widgets.Button(description="Update the numbers", icon="refresh",
                                layout=widgets.Layout(width="auto"))
        show = self.state.guard(self.metrics_status, self._show_metrics, LOST)
        update.on_click(lambda _button: show())
        self._refreshers["metrics"] = show
        show()
        return _section(self.metrics_list, widgets.HBox([update]), self.metrics_status)

    def _show_metrics(self) -> str:
        if self.state.contacts.empty:
            self.metrics_list.value = html_text(
                f"Nobody in your map yet: {ADD_PEOPLE_FIRST}, and your numbers appear here.",
                "p")
        else:
            self.metrics_list.value = self._metric_html(self._metrics())
        return ""

    # ------------------------------------------------------------------- census

    def _build_census(self) -> widgets.VBox:
        self.census_status = widgets.HTML()
        self.census_result = widgets.HTML()
        self.names: dict[str, str] = {}
        self.members: dict[str, widgets.Checkbox] = {}
        self.pairs: dict[tuple[str, str], widgets.Checkbox] = {}
        self.pair_grid = widgets.GridBox(layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(340px, 1fr))"))
        self.member_grid = widgets.GridBox(layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(220px, 1fr))"))
        self._census_loading = False
        self._refreshers["census"] = self.state.guard(self.census_status, self._fill_census,
                                                      LOST)
        self._fill_census()
        return _section(
            _heading(f"Choose up to {CENSUS_MAX} of your closest people"), self.member_grid,
            _heading("Tick each pair who know each other"),
            self.pair_grid, self.census_result, self.census_status)

    def _fill_census(self) -> None:
        """The people to choose from, read from the table again.

        Called when the section is built and after people arrive; the checkboxes are only
        rebuilt when the people to choose from have changed, so a quick add of someone
        not close costs nothing here.
        """
        contacts = self.state.contacts
        strength = contacts["strength"].astype("object")
        saved = self._census_members()
        candidates = contacts[strength.isin(_ASKABLE) | contacts["contact_id"].isin(saved)]
        rank = candidates["strength"].astype("object").map(
            {s.value: n for n, s in enumerate(TieStrength)}).fillna(len(TieStrength))
        candidates = candidates.assign(_rank=rank).sort_values(["_rank", "name"])
        candidates = candidates.head(max(CENSUS_CANDIDATES, len(saved)))
        names = dict(zip(candidates["contact_id"], candidates["name"], strict=True))
        old: list[widgets.Checkbox] = []
        if names != self.names or not self.members:
            chosen = saved or candidates.loc[
                candidates["strength"].astype("object").isin(_INNER),
                "contact_id"].head(CENSUS_MAX).tolist()
            old = [*self.members.values(), *self.pairs.values()]
            self.names, self.members, self.pairs = names, {}, {}
            self._census_loading = True
            try:
                for contact_id, name in names.items():
                    box = widgets.Checkbox(value=contact_id in chosen, description=str(name),
                                           indent=False, layout=widgets.Layout(width="auto"))
                    box.observe(self._member_changed(contact_id), names="value")
                    self.members[contact_id] = box
            finally:
                self._census_loading = False
            self.member_grid.children = list(self.members.values())
        self._show_pairs()
        for box in old:  # closed only once off the page, so the browser never shows a gap
            box.close()

    def census_ids(self) -> list[str]:
        return [c for c, box in self.members.items() if box.value]

    def _member_changed(self, contact_id: str) -> Any:
        def apply(change: dict) -> str:
            if change["new"] and len(self.census_ids()) > CENSUS_MAX:
                self._census_loading = True
                try:
                    self.members[contact_id].value = False
                finally:
                    self._census_loading = False
                return f"Up to {CENSUS_MAX} people: untick someone first."
            self.workbook.set_profile("census", self.census_ids())
            self._show_pairs()
            return "Saved."

        guarded = self.state.guard(self.census_status, apply)
        return lambda change: None if self._census_loading else guarded(change)

    def _show_pairs(self) -> None:
        ties = set(self.state.ties)
        boxes = []
        for first, second in combinations(self.census_ids(), 2):
            pair = tuple(sorted((first, second)))
            if pair not in self.pairs:
                box = widgets.Checkbox(
                    value=pair in ties, indent=False, layout=widgets.Layout(width="auto"),
                    description=f"{self.names[first]} and {self.names[second]} know each other")
                box.observe(self.state.guard(self.census_status, self._pair_setter(pair)),
                            names="value")
                self.pairs[pair] = box
            boxes.append(self.pairs[pair])
        self.pair_grid.children = boxes
        self._show_brokerage()

    def _pair_setter(self, pair: tuple[str, str]) -> Any:
        def apply(change: dict) -> str:
            self.workbook.set_tie(*pair, know_each_other=change["new"])
            self.workbook.set_profile("census", self.census_ids())
            self.state.ties = self.workbook.load_ties()
            self._show_brokerage()
            if "metrics" in self._sections:
                self._show_metrics()
            return "Saved."
        return apply

    def _show_brokerage(self) -> None:
        found = [m for m in self._metrics() if m.key == "brokerage"]
        if self.state.contacts.empty:
            self.census_result.value = html_text(
                f"Nobody in your map yet: {ADD_PEOPLE_FIRST}, then sort a few as closest, "
                "close or regular; this part is about them.", "p")
        elif not self.names:
            self.census_result.value = html_text(
                "Sort a few people as closest, close or regular first; this part is about "
                "them.", "p")
        elif len(self.census_ids()) < 2:
            self.census_result.value = html_text("Choose at least two people to see who "
                                                 "knows whom.", "p")
        elif found:
            self.census_result.value = self._metric_html(found)
        else:
            self.census_result.value = html_text(
                "Tick the pairs who know each other (or leave them all unticked if none do); "
                "your result appears here.", "p")

    # --------------------------------------------------------------------- gaps

    def _build_gaps(self) -> widgets.VBox:
        self.gaps_status = widgets.HTML()
        self.gap_sentences = widgets.HTML()
        self.coverage = widgets.HTML()
        self.rewarm_list = widgets.HTML()
        self.introductions_list = widgets.HTML()
        again = widgets.Button(description="Look again", icon="refresh",
                               tooltip="After changing your goal or sorting more people",
                               layout=widgets.Layout(width="auto"))
        look = self.state.guard(self.gaps_status, self._find_gaps, LOST)
        again.on_click(lambda _button: look())
        self._refreshers["gaps"] = look
        look()
        return _section(self.gap_sentences, self.coverage, self.rewarm_list,
                        self.introductions_list, widgets.HBox([again]), self.gaps_status)

    def _find_gaps(self) -> str:
        for view in (self.coverage, self.rewarm_list, self.introductions_list):
            view.value = ""
        if self.state.contacts.empty:
            # One sentence, not "nobody has gone cold: well kept" about nobody at all.
            self.report = None
            self.workbook.set_profile("map_rewarm", [])
            self.workbook.set_profile("map_introductions", [])
            self.gap_sentences.value = html_text(
                f"Nobody in your map yet: {ADD_PEOPLE_FIRST}, and this part shows where your "
                "goal already has people and where it has nobody.", "p")
            return ""
        try:
            goal = load_goal(self.workbook)
        except ValueError:
            goal = None
        if goal is None or goal.kind is None:
            self.report = None
            self.gap_sentences.value = html_text(
                "There is no goal to read your map against yet: do step 1 "
                "(01_set_your_goal) first, then come back and press Look again.", "p")
            return ""
        report = find_gaps(self.state.contacts, goal, self.state.ties, self.today)
        self.report = report
        self.workbook.set_profile("map_rewarm", [r.contact_id for r in report.rewarm])
        self.workbook.set_profile("map_introductions", [
            {"introducer_id": i.introducer_id, "towards": i.towards}
            for i in report.introductions])
        self.gap_sentences.value = "<ul>" + "".join(
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
        self.rewarm_list.value = _ranked(
            "People to re-warm", [(r.name, r.reason) for r in report.rewarm],
            "Nobody has gone cold: well kept.")
        self.introductions_list.value = _ranked(
            "Introductions to ask for", [(i.introducer, i.reason) for i in report.introductions],
            "Nobody close to you links to your goal yet; a venue from step 1 is the way in.")
        return "These two lists are saved for step 3."

    # ------------------------------------------------------------------ summary

    def _build_summary(self) -> widgets.VBox:
        self.summary_card = widgets.HTML()
        self.summary_status = widgets.HTML()
        update = widgets.Button(description="Update the summary", icon="refresh",
                                layout=widgets.Layout(width="auto"))
        show = self.state.guard(self.summary_status, self._show_summary, LOST)
        update.on_click(lambda _button: show())
        self._refreshers["summary"] = show
        show()
        return _section(self.summary_card, widgets.HBox([update]), self.summary_status)

    def _show_summary(self) -> str:
        contacts = self.state.contacts
        if contacts.empty:
            self.summary_card.value = html_text(
                f"Nothing to sum up yet: {ADD_PEOPLE_FIRST}.", "p")
            return ""
        rows = {r.strength: r for r in layer_sizes(contacts)}
        rewarm = self.workbook.get_profile("map_rewarm", [])
        asks = self.workbook.get_profile("map_introductions", [])
        unsorted = int(contacts["strength"].isna().sum())
        lines = [
            f"{plural(len(contacts), 'person', 'people')} in your map"
            + (f", {unsorted:,} not sorted yet." if unsorted else ", all sorted."),
            f"{rows[TieStrength.CLOSE].cumulative:,} close, "
            f"{plural(rows[TieStrength.KNOWN].cumulative, 'meaningful contact')} in all, "
            f"{rows[TieStrength.DORMANT].count:,} dormant.",
            f"Saved for step 3: {plural(len(rewarm), 'person', 'people')} to re-warm and "
            f"{plural(len(asks), 'introduction')} to ask for.",
        ]
        self.summary_card.value = "<ul>" + "".join(html_text(t, "li") for t in lines) + "</ul>"
        return ""


def _by_strength(counts: dict[str, int]) -> str:
    names = {s.value: s.value for s in TieStrength}
    order = [*names, "unsorted"]
    return ", ".join(f"{counts[k]} {names.get(k, 'not sorted')}" for k in order if k in counts)


def _ranked(title: str, items: list[tuple[str, str]], empty: str) -> str:
    if not items:
        return f"<b>{html.escape(title)}</b>" + html_text(empty, "p")
    return (f"<b>{html.escape(title)}</b><ol>" + "".join(
        f"<li><b>{html.escape(name)}</b>: {html.escape(reason)}</li>" for name, reason in items)
        + "</ol>")


def map_workbook(workbook: Workbook | None = None, today: date | None = None) -> MapWorkbook:
    """Step 2 for the participant's workbook file (the default one if None)."""
    return MapWorkbook(workbook or open_workbook(), today)


__all__ = ["MapWorkbook", "map_workbook"]
