"""The forms of ``03_plan_your_follow_ups``: keep-warm rhythms, suggestions, the 12-week
schedule, after an event, the interaction log, the calendar file and the summary.

:class:`FollowupWorkbook` opens step 3's session (``steps.undo.UndoableFollowups``: the
step's session, with undo) and builds each section when its notebook cell asks for it.
Sections only bind widgets to the session's methods and redraw from it when it announces a
change, so every section shown follows every click; reopening the notebook shows the plan
exactly as saved. Each section is its own module here (``keep_warm``, ``suggestions``,
``schedule``, ``event_log``, ``calendar``).

The lists and sentences redraw in the same click; the pictures (plotly figures, slow to
build whatever their size) are first drawn once the page's cells have run, then redrawn
in place ``settings.REDRAW_DEBOUNCE_MS`` after the last change that alters what they show,
with "Updating the picture…" shown meanwhile (``_parts.Debounced``, on the page's
``ui.redraw.Redraws``). What reads the whole map waits for the page the same way, first in
line: the plan made again from it (the suggestions, the weeks and the summary say
"Making your plan from your map…" until then; a click before it makes it first) and who
is due. The page's widgets share their style models (``_parts.PageLook``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as widgets

from networking_kit.steps._session import ChangeEvent, workbook_or_default
from networking_kit.steps.undo import UndoableFollowups
from networking_kit.ui.followups._parts import PageLook
from networking_kit.ui.followups.calendar import CalendarPart, SummaryPart
from networking_kit.ui.followups.checkin import CheckInPart
from networking_kit.ui.followups.event_log import EventPart, LogPart
from networking_kit.ui.followups.keep_warm import KeepWarmPart
from networking_kit.ui.followups.schedule import SchedulePart
from networking_kit.ui.followups.suggestions import SuggestionsPart
from networking_kit.ui.redraw import Redraws, follow_other_windows, keep_contacts_cache

if TYPE_CHECKING:
    from networking_kit.store import Workbook

_P = TypeVar("_P")


class FollowupWorkbook:
    """Step 3, backed by the workbook file. Each section method returns one section's form
    (built once); its parts are then ``rhythms``, ``suggestion_list``, ``weeks``,
    ``event_form``, ``log_form``, ``calendar_form``, ``check_in_part`` and ``summary_card``."""

    def __init__(self, workbook: Workbook, today: date | None = None):
        # The session reads the data now and plans again from the map once the page is
        # built (about 0.5 s at 30,000 contacts; at once where no event loop runs): the
        # sections showing the plan say "Making your plan…" until then.
        self.session = UndoableFollowups(workbook, today, plan_later=True)
        self.last_error: BaseException | None = self.session.last_error
        # The pictures' redraws (at once where no event loop runs); a picture that fails
        # to draw is kept here, not shown as a traceback.
        self.redraws = Redraws(at_once=True, on_error=self._keep)
        self.redraws.after_page("plan", self._open_plan)
        self.look = PageLook()  # the style models its widgets share
        self._notes: list[str] = []
        self.session.listen(self._heard)
        follow_other_windows(self.session)  # step 2 in another tab: this page follows
        keep_contacts_cache(self.redraws, self.session)
        self.rhythms: KeepWarmPart | None = None
        self.suggestion_list: SuggestionsPart | None = None
        self.weeks: SchedulePart | None = None
        self.event_form: EventPart | None = None
        self.log_form: LogPart | None = None
        self.calendar_form: CalendarPart | None = None
        self.summary_card: SummaryPart | None = None
        self.check_in_part: CheckInPart | None = None

    def _open_plan(self) -> None:
        self.session.open_plan()
        self.last_error = self.session.last_error or self.last_error

    def _keep(self, error: BaseException) -> None:
        self.last_error = error

    def flush_redraws(self) -> None:
        """Draw now whatever waits (a benchmark; the timer does it live)."""
        self.redraws.flush()

    def _heard(self, event: ChangeEvent) -> None:
        if event.note:
            self._notes.append(event.note)
        if not self.session.plan_ready:  # another window changed the map: plan again
            self.redraws.request("plan", self._open_plan)

    def take_note(self) -> str:
        """What the session had to tell the participant during the last click (the page
        was out of date and has been brought up to date), once."""
        note = " ".join(dict.fromkeys(self._notes))
        self._notes.clear()
        return note

    # ------------------------------------------------------------------ sections

    def keep_warm(self) -> widgets.VBox:
        """The rhythm per closeness (and per person), who is due, and the picture."""
        self.rhythms = self._part(self.rhythms, KeepWarmPart)
        return self.rhythms.box

    def suggestions(self) -> widgets.VBox:
        """Give-first and goal actions, each with why, to keep or skip."""
        self.suggestion_list = self._part(self.suggestion_list, SuggestionsPart)
        return self.suggestion_list.box

    def schedule(self) -> widgets.VBox:
        """The coming weeks, week by week, with done, skip and change on every action."""
        self.weeks = self._part(self.weeks, SchedulePart)
        return self.weeks.box

    def after_an_event(self) -> widgets.VBox:
        """Who you met and what you talked about, turned into follow-ups within two days."""
        self.event_form = self._part(self.event_form, EventPart)
        return self.event_form.box

    def log(self) -> widgets.VBox:
        """Log a call, coffee or message; the picture shows your weeks so far."""
        self.log_form = self._part(self.log_form, LogPart)
        return self.log_form.box

    def calendar(self) -> widgets.VBox:
        """The plan as a calendar file to import into Google, Outlook or Apple Calendar."""
        self.calendar_form = self._part(self.calendar_form, CalendarPart)
        return self.calendar_form.box

    def check_in(self) -> widgets.VBox:
        """What changed since the plan was made, with one small chart; check in now."""
        self.check_in_part = self._part(self.check_in_part, CheckInPart)
        return self.check_in_part.box

    def summary(self) -> widgets.VBox:
        """The plan in a few lines."""
        self.summary_card = self._part(self.summary_card, SummaryPart)
        return self.summary_card.box

    def _part(self, built: _P | None, make: Callable[[Any], _P]) -> _P:
        self.redraws.postpone()  # the page's next cell comes before the pictures
        return built if built is not None else make(self)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(widgets.VBox([self.keep_warm(), self.suggestions(), self.schedule(),
                              self.after_an_event(), self.log(), self.calendar(),
                              self.check_in(), self.summary()]))


def followup_workbook(workbook: Workbook | None = None,
                      today: date | None = None) -> FollowupWorkbook:
    """Step 3 for the participant's workbook file (the default one if None)."""
    return FollowupWorkbook(workbook_or_default(workbook), today)


__all__ = ["FollowupWorkbook", "followup_workbook"]
