"""What step 3's sections share: buttons, a row of one action, plain words, and running a
click so that its outcome is one sentence, never a traceback."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol, TypeVar

import ipywidgets as widgets
import plotly.graph_objects as go

from networking_kit.dates import short_day_month, weekday_day_month
from networking_kit.followups import Action
from networking_kit.steps.undo import UndoableFollowups
from networking_kit.ui._status import say
from networking_kit.ui.chart_table import PictureBox, drawing_note
from networking_kit.ui.redraw import Redraws
from networking_kit.vocab import ActionStatus

_W = TypeVar("_W", bound=widgets.DOMWidget)
LABELLED = {"description_width": "initial"}
SORRY = ("Sorry, that could not be saved. Your plan as it was is safe; try again, or "
         "reload the page.")
NO_GOAL = ("You have not set a goal yet, so this plan keeps your relationships warm and "
           "gives first. Set one in step 1 and your venue visits and "
           "introductions to ask for will appear here too.")
LOG_SECTION = "Log a call, a coffee or a message"
EVENT_SECTION = "After an event"
INTERVALS: tuple[tuple[str, int], ...] = (
    ("1 week", 7), ("2 weeks", 14), ("3 weeks", 21), ("4 weeks", 28), ("1 month", 30),
    ("6 weeks", 42), ("2 months", 60), ("3 months", 91), ("4 months", 120),
    ("6 months", 182), ("9 months", 273), ("1 year", 365), ("2 years", 730),
)


class PageLook:
    """The style models a page's widgets share: one per kind of widget and look (a
    labelled text box, toggle buttons as wide as their words…), made the first time a
    widget asks for it. Nothing changes a style once made (a status line's colour is in
    its HTML; a row hides a button through its own layout), and each would otherwise be
    one more widget model sent to the browser: about 100 of the 340 step 3 makes before
    its page is shown and 170 of its lists' 750 rows' at 30,000 contacts, each about
    0.5 ms of the kernel's time (measured with nbclient, 2026-12-01). Layouts are never
    shared (``tests/test_ui_layouts.py``)."""

    def __init__(self) -> None:
        self._styles: dict[tuple[type, tuple[tuple[str, Any], ...]], widgets.Widget] = {}

    def style(self, kind: type[widgets.DOMWidget], traits: dict[str, Any] | None = None,
              ) -> Any:
        """The page's style model for widgets of ``kind`` with these style traits."""
        style_kind = kind.class_traits()["style"].klass
        key = (style_kind, tuple(sorted((traits or {}).items())))
        shared = self._styles.get(key)
        if shared is None:
            shared = self._styles[key] = style_kind(**(traits or {}))
        return shared

    def make(self, kind: type[_W], *args: Any, style: dict[str, Any] | None = None,
             **traits: Any) -> _W:
        """``kind(*args, **traits)`` with this page's style for it (``style``: the style's
        own traits, as ipywidgets takes them)."""
        made: _W = kind(*args, style=self.style(kind, style), **traits)
        return made

    def button(self, label: str, icon: str = "", alone: bool = False) -> widgets.Button:
        """:func:`button` with this page's button style."""
        return button(label, icon, alone, style=self.style(widgets.Button))


class Page(Protocol):
    """The page a section belongs to: its session, where a failure is kept, its
    pictures' redraws and the style models its widgets share."""

    session: UndoableFollowups
    last_error: BaseException | None
    redraws: Redraws
    look: PageLook

    def take_note(self) -> str: ...


def section(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children), layout=widgets.Layout(padding="6px 0"))


def button(label: str, icon: str = "", alone: bool = False,
           style: widgets.ButtonStyle | None = None) -> widgets.Button:
    """A button as wide as its words; ``alone`` keeps it from stretching across a section;
    ``style`` one the page's buttons share (see :class:`PageLook`)."""
    layout = widgets.Layout(width="auto", align_self="flex-start" if alone else None)
    if style is None:
        return widgets.Button(description=label, icon=icon, layout=layout)
    return widgets.Button(description=label, icon=icon, layout=layout, style=style)


def day_words(value: date | None) -> str:
    return "no date yet" if value is None else weekday_day_month(value)


def week_words(monday: date) -> str:
    """"w/c 21 Dec": short enough for a row of twelve checkboxes."""
    return "w/c " + short_day_month(monday)


def interval_options(*extra: int) -> list[tuple[str, int]]:
    options = list(INTERVALS)
    known = {days for _, days in options}
    for days in extra:
        if days not in known:
            options.append((f"{days} days", days))
            known.add(days)
    return sorted(options, key=lambda o: o[1])


def guarded(page: Page, status: widgets.HTML,
            action: Callable[..., str | None]) -> Callable[..., None]:
    """A widget callback whose sentence goes to ``status``: a ``ValueError`` is its own
    sentence, any other failure one plain apology (kept on ``page.last_error`` for a
    facilitator), and a note the session had for the participant (the page was out of
    date) is added."""

    def run(*args: Any) -> None:
        try:
            sentence = action(*args)
        except ValueError as error:
            page.last_error = error
            say(status, str(error), error=True)
            return
        except Exception as error:
            page.last_error = error
            say(status, SORRY, error=True)
            return
        text = " ".join(s for s in (sentence or "", page.take_note()) if s)
        if text:
            say(status, text)

    return run


class Row:
    """One action in a list: its words and the buttons that change it, reused page to page.

    ``buttons`` by key (accept, skip, done, change); ``action`` the action shown; ``look``
    the page's shared styles.
    """

    def __init__(self, buttons: list[tuple[str, str, str]], look: PageLook):
        self.text = look.make(widgets.HTML, layout=widgets.Layout(flex="1 1 420px"))
        self.buttons = {key: look.button(label, icon) for key, label, icon in buttons}
        self.action: Action | None = None
        self.box = widgets.HBox([self.text, *self.buttons.values()], layout=widgets.Layout(
            border_bottom="1px solid #e5e5e5", padding="4px 0", align_items="center",
            flex_flow="row wrap"))

    def show(self, action: Action, with_date: bool) -> None:
        self.action = action
        when = f"<b>{html.escape(day_words(action.due_on))}</b> · " if with_date else ""
        self.text.value = (
            f"<div>{when}<span style='color:#555'>{html.escape(action.kind_label)}</span>"
            f" · <i>{html.escape(action.status.label)}</i><br>"
            f"<b>{html.escape(action.title)}</b><br>"
            f"<span class='nk-why' style='color:#444'>{html.escape(action.why)}</span></div>")
        status = action.status
        for key, control in self.buttons.items():
            hidden = ((key == "accept" and status in (ActionStatus.ACCEPTED, ActionStatus.DONE))
                      or (key in ("done", "change")
                          and status in (ActionStatus.DONE, ActionStatus.SKIPPED))
                      or (key == "skip" and status in (ActionStatus.SKIPPED, ActionStatus.DONE)))
            control.layout.display = "none" if hidden else None
        if "accept" in self.buttons:
            self.buttons["accept"].description = (
                "Put back" if status is ActionStatus.SKIPPED else "Keep")

    def action_id(self) -> str:
        if self.action is None:
            raise ValueError("That row is empty; choose an action in the list.")
        return self.action.action_id

    def first_button(self) -> widgets.Button | None:
        """The row's first button on show (a kept action hides its Keep)."""
        return next((b for b in self.buttons.values() if b.layout.display != "none"), None)


def focus_on_from(rows: list[Row], shown: tuple[widgets.Widget, ...], row: Row) -> None:
    """After a click on ``row`` changed its action, put the keyboard focus where a
    keyboard user goes on: the first button of the next row shown (``shown``: the list's
    children), else of this row, else of the first. The clicked button itself may have
    been hidden (Keep, once kept), and the browser then drops the focus to the top of the
    page: 36 Tabs from the list."""
    listed = [r for r in rows if r.box in shown]
    if not listed:
        return
    at = listed.index(row) + 1 if row in listed else 0
    for candidate in (*listed[at:at + 1], row, listed[0]):
        button = candidate.first_button() if candidate in listed else None
        if button is not None:
            button.focus()
            return


class UndoButton:
    """"Undo" beside a section's message: takes back the page's newest keep, skip, done
    or change (``steps.undo``), and says which; greyed out when there is nothing to undo.
    Its words say what it would undo ("Undo skipped")."""

    def __init__(self, page: Page, status: widgets.HTML) -> None:
        self.page = page
        self.button = page.look.button("Undo", "undo", alone=True)
        self.button.on_click(lambda _b: guarded(page, status, self._undo)())
        self._update()
        page.session.undo_stack.watch(self._update)

    def _undo(self) -> str:
        return f"Undone. {self.page.session.undo()} is back as it was."

    def _update(self) -> None:
        label = self.page.session.undo_stack.label
        self.button.disabled = not label
        self.button.tooltip = ""
        # Only the verb ("Undo done"): a title would make the button too wide for a phone;
        # the message after undoing names the action in full.
        self.button.description = f"Undo {label.split(':')[0].lower()}" if label else "Undo"


BUSY = "<div class='nk-busy' style='color:#555;font-style:italic'>Updating the picture…</div>"
# What a section showing the plan says until the session has planned again from the map,
# once the page is built (``steps.followups_memory.FollowupMemory.open_plan``).
MAKING_PLAN = drawing_note("Making your plan from your map…")


class Debounced:
    """One of step 3's pictures (``box``, a :class:`~networking_kit.ui.chart_table.
    PictureBox`, and ``busy``, the note above it), on the page's shared
    :class:`~networking_kit.ui.redraw.Redraws`: first drawn once the page is built
    ("Drawing…" meanwhile), then ``settings.REDRAW_DEBOUNCE_MS`` after the last change
    ("Updating the picture…"), in place, and only when ``key()`` (what it is drawn from)
    changed. Where no event loop runs (a script, the tests, nbval) it draws at once, so
    nothing is left stale. Call it to ask for a redraw (a session listener)."""

    def __init__(self, page: Page, name: str, figure: Callable[[], go.Figure],
                 key: Callable[[], object]) -> None:
        self.name, self.figure, self.key = name, figure, key
        self.busy = page.look.make(widgets.HTML)
        self.box = PictureBox()
        self._redraws = page.redraws
        self._redraws.after_page(name, self._run, busy=self._show_drawing)

    def __call__(self, _event: object = None) -> None:
        first = self.box.picture is None  # still waiting for its first drawing
        self._redraws.request(self.name, self._run,
                              busy=self._show_drawing if first else self._show_busy)

    def _show_drawing(self) -> None:
        self.busy.value = drawing_note("Drawing the picture…")

    def _show_busy(self) -> None:
        self.busy.value = BUSY

    def _run(self) -> None:
        try:
            self.box.draw(self.figure, key=self.key())
        finally:
            self.busy.value = ""
