"""Step 3's "Check in": what changed since the plan was made, each change named, with one
small chart; "Check in now" saves today's snapshot (``steps.checkin.CheckInSession``).

Working out the changes reads the whole map, so it runs once the page is built (from step
3's memory: "Working out what changed…" meanwhile), on the button (from the file), and
once a burst of changes to what it counts (the plan, the log, the people, the goal) has
ended, on the page's debounced redraws, not on every click.
"""

from __future__ import annotations

import ipywidgets as widgets

from networking_kit.charts_checkin import checkin_chart
from networking_kit.checkins import CheckInChanges
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.checkin import CheckInSession
from networking_kit.ui._status import html_text
from networking_kit.ui.chart_table import PictureBox, drawing_note
from networking_kit.ui.followups._parts import Page, guarded, section

NO_PLAN_YET = ("There is nothing to compare yet: your plan's first day is the 'before'. "
               "Come back at a check-in to see what changed.")


class CheckInPart:
    """``changes_list`` (the sentences), ``chart_box`` (the picture), ``check_in_button``."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page = page
        session = page.session
        self.checkins = CheckInSession(session.workbook, session.today,
                                       current=session.snapshot, names=session.names)
        self.changes_list = look.make(widgets.HTML)
        self.chart = PictureBox()
        self.chart_box = self.chart.widget
        self.status = look.make(widgets.HTML)
        self.check_in_button = look.button("Check in now", "check", alone=True)
        self.check_in_button.on_click(guarded(page, self.status, self._check_in))
        self.box = section(self.changes_list, self.chart_box, self.check_in_button,
                           self.status)
        page.redraws.after_page("check-in", self._show_now, busy=self._show_working)
        session.listen(self._follow, Change.PLAN, Change.LOG, Change.CONTACTS, Change.GOAL)

    def _show_now(self) -> None:
        self.show(self.checkins.changes())

    def _follow(self, _event: ChangeEvent) -> None:
        """Something it counts changed: draw again once the burst of clicks ends (the
        sentences stay until then; a done action moves "Done: 2 of 11" to 3)."""
        self.page.redraws.request("check-in", self._show_now)

    def _show_working(self) -> None:
        self.changes_list.value = drawing_note("Working out what changed since your plan…")

    def _check_in(self, _button: widgets.Button | None = None) -> str:
        self.page.session.open_plan()  # the plan made (and its first snapshot) comes first
        changes = self.checkins.check_in()
        self.show(changes)
        return "" if changes is None else (
            f"Saved as {changes.after.label}; your plan and backup keep it.")

    def show(self, changes: CheckInChanges | None) -> None:
        if changes is None:
            self.changes_list.value = html_text(NO_PLAN_YET, "p")
            self.chart.clear()
            return
        self.changes_list.value = "<ul class='nk-checkin'>" + "".join(
            html_text(s, "li") for s in changes.sentences()) + "</ul>"
        before, after = (self.checkins.layers(changes.before),
                         self.checkins.layers(changes.after))
        self.chart.draw(lambda: checkin_chart(before, after))
