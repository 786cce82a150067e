"""Step 3, keep-warm section: "roughly when were you last in touch?", asked once per
closeness layer where nobody's last contact is known (a fresh import), and for chosen
people. Each answer is one session action (``set_last_in_touch``), undoable with the
page's Undo. Redraws when the contacts or the keep-in-touch settings change."""

from __future__ import annotations

import ipywidgets as widgets

from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.ui._status import html_text
from networking_kit.ui.followups._parts import LABELLED, Page, guarded
from networking_kit.vocab import LastInTouch, TieStrength
from networking_kit.words import plural

QUESTION = "Roughly when were you last in touch?"


class LastInTouchPart:
    """The question's widgets (``box``): one row of answers per closeness layer still
    unanswered, and a row for chosen people (names, one a line or comma-separated)."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page = page
        self.status = look.make(widgets.HTML)
        self.layers = widgets.VBox()
        self.people = look.make(
            widgets.Textarea, placeholder="Names, one a line", description="These people",
            style=LABELLED,
            layout=widgets.Layout(width="340px", height="64px"))
        self.answer = look.make(
            widgets.Dropdown, options=[(a.label, a.value) for a in LastInTouch], value=None,
            description="last in touch", style=LABELLED,
            layout=widgets.Layout(width="260px"))
        self.save = look.button("Save for them", "check")
        self.save.on_click(guarded(page, self.status, self._for_people))
        self.redraw()
        page.session.listen(self.redraw, Change.CONTACTS, Change.SETTINGS)
        self.box = widgets.VBox([
            look.make(widgets.HTML, html_text(
                f"{QUESTION} Where you have not noted it, a rough answer is enough: "
                "your plan then knows who to be in touch with first.", "p")),
            self.layers,
            widgets.HBox([self.people, self.answer, self.save],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.status])

    def redraw(self, _event: ChangeEvent | None = None) -> None:
        look = self.page.look
        rows: list[widgets.Widget] = []
        for strength, count in self.page.session.not_in_touch_known().items():
            layer = TieStrength(strength)
            answers = []
            for answer in LastInTouch:
                choice = look.button(answer.label)
                choice.tooltip = f"{layer.short_label}: last in touch {answer.value}"
                choice.on_click(guarded(self.page, self.status,
                                        lambda _b, s=layer, a=answer: self._for_layer(s, a)))
                answers.append(choice)
            rows.append(widgets.HBox([
                look.make(widgets.HTML, html_text(f"{layer.short_label} "
                                                  f"({plural(count, 'person', 'people')})"),
                          layout=widgets.Layout(width="190px")), *answers],
                layout=widgets.Layout(flex_flow="row wrap")))
        self.layers.children = rows

    def _for_layer(self, strength: TieStrength, answer: LastInTouch) -> str:
        count = self.page.session.set_last_in_touch(answer, strength=strength)
        return (f"Saved: {plural(count, 'person', 'people')} "
                f"({strength.short_label.lower()}) last in touch {answer.value}. Your plan "
                "has been updated; Undo takes it back.")

    def _for_people(self, _button: widgets.Button | None = None) -> str:
        if self.answer.value is None:
            raise ValueError("Choose roughly when you were last in touch first.")
        session = self.page.session
        typed = [n.strip() for n in self.people.value.replace(",", "\n").splitlines()]
        ids = [session.find_person(n)[0] for n in typed if n]
        if not ids:
            raise ValueError("Type at least one name, one a line.")
        count = session.set_last_in_touch(self.answer.value, contact_ids=ids)
        self.people.value = ""
        return (f"Saved: {plural(count, 'person', 'people')} last in touch "
                f"{LastInTouch(self.answer.value).value}. Your plan has been updated; "
                "Undo takes it back.")


__all__ = ["QUESTION", "LastInTouchPart"]
