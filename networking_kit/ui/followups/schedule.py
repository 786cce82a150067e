"""Step 3, section 3: the coming weeks, week by week, with keep, done, skip and change on
every action, the weeks away and the timeline. Redraws when the plan, the weeks away or
the goal change."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import ipywidgets as widgets
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.dates import day_month
from networking_kit.followups import Action
from networking_kit.settings import PLAN_WEEKS_PER_PAGE
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.ui._status import html_text
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.followups._parts import (
    LABELLED,
    MAKING_PLAN,
    Debounced,
    Page,
    Row,
    UndoButton,
    day_words,
    focus_on_from,
    guarded,
    section,
    week_words,
)
from networking_kit.ui.followups.suggestions import keep, skip
from networking_kit.ui.redraw import RowsFirst

AWAY_HELP = ("Tick a week and nothing new is planned in it; a check-in that falls in it "
             "moves to the Monday you are back.")
AWAY_WEEK = "You are away this week."
AWAY_BUT_DATED = ("You are away this week. The dates below were fixed earlier: change or "
                  "skip any you will miss.")


class SchedulePart:
    """The widgets of the schedule (``box``): ``rows`` of actions, ``away_boxes`` by
    Monday, the ``editor`` for one action."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page, session = page, page.session
        self.status = look.make(widgets.HTML)
        self.intro = look.make(widgets.HTML)
        self.week_page = 0
        self.rows: list[Row] = []
        self._heads: list[widgets.HTML] = []
        self._notes: list[widgets.HTML] = []  # "A free week." or "You are away", per week
        self.week_list = widgets.VBox()
        self.prev, self.next = look.button("Earlier weeks", "arrow-left"), look.button(
            "Later weeks", "arrow-right")
        self.prev.on_click(lambda _b: self.weeks_to(self.week_page - 1))
        self.next.on_click(lambda _b: self.weeks_to(self.week_page + 1))
        self.edit_title = look.make(widgets.Text, description="What to do", style=LABELLED,
                                    layout=widgets.Layout(width="min(620px, 95%)"))
        self.edit_date = look.make(widgets.DatePicker, description="When", style=LABELLED)
        self.edit_save = look.button("Save the change", "check")
        self.edit_cancel = look.button("Cancel")
        self.edit_save.on_click(guarded(page, self.status, self._save_edit))
        self.edit_cancel.on_click(lambda _b: self.close_editor())
        self.editing: str | None = None
        self.editor = widgets.VBox(
            [look.make(widgets.HTML, "<b>Change this action</b>"), self.edit_title, self.edit_date,
             widgets.HBox([self.edit_save, self.edit_cancel])],
            layout=widgets.Layout(border="1px solid #ccc", padding="8px", display="none"))
        self.timeline_later = Debounced(page, "timeline", self._timeline, self._timeline_key)
        self.away_status = look.make(widgets.HTML)
        self._syncing = False
        self.away_boxes: dict[date, widgets.Checkbox] = {}
        for monday in session.mondays():
            box = look.make(widgets.Checkbox, value=monday in session.away,
                            description=week_words(monday), indent=False,
                            layout=widgets.Layout(width="auto", margin="0 14px 0 0"))
            box.observe(lambda change, m=monday: self._away_ticked(m, change["new"]),
                        names="value")
            self.away_boxes[monday] = box
        away = widgets.VBox([
            look.make(widgets.HTML, "<b>Weeks you are away</b> (holidays, trips, busy weeks)"
                         + html_text(AWAY_HELP, cls="nk-why")),
            widgets.HBox(list(self.away_boxes.values()),
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.away_status], layout=widgets.Layout(margin="0 0 8px 0"))
        self.later = RowsFirst(page.redraws, "schedule rows", self.redraw,
                               drawing_note("Filling in the rest of your weeks…"),
                               look.make(widgets.HTML))
        self.redraw()
        session.listen(self.redraw, Change.PLAN, Change.SETTINGS, Change.GOAL)
        self.undo = UndoButton(page, self.status)
        self.box = section(self.intro, away, self.timeline_later.busy,
                           self.timeline_later.box.widget, self.week_list,
                           widgets.HBox([self.prev, self.next]), self.status, self.undo.button)

    # ---------------------------------------------------------------- actions

    def _away_ticked(self, monday: date, away: bool) -> None:
        if not self._syncing:
            guarded(self.page, self.away_status, self._set_away)(monday, away)
            self._sync_away()  # a week that could not be saved is put back as it was

    def _set_away(self, monday: date, away: bool) -> str | None:
        if not self.page.session.set_away(monday, away):
            return None
        if away:
            return (f"Saved: you are away the week of {day_month(monday)}. Nothing new "
                    "is planned that week.")
        return f"Saved: the week of {day_month(monday)} is back in your plan."

    def _done(self, row: Row) -> str:
        action = self.page.session.done(row.action_id())
        return f"Done, well done: {action.title}." + (
            " Their last contact is now today." if action.contact_ids else "")

    def _open_editor(self, row: Row) -> str:
        action = self.page.session.action(row.action_id())
        self.editing = action.action_id
        self.edit_title.value, self.edit_date.value = action.title, action.due_on
        self.editor.layout.display = None
        self._place_editor()
        self.edit_title.focus()
        return ("Change the words or the date in the “Change this action” box that "
                "opened with it, then press Save the change.")

    def close_editor(self) -> None:
        self.editing = None
        self.editor.layout.display = "none"
        self._place_editor()

    def _place_editor(self) -> None:
        """The editor sits right under the row it changes (in place, not at the end of the
        section); it leaves the list when closed or when its action is not shown."""
        children = [c for c in self.week_list.children if c is not self.editor]
        if self.editing is not None:
            for row in self.rows:
                if (row.action is not None and row.action.action_id == self.editing
                        and row.box in children):
                    children.insert(children.index(row.box) + 1, self.editor)
                    break
            else:
                self.editing = None
                self.editor.layout.display = "none"
        if tuple(children) != tuple(self.week_list.children):
            self.week_list.children = children

    def _save_edit(self, _button: widgets.Button | None = None) -> str:
        if self.editing is None:
            return "Choose Change on an action first."
        changed = self.page.session.change(self.editing, title=self.edit_title.value,
                                           due_on=self.edit_date.value)
        self.close_editor()
        return f"Saved: {changed.title}, on {day_words(changed.due_on)}."

    # ----------------------------------------------------------------- redraw

    def weeks_to(self, number: int) -> None:
        last = self.page.session.weeks // PLAN_WEEKS_PER_PAGE - 1
        self.week_page = max(0, min(number, last))
        self.redraw()

    def _row(self, index: int) -> Row:
        page = self.page
        while len(self.rows) <= index:
            row = Row([("accept", "Keep", "check"), ("done", "Done", "check-square"),
                       ("skip", "Skip", "times"), ("change", "Change", "pencil")],
                      self.page.look)
            row.buttons["accept"].on_click(lambda _b, r=row: self._act(
                lambda: keep(page, r), r))
            row.buttons["skip"].on_click(lambda _b, r=row: self._act(
                lambda: skip(page, r), r))
            row.buttons["done"].on_click(lambda _b, r=row: self._act(
                lambda: self._done(r), r))
            row.buttons["change"].on_click(
                lambda _b, r=row: guarded(page, self.status, self._open_editor)(r))
            self.rows.append(row)
        return self.rows[index]

    def _act(self, action: Callable[[], str], row: Row) -> None:
        """Keep, skip or done on ``row``; the focus goes on to the next row."""
        guarded(self.page, self.status, action)()
        focus_on_from(self.rows, self.week_list.children, row)

    def _sync_away(self) -> None:
        self._syncing = True
        try:
            for monday, box in self.away_boxes.items():
                box.value = monday in self.page.session.away
        finally:
            self._syncing = False

    def redraw(self, _event: ChangeEvent | None = None) -> None:
        session = self.page.session
        self._sync_away()
        if not session.plan_ready:  # the weeks are planned once the page is built
            self.intro.value, self.week_list.children = MAKING_PLAN, []
            self.prev.disabled = self.next.disabled = True
            return
        later = session.later_count()
        intro = (f"Up to {session.per_week} actions a week, spread over the week, most "
                 "important first" + (", from the time you said you have." if session.goal
                                      else " (set your weekly time in step 1 to change this)."))
        if later:
            intro += (f" {later} more wait for room in later weeks; skipping one lets the next "
                      "move up.")
        self.intro.value = html_text(intro, "p")
        children: list[widgets.Widget] = []
        used = 0
        first = self.week_page * PLAN_WEEKS_PER_PAGE
        mondays = session.mondays()
        weeks = [(n, session.week_of(n)) for n in range(first, first + PLAN_WEEKS_PER_PAGE)]
        room = self.later.take(sum(len(actions) for _, actions in weeks))
        for number, actions in weeks:
            if used >= room and self.later.waiting:  # the later weeks come with the rest
                break
            while len(self._heads) <= number - first:  # a week's heading and its note,
                look = self.page.look  # reused: not new widgets every click
                self._heads.append(look.make(widgets.HTML))
                self._notes.append(look.make(widgets.HTML))
            head = self._heads[number - first]
            monday = mondays[number]
            head.value = self._week_head(number, monday, actions)
            children.append(head)
            note = self._notes[number - first]
            if monday in session.away:
                words = AWAY_BUT_DATED if actions else AWAY_WEEK
                note.value = html_text(words, "p", cls="nk-away")
                children.append(note)
            for action in actions[:room - used]:
                row = self._row(used)
                row.show(action, with_date=True)
                children.append(row.box)
                used += 1
            if not actions and monday not in session.away:
                note.value = html_text("A free week.", "p")
                children.append(note)
        if self.later.waiting:
            children.append(self.later.note)
        self.week_list.children = children
        self._place_editor()
        self.prev.disabled = self.week_page == 0
        self.next.disabled = self.week_page >= session.weeks // PLAN_WEEKS_PER_PAGE - 1
        self.timeline_later()

    @property
    def timeline(self) -> go.FigureWidget | None:
        """The timeline picture (None until it is first drawn)."""
        return self.timeline_later.box.picture

    @property
    def timeline_table(self) -> widgets.HTML | None:
        """The timeline as a table (None until it is first drawn)."""
        return self.timeline_later.box.table

    def _timeline(self) -> go.Figure:
        session = self.page.session
        return charts.timeline_chart(session.plan, session.today, session.weeks)

    def _timeline_key(self) -> tuple[object, ...]:
        """What the timeline is drawn from: each action's date, kind, status and title."""
        session = self.page.session
        return (session.today, session.weeks, *(
            (a.due_on, str(a.kind), a.status.value, a.title) for a in session.plan))

    def _week_head(self, number: int, monday: date, actions: list[Action]) -> str:
        session = self.page.session
        label = "This week" if number == 0 else f"Week of {day_month(monday)}"
        count = ("away" if monday in session.away
                 else f"{len(actions)} of {session.per_week}")
        over = len(actions) > session.per_week
        return (f"<h4 style='margin:12px 0 4px'>{html.escape(label)} "
                f"<span style='font-weight:normal'>({html.escape(count)})</span></h4>"
                + (html_text("More than your weekly capacity, because of dates you "
                             "chose; consider moving one.", cls="nk-why") if over else ""))


__all__ = ["SchedulePart"]
