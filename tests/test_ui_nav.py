"""The step bar's "getting ready" note: shown in app mode until the page's last cell runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from networking_kit.store import Workbook
from networking_kit.ui.nav import page_ready, step_bar

NOTE = "Getting the rest of this page ready"
WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


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
    assert ".nk-before-run { display: none; }" in step_bar("start", workbook).value
