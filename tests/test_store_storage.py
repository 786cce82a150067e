"""What the storage under the workbook can do, said truthfully: another window saving,
a full disk, read-only storage, a file moved or deleted under an open page; and the file's
permissions, whatever they were before."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import threading
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from networking_kit import cli
from networking_kit.contacts import ContactImportError, normalise_contacts
from networking_kit.importers import import_into_workbook
from networking_kit.samples import load_sample_contacts
from networking_kit.store import (
    Workbook,
    WorkbookBusy,
    WorkbookFull,
    WorkbookMoved,
    WorkbookReadOnly,
    open_workbook,
)

DATA = Path(__file__).parent / "data" / "imports"
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def people(*names: str) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame([{"name": n} for n in names]))


@pytest.fixture
def filled(tmp_path: Path) -> Workbook:
    workbook = open_workbook(tmp_path / "mine.sqlite")
    workbook.save_contacts(load_sample_contacts(today=date(2026, 11, 23)))
    workbook.save_goal({"kind": "new_role"})
    return workbook


# ------------------------------------------------------------------------- locked


def test_a_save_waits_for_another_window_then_says_it_is_busy(filled: Workbook) -> None:
    filled._db.execute("PRAGMA busy_timeout = 200")  # BUSY_TIMEOUT_S is 10 s
    other = open_workbook(filled.path)
    with other.transaction():  # another window's long save holds the file
        with pytest.raises(WorkbookBusy, match=r"Another window is saving.*Try again in a "
                                               r"moment"):
            filled.set_profile("participant_name", "Sam")
        assert isinstance(WorkbookBusy("x"), sqlite3.OperationalError)
        # Looking never waits: opening and reading take no write lock.
        with open_workbook(filled.path) as third:
            assert third.count_contacts() == 150
    filled.set_profile("participant_name", "Sam")  # once the other save is done, it works
    assert other.get_profile("participant_name") == "Sam"


def test_a_save_that_waits_less_than_the_busy_timeout_just_happens(filled: Workbook) -> None:
    other = open_workbook(filled.path)
    release = threading.Event()

    def hold_briefly() -> None:
        with other.transaction():
            release.wait(5)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    threading.Timer(0.3, release.set).start()
    filled.set_profile("participant_name", "Waited")
    holder.join()
    assert other.get_profile("participant_name") == "Waited"


# ---------------------------------------------------------------------- disk full


def test_a_full_disk_says_so_and_loses_nothing(filled: Workbook) -> None:
    before = filled.snapshot()
    pages = filled._db.execute("PRAGMA page_count").fetchone()[0]
    filled._db.execute(f"PRAGMA max_page_count = {pages}")
    big = people(*(f"Person {n} " + "x" * 2000 for n in range(400)))
    with pytest.raises(WorkbookFull, match=r"is full.*Nothing already saved was lost: free "
                                           r"some space"):
        filled.save_contacts(big)
    assert filled.snapshot() == before
    assert filled.check_integrity()


def test_a_full_disk_import_says_so_not_cannot_rollback(filled: Workbook) -> None:
    pages = filled._db.execute("PRAGMA page_count").fetchone()[0]
    filled._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(ContactImportError) as raised:
        import_into_workbook(DATA / "linkedin_current.csv", filled)
    assert "is full" in str(raised.value)
    assert "rollback" not in str(raised.value)
    assert filled.count_contacts() == 150


@AS_ROOT
def test_a_really_full_disk_says_so_and_the_workbook_stays_whole(tmp_path: Path) -> None:
    from tiny_disk import tiny_disk

    with tiny_disk(tmp_path / "stick", size_kb=320) as disk:
        workbook = open_workbook(disk / "mine.sqlite")
        workbook.save_contacts(people("Ada", "Grace"))

        def fill_the_disk() -> None:
            for round_ in range(200):
                workbook.save_contacts(people(*(f"P{round_}-{n} " + "y" * 3000
                                                 for n in range(20))))

        with pytest.raises(WorkbookFull, match="is full"):
            fill_the_disk()
        saved = workbook.count_contacts()
        workbook.close()
        with open_workbook(disk / "mine.sqlite", daily_backup=False) as again:
            assert again.check_integrity()
            assert again.count_contacts() == saved >= 2


# ---------------------------------------------------------------------- read-only


def test_opened_read_only_everything_reads_and_exports_and_saving_says_why(
        filled: Workbook, tmp_path: Path) -> None:
    with open_workbook(filled.path, read_only=True) as looking:
        assert looking.read_only
        assert looking.count_contacts() == 150
        with pytest.raises(WorkbookReadOnly, match=r"changes cannot be saved.*can still be "
                                                   r"seen and exported"):
            looking.set_profile("participant_name", "Sam")
    out = tmp_path / "plan.html"
    assert cli.main(["--db", str(filled.path), "export", "--out", str(out)]) == 0
    assert "<html" in out.read_text(encoding="utf-8").lower()


@AS_ROOT
def test_a_workbook_on_read_only_storage_opens_read_only(filled: Workbook,
                                                         tmp_path: Path) -> None:
    from tiny_disk import make_read_only, tiny_disk

    filled.close()
    with tiny_disk(tmp_path / "cd", size_kb=4096) as disk:
        shutil.copy(filled.path, disk / "mine.sqlite")
        make_read_only(disk)
        with open_workbook(disk / "mine.sqlite") as workbook:
            assert workbook.read_only
            assert workbook.count_contacts() == 150
            with pytest.raises(WorkbookReadOnly, match="storage that cannot be written"):
                workbook.save_goal({"kind": "better_known"})
        out = tmp_path / "contacts.csv"
        assert cli.main(["--db", str(disk / "mine.sqlite"), "export", "--out", str(out)]) == 0
        assert out.stat().st_size > 1000


# ------------------------------------------------------------ moved or deleted


@pytest.mark.parametrize("how", ["deleted", "moved", "replaced"])
def test_a_file_gone_from_under_a_page_is_noticed_before_the_next_save(
        filled: Workbook, how: str) -> None:
    filled.set_profile("participant_name", "Alex")
    path = filled.path
    if how == "deleted":
        for companion in path.parent.glob(path.name + "*"):
            companion.unlink()
    elif how == "moved":
        path.rename(path.with_name("elsewhere.sqlite"))
    else:
        path.rename(path.with_name("aside.sqlite"))
        open_workbook(path).close()  # a new, empty workbook took its name
    with pytest.raises(WorkbookMoved, match="was moved or deleted while this page was open, "
                                            "so this change was not saved") as raised:
        filled.set_profile("participant_name", "Sam")
    rescued = list(path.parent.glob("mine-rescued-*.sqlite"))
    assert len(rescued) == 1
    assert str(rescued[0]) in str(raised.value)
    assert mode_of(rescued[0]) == 0o600
    with open_workbook(rescued[0], daily_backup=False) as copy:
        assert copy.count_contacts() == 150
        assert copy.get_profile("participant_name") == "Alex"
    with pytest.raises(WorkbookMoved):  # every later save says so too, with one rescue
        filled.save_goal({"kind": "better_known"})
    assert len(list(path.parent.glob("mine-rescued-*.sqlite"))) == 1


# -------------------------------------------------------------------- permissions


def test_every_folder_made_for_the_workbook_is_owner_only(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)  # noqa: S103 - a folder the participant already had
    target = tmp_path / "a" / "b" / "c.sqlite"
    open_workbook(target).close()
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert mode_of(folder) == 0o700, folder
    assert mode_of(target) == 0o600
    assert mode_of(tmp_path) == 0o755


def test_an_existing_readable_workbook_and_its_companions_are_tightened(
        tmp_path: Path) -> None:
    target = tmp_path / "shared.sqlite"
    with open_workbook(target) as workbook:
        workbook.save_contacts(people("Ada"))
        holder = sqlite3.connect(target)  # keeps the -wal and -shm files in place
        holder.execute("SELECT 1").fetchone()
    for path in tmp_path.glob("shared.sqlite*"):
        os.chmod(path, 0o644)  # as an older toolkit or a copy left them
    with open_workbook(target) as workbook:
        workbook.save_contacts(people("Grace"))
        files = sorted(tmp_path.glob("shared.sqlite*"))
        assert {p.name for p in files} >= {"shared.sqlite", "shared.sqlite-wal",
                                           "shared.sqlite-shm"}
        assert {p.name: mode_of(p) for p in files} == dict.fromkeys(
            (p.name for p in files), 0o600)
    holder.close()


def test_a_file_that_is_not_a_workbook_is_still_refused_as_before(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite"
    target.write_text("my own notes, not a database " * 100)
    with pytest.raises(Exception, match="not a workbook file this toolkit can open"):
        open_workbook(target)
    assert target.read_text().startswith("my own notes")


# ------------------------------------------------------------- killed mid-import

_IMPORTER = """
import csv, sys
from pathlib import Path
from networking_kit.importers import import_into_workbook
from networking_kit.store import open_workbook

folder = Path(sys.argv[1])
workbook = open_workbook(folder / "mine.sqlite")
for batch in range(10_000):
    source = folder / f"batch-{batch}.csv"
    with source.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "E-mail Address", "Company"])
        writer.writerows([f"Person {batch}-{n}", f"p{batch}.{n}@example.org", "Acme"]
                         for n in range(1000))
    import_into_workbook(source, workbook)
    print(batch, flush=True)
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killing_an_import_at_a_random_moment_loses_nothing_committed(
        tmp_path: Path, seed: int) -> None:
    """kill -9 at a random point of a run of imports (each of 1,000 rows, each backed up
    first): the file is whole, holds every import that said it was done, and no half of
    one."""
    import random
    import signal
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-c", _IMPORTER, str(tmp_path)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    done = -1
    wanted = random.Random(seed).randint(1, 4)
    deadline = time.monotonic() + 120
    while done < wanted and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        done = int(line)
    time.sleep(random.Random(seed).uniform(0, 0.8))  # somewhere inside the next import
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert done >= wanted, "the importer did not get going"
    with open_workbook(tmp_path / "mine.sqlite", daily_backup=False) as workbook:
        assert workbook.check_integrity()
        count = workbook.count_contacts()
    assert count >= (done + 1) * 1000
    assert count % 1000 == 0, "half an import became visible"
    for version in earlier_versions_of(tmp_path / "mine.sqlite"):
        with open_workbook(version, daily_backup=False, read_only=True) as copy:
            assert copy.check_integrity()


def earlier_versions_of(path: Path) -> list[Path]:
    from networking_kit.store.versions import earlier_versions

    return [v.path for v in earlier_versions(path)]
