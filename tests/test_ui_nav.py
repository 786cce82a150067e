"""The step bar: links, ticks that follow the page's session, and the "getting ready" note
shown in app mode until the page's last cell runs."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from networking_kit.progress import STEPS
from networking_kit.steps._session import Change
from networking_kit.steps.goal import GoalSession
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui.nav import follow_step, page_ready, step_bar, step_bar_html

NOTE = "Getting the rest of this page ready"
WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"
TODAY = date(2026, 11, 23)


def test_in_app_mode_the_bar_says_the_page_is_getting_ready_until_it_is(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOILA_KERNEL_ID", "a-kernel")
    bar, other = step_bar("map", workbook), step_bar("goal", workbook)
    assert NOTE in bar.value
    assert NOTE in other.value
    assert "nk-steps" in bar.value
    page_ready()
    assert NOTE not in bar.value
    assert NOTE not in other.value
    assert "nk-steps" in bar.value


def test_in_jupyterlab_there_is_no_note(workbook: Workbook,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    bar = step_bar("map", workbook)
    assert NOTE not in bar.value
    page_ready()
    assert "nk-steps" in bar.value


@pytest.mark.parametrize("notebook", sorted(p.name for p in WORKBOOKS.glob("0*.ipynb")))
def test_every_workbook_says_the_page_is_ready_in_its_last_code_cell(notebook: str) -> None:
    cells = json.loads((WORKBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert code[0].strip().startswith("from networking_kit.ui import step_bar")
    # In the last code cell, just before its form: JupyterLab's Run All leaves the reader
    # at the last code cell, so that must stay a form, not a cell of its own.
    last = code[-1].strip().splitlines()
    assert last[-2] == "page_ready()"
    assert "page_ready" not in "".join(code[:-1])


@pytest.mark.parametrize("notebook", sorted(p.name for p in WORKBOOKS.glob("0*.ipynb")))
def test_every_workbook_says_how_to_run_it_until_its_step_bar_is_drawn(
        notebook: str, workbook: Workbook) -> None:
    """JupyterLab shows code, not forms, until the page is run: the title says how."""
    cells = json.loads((WORKBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    assert cells[0]["cell_type"] == "code"  # the step bar comes first, then the title
    title = "".join(cells[1]["source"])
    assert title.startswith("# ")
    assert '<p class="nk-before-run">' in title
    assert "Run › Run All Cells" in title
    # The bar's own style hides the line once the page has run (and always in the app).
    style = step_bar("start", workbook).value
    # Scoped to the notebook that ran: one page's style must not hide another tab's hint.
    assert ".jp-Notebook:has(.nk-steps) .nk-before-run" in style
    assert "\n.nk-before-run" not in style


def test_step_bar_links_every_other_step_and_marks_the_current_one() -> None:
    html = step_bar_html("map", {"start": True, "goal": True})
    assert html.count("<a ") == len(STEPS) - 1
    assert 'aria-current="step">2. Map your network</span>' in html
    assert 'href="01_set_your_goal.ipynb"' in html
    text = re.sub(r"<[^>]+>", "", html.split("</style>")[-1])
    assert "1. Set your goal ✓, finished" in text  # the tick is also a word for a screen reader
    assert "3. Plan follow-ups ✓" not in text
    assert " title=" not in html  # nothing said only on hover


def test_on_a_phone_the_step_bar_is_one_compact_row() -> None:
    html = step_bar_html("map", {})
    assert '<span class="nk-num">1.</span> <span class="nk-title">Set your goal</span>' in html
    narrow = html[html.index("@media (max-width: 600px)"):]
    assert ".nk-steps a .nk-title { position: absolute" in narrow  # words kept for readers
    assert ".nk-steps .nk-arrow { display: none; }" in narrow


def test_step_bar_refuses_an_unknown_step(workbook: Workbook) -> None:
    with pytest.raises(ValueError, match="unknown step"):
        step_bar("lunch", workbook)


def test_a_page_session_ticks_every_bar_of_its_file_without_reading_it(
        workbook: Workbook) -> None:
    bar = step_bar("goal", open_workbook(workbook.path), TODAY)  # as the notebook opens it
    session = GoalSession(workbook, TODAY)
    stop = follow_step(session, "goal", session.goal_done, Change.GOAL)
    assert "1. Set your goal ✓" not in bar.value
    session.choose_kind("better_connected")
    session.use_example(0)
    assert "1. Set your goal ✓" in bar.value
    session.set_who("")
    assert "1. Set your goal ✓" not in bar.value
    stop()
    session.set_who("people in fintech")
    assert "1. Set your goal ✓" not in bar.value  # no longer following


def test_the_step_bar_ticks_step_two_as_soon_as_enough_people_are_sorted(
        workbook: Workbook) -> None:
    from networking_kit.samples import load_sample_contacts
    from networking_kit.ui.map import map_workbook

    workbook.save_contacts(load_sample_contacts(TODAY).head(4).assign(strength=None))
    bar = step_bar("map", open_workbook(workbook.path), TODAY)  # as the notebook opens it
    assert "Map your network ✓" not in bar.value
    step = map_workbook(workbook, today=TODAY)
    step.triage()
    rows = step.triage_form.rows
    rows[0].closeness.value = "close"
    assert "Map your network ✓" not in bar.value
    rows[1].closeness.value = "known"  # 2 of 4: done, without reloading the page
    assert 'aria-current="step">2. Map your network ✓</span>' in bar.value


def test_the_last_cell_lets_the_waiting_pictures_be_drawn() -> None:
    import asyncio

    from networking_kit.ui.nav import page_ready
    from networking_kit.ui.redraw import Redraws

    drawn: list[str] = []

    async def page() -> None:
        redraws = Redraws(delay_ms=10)
        redraws.after_page("map", lambda: drawn.append("map"))
        await asyncio.sleep(0.05)
        assert drawn == []  # still waiting for the page's last cell
        page_ready()
        await asyncio.sleep(0.1)

    asyncio.run(page())
    assert drawn == ["map"]
