"""The sharing form, driven as a participant would: read, tick, click, read the sentence."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path

import pytest

from networking_kit.cohort import DROP_ENV_VAR
from networking_kit.samples import sample_goal
from networking_kit.steps.plan import PlanSession
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import save_goal
from networking_kit.ui.share import AGREE, NO_FOLDER, ShareForm, share_form

TODAY = date(2026, 11, 23)


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    return folder


def test_the_form_shows_exactly_what_would_be_shared(workbook: Workbook, drop: Path) -> None:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    form = ShareForm(PlanSession(workbook, TODAY), drop)
    assert "<pre" in form.preview.value
    assert "&quot;total&quot;: 150" in form.preview.value
    assert "<details><summary>See the file exactly as it would be saved" in form.preview.value
    assert "<li>People in your map: 150 (closest 5," in form.preview.value
    assert "<li>Your goal: Better connected.</li>" in form.preview.value
    assert form.agree.description == AGREE
    assert form.agree.value is False


def test_in_a_kernel_the_summary_comes_after_the_page(workbook: Workbook, drop: Path) -> None:
    """The page does not wait for the summary (issue 11: it reads the whole map): in a
    kernel the form says it is coming and shows it once the page is built."""
    use_sample(workbook, TODAY)

    async def page() -> tuple[ShareForm, str]:
        form = ShareForm(PlanSession(workbook, TODAY), drop)
        coming = form.preview.value
        form.redraws.flush()  # what the kernel does once the page's last cell has run
        return form, coming

    form, coming = asyncio.run(page())
    assert "Preparing the summary" in coming
    assert "<pre" not in coming
    assert "&quot;total&quot;: 150" in form.preview.value


def test_nothing_is_shared_without_the_tick(workbook: Workbook, drop: Path) -> None:
    form = ShareForm(PlanSession(workbook, TODAY), drop)
    form.share_button.click()
    assert list(drop.iterdir()) == []
    assert "Tick the box first" in form.status.value


def test_ticking_and_sharing_writes_one_file_then_replaces_it(workbook: Workbook,
                                                               drop: Path) -> None:
    use_sample(workbook, TODAY)
    form = ShareForm(PlanSession(workbook, TODAY), drop)
    form.agree.value = True
    form.share_button.click()
    form.share_button.click()
    files = list(drop.iterdir())
    assert len(files) == 1
    assert json.loads(files[0].read_text())["total"] == 150
    assert "Shared, thank you" in form.status.value
    form.withdraw_button.click()
    assert list(drop.iterdir()) == []
    assert "removed" in form.status.value
    assert form.agree.value is False


def test_without_a_drop_folder_one_sentence_and_nothing_sent(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DROP_ENV_VAR, raising=False)
    form = ShareForm(PlanSession(workbook, TODAY))
    assert form.folder is None
    assert NO_FOLDER in form.status.value.replace("&#x27;", "'")
    assert form.share_button.disabled
    assert form.agree.disabled
    form.share()  # even when called anyway
    assert "has not set up a shared folder" in form.status.value
    assert "<pre" in form.preview.value  # they can still read what it would hold


def test_a_folder_that_cannot_be_written_is_a_sentence(workbook: Workbook,
                                                        tmp_path: Path) -> None:
    form = ShareForm(PlanSession(workbook, TODAY), tmp_path / "not-there")
    form.agree.value = True
    form.share_button.click()
    assert "Nothing was shared" in form.status.value
    assert "Traceback" not in form.status.value


def test_share_form_uses_the_environment(workbook: Workbook, drop: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DROP_ENV_VAR, str(drop))
    widget = share_form(workbook, TODAY)
    assert widget.children  # preview, box, buttons, status


def test_the_summary_follows_a_restore_on_the_plan_form_without_a_button(
        workbook: Workbook, drop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from networking_kit.export.workbook_json import workbook_to_json
    from networking_kit.ui.plan import plan_workbook

    empty_backup = workbook_to_json(workbook).encode("utf-8")
    use_sample(workbook, TODAY)
    monkeypatch.setenv(DROP_ENV_VAR, str(drop))
    plan = plan_workbook(workbook, TODAY)
    widget = share_form(workbook, TODAY)  # the same page: the same session
    assert "&quot;total&quot;: 150" in widget.children[0].value
    plan.upload.value = ({"name": "b.json", "type": "application/json",
                          "size": len(empty_backup), "content": memoryview(empty_backup),
                          "last_modified": datetime(2026, 1, 5, tzinfo=UTC)},)
    plan.replace.value = True
    plan.restore_button.click()
    assert "&quot;total&quot;: 0" in widget.children[0].value


def test_the_form_says_when_you_last_shared_and_offers_update_or_take_back(
        workbook: Workbook, drop: Path) -> None:
    use_sample(workbook, TODAY)
    form = ShareForm(PlanSession(workbook, TODAY), drop)
    assert "You have not shared" in form.shared.value
    assert form.share_button.description == "Share"
    assert form.withdraw_button.disabled
    form.agree.value = True
    form.share_button.click()
    assert "You shared your summary on 23 November 2026" in form.shared.value
    assert form.share_button.description == "Update my summary"
    assert not form.withdraw_button.disabled
    # Back on step 4 another day: the new page knows she already shared.
    again = ShareForm(PlanSession(workbook, TODAY), drop)
    assert "You shared your summary on 23 November 2026" in again.shared.value
    again.withdraw_button.click()
    assert list(drop.iterdir()) == []
    assert "You have not shared" in again.shared.value
    assert again.withdraw_button.disabled
