"""The forms of ``01_set_your_goal``: diagnostic, goal choice, situation, goal builder,
venues with commitments, and a summary.

A thin view of :class:`~networking_kit.steps.goal.GoalSession`: every widget change calls
one session action, and every section redraws from the session when the goal changes, so
every section (and the step bar's tick) follows every change in the same click. Each
notebook cell shows one section, so all sections share one object.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import plotly.graph_objects as go

from networking_kit import charts
from networking_kit.goal_diagnostic import QUESTIONS
from networking_kit.goal_style import HOURS_CHOICES, Setting, TieStyle
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.goal import GoalActionRefused, GoalSession, parse_targets
from networking_kit.ui._status import TraitChange, html_text
from networking_kit.ui.chart_table import PictureBox, drawing_note
from networking_kit.ui.goal_venues import LABELLED as _LABELLED
from networking_kit.ui.goal_venues import VenuesPart
from networking_kit.ui.goal_venues import section as _section
from networking_kit.ui.goal_venues import wide as _wide
from networking_kit.ui.nav import follow_step
from networking_kit.ui.redraw import Redraws
from networking_kit.vocab import GoalKind

if TYPE_CHECKING:
    from networking_kit.store import Workbook

_SORRY = ("Sorry, that change could not be saved. Your earlier answers are safe; "
          "try again, or reload the page.")


def _bullets(items: list[str] | tuple[str, ...]) -> str:
    return "<ul>" + "".join(html_text(i, "li") for i in items) + "</ul>"


def _status(text: str, error: bool = False) -> str:
    return html_text(text, cls="nk-status nk-error" if error else "nk-status")


class GoalWorkbook(VenuesPart):
    """Step 1's sections, bound to one :class:`GoalSession` (``self.session``)."""

    def __init__(self, session: GoalSession):
        self.session = session
        self._drawing = False
        self._note = ""
        # The score chart is drawn once the page is built (``ui.redraw``), as steps 2 and
        # 3 draw theirs: it sits under the ten questions, and making a plotly widget is
        # most of what opening this page costs in a kernel.
        self.redraws = Redraws(on_error=self._keep)
        self._examples_for: GoalKind | str | None = "unset"
        self.diagnostic_status, self.choice_status, self.situation_status = (
            widgets.HTML(), widgets.HTML(), widgets.HTML())
        self.builder_status, self.venues_status = widgets.HTML(), widgets.HTML()
        self._build_diagnostic()
        self._build_choice()
        self._build_situation()
        self._build_builder()
        self._build_venues()
        self.card = widgets.HTML()
        self._summary = _section(self.card)
        self.redraw()
        session.listen(self._remember_note)
        session.listen(lambda _event: self.redraw(), Change.GOAL)
        follow_step(session, "goal", session.goal_done, Change.GOAL)
        if session.load_note:
            for status in self.statuses:
                status.value = _status(session.load_note)

    @property
    def last_error(self) -> BaseException | None:
        return self.session.last_error

    def _keep(self, error: BaseException) -> None:
        self.session.last_error = error

    @property
    def chart(self) -> go.FigureWidget | None:
        """The chart of the diagnostic's scores (None until it is first drawn)."""
        return self.chart_box.picture

    @property
    def chart_table(self) -> widgets.HTML | None:
        """The chart as a table (None until it is first drawn)."""
        return self.chart_box.table

    def flush_redraws(self) -> None:
        """Draw now what waits for the page (tests; the timer does it live)."""
        self.redraws.flush()

    def _draw_scores(self) -> None:
        """The scores' chart, drawn again only when a score changed."""
        result = self.session.diagnostic()
        self.chart_box.draw(lambda: charts.goal_scores(result.scores, result.recommended),
                            key=tuple(result.scores[k] for k in GoalKind))
        self.chart_note.value = ""

    @property
    def statuses(self) -> list[widgets.HTML]:
        return [self.diagnostic_status, self.choice_status, self.situation_status,
                self.builder_status, self.venues_status]

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

    # -------------------------------------------------------------------- binding

    def _remember_note(self, event: ChangeEvent) -> None:
        self._note = event.note

    def _run(self, status: widgets.HTML, action: Callable[[], Any],
             done: str = "Saved.") -> None:
        """Run one session action and say how it went in the section's status line: a
        participant never sees a traceback (the error stays on ``last_error``)."""
        self._note = ""
        try:
            action()
        except GoalActionRefused as refused:
            status.value = _status(str(refused))
            return
        except Exception as error:
            self.session.last_error = error
            status.value = _status(_SORRY, error=True)
            return
        status.value = _status(" ".join(filter(None, (done, self._note))))

    def _bind(self, control: widgets.ValueWidget, status: widgets.HTML,
              action: Callable[[Any], Any]) -> None:
        def changed(change: TraitChange) -> None:
            if not self._drawing:
                self._run(status, lambda: action(change["new"]))
        control.observe(changed, names="value")

    def _show(self, control: widgets.ValueWidget, value: Any) -> None:
        if control.value != value:
            control.value = value

    # ------------------------------------------------------------- diagnostic

    def _build_diagnostic(self) -> None:
        self.questions: dict[str, widgets.RadioButtons] = {}
        rows: list[widgets.Widget] = []
        for number, question in enumerate(QUESTIONS, start=1):
            buttons = widgets.RadioButtons(options=[(o.text, o.key) for o in question.options],
                                           value=None, layout=widgets.Layout(width="auto"))
            self._bind(buttons, self.diagnostic_status,
                       partial(self.session.answer, question.key))
            self.questions[question.key] = buttons
            rows.append(widgets.VBox([
                widgets.HTML(f"<b>{number}. {html.escape(question.text)}</b>"), buttons],
                layout=widgets.Layout(margin="0 0 10px 0")))
        # Built from the saved answers, not updated into shape: updates made before the
        # page shows the chart are messages that Voila's page never receives.
        self.chart_box = PictureBox()
        self.chart_note = widgets.HTML()
        self.redraws.after_page("goal scores", self._draw_scores, busy=lambda: setattr(
            self.chart_note, "value", drawing_note("Drawing the chart of your answers…")))
        self.result = widgets.HTML()
        self._diagnostic = _section(*rows, self.chart_note, self.chart_box.widget, self.result,
                                    self.diagnostic_status)

    def _draw_diagnostic(self) -> None:
        answers = self.session.goal.answers
        for key, buttons in self.questions.items():
            self._show(buttons, answers.get(key) if answers.get(key) in
                       {v for _, v in buttons.options} else None)
        result = self.session.diagnostic()
        if self.chart_box.picture is not None:  # else its first drawing is on its way
            self._draw_scores()
        self.result.value = (html_text(result.summary(), "p")
                             + _bullets([result.reasons[k] for k in GoalKind]))

    # ----------------------------------------------------------------- choice

    def _build_choice(self) -> None:
        self.suggestion = widgets.HTML()
        self.kind = widgets.RadioButtons(
            options=[(f"{k.label}: {k.meaning}", k.value) for k in GoalKind], value=None,
            layout=widgets.Layout(width="auto"))
        self._bind(self.kind, self.choice_status, self.session.choose_kind)
        self.use_suggestion = widgets.Button(description="Go with the suggestion",
                                             icon="check", layout=widgets.Layout(width="auto"))
        self.use_suggestion.on_click(
            lambda _b: self._run(self.choice_status, self.session.use_suggestion))
        self._choice = _section(self.suggestion, widgets.HBox([self.use_suggestion]),
                                self.kind, self.choice_status)

    def _draw_choice(self) -> None:
        result = self.session.diagnostic()
        self.suggestion.value = html_text(
            result.summary() if result.recommended is None else
            f"Your answers suggest: {result.recommended.label.lower()}. "
            "The choice is yours: pick the goal that matters most to you now.", "p")
        self.use_suggestion.disabled = result.recommended is None
        kind = self.session.goal.kind
        self._show(self.kind, None if kind is None else kind.value)

    # -------------------------------------------------------------- situation

    def _build_situation(self) -> None:
        self.ties = widgets.RadioButtons(
            options=[(t.label, t.value) for t in TieStyle],
            description="How do you like to meet people?", style=_LABELLED,
            layout=widgets.Layout(width="auto"))
        self.setting = widgets.ToggleButtons(
            options=[(s.label, s.value) for s in Setting],
            description="Where do you prefer to meet?", style=_LABELLED)
        self.hours = widgets.Dropdown(options=list(HOURS_CHOICES),
                                      description="Time you can give each week",
                                      style=_LABELLED)
        self.looking = widgets.ToggleButtons(
            options=[("Yes, now", True), ("No, not now", False)], value=None,
            description="Are you looking for work?", style=_LABELLED)
        status, session = self.situation_status, self.session
        self._bind(self.ties, status, lambda v: session.set_style(ties=v))
        self._bind(self.setting, status, lambda v: session.set_style(setting=v))
        self._bind(self.hours, status, lambda v: session.set_style(hours_per_week=v))
        self._bind(self.looking, status, lambda v: session.set_style(looking_for_work=v))
        self.advice = widgets.HTML()
        starting = widgets.HTML(html_text(
            "The answers start on the most common ones. Change any that are not you: the "
            "advice under them follows what you choose.", "p"))
        self._situation = _section(starting, self.ties, self.setting, self.hours,
                                   self.looking, self.advice, self.situation_status)

    def _draw_situation(self) -> None:
        style = self.session.goal.style
        self._show(self.ties, style.ties.value)
        self._show(self.setting, style.setting.value)
        self._show(self.hours, min(HOURS_CHOICES,
                                   key=lambda c: abs(c[1] - style.hours_per_week))[1])
        self._show(self.looking, style.looking_for_work)
        self.advice.value = "<b>What this means for you</b>" + _bullets(self.session.advice())

    # ---------------------------------------------------------------- builder

    def _build_builder(self) -> None:
        self.examples = widgets.HTML()
        self.example_buttons = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.who = widgets.Text(
            description="Who: the people or field",
            placeholder="e.g. product managers in Leeds", style=_LABELLED, layout=_wide())
        self.where = widgets.Text(
            description="Where: the place(s)",
            placeholder="e.g. the local product meet-up (or pick venues below)",
            style=_LABELLED, layout=_wide())
        self.how_many = widgets.BoundedIntText(
            value=0, min=0, max=999, description="How many", style=_LABELLED,
            layout=widgets.Layout(width="200px"))
        self.by_when = widgets.DatePicker(description="By when", style=_LABELLED,
                                          layout=widgets.Layout(width="260px"))
        self.targets = widgets.Text(
            description="Fields, sectors or communities to reach (optional)",
            placeholder="e.g. fintech, health, Leeds", style=_LABELLED, layout=_wide())
        self.review = widgets.DatePicker(
            description="Check-in date: when you will review it", style=_LABELLED,
            layout=widgets.Layout(width="380px"))
        status, session = self.builder_status, self.session
        self._bind(self.who, status, session.set_who)
        self._bind(self.where, status, session.set_where)
        self._bind(self.how_many, status, session.set_how_many)
        self._bind(self.by_when, status, session.set_by_when)
        self._bind(self.targets, status, session.set_targets)
        self._bind(self.review, status, session.set_review_date)
        self.statement = widgets.HTML()
        self.missing = widgets.HTML()
        self._builder = _section(
            self.examples, self.example_buttons,
            self.who, self.where, widgets.HBox([self.how_many, self.by_when],
                                               layout=widgets.Layout(flex_flow="row wrap")),
            self.targets, self.review, self.statement, self.missing, self.builder_status)

    def use_example(self, number: int) -> None:
        """Fill who, where, how many and by when from example ``number`` (from 0)."""
        self._run(self.builder_status, lambda: self.session.use_example(number),
                  "Example filled in and saved. Now make it yours: change any part.")

    def _draw_builder(self) -> None:
        goal = self.session.goal
        self._draw_examples()
        self._show(self.who, goal.who)
        self._show(self.where, goal.where)
        self._show(self.how_many, goal.how_many or 0)
        self._show(self.by_when, goal.by_when)
        # Typing "fintech, " must not lose its comma: redraw only a different list.
        if parse_targets(self.targets.value) != goal.targets:
            self.targets.value = ", ".join(goal.targets)
        self._show(self.review, goal.review_date)
        problems = self.session.problems()
        self.statement.value = ("<div class='nk-goal-statement'>Your goal: <b>"
                                + html.escape(goal.statement()) + "</b></div>")
        self.missing.value = (
            "<b>Still to do:</b>" + _bullets(problems) if problems else
            html_text("Your goal has everything it needs: who, where, how many and by when.",
                      "p"))

    def _draw_examples(self) -> None:
        kind = self.session.goal.kind
        if self._examples_for == kind:
            return
        self._examples_for = kind
        sentences = self.session.examples()
        if not sentences:
            self.examples.value = html_text("Choose your main goal above to see examples.", "p")
            self.example_buttons.children = []
            return
        self.examples.value = "<b>Examples to start from</b><ol>" + "".join(
            html_text(s, "li") for s in sentences) + "</ol>"
        buttons = []
        for number in range(len(sentences)):
            button = widgets.Button(description=f"Start from example {number + 1}",
                                    icon="pencil", layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, number=number: self.use_example(number))
            buttons.append(button)
        self.example_buttons.children = buttons

    # ---------------------------------------------------------------- summary

    def _draw_summary(self) -> None:
        card = self.session.card()
        parts = ["<div class='nk-goal-card'>", html_text(card.title, "h3"),
                 html_text(card.statement, "p")]
        if card.targets:
            parts.append(html_text(card.targets, "p"))
        if card.visits:
            parts.append("<b>Your visits</b>" + _bullets(card.visits))
        if card.review:
            parts.append(html_text(card.review, "p"))
        parts.append("<b>Still to do:</b>" + _bullets(card.problems) if card.problems else
                     html_text("Complete and saved. Well done.", "p"))
        parts.append("</div>")
        self.card.value = "".join(parts)

    # ----------------------------------------------------------------- redraw

    def redraw(self) -> None:
        """Bring every section up to date with the session (widget values set here do
        not count as the participant's changes)."""
        was, self._drawing = self._drawing, True
        try:
            self._draw_diagnostic()
            self._draw_choice()
            self._draw_situation()
            self._draw_builder()
            self._draw_venues()
            self._draw_summary()
        finally:
            self._drawing = was


def goal_workbook(workbook: Workbook | None = None, today: date | None = None) -> GoalWorkbook:
    """Step 1 for the participant's workbook file (the default one if None)."""
    return GoalWorkbook(GoalSession.open(workbook, today))
