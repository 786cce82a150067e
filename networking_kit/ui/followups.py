"""The forms of ``03_plan_your_follow_ups``: keep-warm rhythms, suggestions, the 12-week
schedule, after an event, the interaction log and the calendar file.

One :class:`FollowupWorkbook` holds the plan (``followups.Action`` list) as saved in the
workbook file and builds each section when its notebook cell asks for it. Every click is
saved at once and the plan is made again around it, keeping every decision the
participant made; reopening the notebook shows the plan exactly as saved.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.contacts import Context, TieStrength, normalise_key
from networking_kit.dates import day_month, short_day_month, weekday_day_month
from networking_kit.export.formats import exports_folder, write_private
from networking_kit.export.ics import schedule_to_ics
from networking_kit.followups import (
    GIVE_FIRST,
    KINDS,
    Action,
    Cadence,
    cadence_words,
    contacts_named,
    keep_warm_status,
    load_cadences,
    load_weeks_away,
    log_event,
    make_plan,
    mark_done,
    parse_people,
    people_by_name,
    save_cadences,
    save_weeks_away,
    update_action,
    week_start,
    weekly_capacity,
)
from networking_kit.goals import Goal
from networking_kit.network import plural
from networking_kit.steps.goal import load_goal
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui._status import html_text, say
from networking_kit.words import and_list

WEEKS = 12
WEEKS_PER_PAGE = 4
SUGGESTIONS_PER_PAGE = 12
STATUS_ROWS = 20
PICKER_MATCHES = 20  # a search box shows this many names, never a 30,000-item list
ICS_FILE = "networking-plan.ics"
INTERVALS: tuple[tuple[str, int], ...] = (
    ("1 week", 7), ("2 weeks", 14), ("3 weeks", 21), ("4 weeks", 28), ("1 month", 30),
    ("6 weeks", 42), ("2 months", 60), ("3 months", 91), ("4 months", 120),
    ("6 months", 182), ("9 months", 273), ("1 year", 365), ("2 years", 730),
)
HOW = (("Call", "call"), ("Coffee or meal", "coffee"), ("Message or e-mail", "message"),
       ("Meeting", "meeting"))
_LABELLED = {"description_width": "initial"}
_SORRY = ("Sorry, that could not be saved. Your plan as it was is safe; try again, or "
          "reload the page.")
_NO_GOAL = ("You have not set a goal yet, so this plan keeps your relationships warm and "
            "gives first. Set one in step 1 (01_set_your_goal) and your venue visits and "
            "introductions to ask for will appear here too.")
_AWAY_HELP = ("Tick a week and nothing new is planned in it; a check-in that falls in it "
              "moves to the Monday you are back.")
_AWAY_WEEK = "You are away this week."
_AWAY_BUT_DATED = ("You are away this week. The dates below were fixed earlier: change or "
                   "skip any you will miss.")
_LOG_SECTION = "Log a call, a coffee or a message"
_EVENT_SECTION = "After an event"
_NOTHING_LOGGED = (f"Nothing logged yet: tick an action done in your weeks, or use "
                   f"“{_LOG_SECTION}”.")
_STATUS_WORDS = {"planned": "suggested", "accepted": "kept", "skipped": "skipped",
                 "done": "done"}


def _section(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children), layout=widgets.Layout(padding="6px 0"))


def _button(label: str, icon: str = "", alone: bool = False) -> widgets.Button:
    """A button as wide as its words; ``alone`` keeps it from stretching across a section."""
    layout = widgets.Layout(width="auto", align_self="flex-start" if alone else None)
    return widgets.Button(description=label, icon=icon, layout=layout)


def _day(value: date | None) -> str:
    return "no date yet" if value is None else weekday_day_month(value)


def _week_words(monday: date) -> str:
    """"w/c 21 Dec": short enough for a row of twelve checkboxes."""
    return "w/c " + short_day_month(monday)


def _interval_options(*extra: int) -> list[tuple[str, int]]:
    options = list(INTERVALS)
    known = {days for _, days in options}
    for days in extra:
        if days not in known:
            options.append((f"{days} days", days))
            known.add(days)
    return sorted(options, key=lambda o: o[1])


class _Row:
    """One action in a list: its words and the buttons that change it, reused page to page."""

    def __init__(self, buttons: list[tuple[str, str, str]]):
        self.text = widgets.HTML(layout=widgets.Layout(flex="1 1 420px"))
        self.buttons = {key: _button(label, icon) for key, label, icon in buttons}
        self.action: Action | None = None
        self.box = widgets.HBox([self.text, *self.buttons.values()], layout=widgets.Layout(
            border_bottom="1px solid #e5e5e5", padding="4px 0", align_items="center",
            flex_flow="row wrap"))

    def show(self, action: Action, with_date: bool) -> None:
        self.action = action
        when = f"<b>{html.escape(_day(action.due_on))}</b> · " if with_date else ""
        state = _STATUS_WORDS.get(action.status, action.status)
        self.text.value = (
            f"<div>{when}<span style='color:#555'>{html.escape(action.kind_label)}</span>"
            f" · <i>{html.escape(state)}</i><br><b>{html.escape(action.title)}</b>"
            f"<br><span class='nk-why' style='color:#444'>{html.escape(action.why)}</span>"
            "</div>")
        for key, button in self.buttons.items():
            hidden = ((key == "accept" and action.status in ("accepted", "done"))
                      or (key in ("done", "change") and action.status in ("done", "skipped"))
                      or (key == "skip" and action.status in ("skipped", "done")))
            button.layout.display = "none" if hidden else None
        if "accept" in self.buttons:
            self.buttons["accept"].description = ("Put back" if action.status == "skipped"
                                                  else "Keep")


class FollowupWorkbook:
    """Step 3, backed by the workbook file. Each method returns one section's form."""

    def __init__(self, workbook: Workbook, today: date | None = None):
        self.workbook = workbook
        self.today = today or date.today()
        self.last_error: BaseException | None = None
        self.note = ""
        try:
            self.goal: Goal | None = load_goal(workbook)
        except ValueError as error:
            self.goal, self.last_error = None, error
            self.note = ("Your saved goal was written by a newer version of this toolkit, so "
                         "this plan leaves it out. Ask your facilitator to update it.")
        self.per_week = weekly_capacity(self.goal)
        self.cadences = load_cadences(workbook)
        self.away = load_weeks_away(workbook)
        self.contacts = workbook.load_contacts()
        self.plan: list[Action] = []
        try:
            self.plan = make_plan(workbook, self.today, self.goal, WEEKS)
        except Exception as error:  # the page must still open: show the sentence instead
            self.last_error = error
            self.note = _SORRY
        self._sections: dict[str, widgets.Widget] = {}
        self._labels: dict[str, str] | None = None

    # ------------------------------------------------------------------ sections

    def keep_warm(self) -> widgets.VBox:
        """The rhythm per closeness (and per person), who is due, and the picture."""
        return self._section("keep_warm", self._build_keep_warm)

    def suggestions(self) -> widgets.VBox:
        """Give-first and goal actions, each with why, to keep or skip."""
        return self._section("suggestions", self._build_suggestions)

    def schedule(self) -> widgets.VBox:
        """The coming weeks, week by week, with done, skip and change on every action."""
        return self._section("schedule", self._build_schedule)

    def after_an_event(self) -> widgets.VBox:
        """Who you met and what you talked about, turned into follow-ups within two days."""
        return self._section("event", self._build_event)

    def log(self) -> widgets.VBox:
        """Log a call, coffee or message; the picture shows your weeks so far."""
        return self._section("log", self._build_log)

    def calendar(self) -> widgets.VBox:
        """The plan as a calendar file to import into Google, Outlook or Apple Calendar."""
        return self._section("calendar", self._build_calendar)

    def summary(self) -> widgets.VBox:
        """The plan in a few lines."""
        return self._section("summary", self._build_summary)

    def _section(self, key: str, build: Callable[[], widgets.Widget]) -> widgets.Widget:
        if key not in self._sections:
            self._sections[key] = build()
        return self._sections[key]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(widgets.VBox([self.keep_warm(), self.suggestions(), self.schedule(),
                              self.after_an_event(), self.log(), self.calendar(),
                              self.summary()]))

    # ------------------------------------------------------------------ plumbing

    def _guard(self, status: widgets.HTML,
               action: Callable[..., str | None]) -> Callable[..., None]:
        """A widget callback whose sentence goes to ``status``; a failure becomes one plain
        sentence, never a traceback, and is kept on ``last_error`` for a facilitator."""

        def run(*args: Any) -> None:
            try:
                sentence = action(*args)
            except ValueError as error:
                self.last_error = error
                say(status, str(error), error=True)
                return
            except Exception as error:
                self.last_error = error
                say(status, _SORRY, error=True)
                return
            if sentence:
                say(status, sentence)

        return run

    def _replan(self, contacts_changed: bool = False) -> None:
        """Make the plan again around what changed, then bring every shown section up to date."""
        if contacts_changed:
            self.contacts = self.workbook.load_contacts()
            self._labels = None
        self.plan = make_plan(self.workbook, self.today, self.goal, WEEKS)
        self._refresh()

    def _refresh(self) -> None:
        if "keep_warm" in self._sections:
            self._show_status()
        if "suggestions" in self._sections:
            self._show_suggestions()
        if "schedule" in self._sections:
            self._show_schedule()
        if "log" in self._sections:
            self._show_progress()
        if "summary" in self._sections:
            self._show_summary()

    def _set(self, action: Action, **changes: Any) -> Action:
        changed = update_action(self.workbook, action, **changes)
        self.plan = [changed if a.action_id == action.action_id else a for a in self.plan]
        return changed

    def _status_frame(self) -> pd.DataFrame:
        return keep_warm_status(self.contacts, self.today, self.cadences)

    # --------------------------------------------------------------- keep warm

    def _build_keep_warm(self) -> widgets.VBox:
        self._keep_status = widgets.HTML()
        rows = [widgets.HTML("<b>How often to be in touch, by closeness</b> (counted from "
                             "the last time you were in touch)")]
        self.rhythm: dict[str, tuple[widgets.Dropdown, widgets.Dropdown]] = {}
        for strength in TieStrength:
            cadence = self.cadences.layers[strength.value]
            ideal = widgets.Dropdown(options=_interval_options(cadence.ideal_days),
                                     value=cadence.ideal_days, description="every",
                                     layout=widgets.Layout(width="200px"))
            most = widgets.Dropdown(options=_interval_options(cadence.max_days),
                                    value=cadence.max_days, description="at most",
                                    layout=widgets.Layout(width="210px"))
            for control in (ideal, most):
                control.observe(lambda _c, s=strength.value: self._guard(
                    self._keep_status, self._set_layer)(s), names="value")
            self.rhythm[strength.value] = (ideal, most)
            rows.append(widgets.HBox([
                widgets.HTML(html_text(strength.short_label),
                             layout=widgets.Layout(width="150px")), ideal, most],
                layout=widgets.Layout(flex_flow="row wrap")))
        self.person = widgets.Combobox(placeholder="Start typing a name", ensure_option=False,
                                       description="One person", style=_LABELLED,
                                       layout=widgets.Layout(width="340px"))
        self.person.observe(lambda c: self._search(self.person, c["new"]), names="value")
        self.person_ideal = widgets.Dropdown(options=_interval_options(), value=30,
                                             description="every",
                                             layout=widgets.Layout(width="200px"))
        self.person_most = widgets.Dropdown(options=_interval_options(), value=60,
                                            description="at most",
                                            layout=widgets.Layout(width="210px"))
        self.person_set = _button("Use this rhythm for them", "check")
        self.person_clear = _button("Back to their layer's rhythm", "undo")
        self.person_set.on_click(self._guard(self._keep_status, self._set_person))
        self.person_clear.on_click(self._guard(self._keep_status, self._clear_person))
        self.status_filter = widgets.ToggleButtons(
            options=[("Overdue", "overdue"), ("Due", "due"), ("On track", "on track"),
                     ("No date", "no date")], value="overdue", style={"button_width": "auto"})
        self.status_filter.observe(lambda _c: self._show_status(), names="value")
        self.status_list = widgets.HTML()
        self.keep_chart = go.FigureWidget(charts.keep_warm_chart(self._status_frame()))
        self._show_status()
        return _section(
            *rows,
            widgets.HTML("<b>A different rhythm for one person</b>"),
            widgets.HBox([self.person, self.person_ideal, self.person_most],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.person_set, self.person_clear]), self._keep_status,
            widgets.HTML("<b>Who is due</b>"), self.status_filter, self.status_list,
            self.keep_chart)

    def _set_layer(self, strength: str) -> str:
        ideal, most = (int(w.value) for w in self.rhythm[strength])
        if most < ideal:
            raise ValueError("The longest gap must be at least as long as the usual rhythm; "
                             "choose a longer 'at most'.")
        self.cadences.layers[strength] = Cadence(ideal, most)
        save_cadences(self.workbook, self.cadences)
        self._replan()
        return (f"Saved: {strength} contacts every {cadence_words(ideal)}, at most "
                f"{cadence_words(most)}. Your plan has been updated.")

    def _picked(self, box: widgets.Combobox) -> str | None:
        return self._people().get(box.value)

    def _who(self, box: widgets.Combobox) -> tuple[str, str]:
        """The person a search box names, and their name: a pick from the list, or a name
        typed in full that fits exactly one person. Otherwise one sentence saying why not,
        as a ``ValueError`` the form shows."""
        contact_id = self._picked(box)
        typed = " ".join(box.value.split())
        if contact_id is None:
            if not typed:
                raise ValueError("Type a name and pick the person from the list first.")
            found = contacts_named(self.contacts, typed)
            if len(found) > 1:
                raise ValueError(f"There are {len(found)} people called {typed} in your map; "
                                 "pick the one you mean from the list.")
            if not found:
                raise ValueError(
                    f"Nobody called {typed} is in your map yet. Add them in step 2 "
                    f"(02_map_your_network), or in “{_EVENT_SECTION}” if you met them at "
                    "one.")
            contact_id = found[0]
        names = self.contacts.loc[self.contacts["contact_id"] == contact_id, "name"]
        return contact_id, str(names.iloc[0]) if len(names) else typed

    def _set_person(self, _button: widgets.Button | None = None) -> str:
        contact_id, name = self._who(self.person)
        ideal, most = int(self.person_ideal.value), int(self.person_most.value)
        if most < ideal:
            raise ValueError("The longest gap must be at least as long as the usual rhythm.")
        self.cadences.people[contact_id] = Cadence(ideal, most)
        save_cadences(self.workbook, self.cadences)
        self._replan()
        return f"Saved: {name} every {cadence_words(ideal)}."

    def _clear_person(self, _button: widgets.Button | None = None) -> str:
        contact_id, name = self._who(self.person)
        if contact_id not in self.cadences.people:
            return f"{name} already follows their layer's rhythm."
        del self.cadences.people[contact_id]
        save_cadences(self.workbook, self.cadences)
        self._replan()
        return f"{name} is back on their layer's rhythm."

    def _show_status(self) -> None:
        frame = self._status_frame()
        chosen = frame[frame["status"] == self.status_filter.value].copy()
        chosen["_over"] = (chosen["days_since"] - chosen["ideal_days"]).astype("float")
        chosen["_layer"] = chosen["strength"].map(
            {s.value: i for i, s in enumerate(TieStrength)}).fillna(len(TieStrength))
        chosen = chosen.sort_values(["_layer", "_over", "name"], ascending=[True, False, True])
        lines = []
        for row in chosen.head(STATUS_ROWS).to_dict("records"):
            since = ("never recorded" if pd.isna(row["days_since"])
                     else f"{int(row['days_since'])} days ago")
            cells = (row["name"], row["strength"], since,
                     "every " + cadence_words(int(row["ideal_days"])))
            lines.append("<tr>" + "".join(f"<td style='padding:2px 14px 2px 0'>"
                                          f"{html.escape(str(c))}</td>" for c in cells)
                         + "</tr>")
        counts = frame["status"].value_counts()
        summary = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in
                            ("on track", "due", "overdue", "no date"))
        more = (f"<div>… and {len(chosen) - STATUS_ROWS} more.</div>"
                if len(chosen) > STATUS_ROWS else "")
        head = "".join(f"<th style='text-align:left;padding-right:14px'>{h}</th>" for h in
                       ("Name", "Closeness", "Last in touch", "Rhythm"))
        table = (f"<table class='nk-table'><tr>{head}</tr>" + "".join(lines) + "</table>"
                 if lines else html_text("Nobody here.", "p"))
        self.status_list.value = (html_text(f"Of your sorted contacts: {summary}.", "p")
                                  + table + more)
        figure = charts.keep_warm_chart(frame)
        with self.keep_chart.batch_update():
            for trace, fresh in zip(self.keep_chart.data, figure.data, strict=True):
                trace.x, trace.text = fresh.x, fresh.text

    # ------------------------------------------------------------- suggestions

    def _build_suggestions(self) -> widgets.VBox:
        self._suggest_status = widgets.HTML()
        self.suggest_intro = widgets.HTML()
        self.suggest_filter = widgets.ToggleButtons(
            options=[("Give first", "give"), ("Your goal", "goal"),
                     ("Keep in touch", "keep"), ("Skipped", "skipped")],
            value="give", style={"button_width": "auto"})
        self.suggest_filter.observe(lambda _c: self._page_to(0), names="value")
        self._suggest_rows = [_Row([("accept", "Keep", "check"), ("skip", "Skip", "times")])
                              for _ in range(SUGGESTIONS_PER_PAGE)]
        for row in self._suggest_rows:
            row.buttons["accept"].on_click(lambda _b, r=row: self._guard(
                self._suggest_status, self._accept)(r))
            row.buttons["skip"].on_click(lambda _b, r=row: self._guard(
                self._suggest_status, self._skip)(r))
        self.suggest_list = widgets.VBox()
        self._suggest_page = 0
        self.suggest_prev, self.suggest_next = _button("Previous", "arrow-left"), _button(
            "Next", "arrow-right")
        self.suggest_prev.on_click(lambda _b: self._page_to(self._suggest_page - 1))
        self.suggest_next.on_click(lambda _b: self._page_to(self._suggest_page + 1))
        self.suggest_page_label = widgets.HTML()
        self._show_suggestions()
        if self.note:
            say(self._suggest_status, self.note, error=self.note == _SORRY)
        return _section(self.suggest_intro, self.suggest_filter, self.suggest_list,
                        widgets.HBox([self.suggest_prev, self.suggest_page_label,
                                      self.suggest_next]), self._suggest_status)

    def suggested(self, group: str) -> list[Action]:
        """The actions shown under one filter of the suggestions list."""
        goal_kinds = ("venue_visit", "ask_introduction", "profile_task", "event_follow_up")
        shown = [a for a in self.plan if a.kind != "check_in" and a.status != "done"]
        if group == "skipped":
            return [a for a in shown if a.status == "skipped"]
        shown = [a for a in shown if a.status != "skipped"]
        if group == "give":
            return [a for a in shown if a.kind in GIVE_FIRST]
        if group == "goal":
            return [a for a in shown if a.kind in goal_kinds]
        return [a for a in shown if a.kind == "keep_warm"]

    def _page_to(self, page: int) -> None:
        self._suggest_page = page
        self._show_suggestions()

    def _show_suggestions(self) -> None:
        intro = [] if self.goal is not None else [_NO_GOAL]
        give = sum(1 for a in self.plan if a.kind in GIVE_FIRST and a.status != "skipped")
        intro.append(f"{give} ways to give first, and what your goal asks for. Each says why. "
                     "Keep the ones that feel right and skip the rest; skipped ones make room "
                     "for others in your weeks.")
        self.suggest_intro.value = "".join(html_text(s, "p") for s in intro)
        actions = self.suggested(self.suggest_filter.value)
        pages = max(1, -(-len(actions) // SUGGESTIONS_PER_PAGE))
        self._suggest_page = max(0, min(self._suggest_page, pages - 1))
        start = self._suggest_page * SUGGESTIONS_PER_PAGE
        shown = actions[start:start + SUGGESTIONS_PER_PAGE]
        for row, action in zip(self._suggest_rows, shown, strict=False):
            row.show(action, with_date=True)
        boxes = [r.box for r in self._suggest_rows[:len(shown)]]
        self.suggest_list.children = boxes or [widgets.HTML(html_text("Nothing here yet.", "p"))]
        self.suggest_page_label.value = html_text(f"page {self._suggest_page + 1} of {pages}")
        self.suggest_prev.disabled = self._suggest_page == 0
        self.suggest_next.disabled = self._suggest_page >= pages - 1

    def _accept(self, row: _Row) -> str:
        action = self._current(row)
        was_skipped = action.status == "skipped"
        self._set(action, status="accepted")
        self._replan()
        return (f"Put back: {action.title}." if was_skipped else
                f"Kept: {action.title}. It stays on {_day(action.due_on)} unless you move it.")

    def _skip(self, row: _Row) -> str:
        action = self._current(row)
        self._set(action, status="skipped")
        self._replan()
        return f"Skipped: {action.title}. Something else can take its place."

    def _current(self, row: _Row) -> Action:
        if row.action is None:
            raise ValueError("That row is empty; choose an action in the list.")
        for action in self.plan:
            if action.action_id == row.action.action_id:
                return action
        raise ValueError("That action is no longer in your plan; the list has been updated.")

    # ------------------------------------------------------------------ schedule

    def _build_schedule(self) -> widgets.VBox:
        self._schedule_status = widgets.HTML()
        self.schedule_intro = widgets.HTML()
        self._weeks_page = 0
        self._schedule_rows: list[_Row] = []
        self._week_heads: list[widgets.HTML] = []
        self.week_list = widgets.VBox()
        self.weeks_prev, self.weeks_next = _button("Earlier weeks", "arrow-left"), _button(
            "Later weeks", "arrow-right")
        self.weeks_prev.on_click(lambda _b: self._weeks_to(self._weeks_page - 1))
        self.weeks_next.on_click(lambda _b: self._weeks_to(self._weeks_page + 1))
        self.edit_title = widgets.Text(description="What to do", style=_LABELLED,
                                       layout=widgets.Layout(width="min(620px, 95%)"))
        self.edit_date = widgets.DatePicker(description="When", style=_LABELLED)
        self.edit_save, self.edit_cancel = _button("Save the change", "check"), _button(
            "Cancel")
        self.edit_save.on_click(self._guard(self._schedule_status, self._save_edit))
        self.edit_cancel.on_click(lambda _b: self._close_editor())
        self._editing: Action | None = None
        self.editor = widgets.VBox(
            [widgets.HTML("<b>Change this action</b>"), self.edit_title, self.edit_date,
             widgets.HBox([self.edit_save, self.edit_cancel])],
            layout=widgets.Layout(border="1px solid #ccc", padding="8px", display="none"))
        self.timeline = go.FigureWidget(charts.timeline_chart(self.plan, self.today, WEEKS))
        away = self._build_away()
        self._show_schedule()
        return _section(self.schedule_intro, away, self.timeline, self.week_list,
                        widgets.HBox([self.weeks_prev, self.weeks_next]), self.editor,
                        self._schedule_status)

    def _build_away(self) -> widgets.VBox:
        """One checkbox per week of the plan: plain checkboxes work the same in Voila."""
        self._away_status = widgets.HTML()
        self.away_boxes: dict[date, widgets.Checkbox] = {}
        for monday in self._mondays():
            box = widgets.Checkbox(value=monday in self.away, description=_week_words(monday),
                                   indent=False, layout=widgets.Layout(width="auto",
                                                                       margin="0 14px 0 0"))
            box.observe(lambda change, m=monday: self._guard(
                self._away_status, self._set_away)(m, change["new"]), names="value")
            self.away_boxes[monday] = box
        return widgets.VBox([
            widgets.HTML("<b>Weeks you are away</b> (holidays, trips, busy weeks)"
                         + html_text(_AWAY_HELP, cls="nk-why")),
            widgets.HBox(list(self.away_boxes.values()),
                         layout=widgets.Layout(flex_flow="row wrap")),
            self._away_status], layout=widgets.Layout(margin="0 0 8px 0"))

    def _mondays(self) -> list[date]:
        first = week_start(self.today)
        return [first + timedelta(weeks=n) for n in range(WEEKS)]

    def _set_away(self, monday: date, away: bool) -> str | None:
        """Save one ticked or unticked week and plan again around it."""
        if away == (monday in self.away):
            return None  # the box was only put back in line with what is saved
        weeks = self.away | {monday} if away else self.away - {monday}
        try:
            save_weeks_away(self.workbook, weeks)
        except Exception:
            self.away_boxes[monday].value = monday in self.away
            raise
        self.away = load_weeks_away(self.workbook)
        self._replan()
        if away:
            return (f"Saved: you are away the week of {day_month(monday)}. Nothing new "
                    "is planned that week.")
        return f"Saved: the week of {day_month(monday)} is back in your plan."

    def week_of(self, number: int) -> list[Action]:
        """The actions in week ``number`` (0 is this week), skipped ones left out."""
        start = week_start(self.today) + pd.Timedelta(weeks=number)
        end = start + pd.Timedelta(weeks=1)
        return [a for a in self.plan if a.due_on is not None and start <= a.due_on < end
                and a.status not in ("skipped", "dropped")]

    def _weeks_to(self, page: int) -> None:
        self._weeks_page = max(0, min(page, WEEKS // WEEKS_PER_PAGE - 1))
        self._show_schedule()

    def _schedule_row(self, index: int) -> _Row:
        while len(self._schedule_rows) <= index:
            row = _Row([("accept", "Keep", "check"), ("done", "Done", "check-square"),
                        ("skip", "Skip", "times"), ("change", "Change", "pencil")])
            row.buttons["accept"].on_click(lambda _b, r=row: self._guard(
                self._schedule_status, self._accept)(r))
            row.buttons["skip"].on_click(lambda _b, r=row: self._guard(
                self._schedule_status, self._skip)(r))
            row.buttons["done"].on_click(lambda _b, r=row: self._guard(
                self._schedule_status, self._done)(r))
            row.buttons["change"].on_click(lambda _b, r=row: self._guard(
                self._schedule_status, self._open_editor)(r))
            self._schedule_rows.append(row)
        return self._schedule_rows[index]

    def _show_schedule(self) -> None:
        later = sum(1 for a in self.plan if a.due_on is None and a.status in
                    ("planned", "accepted"))
        intro = (f"Up to {self.per_week} actions a week, spread over the week, most "
                 "important first" + (", from the time you said you have." if self.goal
                                      else " (set your weekly time in step 1 to change this)."))
        if later:
            intro += (f" {later} more wait for room in later weeks; skipping one lets the next "
                      "move up.")
        self.schedule_intro.value = html_text(intro, "p")
        children: list[widgets.Widget] = []
        used = 0
        first = self._weeks_page * WEEKS_PER_PAGE
        for number in range(first, first + WEEKS_PER_PAGE):
            actions = self.week_of(number)
            while len(self._week_heads) <= number - first:
                self._week_heads.append(widgets.HTML())
            head = self._week_heads[number - first]
            monday = week_start(self.today) + timedelta(weeks=number)
            head.value = self._week_head(number, monday, actions)
            children.append(head)
            if monday in self.away:
                words = _AWAY_BUT_DATED if actions else _AWAY_WEEK
                children.append(widgets.HTML(html_text(words, "p", cls="nk-away")))
            for action in actions:
                row = self._schedule_row(used)
                row.show(action, with_date=True)
                children.append(row.box)
                used += 1
            if not actions and monday not in self.away:
                children.append(widgets.HTML(html_text("A free week.", "p")))
        self.week_list.children = children
        self.weeks_prev.disabled = self._weeks_page == 0
        self.weeks_next.disabled = self._weeks_page >= WEEKS // WEEKS_PER_PAGE - 1
        figure = charts.timeline_chart(self.plan, self.today, WEEKS)
        with self.timeline.batch_update():
            for trace, fresh in zip(self.timeline.data, figure.data, strict=True):
                trace.x, trace.y, trace.name = fresh.x, fresh.y, fresh.name
                trace.hovertext, trace.marker.color = fresh.hovertext, fresh.marker.color

    def _week_head(self, number: int, monday: date, actions: list[Action]) -> str:
        label = "This week" if number == 0 else f"Week of {day_month(monday)}"
        count = "away" if monday in self.away else f"{len(actions)} of {self.per_week}"
        over = len(actions) > self.per_week
        return (f"<h4 style='margin:12px 0 4px'>{html.escape(label)} "
                f"<span style='font-weight:normal'>({html.escape(count)})</span></h4>"
                + (html_text("More than your weekly capacity, because of dates you "
                             "chose; consider moving one.", cls="nk-why") if over else ""))

    def _done(self, row: _Row) -> str:
        action = self._current(row)
        mark_done(self.workbook, action, self.today)
        self._replan(contacts_changed=bool(action.contact_ids))
        return f"Done, well done: {action.title}." + (
            " Their last contact is now today." if action.contact_ids else "")

    def _open_editor(self, row: _Row) -> str:
        action = self._current(row)
        self._editing = action
        self.edit_title.value, self.edit_date.value = action.title, action.due_on
        self.editor.layout.display = None
        return ("Change the words or the date in the “Change this action” box, then press "
                "Save the change.")

    def _close_editor(self) -> None:
        self._editing = None
        self.editor.layout.display = "none"

    def _save_edit(self, _button: widgets.Button | None = None) -> str:
        if self._editing is None:
            return "Choose Change on an action first."
        day = self.edit_date.value
        if day is not None and day < self.today:
            raise ValueError("Choose a date from today on.")
        changed = self._set(self._editing, title=self.edit_title.value, due_on=day)
        self._close_editor()
        self._replan()
        return f"Saved: {changed.title}, on {_day(changed.due_on)}."

    # ---------------------------------------------------------------- an event

    def _build_event(self) -> widgets.VBox:
        self._event_status = widgets.HTML()
        venues = [c.display_name for c in self.goal.commitments] if self.goal else []
        self.event_venue = widgets.Combobox(options=venues, ensure_option=False,
                                            description="Where", style=_LABELLED,
                                            placeholder="e.g. the product meet-up",
                                            layout=widgets.Layout(width="min(480px, 95%)"))
        self.event_day = widgets.DatePicker(value=self.today, description="When",
                                            style=_LABELLED)
        self.event_people = widgets.Textarea(
            description="People you talked to", style=_LABELLED,
            placeholder="One a line: name — what you talked about\ne.g. Dana Smith — "
                        "hiring a product designer",
            layout=widgets.Layout(width="min(620px, 95%)", height="120px"))
        self.event_notes = widgets.Textarea(
            description="Notes about the event (optional)", style=_LABELLED,
            layout=widgets.Layout(width="min(620px, 95%)", height="60px"))
        self.event_context = widgets.Dropdown(
            options=[(c.label, c.value) for c in Context], value=Context.OTHER.value,
            description="Where you know them from", style=_LABELLED,
            layout=widgets.Layout(width="min(480px, 95%)"))
        self.event_add = _button("Add them and plan follow-ups", "user-plus", alone=True)
        self.event_add.on_click(self._guard(self._event_status, self._add_event))
        return _section(self.event_venue, self.event_day, self.event_people,
                        self.event_notes, self.event_context, self.event_add,
                        self._event_status)

    def _add_event(self, _button: widgets.Button | None = None) -> str:
        people = parse_people(self.event_people.value)
        if not people:
            return "Type the name of at least one person you talked to, one a line."
        day = self.event_day.value or self.today
        known = people_by_name(self.contacts)
        already = [p.name for p in people if normalise_key(p.name) in known]
        actions = log_event(self.workbook, self.event_venue.value, people, day,
                            self.event_notes.value, self.event_context.value,
                            today=self.today)
        self.event_people.value = ""
        self._replan(contacts_changed=True)
        due = min((a.due_on for a in actions if a.due_on), default=None)
        when = f"today, {_day(due)}" if due == self.today else _day(due)
        whom = "with them" if len(people) == 1 else "with each of them"
        return (f"{_who_was_added(len(people) - len(already), already)} Planned to connect "
                f"{whom} by {when}. Mention what you talked about: "
                "it is in your plan and in their notes.")

    # ------------------------------------------------------------------- the log

    def _people(self) -> dict[str, str]:
        """Search label ("Name (Company)") → contact id, built once per change of contacts."""
        if self._labels is None:
            names = self.contacts["name"].fillna("").astype(str)
            company = self.contacts["company"].fillna("").astype(str)
            labels = names.where(company == "", names + " (" + company + ")")
            seen: dict[str, str] = {}
            for label, cid in zip(labels, self.contacts["contact_id"], strict=True):
                key, n = label, 2
                while key in seen:
                    key, n = f"{label} #{n}", n + 1
                seen[key] = str(cid)
            self._labels = seen
        return self._labels

    def _search(self, box: widgets.Combobox, typed: str) -> None:
        people = self._people()
        if typed in people or len(typed.strip()) < 2:
            return
        needle = typed.strip().casefold()
        box.options = [label for label in people if needle in label.casefold()][
            :PICKER_MATCHES]

    def _build_log(self) -> widgets.VBox:
        self._log_status = widgets.HTML()
        self.log_person = widgets.Combobox(placeholder="Start typing a name",
                                           ensure_option=False, description="Who",
                                           style=_LABELLED,
                                           layout=widgets.Layout(width="min(420px, 95%)"))
        self.log_person.observe(lambda c: self._search(self.log_person, c["new"]),
                                names="value")
        self.log_how = widgets.ToggleButtons(options=list(HOW), value="call",
                                             style={"button_width": "auto"})
        self.log_day = widgets.DatePicker(value=self.today, description="When",
                                          style=_LABELLED)
        self.log_note = widgets.Textarea(
            description="What you talked about (optional)", style=_LABELLED,
            placeholder="so next time you can pick up where you left off",
            layout=widgets.Layout(width="min(620px, 95%)", height="60px"))
        self.log_save = _button("Log it", "check", alone=True)
        self.log_save.on_click(self._guard(self._log_status, self._log))
        self.progress = go.FigureWidget(self._progress_figure())
        return _section(self.log_person, self.log_how, self.log_day, self.log_note,
                        self.log_save, self._log_status, self.progress)

    def _log(self, _button: widgets.Button | None = None) -> str:
        contact_id, name = self._who(self.log_person)
        day = self.log_day.value or self.today
        if day > self.today:
            raise ValueError("Log what has happened: choose today or an earlier day.")
        self.workbook.log_interaction(contact_id, happened_on=day, kind=self.log_how.value,
                                      note=self.log_note.value.strip() or None)
        for action in self.plan:  # the planned touch with this person is now done
            if (action.kind in ("keep_warm", "catch_up", "event_follow_up")
                    and action.contact_ids == (contact_id,)
                    and action.status in ("planned", "accepted")):
                self._set(action, status="done")
        self.log_note.value = ""
        self._replan(contacts_changed=True)
        row = self._status_frame().query("contact_id == @contact_id")
        where = f" {name} is now {row['status'].iloc[0]}." if len(row) else ""
        return f"Logged.{where}"

    def _progress_figure(self) -> go.Figure:
        """The weeks so far; its empty-chart note names the form rather than saying where it
        is, because the page can lay the form out above or beside the chart."""
        figure = charts.progress_chart(self.workbook.load_interactions(), self.today, WEEKS)
        for note in figure.layout.annotations:
            note.text = _NOTHING_LOGGED
        return figure

    def _show_progress(self) -> None:
        figure = self._progress_figure()
        with self.progress.batch_update():
            self.progress.data[0].x, self.progress.data[0].y = figure.data[0].x, figure.data[0].y
            self.progress.data[0].text = figure.data[0].text
            self.progress.layout.annotations = figure.layout.annotations
            self.progress.layout.yaxis.range = figure.layout.yaxis.range

    # --------------------------------------------------------------- calendar

    def _build_calendar(self) -> widgets.VBox:
        self._calendar_status = widgets.HTML()
        self.calendar_button = _button("Make my calendar file", "calendar", alone=True)
        self.calendar_button.on_click(self._guard(self._calendar_status, self._write_ics))
        self.calendar_link = widgets.HTML()
        return _section(self.calendar_button, self.calendar_link, self._calendar_status)

    def ics_path(self) -> Any:
        """Beside the other exports (step 4), owner-only like them."""
        return exports_folder(self.workbook) / ICS_FILE

    def _write_ics(self, _button: widgets.Button | None = None) -> str:
        name = self.workbook.get_profile("participant_name") or None
        text = schedule_to_ics(self.plan, name)
        path = self.ics_path()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_private(path, text.encode("utf-8"))
        count = text.count("BEGIN:VEVENT")
        encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
        self.calendar_link.value = (
            f"<p><a download='{ICS_FILE}' href='data:text/calendar;base64,{encoded}' "
            "style='font-weight:600'>Download networking-plan.ics</a></p><p>To add it: "
            "Google Calendar: Settings, Import &amp; export, Import. Outlook: File, Open "
            "&amp; Export, Import/Export. Apple Calendar: File, Import. Making the file "
            "again later and importing it updates the same events.</p>")
        return f"Saved {count} events to {path}."

    # ------------------------------------------------------------------ summary

    def _build_summary(self) -> widgets.VBox:
        self.card = widgets.HTML()
        self._show_summary()
        return _section(self.card)

    def _show_summary(self) -> None:
        active = [a for a in self.plan if a.status in ("planned", "accepted") and a.due_on]
        kinds: dict[str, int] = {}
        for action in active:
            kinds[action.kind] = kinds.get(action.kind, 0) + 1
        parts = ["<div class='nk-goal-card'><h3>Your follow-up plan</h3>"]
        if self.goal is not None and self.goal.kind is not None:
            parts.append(html_text("Goal: " + self.goal.statement(), "p"))
        else:
            parts.append(html_text(_NO_GOAL, "p"))
        fixed = sum(1 for a in active if a.dated)
        parts.append(html_text(
            f"{len(active) - fixed} follow-ups over the next {WEEKS} weeks, up to "
            f"{self.per_week} a week" + (f", plus {fixed} dated visits, event follow-ups and "
                                         "check-ins" if fixed else "") + ":", "p"))
        parts.append("<ul>" + "".join(html_text(f"{KINDS[k]}: {n}", "li")
                                      for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
                     + "</ul>")
        monday = week_start(self.today)
        this_week = [a for a in active if a.due_on and week_start(a.due_on) == monday]
        if this_week:
            parts.append("<b>This week</b><ul>" + "".join(
                html_text(f"{_day(a.due_on)}: {a.title}", "li") for a in this_week) + "</ul>")
        away = [_week_words(m) for m in self._mondays() if m in self.away]
        if away:
            parts.append(html_text("Weeks you are away: " + ", ".join(away) + ".", "p"))
        checks = [a for a in active if a.kind == "check_in"]
        if checks:
            parts.append(html_text("Check-ins: " + ", ".join(_day(a.due_on) for a in checks)
                               + ".", "p"))
        done = sum(1 for a in self.plan if a.status == "done")
        parts.append(html_text(f"Done so far: {done}.", "p") + "</div>")
        self.card.value = "".join(parts)


def followup_workbook(workbook: Workbook | None = None,
                      today: date | None = None) -> FollowupWorkbook:
    """Step 3 for the participant's workbook file (the default one if None)."""
    return FollowupWorkbook(workbook or open_workbook(), today)


def _who_was_added(new: int, already: list[str]) -> str:
    """"Added 2 new people; Dana Smith was already in your map." in plain words."""
    parts = []
    if new:
        parts.append(f"Added {plural(new, 'new person', 'new people')} to your map.")
    if already:
        verb = "was" if len(already) == 1 else "were"
        parts.append(f"{and_list(already)} {verb} already in your map, so their notes were "
                     "added to.")
    return " ".join(parts)
