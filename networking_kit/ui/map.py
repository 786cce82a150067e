"""The forms of ``02_map_your_network``: getting people in, sorting them, the pictures,
the numbers, the who-knows-whom census and the gaps against the goal.

One :class:`MapWorkbook` binds widgets to one ``steps.map.MapSession``, which holds the
participant's contacts in memory and runs every action as one transaction. Each section
is built when its notebook cell asks for it (so a 30,000-person map costs nothing for
the sections not shown) and listens to the session: every section follows every change
in the same click, the pictures a moment later (debounced, "Updating the map…"), and no
section has a "Refresh" button.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit.steps._session import Change, ChangeEvent, workbook_or_default
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import html_text, say
from networking_kit.ui.importing import ImportForm
from networking_kit.ui.map_duplicates import DuplicatesList
from networking_kit.ui.map_guard import SORRY
from networking_kit.ui.map_name_box import NameBox
from networking_kit.ui.map_pictures import Pictures
from networking_kit.ui.map_sections import (
    Census,
    Gaps,
    Metrics,
    Summary,
    _Section,
    heading,
    section,
)
from networking_kit.ui.nav import refresh_step_bars
from networking_kit.ui.redraw import Redraws, follow_other_windows, keep_contacts_cache
from networking_kit.ui.triage import TriageForm, context_options
from networking_kit.vocab import TieStrength

if TYPE_CHECKING:
    from networking_kit.store import Workbook

_LABELLED = {"description_width": "initial"}


class MapWorkbook:
    """Step 2, backed by the workbook file. Each section method returns one section."""

    def __init__(self, workbook: Workbook, today: date | None = None,
                 session: MapSession | None = None) -> None:
        self.session = session or MapSession(workbook, today)
        self.workbook = self.session.workbook
        self.today = self.session.today
        self.redraws = Redraws(on_error=self._keep)
        self._sections: dict[str, _Section | widgets.VBox] = {}
        self.triage_form: TriageForm | None = None
        self._done = self.session.done
        self.session.listen(self._tick_when_done, Change.CONTACTS)
        follow_other_windows(self.session)
        keep_contacts_cache(self.redraws, self.session, Change.CONTACTS)

    @property
    def last_error(self) -> BaseException | None:
        """The last failure a form turned into a sentence, for a facilitator to look at."""
        return self.session.last_error

    def _keep(self, error: BaseException) -> None:
        self.session.last_error = error

    def flush_redraws(self) -> None:
        """Draw now whatever is waiting for the debounce (tests; the timer does it live)."""
        self.redraws.flush()

    def _tick_when_done(self, _event: ChangeEvent) -> None:
        """Tick step 2 in the step bar the moment it is done (or untick it). The bar is
        redrawn only when the answer changes, so a click at 30,000 people costs nothing."""
        done = self.session.done
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
        return self._part("pictures", Pictures).widget

    def metrics(self) -> widgets.VBox:
        """The key numbers, each with one plain sentence."""
        return self._part("metrics", Metrics).widget

    def census(self) -> widgets.VBox:
        """Optional: who among your closest people know each other."""
        return self._part("census", Census).widget

    def gaps(self) -> widgets.VBox:
        """The map read against the goal: gaps, people to re-warm, introductions to ask."""
        return self._part("gaps", Gaps).widget

    def summary(self) -> widgets.VBox:
        """The map in three lines, and what step 3 will start from."""
        return self._part("summary", Summary).widget

    def part(self, key: str) -> object:
        """A built section's object (``Pictures``, ``Metrics``, ``Census``, ``Gaps``,
        ``Summary``), for tests and for a facilitator looking at one; None if not built."""
        return self._sections.get(key)

    def _part(self, key: str, kind: type[_Section]) -> _Section:
        if key not in self._sections:
            self._sections[key] = kind(self.session, self.redraws)
        self.redraws.postpone()  # the page's next cell comes before the pictures
        return self._sections[key]

    def _section(self, key: str, build: Callable[[], widgets.VBox]) -> widgets.VBox:
        if key not in self._sections:
            self._sections[key] = build()
        self.redraws.postpone()
        return self._sections[key]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(widgets.VBox([self.get_people_in(), self.triage(), self.pictures(),
                              self.metrics(), self.census(), self.gaps(), self.summary()]))

    # -------------------------------------------------------------- getting in

    def _build_people(self) -> widgets.VBox:
        self.people_count = widgets.HTML()
        self.add_status = widgets.HTML()
        self.name = NameBox(label="Name", placeholder="e.g. Priya Shah, then Enter")
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
        for box, css in ((self.context, "nk-add-context"), (self.closeness, "nk-add-strength"),
                         (self.field, "nk-add-field")):
            box.add_class(css)
        self.add.on_click(lambda _button: self._add_from_button())
        # Enter in the name box: the name comes with the keystroke (see map_name_box).
        self.name.on_submit(self.add_person)
        self.sample_status = widgets.HTML()
        self.sample = widgets.Button(description="Start from the sample participant",
                                     icon="users", layout=widgets.Layout(width="auto"))
        self.sample.on_click(lambda _button: self._use_sample())
        self.import_form = ImportForm(self.session)
        self.duplicates = DuplicatesList(self.session, self.redraws)
        self.session.listen(lambda _event: self._show_count(), Change.CONTACTS)
        self._show_count()
        return section(
            self.people_count,
            heading("Bring in a file"), self.import_form.widget, self.duplicates.widget,
            heading("Add someone by hand"),
            widgets.HTML(html_text("For people who are in no export: type a name, choose "
                                   "the rest if you like, and press Enter or the button.",
                                   "p")),
            self._add_form(),
            self.add_status,
            heading("Or practise on the sample"),
            widgets.HBox([self.sample]), self.sample_status)

    def _add_form(self) -> widgets.VBox:
        form = widgets.VBox([self.name, self.context, self.closeness, self.field,
                             widgets.HBox([self.add])])
        form.add_class("nk-add-form")  # the name box reads the fields within it on Enter
        return form

    def _show_count(self) -> None:
        self.people_count.value = html_text(self.session.count_sentence(), "p")
        self.sample.disabled = self.session.people > 0
        if self.session.people:
            self.sample.tooltip = "Only for an empty map"
            say(self.sample_status, "The sample only fills an empty map, and yours already "
                "has people in it, so this button is switched off.")
        else:
            self.sample.tooltip = "About 150 made-up people to practise on"

    def _add_from_button(self) -> None:
        typed = self.name.value
        self.name.clear()
        self.add_person(typed)

    def add_person(self, name: str, shown: dict[str, str] | None = None) -> bool:
        """Add ``name`` with the closeness, where-from and field chosen in the form: what
        Enter in the name box and the button do. ``shown`` is what the browser showed in
        those fields at the moment of Enter (labels and text; it has already reset
        them); without it the widgets' values are used and reset here. Every field is
        reset before the add is saved, so the next person starts blank; returns whether
        someone was added."""
        if shown is None:
            choices = (self.context.value, self.closeness.value, self.field.value)
            self.context.value, self.closeness.value, self.field.value = "", "", ""
        else:
            choices = (_code_of(self.context, shown.get("context")),
                       _code_of(self.closeness, shown.get("strength")),
                       shown.get("field") or "")
        try:
            result = self.session.add_person(name, context=choices[0] or None,
                                             strength=choices[1] or None, field=choices[2])
        except Exception as error:  # a participant never sees a traceback
            self.session.last_error = error
            say(self.add_status, SORRY, error=True)
            self.name.fill(name)  # nothing was saved: give the name and choices back
            self.context.value, self.closeness.value, self.field.value = choices
            return False
        say(self.add_status, result.sentence)
        return result.added

    def _use_sample(self) -> None:
        try:
            added = self.session.use_sample()
        except Exception as error:
            self.session.last_error = error
            say(self.sample_status, SORRY, error=True)
            return
        if added:
            say(self.sample_status, f"Added the sample participant's {added} made-up "
                "contacts. Sort them below as if they were yours.")
        else:
            say(self.sample_status, "Your map already has people in it, so the sample was "
                "not added.")

    # ------------------------------------------------------------------ triage

    def _build_triage(self) -> widgets.VBox:
        self.triage_form = TriageForm(self.session, redraws=self.redraws)
        return self.triage_form.widget


def _code_of(dropdown: widgets.Dropdown, label: str | None) -> str:
    """The code of the option whose label the browser showed ("" for none or unknown)."""
    return next((value for text, value in dropdown.options if text == label), "")


def map_workbook(workbook: Workbook | None = None, today: date | None = None) -> MapWorkbook:
    """Step 2 for the participant's workbook file (the default one if None)."""
    return MapWorkbook(workbook_or_default(workbook), today)


__all__ = ["MapWorkbook", "map_workbook"]
