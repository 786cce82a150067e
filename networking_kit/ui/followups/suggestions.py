"""Step 3, section 2: ways to give first and what the goal asks for, a group at a time,
to keep or skip. Redraws when the plan or the goal changes."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from networking_kit.settings import SUGGESTIONS_PER_PAGE
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.ui._status import html_text, say
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.followups._parts import (
    MAKING_PLAN,
    NO_GOAL,
    Page,
    Row,
    UndoButton,
    day_words,
    focus_on_from,
    guarded,
)
from networking_kit.ui.followups._parts import section as _section
from networking_kit.ui.redraw import RowsFirst
from networking_kit.vocab import ActionGroup, ActionStatus
from networking_kit.words import plural

SKIPPED = "skipped"  # the filter value of the skipped list
GROUPS = (ActionGroup.GIVE_FIRST, ActionGroup.GOAL, ActionGroup.KEEP_IN_TOUCH,
          ActionGroup.AFTER_EVENT)


class SuggestionsPart:
    """The widgets of the suggestions section (``box``); ``rows`` are the shown actions."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page = page
        self.status = look.make(widgets.HTML)
        self.intro = look.make(widgets.HTML)
        self.filter = look.make(
            widgets.ToggleButtons,
            options=[(g.label, g.value) for g in GROUPS] + [("Skipped", SKIPPED)],
            value=ActionGroup.GIVE_FIRST.value, style={"button_width": "auto"})
        self.filter.observe(lambda _c: self.page_to(0), names="value")
        self.rows: list[Row] = []  # built as a page first needs them, then reused
        self.list = widgets.VBox()
        self.page_number = 0
        self.prev, self.next = look.button("Previous", "arrow-left"), look.button(
            "Next", "arrow-right")
        self.prev.on_click(lambda _b: self.page_to(self.page_number - 1))
        self.next.on_click(lambda _b: self.page_to(self.page_number + 1))
        self.page_label = look.make(widgets.HTML)
        self.later = RowsFirst(page.redraws, "suggestion rows", self.redraw,
                               drawing_note("Filling in the rest of the suggestions…"),
                               look.make(widgets.HTML))
        self._said = ""  # the session's note about opening, once said
        self.redraw()
        page.session.listen(self.redraw, Change.PLAN, Change.GOAL)
        self.undo = UndoButton(page, self.status)
        self.box = _section(self.intro, self.filter, self.list,
                            widgets.HBox([self.prev, self.page_label, self.next]), self.status,
                            self.undo.button)

    def group(self) -> ActionGroup | None:
        return None if self.filter.value == SKIPPED else ActionGroup(self.filter.value)

    def page_to(self, number: int) -> None:
        self.page_number = number
        self.redraw()

    def _row(self, index: int) -> Row:
        """The list's row ``index``, built the first time a page has that many."""
        while len(self.rows) <= index:
            row = Row([("accept", "Keep", "check"), ("skip", "Skip", "times")], self.page.look)
            row.buttons["accept"].on_click(lambda _b, r=row: self._act(keep, r))
            row.buttons["skip"].on_click(lambda _b, r=row: self._act(skip, r))
            self.rows.append(row)
        return self.rows[index]

    def _act(self, action: Callable[[Page, Row], str], row: Row) -> None:
        guarded(self.page, self.status, action)(self.page, row)
        focus_on_from(self.rows, self.list.children, row)

    def redraw(self, _event: ChangeEvent | None = None) -> None:
        session = self.page.session
        note = session.goal_note or session.open_note
        if note and note != self._said:
            self._said = note
            say(self.status, note, error=bool(session.open_note))
        if not session.plan_ready:  # the suggestions are made once the page is built
            self.intro.value, self.list.children = MAKING_PLAN, []
            self.page_label.value, self.prev.disabled, self.next.disabled = "", True, True
            return
        intro = [] if session.goal is not None else [NO_GOAL]
        ways = plural(session.give_first_count(), "way")
        intro.append(f"{ways} to give first, and what your goal "
                     "asks for. Each says why. Keep the ones that feel right and skip the "
                     "rest; skipped ones make room for others in your weeks.")
        self.intro.value = "".join(html_text(s, "p") for s in intro)
        actions = session.suggested(self.group())
        pages = max(1, -(-len(actions) // SUGGESTIONS_PER_PAGE))
        self.page_number = max(0, min(self.page_number, pages - 1))
        start = self.page_number * SUGGESTIONS_PER_PAGE
        shown = actions[start:start + SUGGESTIONS_PER_PAGE]
        shown = shown[:self.later.take(len(shown))]
        for at, action in enumerate(shown):
            self._row(at).show(action, with_date=True)
        boxes: list[widgets.Widget] = [r.box for r in self.rows[:len(shown)]]
        if self.later.waiting:
            boxes.append(self.later.note)
        self.list.children = boxes or [
            self.page.look.make(widgets.HTML, html_text("Nothing here yet.", "p"))]
        self.page_label.value = html_text(f"page {self.page_number + 1} of {pages}")
        self.prev.disabled = self.page_number == 0
        self.next.disabled = self.page_number >= pages - 1


def keep(page: Page, row: Row) -> str:
    """Keep (or put back) the row's action; the sentence says which."""
    before = page.session.action(row.action_id())
    kept = page.session.keep(before.action_id)
    if before.status is ActionStatus.SKIPPED:
        return f"Put back: {kept.title}."
    return f"Kept: {kept.title}. It stays on {day_words(kept.due_on)} unless you move it."


def skip(page: Page, row: Row) -> str:
    skipped = page.session.skip(row.action_id())
    return f"Skipped: {skipped.title}. Something else can take its place."
