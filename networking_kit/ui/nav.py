"""The step bar at the top of every workbook: where you are, what is done, where next."""

from __future__ import annotations

import html
import os
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from networking_kit.progress import STEP_KEYS, STEPS
from networking_kit.steps._session import Change, ChangeEvent, StepSession
from networking_kit.steps.progress import ProgressSession
from networking_kit.ui import redraw
from networking_kit.ui.page_style import page_style

if TYPE_CHECKING:
    from networking_kit.store import Workbook

_STYLE = """
<style>
.nk-steps { display: flex; flex-wrap: wrap; gap: 6px; align-items: center;
            font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 4px 0; }
.nk-steps a, .nk-steps span.nk-here { padding: 6px 12px; border-radius: 16px; font-size: 14px;
            text-decoration: none; border: 1px solid #bcccdc; color: #243b53; background: #fff; }
.nk-steps a:hover, .nk-steps a:focus { background: #f0f4f8; outline: 2px solid #0072B2; }
.nk-steps span.nk-here { background: #0072B2; color: #fff; border-color: #0072B2;
                         font-weight: 600; }
.nk-steps .nk-done { border-color: #009E73; }
.nk-steps .nk-arrow { color: #829ab1; }
/* the "how to run this page" line: hidden in the notebook that has drawn its bar (that
   page only, not every tab of JupyterLab), and always in the app */
.jp-Notebook:has(.nk-steps) .nk-before-run, body[data-voila] .nk-before-run { display: none; }
.nk-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
         white-space: nowrap; }
.nk-loading { margin: 6px 0 0; padding: 6px 12px; border-radius: 6px; font-size: 14px;
              background: #fff8e1; color: #5c4400; border: 1px solid #f0d58c; }
/* On a phone the bar is one compact row: numbers for the other steps, words for this one
   (the words stay for screen readers). */
@media (max-width: 600px) {
  .nk-steps { gap: 4px; flex-wrap: nowrap; }
  .nk-steps a, .nk-steps span.nk-here { padding: 6px 10px; font-size: 13px; white-space: nowrap; }
  .nk-steps span.nk-here { white-space: normal; flex: 1 1 auto; }
  .nk-steps .nk-arrow { display: none; }
  .nk-steps a .nk-title { position: absolute; width: 1px; height: 1px; overflow: hidden;
                          clip: rect(0 0 0 0); white-space: nowrap; }
}
</style>
"""
# Each workbook's title cell says how to run the page (class nk-before-run): JupyterLab
# shows the code until someone runs it. The bar is the first thing a run draws, and its
# style hides that line in that notebook from then on; in the app it is never seen.
# Shown in app mode while the rest of the page is still being drawn: the forms already on
# the page only answer once the kernel has run the last cell, which can take a while.
_LOADING_NOTE = ('<p class="nk-loading" role="status">Getting the rest of this page ready. '
                 "Buttons and boxes answer once this note has gone.</p>")


def step_bar_html(current: str, done: dict[str, bool]) -> str:
    """Links to every step, the current one highlighted, finished ones ticked."""
    if current not in STEP_KEYS:
        raise ValueError(f"unknown step {current!r}; one of {', '.join(STEP_KEYS)}")
    parts = []
    for step in STEPS:
        label = f"{step.number}. {step.title}" if step.number else step.title
        # The number and the words apart, so a phone can show "2" for the other steps.
        words = (f'<span class="nk-num">{step.number}.</span> <span class="nk-title">'
                 f"{html.escape(step.title)}</span>" if step.number
                 else f'<span class="nk-num nk-home" aria-hidden="true">⌂</span>'
                      f'<span class="nk-title">{html.escape(step.title)}</span>')
        tick = " ✓" if done.get(step.key) else ""
        if step.key == current:
            parts.append(f'<span class="nk-here" aria-current="step">{html.escape(label)}'
                         f"{tick}</span>")
        else:
            css = "nk-done" if done.get(step.key) else ""
            # The tick is read out as a word; no hover-only title.
            spoken = '<span class="nk-sr">, finished</span>' if tick else ""
            parts.append(f'<a class="{css}" href="{html.escape(step.notebook)}">{words}'
                         f'<span aria-hidden="true">{tick}</span>{spoken}</a>')
    arrow = '<span class="nk-arrow" aria-hidden="true">→</span>'
    return (f"{_STYLE}{page_style()}"
            f'<nav class="nk-steps" aria-label="Workshop steps">{arrow.join(parts)}</nav>')


# The bars on the page, so a page can tick its step the moment it is done rather than
# after a reload. Weak, so a closed bar is forgotten.
_SHOWN: weakref.WeakKeyDictionary[widgets.HTML, _Shown] = weakref.WeakKeyDictionary()


class _Shown:
    """One bar on the page: its step, its progress (read once), and the loading note."""

    def __init__(self, current: str, progress: ProgressSession, loading: bool) -> None:
        self.current, self.progress, self.loading = current, progress, loading

    def html(self) -> str:
        bar = step_bar_html(self.current, self.progress.done)
        return bar + _LOADING_NOTE if self.loading else bar


def step_bar(current: str, workbook: Workbook | None = None,
             today: date | None = None) -> widgets.HTML:
    """The step bar for ``current`` (one of start, goal, map, followups, plan)."""
    if current not in STEP_KEYS:
        raise ValueError(f"unknown step {current!r}; one of {', '.join(STEP_KEYS)}")
    shown = _Shown(current, ProgressSession(workbook, today), in_app_mode())
    bar = widgets.HTML(shown.html())
    _SHOWN[bar] = shown
    return bar


def in_app_mode() -> bool:
    """True inside ``networking-kit app`` (Voila sets this in the kernel it starts)."""
    return "VOILA_KERNEL_ID" in os.environ


def page_ready() -> None:
    """Take the "getting ready" note off the step bars: the page's last cell has run.

    Each workbook calls this in its last cell, so in app mode the note stays exactly as
    long as a click could go unanswered. The pictures that wait for the page
    (``redraw.Redraws.after_page``) are drawn from now on.
    """
    redraw.page_is_ready()
    for bar, shown in list(_SHOWN.items()):
        if shown.loading:
            shown.loading = False
            bar.value = shown.html()


def show_step_done(path: Path, key: str, done: bool) -> None:
    """Tick (or untick) step ``key`` on every bar shown for the workbook file at ``path``
    (by path: a notebook's bar and its page usually open the same file separately).
    No file read: the page's session knows; a bar is redrawn only when its tick changes."""
    for bar, shown in list(_SHOWN.items()):
        if shown.progress.workbook.path == path and shown.progress.mark(key, done):
            bar.value = shown.html()


def follow_step(session: StepSession, key: str, done: Callable[[], bool],
                *topics: Change) -> Callable[[], None]:
    """Keep step ``key``'s tick equal to ``done()`` after every change of ``topics`` in
    ``session`` (and now). Returns a function that stops following."""
    def update(_event: ChangeEvent | None = None) -> None:
        show_step_done(session.workbook.path, key, done())
    update()
    return session.listen(update, *topics)


def refresh_step_bars(workbook: Workbook) -> None:
    """Read every tick again from ``workbook``'s file and redraw its bars: for a page
    whose step has no session yet. Pages with a session use :func:`follow_step`."""
    for bar, shown in list(_SHOWN.items()):
        if shown.progress.workbook.path == workbook.path and shown.progress.reread():
            bar.value = shown.html()
