"""Step 3, sections 4 and 5: after an event (who you met, and a follow-up with each) and
the log of calls, coffees and messages with its picture. Each form clears once saved, so
a second click cannot save it twice."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.followups import Action, parse_people
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.followups import HOW
from networking_kit.ui.followups._parts import (
    LABELLED,
    LOG_SECTION,
    Debounced,
    Page,
    day_words,
    guarded,
    section,
)
from networking_kit.ui.followups.keep_warm import search
from networking_kit.vocab import Context
from networking_kit.words import and_list, plural, quoted

NOTHING_LOGGED = (f"Nothing logged yet: tick an action done in your weeks, or use "
                  f"“{LOG_SECTION}”.")


class EventPart:
    """The "after an event" form (``box``)."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page, session = page, page.session
        self.status = look.make(widgets.HTML)
        self.venue = look.make(widgets.Combobox, options=self._venues(), ensure_option=False,
                               description="Where", style=LABELLED,
                               placeholder="e.g. the product meet-up",
                               layout=widgets.Layout(width="min(480px, 95%)"))
        self.day = look.make(widgets.DatePicker, value=session.today, description="When",
                             style=LABELLED)
        self.people = look.make(
            widgets.Textarea, description="People you talked to", style=LABELLED,
            placeholder="One a line: name — what you talked about\ne.g. Dana Smith — "
                        "hiring a product designer",
            layout=widgets.Layout(width="min(620px, 95%)", height="120px"))
        self.notes = look.make(
            widgets.Textarea, description="Notes about the event (optional)", style=LABELLED,
            layout=widgets.Layout(width="min(620px, 95%)", height="60px"))
        self.context = look.make(
            widgets.Dropdown, options=[(c.label, c.value) for c in Context],
            value=Context.OTHER.value,
            description="Where you know them from", style=LABELLED,
            layout=widgets.Layout(width="min(480px, 95%)"))
        self.add = look.button("Add them and plan follow-ups", "user-plus", alone=True)
        self.add.on_click(guarded(page, self.status, self._add))
        session.listen(self._goal_changed, Change.GOAL)
        self.box = section(self.venue, self.day, self.people, self.notes, self.context,
                           self.add, self.status)

    def _venues(self) -> list[str]:
        goal = self.page.session.goal
        return [c.display_name for c in goal.commitments] if goal else []

    def _goal_changed(self, _event: ChangeEvent) -> None:
        self.venue.options = self._venues()

    def _add(self, _button: widgets.Button | None = None) -> str:
        people = parse_people(self.people.value)
        if not people:
            return "Type the name of at least one person you talked to, one a line."
        session = self.page.session
        logged = session.log_event(self.venue.value, people, self.day.value or session.today,
                                   self.notes.value, self.context.value)
        self.people.value = self.notes.value = ""  # cleared: a second click adds nobody
        due = min((a.due_on for a in logged.actions if a.due_on), default=None)
        when = f"today, {day_words(due)}" if due == session.today else day_words(due)
        whom = "with them" if len(people) == 1 else "with each of them"
        return (f"{who_was_added(logged.added, logged.already)} Planned to connect "
                f"{whom} by {when}. Mention what you talked about: "
                "it is in your plan and in their notes.")


class LogPart:
    """The log form (``box``) and the picture of the weeks so far (``progress``)."""

    def __init__(self, page: Page) -> None:
        look = page.look
        self.page, session = page, page.session
        self.status = look.make(widgets.HTML)
        self.person = look.make(widgets.Combobox, placeholder="Start typing a name",
                                ensure_option=False, description="Who", style=LABELLED,
                                layout=widgets.Layout(width="min(420px, 95%)"))
        self.person.observe(lambda c: search(page, self.person, c["new"]), names="value")
        self.how = look.make(widgets.ToggleButtons,
                             options=[(label, key) for key, label in HOW.items()],
                             value="call", style={"button_width": "auto"})
        self.day = look.make(widgets.DatePicker, value=session.today, description="When",
                             style=LABELLED)
        self.note = look.make(
            widgets.Textarea, description="What you talked about (optional)", style=LABELLED,
            placeholder="so next time you can pick up where you left off",
            layout=widgets.Layout(width="min(620px, 95%)", height="60px"))
        self.save = look.button("Log it", "check", alone=True)
        self.save.on_click(guarded(page, self.status, self._log))
        self.progress_later = Debounced(page, "progress", self._figure, self._progress_key)
        session.listen(self.progress_later, Change.LOG)
        self.box = section(self.person, self.how, self.day, self.note, self.save,
                           self.status, self.progress_later.busy,
                           self.progress_later.box.widget)

    @property
    def progress(self) -> go.FigureWidget | None:
        """The picture of the weeks so far (None until it is first drawn)."""
        return self.progress_later.box.picture

    @property
    def progress_table(self) -> widgets.HTML | None:
        """The picture as a table (None until it is first drawn)."""
        return self.progress_later.box.table

    def _log(self, _button: widgets.Button | None = None) -> str:
        session = self.page.session
        contact_id, name = session.find_person(self.person.value)
        completed = session.log_call(contact_id, self.day.value or session.today,
                                     self.how.value, self.note.value)
        self.person.value = self.note.value = ""  # cleared: a second click logs nothing
        self.day.value = session.today
        status = session.keep_warm_of(contact_id)
        said = f"Logged. {name} is now {status.value}." if status else "Logged."
        return " ".join((said, ticked_off(completed))).strip()

    def _figure(self) -> go.Figure:
        """The weeks so far; its empty-chart note names the form rather than saying where it
        is, because the page can lay the form out above or beside the chart."""
        session = self.page.session
        return charts.progress_chart(session.interactions, session.today, session.weeks,
                                     empty_note=NOTHING_LOGGED)

    def _progress_key(self) -> tuple[object, ...]:
        """What the picture is drawn from: the day of each logged contact."""
        session = self.page.session
        return (session.today, session.weeks,
                *(str(r.get("happened_on")) for r in session.interactions))


def who_was_added(new: int, already: list[str]) -> str:
    """"Added 2 new people; Dana Smith was already in your map." in plain words."""
    parts = []
    if new:
        parts.append(f"Added {plural(new, 'new person', 'new people')} to your map.")
    if already:
        verb = "was" if len(already) == 1 else "were"
        parts.append(f"{and_list(already)} {verb} already in your map, so their notes were "
                     "added to.")
    return " ".join(parts)


def ticked_off(completed: list[Action]) -> str:
    """What a logged call did to the plan, in words: its planned touch leaves the list of
    weeks as done, which a participant should hear rather than see a row vanish."""
    if not completed:
        return ""
    if len(completed) == 1:
        return f"It also ticks off {quoted(completed[0].title)} in your plan."
    touches = plural(len(completed), "planned touch", "planned touches")
    return f"It also ticks off {touches} with them."
