"""The forms of ``01_set_your_goal``: diagnostic, goal choice, situation, goal builder,
venues with commitments, and a summary.

One :class:`GoalWorkbook` holds the participant's :class:`~networking_kit.goals.Goal`
and a widget per answer. Every change updates the goal, saves it to the workbook file at
once, and refreshes the views that depend on it (chart, advice, venue order, statement,
what's missing). Each notebook cell shows one section, so all sections share one object.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.dates import weekday_day_month_year
from networking_kit.goals import (
    EXAMPLES,
    HOURS_CHOICES,
    QUESTIONS,
    Commitment,
    Goal,
    GoalKind,
    Setting,
    Style,
    TieStyle,
    Venue,
    advice,
    check_goal,
    load_goal,
    load_venue_catalogue,
    rank_venues,
    save_goal,
    score_diagnostic,
)
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui._status import html_text
from networking_kit.ui.nav import refresh_step_bars

FIRST_VISIT_AFTER = timedelta(days=7)  # a week to find the next date and put it in a diary
_WIDE = widgets.Layout(width="min(640px, 95%)")
_DATE = widgets.Layout(width="170px")
_LABELLED = {"description_width": "initial"}
_SORRY = ("Sorry, that change could not be saved. Your earlier answers are safe; "
          "try again, or reload the page.")


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(html_text(i, "li") for i in items) + "</ul>"


def _section(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children), layout=widgets.Layout(padding="6px 0"))


class GoalWorkbook:
    """Step 1, backed by the workbook file; rebuilt from the saved goal when reopened."""

    def __init__(self, workbook: Workbook, today: date | None = None):
        self.workbook = workbook
        self.today = today or date.today()
        self._done: bool | None = None  # step 1's tick, as last drawn
        self.catalogue: dict[str, Venue] = {v.id: v for v in load_venue_catalogue()}
        self.last_error: BaseException | None = None
        self._read_only = False
        load_note = ""
        try:
            self.goal = load_goal(workbook) or Goal()
        except ValueError as error:
            # A goal from a newer toolkit: show an empty form, and never overwrite it.
            self.goal, self._read_only = Goal(), True
            self.last_error = error
            load_note = ("Your saved goal was written by a newer version of this toolkit, so "
                         "it cannot be shown here. Ask your facilitator to update it; nothing "
                         "you type now will be saved over it.")
        self._loading = True
        self._ranked_for: tuple[Any, ...] | None = None
        self._examples_for: GoalKind | str | None = "unset"
        self._build_diagnostic()
        self._build_choice()
        self._build_situation()
        self._build_builder()
        self._build_venues()
        self._build_summary()
        self._loading = False
        self._refresh()
        if load_note:
            for status in self._statuses:
                status.value = html_text(load_note, cls="nk-status")

    # ------------------------------------------------------------------- sections

    def diagnostic(self) -> widgets.VBox:
        """The ten questions, the score chart and why each goal scores what it does."""
        return self._diagnostic

    def choice(self) -> widgets.VBox:
        """The participant's pick of one main goal (the suggestion is only a suggestion)."""
        return self._choice

    def situation(self) -> widgets.VBox:
        """Style and situation questions, and the advice they change."""
        return self._situation

    def builder(self) -> widgets.VBox:
        """Who, where, how many, by when: with a live statement and what's missing."""
        return self._builder

    def venues(self) -> widgets.VBox:
        """Ranked venue suggestions to pick, and three dated visits per picked venue."""
        return self._venues

    def summary(self) -> widgets.VBox:
        """The whole goal on one card, as saved."""
        return self._summary

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(widgets.VBox([self._diagnostic, self._choice, self._situation,
                              self._builder, self._venues, self._summary]))

    # ----------------------------------------------------------------- saving

    def _handler(self, status: widgets.HTML,
                 apply: Callable[[Any], None]) -> Callable[[dict], None]:
        """An observer that applies a change, saves the goal and refreshes the views.

        Any failure becomes one plain sentence in the section's status line: a participant
        never sees a traceback. The error is kept on ``last_error`` for the facilitator.
        """

        def handle(change: dict) -> None:
            if self._loading:
                return
            try:
                apply(change["new"])
                self._save()
                self._refresh()
                status.value = html_text("Saved." if not self._read_only else
                                     "Not saved: this goal belongs to a newer toolkit.",
                                     cls="nk-status")
            except Exception as error:
                self.last_error = error
                status.value = html_text(_SORRY, cls="nk-status nk-error")

        return handle

    def _save(self) -> None:
        if not self._read_only:
            save_goal(self.workbook, self.goal)
            self._tick_when_done()

    def _tick_when_done(self) -> None:
        """Tick step 1 in the step bar the moment the goal is complete (or untick it),
        redrawing the bar only when that answer changes."""
        done = self.goal.kind is not None and not check_goal(self.goal, self.today)
        if done != self._done:
            self._done = done
            refresh_step_bars(self.workbook)

    def _quietly(self, action: Callable[[], None]) -> None:
        """Set widget values from the goal without each one triggering a save."""
        was, self._loading = self._loading, True
        try:
            action()
        finally:
            self._loading = was

    # ------------------------------------------------------------- diagnostic

    def _build_diagnostic(self) -> None:
        self._diagnostic_status = widgets.HTML()
        self.questions: dict[str, widgets.RadioButtons] = {}
        rows: list[widgets.Widget] = []
        for number, question in enumerate(QUESTIONS, start=1):
            buttons = widgets.RadioButtons(
                options=[(o.text, o.key) for o in question.options],
                value=self.goal.answers.get(question.key)
                if question.option(self.goal.answers.get(question.key, "")) else None,
                layout=widgets.Layout(width="auto"),
            )
            buttons.observe(self._handler(self._diagnostic_status,
                                          self._answer_setter(question.key)), names="value")
            self.questions[question.key] = buttons
            rows.append(widgets.VBox([
                widgets.HTML(f"<b>{number}. {html.escape(question.text)}</b>"), buttons],
                layout=widgets.Layout(margin="0 0 10px 0")))
        # Built from the saved answers, not updated into shape: updates made before the
        # page shows the chart are messages that Voila's page never receives.
        start = score_diagnostic(self.goal.answers)
        self.chart = go.FigureWidget(charts.goal_scores(start.scores, start.recommended))
        self.result = widgets.HTML()
        self._diagnostic = _section(*rows, self.chart, self.result, self._diagnostic_status)

    def _answer_setter(self, key: str) -> Callable[[Any], None]:
        def apply(value: str | None) -> None:
            if value is None:
                self.goal.answers.pop(key, None)
            else:
                self.goal.answers[key] = value
        return apply

    # ----------------------------------------------------------------- choice

    def _build_choice(self) -> None:
        self._choice_status = widgets.HTML()
        self.suggestion = widgets.HTML()
        self.kind = widgets.RadioButtons(
            options=[(f"{k.label}: {k.meaning}", k.value) for k in GoalKind],
            value=None if self.goal.kind is None else self.goal.kind.value,
            layout=widgets.Layout(width="auto"),
        )
        self.kind.observe(self._handler(self._choice_status, self._set_kind), names="value")
        self.use_suggestion = widgets.Button(description="Go with the suggestion",
                                             icon="check", layout=widgets.Layout(width="auto"))
        self.use_suggestion.on_click(self._on_use_suggestion)
        self._choice = _section(self.suggestion, widgets.HBox([self.use_suggestion]), self.kind,
                                self._choice_status)

    def _set_kind(self, value: str | None) -> None:
        self.goal.kind = None if value is None else GoalKind(value)

    def _on_use_suggestion(self, _button: widgets.Button) -> None:
        recommended = score_diagnostic(self.goal.answers).recommended
        if recommended is not None:
            self.kind.value = recommended.value  # the observer saves it

    # -------------------------------------------------------------- situation

    def _build_situation(self) -> None:
        self._situation_status = widgets.HTML()
        style = self.goal.style
        self.ties = widgets.RadioButtons(
            options=[(t.label, t.value) for t in TieStyle], value=style.ties.value,
            description="How do you like to meet people?", style=_LABELLED,
            layout=widgets.Layout(width="auto"))
        self.setting = widgets.ToggleButtons(
            options=[(s.label, s.value) for s in Setting], value=style.setting.value,
            description="Where do you prefer to meet?", style=_LABELLED)
        hours = min(HOURS_CHOICES, key=lambda c: abs(c[1] - style.hours_per_week))[1]
        self.hours = widgets.Dropdown(
            options=list(HOURS_CHOICES), value=hours,
            description="Time you can give each week", style=_LABELLED)
        self.looking = widgets.ToggleButtons(
            options=[("Yes, now", True), ("No, not now", False)],
            value=style.looking_for_work, description="Are you looking for work?",
            style=_LABELLED)
        for control in (self.ties, self.setting, self.hours, self.looking):
            control.observe(self._handler(self._situation_status, self._set_style),
                            names="value")
        self.advice = widgets.HTML()
        starting = widgets.HTML(html_text(
            "The answers start on the most common ones. Change any that are not you: the "
            "advice under them follows what you choose.", "p"))
        self._situation = _section(starting, self.ties, self.setting, self.hours,
                                   self.looking, self.advice, self._situation_status)

    def _set_style(self, _value: Any) -> None:
        self.goal.style = Style(TieStyle(self.ties.value), Setting(self.setting.value),
                                float(self.hours.value), bool(self.looking.value))

    # ---------------------------------------------------------------- builder

    def _build_builder(self) -> None:
        self._builder_status = widgets.HTML()
        goal = self.goal
        self.examples = widgets.HTML()
        self.example_buttons = widgets.HBox(
            layout=widgets.Layout(flex_flow="row wrap"))
        self.who = widgets.Text(
            value=goal.who, description="Who: the people or field",
            placeholder="e.g. product managers in Leeds", style=_LABELLED, layout=_WIDE)
        self.where = widgets.Text(
            value=goal.where, description="Where: the place(s)",
            placeholder="e.g. the local product meet-up (or pick venues below)",
            style=_LABELLED, layout=_WIDE)
        self.how_many = widgets.BoundedIntText(
            value=goal.how_many or 0, min=0, max=999, description="How many",
            style=_LABELLED, layout=widgets.Layout(width="200px"))
        self.by_when = widgets.DatePicker(value=goal.by_when, description="By when",
                                          style=_LABELLED, layout=widgets.Layout(width="260px"))
        self.targets = widgets.Text(
            value=", ".join(goal.targets),
            description="Fields, sectors or communities to reach (optional)",
            placeholder="e.g. fintech, health, Leeds", style=_LABELLED, layout=_WIDE)
        self.review = widgets.DatePicker(
            value=goal.review_date, description="Check-in date: when you will review it",
            style=_LABELLED, layout=widgets.Layout(width="380px"))
        setters = {
            self.who: lambda v: setattr(self.goal, "who", v),
            self.where: lambda v: setattr(self.goal, "where", v),
            self.how_many: lambda v: setattr(self.goal, "how_many", int(v) or None),
            self.by_when: self._set_by_when,
            self.targets: lambda v: setattr(
                self.goal, "targets", [t.strip() for t in v.split(",") if t.strip()]),
            self.review: lambda v: setattr(self.goal, "review_date", v),
        }
        for control, setter in setters.items():
            control.observe(self._handler(self._builder_status, setter), names="value")
        self.statement = widgets.HTML()
        self.missing = widgets.HTML()
        self._builder = _section(
            self.examples, self.example_buttons,
            self.who, self.where, widgets.HBox([self.how_many, self.by_when],
                                               layout=widgets.Layout(flex_flow="row wrap")),
            self.targets, self.review, self.statement, self.missing, self._builder_status)

    def _set_by_when(self, value: date | None) -> None:
        self.goal.by_when = value
        if value is not None and self.goal.review_date is None and value > self.today:
            # Suggest a check-in half-way, so there is time to change course.
            self.goal.review_date = self.today + (value - self.today) / 2
            self._quietly(lambda: setattr(self.review, "value", self.goal.review_date))

    def use_example(self, number: int) -> None:
        """Fill who, where, how many and by when from example ``number`` (from 0)."""
        if self.goal.kind is None:
            self._builder_status.value = html_text("Choose your main goal first; the examples "
                                               "follow it.", cls="nk-status")
            return
        try:
            EXAMPLES[self.goal.kind][number].apply(self.goal, self.today)

            def show() -> None:
                self.who.value, self.where.value = self.goal.who, self.goal.where
                self.how_many.value = self.goal.how_many or 0
                self.by_when.value = self.goal.by_when
            self._quietly(show)
            self._set_by_when(self.goal.by_when)
            self._save()
            self._refresh()
            self._builder_status.value = html_text("Example filled in and saved. Now make it "
                                               "yours: change any part.", cls="nk-status")
        except Exception as error:
            self.last_error = error
            self._builder_status.value = html_text(_SORRY, cls="nk-status nk-error")

    # ----------------------------------------------------------------- venues

    def _build_venues(self) -> None:
        self._venues_status = widgets.HTML()
        self.venue_intro = widgets.HTML()
        self.venue_boxes: dict[str, widgets.Checkbox] = {}
        self.venue_reasons: dict[str, widgets.HTML] = {}
        self._venue_rows: dict[str, widgets.VBox] = {}
        for venue in self.catalogue.values():
            box = widgets.Checkbox(value=venue.id in self.goal.venues, description=venue.name,
                                   indent=False, layout=widgets.Layout(width="auto"))
            box.observe(self._handler(self._venues_status, self._venue_setter(venue)),
                        names="value")
            reason = widgets.HTML(layout=widgets.Layout(margin="0 0 0 28px"))
            self.venue_boxes[venue.id], self.venue_reasons[venue.id] = box, reason
            self._venue_rows[venue.id] = widgets.VBox(
                [box, reason], layout=widgets.Layout(margin="0 0 6px 0"))
        self.venue_list = widgets.VBox()
        self.commitment_rows: dict[str, dict[str, widgets.Widget]] = {}
        self.commitment_list = widgets.VBox()
        self._venues = _section(self.venue_intro, self.venue_list,
                                widgets.HTML("<h4>Your commitments: three visits each</h4>"),
                                self.commitment_list, self._venues_status)
        self._show_commitments()

    def _venue_setter(self, venue: Venue) -> Callable[[bool], None]:
        def apply(picked: bool) -> None:
            goal = self.goal
            if picked and venue.id not in goal.venues:
                goal.venues.append(venue.id)
                goal.commitments.append(
                    Commitment.plan(venue, self.today + FIRST_VISIT_AFTER, goal.kind))
            elif not picked:
                goal.venues = [v for v in goal.venues if v != venue.id]
                goal.commitments = [c for c in goal.commitments if c.venue_id != venue.id]
            self._show_commitments()
        return apply

    def _show_commitments(self) -> None:
        rows = []
        for commitment in self.goal.commitments:
            if commitment.venue_id not in self.commitment_rows:
                self.commitment_rows[commitment.venue_id] = self._commitment_row(commitment)
            controls = self.commitment_rows[commitment.venue_id]

            def show(controls: dict[str, widgets.Widget] = controls,
                     commitment: Commitment = commitment) -> None:
                for number, picker in enumerate(controls["visits"].children):
                    picker.value = commitment.visits[number]
                controls["target"].value = commitment.target
                controls["place"].value = commitment.place
            self._quietly(show)
            rows.append(controls["row"])
        if not rows:
            rows = [widgets.HTML(html_text("Tick a venue above to plan three visits to it.",
                                       "p"))]
        self.commitment_list.children = rows

    def _commitment_row(self, commitment: Commitment) -> dict[str, widgets.Widget]:
        venue_id = commitment.venue_id
        pickers = [widgets.DatePicker(description=f"Visit {n}", style=_LABELLED,
                                      layout=widgets.Layout(width="220px"))
                   for n in range(1, 4)]
        target = widgets.Text(description="Target for each visit", style=_LABELLED,
                              layout=_WIDE)
        place = widgets.Text(description="Which one? (optional)", style=_LABELLED,
                             placeholder="its name, or who runs it", layout=_WIDE)

        def find() -> Commitment:
            return next(c for c in self.goal.commitments if c.venue_id == venue_id)

        def visit_setter(number: int) -> Callable[[date | None], None]:
            return lambda value: find().visits.__setitem__(number, value)

        for number, picker in enumerate(pickers):
            picker.observe(self._handler(self._venues_status, visit_setter(number)),
                           names="value")
        target.observe(self._handler(self._venues_status,
                                     lambda v: setattr(find(), "target", v)), names="value")
        place.observe(self._handler(self._venues_status,
                                    lambda v: setattr(find(), "place", v)), names="value")
        title = widgets.HTML(
            f"<b>{html.escape(commitment.venue_name)}</b>: try it at least three times "
            "before you judge it.")
        visits = widgets.HBox(pickers, layout=widgets.Layout(flex_flow="row wrap"))
        row = widgets.VBox([title, place, visits, target],
                           layout=widgets.Layout(border="1px solid #ccc", padding="8px",
                                                margin="0 0 10px 0"))
        return {"row": row, "visits": visits, "target": target, "place": place}

    # ---------------------------------------------------------------- summary

    def _build_summary(self) -> None:
        self.card = widgets.HTML()
        self._summary = _section(self.card)

    @property
    def _statuses(self) -> list[widgets.HTML]:
        return [self._diagnostic_status, self._choice_status, self._situation_status,
                self._builder_status, self._venues_status]

    # ---------------------------------------------------------------- refresh

    def _refresh(self) -> None:
        """Bring every view that depends on the goal up to date."""
        goal = self.goal
        result = score_diagnostic(goal.answers)
        figure = charts.goal_scores(result.scores, result.recommended)
        with self.chart.batch_update():
            self.chart.data[0].update(figure.data[0].to_plotly_json())
            self.chart.layout.xaxis.range = figure.layout.xaxis.range
        self.result.value = (html_text(result.summary(), "p")
                             + _bullets([result.reasons[k] for k in GoalKind]))
        self.suggestion.value = html_text(
            result.summary() if result.recommended is None else
            f"Your answers suggest: {result.recommended.label.lower()}. "
            "The choice is yours: pick the goal that matters most to you now.", "p")
        self.use_suggestion.disabled = result.recommended is None
        self.advice.value = "<b>What this means for you</b>" + _bullets(
            advice(goal.kind, goal.style))
        self._refresh_examples()
        self._refresh_venue_list()
        problems = check_goal(goal, self.today)
        self.statement.value = ("<div class='nk-goal-statement'>Your goal: <b>"
                                + html.escape(goal.statement()) + "</b></div>")
        self.missing.value = (
            "<b>Still to do:</b>" + _bullets(problems) if problems else
            html_text("Your goal has everything it needs: who, where, how many and by when.",
                  "p"))
        self.card.value = self._card(problems)

    def _refresh_examples(self) -> None:
        if self._examples_for == self.goal.kind:
            return
        self._examples_for = self.goal.kind
        kind = self.goal.kind
        if kind is None:
            self.examples.value = html_text("Choose your main goal above to see examples.", "p")
            self.example_buttons.children = []
            return
        sentences = [e.statement(kind, self.today) for e in EXAMPLES[kind]]
        self.examples.value = "<b>Examples to start from</b><ol>" + "".join(
            html_text(s, "li") for s in sentences) + "</ol>"
        buttons = []
        for number in range(len(sentences)):
            button = widgets.Button(description=f"Start from example {number + 1}",
                                    icon="pencil", layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, number=number: self.use_example(number))
            buttons.append(button)
        self.example_buttons.children = buttons

    def _refresh_venue_list(self) -> None:
        key = (self.goal.kind, self.goal.style, tuple(self.goal.venues))
        if key == self._ranked_for:
            return
        self._ranked_for = key
        if self.goal.kind is None:
            self.venue_intro.value = html_text("Choose your main goal above to see the venues "
                                           "that suit it.", "p")
            ranked = []
        else:
            self.venue_intro.value = html_text(
                f"Best fits for {self.goal.kind.label.lower()} first, given how you like to "
                "meet people and the time you have. Tick one or two to try.", "p")
            ranked = rank_venues(self.goal.kind, self.goal.style,
                                 list(self.catalogue.values()))
        shown = []
        for suggestion in ranked:
            self.venue_reasons[suggestion.venue.id].value = html_text(suggestion.reason,
                                                                  cls="nk-why")
            shown.append(suggestion.venue.id)
        for venue_id in self.goal.venues:  # picked earlier for another goal kind
            if venue_id in self.catalogue and venue_id not in shown:
                self.venue_reasons[venue_id].value = html_text(
                    "You picked this earlier; untick it if it no longer fits.", cls="nk-why")
                shown.append(venue_id)
        self._quietly(lambda: [setattr(self.venue_boxes[v], "value", v in self.goal.venues)
                               for v in shown])
        self.venue_list.children = [self._venue_rows[v] for v in shown]

    def _card(self, problems: list[str]) -> str:
        goal = self.goal
        parts = ["<div class='nk-goal-card'>",
                 "<h3>" + html.escape(goal.kind.label if goal.kind else "Your goal") + "</h3>",
                 html_text(goal.statement(), "p")]
        if goal.targets:
            parts.append(html_text("Fields to reach: " + ", ".join(goal.targets), "p"))
        schedule = goal.schedule()
        if schedule:
            parts.append("<b>Your visits</b>" + _bullets(
                [f"{weekday_day_month_year(v.on)}: {v.name} (visit {v.number} of 3): {v.target}"
                 for v in schedule]))
        if goal.review_date:
            parts.append(html_text(f"Check-in: {weekday_day_month_year(goal.review_date)}, to "
                               "review how it is going.", "p"))
        parts.append("<b>Still to do:</b>" + _bullets(problems) if problems else
                     html_text("Complete and saved. Well done.", "p"))
        parts.append("</div>")
        return "".join(parts)


def goal_workbook(workbook: Workbook | None = None, today: date | None = None) -> GoalWorkbook:
    """Step 1 for the participant's workbook file (the default one if None)."""
    return GoalWorkbook(workbook or open_workbook(), today)
