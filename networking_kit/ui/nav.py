"""The step bar at the top of every workbook: where you are, what is done, where next."""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets

from networking_kit.progress import STEP_KEYS, STEPS, steps_done
from networking_kit.store import Workbook, open_workbook

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
</style>
"""


def step_bar_html(current: str, done: dict[str, bool]) -> str:
    """Links to every step, the current one highlighted, finished ones ticked."""
    if current not in STEP_KEYS:
        raise ValueError(f"unknown step {current!r}; one of {', '.join(STEP_KEYS)}")
    parts = []
    for step in STEPS:
        label = f"{step.number}. {step.title}" if step.number else step.title
        tick = " ✓" if done.get(step.key) else ""
        state = "finished" if done.get(step.key) else "not finished yet"
        if step.key == current:
            parts.append(f'<span class="nk-here" aria-current="step">{html.escape(label)}'
                         f"{tick}</span>")
        else:
            css = "nk-done" if done.get(step.key) else ""
            parts.append(f'<a class="{css}" href="{html.escape(step.notebook)}" '
                         f'title="{html.escape(label)}: {state}">{html.escape(label)}{tick}</a>')
    arrow = '<span class="nk-arrow" aria-hidden="true">→</span>'
    return (f'{_STYLE}<nav class="nk-steps" aria-label="Workshop steps">'
            f"{arrow.join(parts)}</nav>")


def step_bar(current: str, workbook: Workbook | None = None,
             today: date | None = None) -> widgets.HTML:
    """The step bar for ``current`` (one of start, goal, map, followups, plan)."""
    workbook = workbook or open_workbook()
    return widgets.HTML(step_bar_html(current, steps_done(workbook, today)))
