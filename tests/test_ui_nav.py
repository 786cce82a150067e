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
