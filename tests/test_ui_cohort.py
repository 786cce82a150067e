"""The facilitator's dashboard, driven from Python: type a folder, refresh, read, save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest

from networking_kit.cohort import DROP_ENV_VAR
from networking_kit.cohort_examples import write_examples
from networking_kit.ui.cohort import HOW_TO_SET, CohortDashboard, cohort_dashboard

TODAY = date(2026, 11, 23)


def test_without_a_folder_it_explains_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DROP_ENV_VAR, raising=False)
    board = CohortDashboard(today=TODAY)
    assert HOW_TO_SET in board.numbers.value
    assert board.charts.children == ()
    board.save_button.click()
    assert "Type the drop folder first" in board.status.value


def test_refresh_picks_up_new_summaries(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    board = CohortDashboard(drop, TODAY)
    assert "No summaries yet" in board.numbers.value
    write_examples(drop, 12)
    (drop / "broken.json").write_text("{", encoding="utf-8")
    board.refresh_button.click()
    assert board.report is not None
    assert board.report.participants == 12
    assert "Skipped broken.json" in board.problems.value
    assert len(board.charts.children) == 4
    assert all(isinstance(c.children[0], go.FigureWidget) for c in board.charts.children)
    # Each picture has its table: one row per bar.
    assert all("The picture as a table" in c.children[1].value for c in board.charts.children)


def test_typed_folder_and_saved_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DROP_ENV_VAR, raising=False)
    drop = tmp_path / "drop"
    write_examples(drop, 5)
    board = CohortDashboard(today=TODAY)
    board.folder.value = str(drop)
    board.refresh_button.click()
    assert board.report is not None
    assert board.report.participants == 5
    board.save_button.click()
    saved = tmp_path / "cohort-report-2026-11-23.html"
    assert saved.exists()
    assert "cohort-report-2026-11-23.html" in board.status.value


def test_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    widget = cohort_dashboard(tmp_path / "nowhere", TODAY)
    assert widget.children
    board = CohortDashboard(tmp_path / "nowhere", TODAY)
    assert "does not exist" in board.problems.value


def test_fewer_than_five_summaries_show_the_count_and_the_reason_only(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_examples(drop, 4)
    board = CohortDashboard(drop, TODAY)
    assert "<b>4</b> people have shared" in board.numbers.value
    assert "at least 5 people" in board.numbers.value
    assert "typical map" not in board.numbers.value
    assert board.charts.children == ()
    write_examples(drop, 5)
    board.refresh_button.click()
    assert len(board.charts.children) == 4


def test_the_report_downloads_from_the_page(tmp_path: Path) -> None:
    import base64
    import re

    drop = tmp_path / "drop"
    write_examples(drop, 6)
    board = CohortDashboard(drop, TODAY)
    board.save_button.click()
    link = re.search(r'download="([^"]+)" href="data:text/html;base64,([^"]+)"',
                     board.status.value)
    assert link is not None
    assert link.group(1) == "cohort-report-2026-11-23.html"
    page = base64.b64decode(link.group(2)).decode("utf-8")
    assert "The room at a glance" in page
    assert '<div class="n">6</div>' in page


def test_the_report_downloads_even_when_the_server_copy_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drop = tmp_path / "drop"
    write_examples(drop, 6)
    board = CohortDashboard(drop, TODAY)

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    board.save_button.click()
    assert "Download cohort-report-2026-11-23.html" in board.status.value
    assert "no copy kept on the server" in board.status.value


def test_the_page_names_the_report_button_as_it_reads(tmp_path: Path) -> None:
    import json

    page = Path(__file__).resolve().parent.parent / "workbooks" / "facilitator" / (
        "cohort_dashboard.ipynb")
    words = " ".join("".join(cell["source"]).replace("\n", " ")
                     for cell in json.loads(page.read_text(encoding="utf-8"))["cells"]
                     if cell["cell_type"] == "markdown")
    button = CohortDashboard(tmp_path, TODAY).save_button.description
    assert f"**{button}**" in words  # the page once named a button that was not there
