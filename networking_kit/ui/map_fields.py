"""Step 2's "Which of these are in pharma?": the participant's top organisations and
job-title words as a checklist per field the goal names, that sets the field for all
their people in one click, and an Undo. Binds widgets to ``MapSession.field_candidates``,
``set_field`` and ``undo_set_field``; redraws when the map or the goal changes, in the
same click for a small map and through the page's debounced ``Redraws`` above
``LIVE_REDRAW_PEOPLE`` (it reads every organisation and title), like the other heavy
sections.
"""

from __future__ import annotations

import ipywidgets as widgets

from networking_kit.fields import Candidate
from networking_kit.gaps import goal_targets
from networking_kit.network import plural
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import html_text, say
from networking_kit.ui.map_guard import LOST, guard
from networking_kit.ui.redraw import LIVE_REDRAW_PEOPLE, Redraws


def candidate_label(candidate: Candidate) -> str:
    """"Meridian Media (36 people)", "job titles with “analyst” (12 people)"."""
    people = plural(candidate.people, "person", "people")
    if candidate.kind == "title":
        return f"job titles with “{candidate.label}” ({people})"
    return f"{candidate.label} ({people})"


class FieldChecklist:
    """One checklist per field of the goal; ``widget`` is the part to place on the page."""

    busy_text = "Updating the checklist…"

    def __init__(self, session: MapSession, redraws: Redraws | None = None) -> None:
        """``redraws``: the page's debounced redraws (None: always redraw at once)."""
        self.session = session
        self.redraws = redraws
        self.status = widgets.HTML()
        self.undo_button = widgets.Button(description="Undo", disabled=True,
                                          tooltip="Take back the last field you set")
        self.undo_button.on_click(lambda _: self._undo())
        self.lists = widgets.VBox()
        self.boxes: dict[str, list[tuple[Candidate, widgets.Checkbox]]] = {}
        self.buttons: dict[str, widgets.Button] = {}
        self._offered: list[tuple[str, list[Candidate]]] | None = None  # shown last
        self.widget = widgets.VBox([self.lists, self.undo_button, self.status])
        session.listen(self._on_change, Change.CONTACTS, Change.GOAL)
        if self.redraws is not None and self.session.people > LIVE_REDRAW_PEOPLE:
            self.redraws.after_page("fields", self._redraw)  # once the page is built
        else:
            self.show()

    def _on_change(self, _event: ChangeEvent) -> None:
        if self.redraws is not None and self.session.people > LIVE_REDRAW_PEOPLE:
            self.redraws.request("fields", self._redraw,
                                 lambda: say(self.status, self.busy_text))
        else:
            self.show()

    def _redraw(self) -> None:
        if self.busy_text in self.status.value:  # not a sentence a click just wrote
            self.status.value = ""
        guard(self.session, self.status, self.show, LOST)()

    def show(self) -> None:
        """The checklists, built again only when what they offer changed (a sort changes
        no organisation or job title: the ticks made so far stay, and 30,000 people cost
        no new widgets)."""
        goal = self.session.goal
        targets = goal_targets(goal) if goal is not None and goal.kind else []
        offered = [(t, found) for t in targets if (found := self.session.field_candidates(t))]
        if offered == self._offered:
            return
        self._offered = offered
        parts: list[widgets.Widget] = []
        self.boxes, self.buttons = {}, {}
        for target, found in offered:
            boxes = [(c, widgets.Checkbox(value=False, description=candidate_label(c),
                                          indent=False)) for c in found]
            button = widgets.Button(description=f"Set {target} for them"[:40],
                                    button_style="primary")
            button.on_click(lambda _, t=target: self._set(t))
            self.boxes[target], self.buttons[target] = boxes, button
            parts += [widgets.HTML(html_text(f"Which of these are in {target}?", "b")),
                      widgets.HTML(html_text(
                          "Your file does not say which field people are in. Tick the "
                          "organisations and job titles that are; everyone there counts "
                          "at once.", "p")),
                      *[box for _, box in boxes], button]
        self.lists.children = parts

    def _set(self, target: str) -> None:
        chosen = [c for c, box in self.boxes.get(target, []) if box.value]

        def act() -> str:
            if not chosen:
                return "Tick at least one organisation or job title first."
            changed = self.session.set_field(
                target, [c.label for c in chosen if c.kind == "organisation"],
                [c.label for c in chosen if c.kind == "title"])
            self.undo_button.disabled = changed == 0
            return (f"{plural(changed, 'person', 'people')} now count as "
                    f"{target}. Undo takes it back.")

        guard(self.session, self.status, act)()

    def _undo(self) -> None:
        def act() -> str:
            undone = self.session.undo_set_field()
            self.undo_button.disabled = True
            return f"Taken back for {plural(undone, 'person', 'people')}."

        guard(self.session, self.status, act)()
