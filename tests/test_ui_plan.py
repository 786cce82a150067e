"""The plan step's forms, driven as a participant would: choose, click, read the sentence."""

from __future__ import annotations

import base64
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from networking_kit.export.workbook_json import workbook_to_json
from networking_kit.goals import save_goal
from networking_kit.samples import sample_goal, use_sample
from networking_kit.store import Workbook
from networking_kit.ui.plan import PlanWorkbook, exports_folder

TODAY = date(2026, 11, 23)


@pytest.fixture
def planned(workbook: Workbook) -> Workbook:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    return workbook


def test_preview_shows_the_plan_in_a_frame(planned: Workbook) -> None:
    form = PlanWorkbook(planned, TODAY)
    form.preview()
    assert form.frame.value.startswith("<iframe")
    assert "My next twelve weeks" in form.frame.value


def test_export_button_saves_the_file_and_offers_a_download(planned: Workbook) -> None:
    form = PlanWorkbook(planned, TODAY)
    form.buttons["md"].click()
    saved = exports_folder(planned) / "my-action-plan.md"
    assert saved.exists()
    assert str(saved) in form.export_status.value
    link = re.search(r'href="data:[^;]+;base64,([^"]+)"', form.export_status.value)
    assert link
    assert base64.b64decode(link.group(1)) == saved.read_bytes()


def test_privacy_choice_reaches_the_exported_file(planned: Workbook) -> None:
    form = PlanWorkbook(planned, TODAY)
    form.buttons["contacts.csv"].click()
    default = (exports_folder(planned) / "my-contacts.csv").read_text(encoding="utf-8-sig")
    assert "@" not in default
    form.details.value = True
    form.names.value = "initials"
    form.buttons["contacts.csv"].click()
    chosen = (exports_folder(planned) / "my-contacts.csv").read_text(encoding="utf-8-sig")
    assert "@" in chosen
    first_name = planned.load_contacts()["name"].iloc[0]
    assert first_name not in chosen


def test_pdf_without_a_browser_says_what_to_do(planned: Workbook,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", "/nowhere/chrome")
    monkeypatch.setenv("PATH", "/nowhere")
    form = PlanWorkbook(planned, TODAY)
    form.buttons["pdf"].click()
    assert "Nothing was exported" in form.export_status.value
    assert "Print" in form.export_status.value
    assert "Traceback" not in form.export_status.value


def test_restore_needs_a_file_and_a_confirmation(planned: Workbook, workbook: Workbook,
                                                 tmp_path: Path) -> None:
    backup = workbook_to_json(planned).encode("utf-8")
    planned.set_profile("participant_name", "Changed after the backup")
    form = PlanWorkbook(planned, TODAY)
    form.restore_button.click()
    assert "Choose a backup file" in form.restore_status.value
    form.upload.value = ({"name": "backup.json", "type": "application/json",
                          "size": len(backup), "content": memoryview(backup),
                          "last_modified": datetime(2026, 1, 5, tzinfo=UTC)},)
    form.restore_button.click()
    assert "Tick the box" in form.restore_status.value
    assert planned.get_profile("participant_name") == "Changed after the backup"
    form.replace.value = True
    form.restore_button.click()
    assert "Restored" in form.restore_status.value
    assert planned.get_profile("participant_name") is None


def test_a_broken_backup_restores_nothing(planned: Workbook) -> None:
    form = PlanWorkbook(planned, TODAY)
    before = planned.count_contacts()
    junk = b'{"format": "networking-kit-workbook", "format_version": 1, "contacts": [{}'
    form.upload.value = ({"name": "junk.json", "type": "application/json", "size": len(junk),
                          "content": memoryview(junk),
                          "last_modified": datetime(2026, 1, 5, tzinfo=UTC)},)
    form.replace.value = True
    form.restore_button.click()
    assert "Nothing was restored" in form.restore_status.value
    assert planned.count_contacts() == before
