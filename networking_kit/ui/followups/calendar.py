"""Step 3, section 6 and the summary: the plan as a calendar file, written by the export
module with the privacy choice (the same as ``networking-kit export --out plan.ics``),
and the plan in a few lines, redrawn after every change.

The export module is imported when the file is made, not with the page: it brings the
HTML, PDF and graph writers (jinja2, networkx), about 0.8 s of a 30,000-person page's
Run All that a participant who never presses the button should not wait for."""

from __future__ import annotations

import base64
from pathlib import Path

import ipywidgets as widgets

from networking_kit.export.privacy import NAME_STYLE_QUESTION, NameStyle, Privacy
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.ui._status import html_text
from networking_kit.ui.followups._parts import (
    MAKING_PLAN,
    NO_GOAL,
    Page,
    day_words,
    guarded,
    section,
    week_words,
)
from networking_kit.vocab import ActionKind
from networking_kit.words import and_list, plural

ICS_FILE = "networking-plan.ics"

# The kinds that keep their dates, as the summary counts them ("2 event follow-ups").
DATED_WORDS = {ActionKind.VENUE_VISIT: ("venue visit", "venue visits"),
               ActionKind.EVENT_FOLLOW_UP: ("event follow-up", "event follow-ups"),
               ActionKind.CHECK_IN: ("check-in", "check-ins")}


class CalendarPart:
    """The calendar button, the privacy choice for names, and the download link."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page = page
        self.status = look.make(widgets.HTML)
        self.names = look.make(
            widgets.ToggleButtons,
            options=[(style.label, style.value) for style in NameStyle],
            value=NameStyle.FULL.value, description=NAME_STYLE_QUESTION,
            style={"description_width": "initial", "button_width": "auto"})
        self.button = look.button("Make my calendar file", "calendar", alone=True)
        self.button.on_click(guarded(page, self.status, self._write))
        self.link = look.make(widgets.HTML)
        self.box = section(self.names, self.button, self.link, self.status)

    def path(self) -> Path:
        """Beside the other exports (step 4), owner-only like them."""
        from networking_kit.export.formats import exports_folder

        return exports_folder(self.page.session.workbook) / ICS_FILE

    def _write(self, _button: widgets.Button | None = None) -> str:
        from networking_kit.export.formats import export_to, exports_folder

        session = self.page.session
        session.open_plan()  # the file holds the plan made again, not the one saved before
        path = export_to(session.workbook, exports_folder(session.workbook) / ICS_FILE,
                         Privacy(names=NameStyle(self.names.value)), session.today,
                         remember=False)
        data = path.read_bytes()
        count = data.count(b"BEGIN:VEVENT")
        encoded = base64.b64encode(data).decode("ascii")
        self.link.value = (
            f"<p><a download='{ICS_FILE}' href='data:text/calendar;base64,{encoded}' "
            "style='font-weight:600'>Download networking-plan.ics</a></p><p>To add it: "
            "Google Calendar: Settings, Import &amp; export, Import. Outlook: File, Open "
            "&amp; Export, Import/Export. Apple Calendar: File, Import. Making the file "
            "again later and importing it updates the same events.</p>")
        return f"Saved {count} events to {path}."


class SummaryPart:
    """The plan in a few lines (``card``), as it is saved."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page = page
        self.card = look.make(widgets.HTML)
        self.redraw()
        page.session.listen(self.redraw, Change.PLAN, Change.SETTINGS, Change.GOAL)
        self.box = section(self.card)

    def redraw(self, _event: ChangeEvent | None = None) -> None:
        session = self.page.session
        if not session.plan_ready:  # planned once the page is built
            self.card.value = MAKING_PLAN
            return
        summary = session.summary()
        parts = ["<div class='nk-goal-card'><h3>Your follow-up plan</h3>"]
        goal = session.goal
        if goal is not None and goal.kind is not None:
            parts.append(html_text("Goal: " + goal.statement(), "p"))
        else:
            parts.append(html_text(NO_GOAL, "p"))
        fixed = summary.fixed
        dated = and_list(plural(n, *DATED_WORDS[kind]) for kind, n in summary.by_kind
                         if kind.dated)
        parts.append(html_text(
            f"{summary.follow_ups} follow-ups over the next {session.weeks} weeks, up to "
            f"{session.per_week} a week" + (f", plus {fixed} on fixed dates: {dated}"
                                            if fixed else "") + ":", "p"))
        parts.append("<ul>" + "".join(html_text(f"{kind.label}: {n}", "li")
                                      for kind, n in summary.by_kind) + "</ul>")
        if summary.this_week:
            parts.append("<b>This week</b><ul>" + "".join(
                html_text(f"{day_words(a.due_on)}: {a.title}", "li")
                for a in summary.this_week) + "</ul>")
        if summary.away:
            parts.append(html_text("Weeks you are away: "
                                   + ", ".join(week_words(m) for m in summary.away) + ".", "p"))
        if summary.check_ins:
            parts.append(html_text("Check-ins: " + ", ".join(day_words(d) for d in
                                                             summary.check_ins) + ".", "p"))
        parts.append(html_text(f"Done so far: {summary.done}.", "p") + "</div>")
        self.card.value = "".join(parts)
