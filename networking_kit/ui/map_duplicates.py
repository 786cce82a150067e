"""Step 2's "Possibly the same person": each pair with a one-click Combine and a "Two
people" button, and an Undo. Binds widgets to ``MapSession.possible_duplicates``,
``combine``, ``undo_combine`` and ``keep_apart``; redraws when the map changes, and hides
itself while there is nothing to show. Above ``LIVE_REDRAW_PEOPLE`` (finding the pairs
reads every name: about 0.3 s at 30,000 people) it is first drawn once the page is built
and follows an added person through the page's debounced ``Redraws``.
"""

from __future__ import annotations

import ipywidgets as widgets

from networking_kit.contacts_duplicates import PossibleDuplicate, differences_sentence
from networking_kit.network import plural
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import html_text
from networking_kit.ui.map_guard import guard
from networking_kit.ui.redraw import LIVE_REDRAW_PEOPLE, Redraws

SHOWN = 20  # pairs listed at once; the rest follow as these are settled
GONE = ("One of the two is no longer in your map (changed in another window), so nothing "
        "was combined. The list is up to date now.")


class DuplicatesList:
    """The pairs, a row each; ``widget`` is the part to place on the page."""

    def __init__(self, session: MapSession, redraws: Redraws | None = None) -> None:
        """``redraws``: the page's debounced redraws (None: always redraw at once)."""
        self.session = session
        self.redraws = redraws
        self.intro = widgets.HTML()
        self.rows = widgets.VBox()
        self.undo_button = widgets.Button(description="Undo", disabled=True, icon="undo",
                                          tooltip="Put the last two you combined back")
        self.undo_button.on_click(lambda _: self.undo())
        self.status = widgets.HTML()
        self.pairs: list[PossibleDuplicate] = []
        self.widget = widgets.VBox([self.intro, self.rows, self.undo_button, self.status])
        self.widget.add_class("nk-duplicates")
        session.listen(self._on_change, Change.CONTACTS)
        redraws = self._waits()
        if redraws is not None:
            self.widget.layout.display = "none"  # nothing to show until the pairs are found
            redraws.after_page("duplicates", self.show)
        else:
            self.show()

    def _waits(self) -> Redraws | None:
        """The page's redraws when the list waits for them (a big map), else None."""
        return self.redraws if self.session.people > LIVE_REDRAW_PEOPLE else None

    def _on_change(self, _event: ChangeEvent) -> None:
        redraws = self._waits()
        if redraws is not None:
            redraws.request("duplicates", self.show)
        else:
            self.show()

    def show(self) -> None:
        self.pairs = self.session.possible_duplicates()
        rows: list[widgets.Widget] = []
        for number, pair in enumerate(self.pairs[:SHOWN]):
            combine = widgets.Button(description="Combine", button_style="primary",
                                     tooltip=f"Make {pair.keep_name} one contact")
            combine.on_click(lambda _, n=number: self.combine(n))
            apart = widgets.Button(description="Two people",
                                   tooltip="They are different people: stop asking")
            apart.on_click(lambda _, n=number: self.keep_apart(n))
            words = html_text(pair.sentence(), "span") + html_text(
                differences_sentence(self.session.differences(pair)), "div", cls="nk-why")
            rows.append(widgets.HBox([widgets.HTML(words), combine, apart]))
        self.rows.children = rows
        more = len(self.pairs) - SHOWN
        self.intro.value = html_text(
            f"{plural(len(self.pairs), 'pair')} of contacts may be one person twice. "
            "Combine keeps the first one's details and fills what it lacks from the other; "
            "their plans, notes and who-knows-whom move over."
            + (f" {more} more follow once these are settled." if more > 0 else ""),
            "p") if self.pairs else ""
        visible = bool(self.pairs) or not self.undo_button.disabled
        self.widget.layout.display = "flex" if visible else "none"

    def combine(self, number: int) -> bool:
        """Combine the pair shown at ``number`` (0 first); returns whether it was saved."""
        pair = self.pairs[number]

        def act() -> str:
            try:
                sentence = self.session.combine(pair.keep, pair.other)
            except KeyError:  # another window removed one of them: nothing was changed
                self.show()
                return GONE
            self.undo_button.disabled = False
            self.show()
            return sentence

        return guard(self.session, self.status, act)()

    def keep_apart(self, number: int) -> bool:
        """Say the pair at ``number`` are two people; returns whether it was saved."""
        pair = self.pairs[number]

        def act() -> str:
            self.session.keep_apart(pair.keep, pair.other)
            return f"Kept apart: {pair.keep_name} and {pair.other_name} are two people."

        return guard(self.session, self.status, act)()

    def undo(self) -> bool:
        """Put the last combined pair back as two contacts."""
        def act() -> str:
            sentence = self.session.undo_combine() or "There is nothing to undo."
            self.undo_button.disabled = True
            self.show()
            return sentence

        return guard(self.session, self.status, act)()

