"""Step 4's session, driven directly: preview, exports, restoring a backup and sharing,
each one action; a failure half-way changes neither the file nor memory."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from networking_kit.contacts import ContactImportError
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.export.workbook_json import workbook_to_json
from networking_kit.samples import sample_goal
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.plan import EXPORTS, EXPORTS_BY_KIND, PlanSession
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import save_goal

TODAY = date(2026, 11, 23)


@pytest.fixture
def planned(workbook: Workbook) -> Workbook:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    return workbook


@pytest.fixture
def session(planned: Workbook) -> PlanSession:
    return PlanSession(planned, TODAY)


def listen(session: PlanSession) -> list[ChangeEvent]:
    heard: list[ChangeEvent] = []
    session.listen(heard.append)
    return heard


def test_every_export_button_names_a_known_format_and_its_own_file() -> None:
    assert len({c.filename for c in EXPORTS}) == len(EXPORTS)
    assert all(c.meaning for c in EXPORTS)
    assert EXPORTS[0].kind == "html"
    assert EXPORTS[-1].kind == "json"  # the backup last


def test_the_preview_is_made_once_per_privacy_choice(session: PlanSession) -> None:
    page = session.preview_html()
    assert "My next twelve weeks" in page
    assert session.preview_html() is page  # kept, not made again
    initials = session.preview_html(Privacy(names=NameStyle.INITIALS))
    assert initials != page
    assert session.plan_document().participant == ""


def test_an_export_writes_the_file_and_marks_step_four_done(session: PlanSession,
                                                           planned: Workbook) -> None:
    heard = listen(session)
    assert not session.plan_done()
    written = session.export("md")
    assert written == session.exports_folder / EXPORTS_BY_KIND["md"].filename
    assert written.read_text(encoding="utf-8").startswith("# ")
    assert session.plan_done()
    assert planned.get_profile("last_export")["format"] == "md"
    assert [e.topics for e in heard] == [frozenset({Change.PROFILE})]
    with pytest.raises(KeyError):
        session.export("docx")


def test_a_failed_export_mark_leaves_file_and_memory_as_they_were(
        session: PlanSession, planned: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    before = planned.snapshot()
    heard = listen(session)

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(planned, "set_profile", broken)
    with pytest.raises(OSError, match="disk full"):
        session.export("html")
    assert planned.snapshot() == before
    assert not session.plan_done()
    assert heard == []


def test_restoring_a_backup_replaces_everything_and_announces_every_topic(
        workbook: Workbook, tmp_path: Path) -> None:
    backup = workbook_to_json(workbook).encode("utf-8")  # an empty workbook
    use_sample(workbook, TODAY)
    workbook.set_profile("last_export", {"format": "md", "on": "2026-11-20"})
    session = PlanSession(workbook, TODAY)
    old_page = session.preview_html()
    assert session.summary()["total"] == 150
    heard = listen(session)
    counts = session.restore_backup(backup)
    assert counts == {"contacts": 0, "follow-ups": 0, "interactions": 0}
    assert workbook.count_contacts() == 0
    assert heard[-1].topics == frozenset(Change)
    assert not session.plan_done()  # memory follows the restored file
    assert session.summary()["total"] == 0
    assert session.preview_html() != old_page


def test_a_restore_that_fails_half_way_keeps_the_workbook_and_memory(
        session: PlanSession, planned: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = workbook_to_json(open_workbook(planned.path.parent / "empty.sqlite"))
    planned.set_profile("last_export", {"format": "md", "on": "2026-11-20"})
    session = PlanSession(planned, TODAY)
    page, summary = session.preview_html(), session.summary()
    before = planned.snapshot()
    heard = listen(session)
    real_restore = planned.restore

    def restore_then_die(snapshot: dict) -> None:
        real_restore(snapshot)  # every table replaced…
        raise RuntimeError("killed")  # …and then the kernel dies

    monkeypatch.setattr(planned, "restore", restore_then_die)
    with pytest.raises(RuntimeError, match="killed"):
        session.restore_backup(backup.encode("utf-8"))
    assert planned.snapshot() == before
    assert session.plan_done()
    assert session.preview_html() is page
    assert session.summary() is summary
    assert heard == []


def test_a_broken_backup_is_one_sentence_and_changes_nothing(session: PlanSession,
                                                             planned: Workbook) -> None:
    before = planned.snapshot()
    with pytest.raises(ContactImportError, match=r"junk\.json"):
        session.restore_backup(b'{"format": "networking-kit-workbook", "contacts": [{}',
                               "junk.json")
    assert planned.snapshot() == before


def test_sharing_writes_one_replaceable_file_and_withdrawing_removes_it(
        session: PlanSession, planned: Workbook, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    heard = listen(session)
    session.share(folder)
    session.share(folder)
    (shared,) = folder.iterdir()
    assert json.loads(shared.read_text())["total"] == 150
    assert shared.stem == planned.get_profile("cohort_summary_id")
    assert Change.PROFILE in heard[0].topics
    assert session.withdraw(folder)
    assert list(folder.iterdir()) == []
    assert not session.withdraw(folder)


def test_a_folder_that_cannot_be_written_shares_nothing(session: PlanSession,
                                                        tmp_path: Path) -> None:
    with pytest.raises(OSError):  # noqa: PT011 - the OS decides which one
        session.share(tmp_path / "not-there")
    assert not (tmp_path / "not-there").exists()


def test_the_plan_forms_and_the_sharing_form_share_one_session(planned: Workbook) -> None:
    first = PlanSession.shared(planned, TODAY)
    assert PlanSession.shared(open_workbook(planned.path), TODAY) is first
    assert PlanSession.shared(planned, date(2026, 12, 1)) is not first


def test_another_window_s_export_is_caught_up_with(session: PlanSession,
                                                   planned: Workbook) -> None:
    other = PlanSession(open_workbook(planned.path), TODAY)
    other.export("md")
    heard = listen(session)
    assert session.refresh()
    assert session.plan_done()
    assert heard[-1].topics == frozenset(Change)


def test_going_back_says_what_changes_then_replaces_and_announces_everything(
        session: PlanSession, planned: Workbook) -> None:
    from networking_kit.store import BackupReason

    planned.back_up(BackupReason.IMPORT)
    planned.delete_contacts(planned.load_contacts()["contact_id"].tolist()[:50])
    (version,) = session.earlier_versions()
    question = session.going_back(version.number)
    assert "now 100 contacts" in question
    assert "(150 contacts" in question
    assert "backed up first" in question
    heard = listen(session)
    session.go_back(1)
    assert planned.count_contacts() == 150
    assert heard[-1].topics == frozenset(Change)
    assert [v.holds.contacts for v in session.earlier_versions()  # type: ignore[union-attr]
            ] == [100, 150]


def test_a_read_only_workbook_still_exports(planned: Workbook) -> None:
    with open_workbook(planned.path, read_only=True) as looking:
        written = PlanSession(looking, TODAY).export("html")
        assert written.stat().st_size > 1000
        assert looking.get_profile("last_export") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")
def test_a_workbook_on_read_only_storage_exports_to_the_home_folder(
        planned: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from tiny_disk import make_read_only, tiny_disk

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    planned.close()
    with tiny_disk(tmp_path / "stick", size_kb=8192) as stick:
        shutil.copy(planned.path, stick / "mine.sqlite")
        make_read_only(stick)
        with open_workbook(stick / "mine.sqlite") as looking:
            written = PlanSession(looking, TODAY).export("md")
    assert written == tmp_path / "home" / "NetworkingKit" / "exports" / "my-action-plan.md"
    assert "twelve weeks" in written.read_text(encoding="utf-8")
