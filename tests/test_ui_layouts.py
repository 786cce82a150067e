"""Every workbook page's widgets, built as the notebooks build them: no two widgets share
one layout object. A shared ``widgets.Layout`` hides, shows or resizes every widget that
uses it at once: step 4's privacy choices and restore controls all vanished when its
go-back buttons were hidden (found in the browser, 2026-11-30)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import ipywidgets as widgets
import pytest

from networking_kit.samples import sample_goal
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import save_goal
from networking_kit.ui import (
    followup_workbook,
    goal_workbook,
    map_workbook,
    plan_workbook,
    share_form,
    start_here,
)

TODAY = date(2026, 11, 23)


def _sections(workbook: Workbook) -> dict[str, list[Callable[[], Any]]]:
    """Each page's cells, as its notebook calls them (see workbooks/*.ipynb)."""
    goal = goal_workbook(workbook, TODAY)
    the_map = map_workbook(workbook, TODAY)
    followups = followup_workbook(workbook, TODAY)
    plan = plan_workbook(workbook, TODAY)
    return {
        "00": [lambda: start_here(workbook)],
        "01": [goal.diagnostic, goal.choice, goal.situation, goal.builder, goal.venues,
               goal.summary],
        "02": [the_map.get_people_in, the_map.triage, the_map.pictures, the_map.metrics,
               the_map.census, the_map.gaps, the_map.summary],
        "03": [followups.keep_warm, followups.suggestions, followups.schedule,
               followups.after_an_event, followups.log, followups.calendar,
               followups.check_in, followups.summary],
        "04": [plan.preview, plan.export, plan.restore, lambda: share_form(workbook, TODAY)],
    }


def _widgets(shown: Any) -> Iterator[widgets.Widget]:
    """``shown`` and every widget inside it (children, and a form's own ``widget``)."""
    if isinstance(shown, widgets.Widget):
        yield shown
        for child in getattr(shown, "children", ()):
            yield from _widgets(child)
    elif hasattr(shown, "widget"):
        yield from _widgets(shown.widget)


@pytest.mark.parametrize("page", ["00", "01", "02", "03", "04"])
def test_no_two_widgets_on_a_page_share_a_layout(workbook: Workbook, page: str) -> None:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    owners: dict[int, str] = {}
    shared: list[str] = []
    seen = 0
    for cell in _sections(workbook)[page]:
        for widget in _widgets(cell()):
            layout = getattr(widget, "layout", None)
            if not isinstance(layout, widgets.Layout):
                continue
            seen += 1
            name = f"{type(widget).__name__} {getattr(widget, 'description', '')!r}"
            if id(layout) in owners and owners[id(layout)] != name:
                shared.append(f"{owners[id(layout)]} and {name}")
            owners.setdefault(id(layout), name)
    assert seen > 3, f"page {page}: only {seen} widgets found; the walk missed the page"
    assert not shared, f"page {page}: widgets sharing one layout: {shared}"
