"""The plan step's forms, driven as a participant would: choose, click, read the sentence."""

from __future__ import annotations

import asyncio
import base64
import html
import re
import sys
from datetime import UTC, date, datetime

import pytest

from networking_kit.export.workbook_json import workbook_to_json
from networking_kit.samples import sample_goal
from networking_kit.steps.sample import use_sample
from networking_kit.steps.start import StartSession
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import save_goal
from networking_kit.ui import step_bar
from networking_kit.ui.plan import PlanWorkbook, plan_workbook

TODAY = date(2026, 11, 23)


@pytest.fixture
def planned(workbook: Workbook) -> Workbook:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    return workbook


def upload(form: PlanWorkbook, content: bytes, name: str = "backup.json") -> None:
    form.upload.value = ({"name": name, "type": "application/json", "size": len(content),
                          "content": memoryview(content),
                          "last_modified": datetime(2026, 1, 5, tzinfo=UTC)},)


def test_preview_shows_the_plan_in_a_frame(planned: Workbook) -> None:
    form = plan_workbook(planned, TODAY)
    form.preview()
    assert form.frame.value.startswith("<iframe")
    assert "My next twelve weeks" in form.frame.value


def test_in_a_kernel_the_preview_comes_after_the_page(planned: Workbook) -> None:
    """The page's buttons do not wait for the preview (issue 11: about a second at 30,000
    contacts): in a kernel it says it is coming and is drawn once the page is built."""
    form = plan_workbook(planned, TODAY)

    async def page() -> str:
        form.preview()
        coming = form.frame.value
        form.redraws.flush()  # what the kernel does once the page's last cell has run
        return coming

    coming = asyncio.run(page())
    assert "Preparing your plan" in coming
    assert "<iframe" not in coming
    assert form.frame.value.startswith("<iframe")


def test_the_preview_follows_the_privacy_choice(planned: Workbook) -> None:
    form = plan_workbook(planned, TODAY)
    form.preview()
    names = [n for n in planned.load_contacts()["name"] if len(n) > 6]
    assert any(n in form.frame.value for n in names)
    form.names.value = "initials"
    assert not any(n in form.frame.value for n in names)


def test_export_button_saves_the_file_offers_a_download_and_ticks_step_four(
        planned: Workbook) -> None:
    bar = step_bar("plan", open_workbook(planned.path), TODAY)
    form = plan_workbook(planned, TODAY)
    assert "Your action plan ✓" not in bar.value
    form.buttons["md"].click()
    saved = form.session.exports_folder / "my-action-plan.md"
    assert saved.exists()
    assert str(saved) in form.export_status.value
    link = re.search(r'href="data:[^;]+;base64,([^"]+)"', form.export_status.value)
    assert link
    assert base64.b64decode(link.group(1)) == saved.read_bytes()
    assert "Your action plan ✓" in bar.value


def test_privacy_choice_reaches_the_exported_file(planned: Workbook) -> None:
    form = plan_workbook(planned, TODAY)
    form.buttons["contacts.csv"].click()
    written = form.session.exports_folder / "my-contacts.csv"
    default = written.read_text(encoding="utf-8-sig")
    assert "@" not in default
    form.details.value = True
    form.names.value = "initials"
    form.buttons["contacts.csv"].click()
    chosen = written.read_text(encoding="utf-8-sig")
    assert "@" in chosen
    first_name = planned.load_contacts()["name"].iloc[0]
    assert first_name not in chosen


def test_what_each_export_is_is_written_on_the_page(planned: Workbook) -> None:
    from networking_kit.steps.plan import EXPORTS

    form = plan_workbook(planned, TODAY)
    assert form.export_kinds in form.export().children  # not only in a hover tooltip
    for choice in EXPORTS:
        assert f"<b>{html.escape(choice.label)}</b>: {html.escape(choice.meaning)}" in \
            form.export_kinds.value


def test_pdf_without_a_browser_says_what_to_do(planned: Workbook,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", "/nowhere/chrome")
    monkeypatch.setenv("PATH", "/nowhere")
    form = plan_workbook(planned, TODAY)
    # Greyed out before anyone presses it, with the reason beside it and on the button.
    assert form.buttons["pdf"].disabled
    assert "Chrome or Chromium" in form.buttons["pdf"].tooltip
    assert "Save as PDF" in form.pdf_note.value
    assert not form.buttons["html"].disabled
    form.buttons["pdf"].click()  # a click that gets through anyway still says what to do
    assert "Nothing was exported" in form.export_status.value
    assert "Print" in form.export_status.value
    assert "Traceback" not in form.export_status.value


def test_pdf_button_is_live_where_a_browser_can_print(planned: Workbook,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", sys.executable)  # any file that exists
    form = plan_workbook(planned, TODAY)
    assert not form.buttons["pdf"].disabled
    assert form.pdf_note.value == ""


def test_restore_needs_a_file_and_a_confirmation_then_the_preview_follows(
        planned: Workbook) -> None:
    backup = workbook_to_json(planned).encode("utf-8")
    planned.set_profile("participant_name", "Changed after the backup")
    form = plan_workbook(planned, TODAY)
    form.preview()
    assert "Changed after the backup" in form.frame.value
    form.restore_button.click()
    assert "Choose a backup file" in form.restore_status.value
    upload(form, backup)
    form.restore_button.click()
    assert "Tick the box" in form.restore_status.value
    assert planned.get_profile("participant_name") == "Changed after the backup"
    form.replace.value = True
    form.restore_button.click()
    assert "Restored" in form.restore_status.value
    assert planned.get_profile("participant_name") is None
    assert "Changed after the backup" not in form.frame.value  # redrawn, no button
    assert form.replace.value is False


def test_a_broken_backup_restores_nothing(planned: Workbook) -> None:
    form = plan_workbook(planned, TODAY)
    before = planned.snapshot()
    upload(form, b'{"format": "networking-kit-workbook", "format_version": 1, "contacts": [{}',
           "junk.json")
    form.replace.value = True
    form.restore_button.click()
    assert "Nothing was restored" in form.restore_status.value
    assert planned.snapshot() == before


def test_show_my_plan_again_catches_up_with_another_window(planned: Workbook) -> None:
    form = plan_workbook(planned, TODAY)
    form.preview()
    StartSession(open_workbook(planned.path)).set_name("Robin Other-Tab")
    assert "Robin Other-Tab" not in form.frame.value
    form.refresh.click()
    assert "Robin Other-Tab" in form.frame.value


def test_go_back_to_an_earlier_version_asks_first_and_can_be_undone(planned: Workbook) -> None:
    from networking_kit.store import BackupReason

    planned.back_up(BackupReason.DAILY)
    planned.delete_contacts(planned.load_contacts()["contact_id"].tolist()[:10])
    form = plan_workbook(planned, TODAY)
    form.restore()
    assert len(form.versions.options) == 1
    assert form.confirm_go_back.layout.display == "none"
    form.go_back_button.click()
    assert "now 140 contacts" in form.go_back_status.value
    assert form.confirm_go_back.layout.display is None
    assert planned.count_contacts() == 140  # asking changed nothing
    form.confirm_go_back.click()
    assert planned.count_contacts() == 150
    assert "can undo this" in form.go_back_status.value
    assert len(form.versions.options) == 2
    form.versions.value = 1  # the copy made before going back
    form.go_back_button.click()
    form.confirm_go_back.click()
    assert planned.count_contacts() == 140


def test_no_earlier_versions_yet_says_so(planned: Workbook) -> None:
    form = plan_workbook(planned, TODAY)
    form.restore()
    assert form.go_back_button.disabled
    assert "No earlier versions yet" in form.go_back_status.value


def test_the_privacy_choices_and_restore_stay_shown_when_go_back_is_hidden(
        planned: Workbook) -> None:
    """Hiding the go-back confirmation hid every control sharing its layout (the privacy
    choices, 'Show my plan again', the restore box, the versions list)."""
    form = plan_workbook(planned, TODAY)
    form.export()
    form.restore()  # lists the versions and hides "Yes, go back" and "Cancel"
    assert form.confirm_go_back.layout.display == "none"
    for control in (form.details, form.names, form.refresh, form.replace, form.versions,
                    form.go_back_button):
        assert control.layout.display != "none", control.description
