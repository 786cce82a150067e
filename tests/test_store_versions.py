"""Automatic backups of the workbook and going back to one: made with SQLite's backup API
before imports and restores and once a day, the last ten kept, owner-only, and going back
is itself undoable."""

from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd
import pytest

from networking_kit import cli
from networking_kit.contacts import normalise_contacts
from networking_kit.importers import import_into_workbook
from networking_kit.settings import BACKUPS_KEPT
from networking_kit.store import BackupReason, Workbook, WorkbookError, open_workbook
from networking_kit.store import versions as versions_module
from networking_kit.store.versions import backups_folder, earlier_versions

DATA = Path(__file__).parent / "data" / "imports"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def people(*names: str) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame([{"name": n} for n in names]))


@pytest.fixture
def mine(tmp_path: Path) -> Workbook:
    workbook = open_workbook(tmp_path / "mine.sqlite")
    workbook.save_contacts(people("Ada Lovelace", "Grace Hopper"))
    workbook.save_goal({"kind": "new_role"})
    return workbook


def test_an_empty_workbook_needs_no_backup(workbook: Workbook) -> None:
    assert workbook.back_up(BackupReason.IMPORT) is None
    assert not backups_folder(workbook.path).exists()


def test_a_backup_is_a_whole_owner_only_copy_that_goes_back(mine: Workbook) -> None:
    made = mine.back_up(BackupReason.IMPORT)
    assert made is not None
    assert mode_of(made) == 0o600
    assert mode_of(made.parent) == 0o700
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no temporary left
    before = mine.snapshot()
    mine.save_contacts(people("Someone New"))
    mine.save_goal({"kind": "better_known"})
    (first,) = mine.earlier_versions()
    assert (first.number, first.reason, str(first.holds)) == (
        1, BackupReason.IMPORT, "2 contacts, 0 of them with a closeness, 0 follow-ups and a goal")
    mine.go_back(1)
    after = mine.snapshot()
    assert after == before
    # Going back was backed up first, so it can be undone.
    newest = mine.earlier_versions()[0]
    assert (newest.reason, newest.holds and newest.holds.contacts) == (BackupReason.RESTORE, 3)
    mine.go_back(1)
    assert mine.count_contacts() == 3
    assert mine.load_goal() == {"kind": "better_known"}


def test_going_back_says_how_many_people_were_sorted_then_and_now(
        mine: Workbook) -> None:
    # A fresh participant sorted a dozen people after an import; going back would undo
    # that, yet the question read "now 622 contacts ... backup (617 contacts ...)", as if
    # only five people were at stake. The closeness count says what the sorting was.
    mine.back_up(BackupReason.IMPORT)
    contacts = mine.load_contacts()
    contacts.loc[contacts["name"] == "Ada Lovelace", "strength"] = "close"
    mine.save_contacts(contacts)
    (version,) = mine.earlier_versions()
    assert str(version.holds) == "2 contacts, 0 of them with a closeness, 0 follow-ups and a goal"
    assert str(mine.holdings()) == "2 contacts, 1 of them with a closeness, 0 follow-ups and a goal"
    question = versions_module.what_will_change(mine.holdings(), version)
    assert "now 2 contacts, 1 of them with a closeness," in question
    assert "(2 contacts, 0 of them with a closeness, 0 follow-ups and a goal)" in question


def test_another_window_sees_the_workbook_gone_back(mine: Workbook) -> None:
    mine.back_up(BackupReason.DAILY)
    other = open_workbook(mine.path)
    seen = other.revisions()
    mine.save_contacts(people("Later Person"))
    mine.go_back(1)
    assert other.revisions()["contacts"] > seen["contacts"]
    assert sorted(other.load_contacts()["name"]) == ["Ada Lovelace", "Grace Hopper"]


def test_only_the_last_ten_are_kept_and_nothing_else_is_touched(mine: Workbook) -> None:
    folder = backups_folder(mine.path)
    folder.mkdir(mode=0o700)
    mine_by_hand = folder / "mine-my-own-copy.sqlite"
    other_workbook = folder / "other-20260101-000000-000000-daily.sqlite"
    for keep in (mine_by_hand, other_workbook):
        keep.write_text("not ours to delete")
    for _ in range(BACKUPS_KEPT + 3):
        mine.back_up(BackupReason.IMPORT)
    assert len(mine.earlier_versions()) == BACKUPS_KEPT
    assert mine_by_hand.read_text() == other_workbook.read_text() == "not ours to delete"


def test_the_first_open_of_a_day_backs_up_once(mine: Workbook) -> None:
    mine.close()
    open_workbook(mine.path).close()
    open_workbook(mine.path).close()
    assert [v.reason for v in earlier_versions(mine.path)] == [BackupReason.DAILY]


def test_an_import_and_a_restore_are_backed_up_first(mine: Workbook, tmp_path: Path) -> None:
    import_into_workbook(DATA / "linkedin_current.csv", mine)
    assert [v.reason for v in mine.earlier_versions()] == [BackupReason.IMPORT]
    assert mine.earlier_versions()[0].holds.contacts == 2  # type: ignore[union-attr]
    mine.restore(mine.snapshot())
    assert next(v.reason for v in mine.earlier_versions()) == BackupReason.RESTORE


def test_no_such_backup_is_a_sentence(mine: Workbook) -> None:
    with pytest.raises(WorkbookError, match=r"no backups of mine\.sqlite yet"):
        mine.go_back(1)
    mine.back_up(BackupReason.DAILY)
    with pytest.raises(WorkbookError, match="no backup number 4: choose one from 1 to 1"):
        mine.go_back(4)


def test_a_backup_that_cannot_be_made_stops_the_restore(
        mine: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(versions_module, "copy_database", full)
    before = mine.snapshot()
    with pytest.raises(WorkbookError, match="is full"):
        mine.restore({"contacts": [], "goal": None})
    assert mine.snapshot() == before


# ------------------------------------------------------------------- the commands


def test_the_backups_command_lists_them_newest_first(
        mine: Workbook, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(mine.path), "backups"]) == 0
    assert "No backups" in capsys.readouterr().out
    mine.back_up(BackupReason.DAILY)
    mine.save_contacts(people("Third"))
    mine.back_up(BackupReason.IMPORT)
    assert cli.main(["--db", str(mine.path), "backups"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].strip().startswith("1.")
    assert "before an import" in lines[1]
    assert "3 contacts" in lines[1]
    assert lines[2].strip().startswith("2.")
    assert "first opened that day" in lines[2]


def test_restore_backup_says_what_changes_and_asks(
        mine: Workbook, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    mine.back_up(BackupReason.IMPORT)
    mine.save_contacts(people("Third"))
    db = str(mine.path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    assert cli.main(["--db", db, "restore-backup", "1"]) == 1
    out = capsys.readouterr().out
    assert "now 3 contacts" in out
    assert "(2 contacts, 0 of them with a closeness, 0 follow-ups and a goal)" in out
    assert "backed up first" in out
    assert "Nothing was changed" in out
    assert mine.count_contacts() == 3
    monkeypatch.setattr("builtins.input", lambda _prompt: "yes")
    capsys.readouterr()
    assert cli.main(["--db", db, "restore-backup", "1"]) == 0
    assert mine.count_contacts() == 2
    # A fresh tester read "..., as in backup 1. The version you had is backup 1": one
    # number for two copies (the list moves down by one when the workbook is backed up).
    done = capsys.readouterr().out.splitlines()[-1]
    assert "as in backup 1" not in done
    assert "as in the backup from " in done
    assert "The version you had is now backup 1: networking-kit restore-backup 1 undoes" in done
    assert cli.main(["--db", db, "restore-backup", "1", "--yes"]) == 0  # undo
    assert mine.count_contacts() == 3


def test_restore_backup_without_a_terminal_needs_yes(
        mine: Workbook, capsys: pytest.CaptureFixture[str]) -> None:
    mine.back_up(BackupReason.IMPORT)
    mine.save_contacts(people("Third"))
    assert cli.main(["--db", str(mine.path), "restore-backup", "1"]) == 1
    assert "add --yes" in capsys.readouterr().err
    assert cli.main(["--db", str(mine.path), "restore-backup", "9", "--yes"]) == 1
    assert "no backup number 9" in capsys.readouterr().err
    assert mine.count_contacts() == 3
