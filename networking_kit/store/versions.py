"""Earlier versions of the workbook: automatic backups, and going back to one.

A backup is a whole copy of the workbook file made with SQLite's backup API (a consistent
copy even while another window is saving), written to a temporary file and renamed, 0600,
in an owner-only ``backups/`` folder beside the workbook:
``backups/<workbook name>-<UTC time>-<reason>.sqlite``. One is made before every import
and every restore (``Workbook.back_up``) and at the first open of each day; the newest
``settings.BACKUPS_KEPT`` are kept. Pruning removes only files whose whole name is one this
module gives a backup of this workbook, never anything else in the folder.

Going back (``Workbook.go_back``) reads the chosen backup and restores it like a JSON
backup (``Workbook.restore``), which first backs up the workbook as it is: so going back
can itself be undone, and other windows catch up with it as with any other change.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from networking_kit.files import atomic_path
from networking_kit.settings import BACKUPS_KEPT
from networking_kit.store._schema import WorkbookError
from networking_kit.store._storage import connect_read_only, storage_error
from networking_kit.vocab import BackupReason

FOLDER_NAME = "backups"
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Holdings:
    """What a workbook holds, in the counts a participant recognises."""

    contacts: int
    followups: int
    has_goal: bool
    # given a closeness in step 2: an hour of sorting shows here, not in the contacts
    sorted: int = 0

    def __str__(self) -> str:
        goal = "a goal" if self.has_goal else "no goal"
        sorted_ = f", {self.sorted} of them with a closeness" if self.contacts else ""
        return (f"{self.contacts} contact{'s' * (self.contacts != 1)}{sorted_}, "
                f"{self.followups} follow-up{'s' * (self.followups != 1)} and {goal}")


@dataclass(frozen=True)
class EarlierVersion:
    """One backup: ``number`` 1 is the newest; ``made_at`` in UTC; ``holds`` None when
    the copy cannot be read (then going back to it is refused)."""

    number: int
    path: Path
    made_at: datetime
    reason: BackupReason
    holds: Holdings | None

    def describe(self) -> str:
        """"3. Mon 30 Nov, 09:12 (before an import): 150 contacts, …", in local time."""
        when = self.made_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        holds = str(self.holds) if self.holds else "cannot be read"
        return f"{self.number}. {when} ({self.reason.label}): {holds}"


def backups_folder(workbook_path: Path) -> Path:
    return workbook_path.parent / FOLDER_NAME


def _pattern(workbook_path: Path) -> re.Pattern[str]:
    reasons = "|".join(re.escape(r.value) for r in BackupReason)
    return re.compile(rf"^{re.escape(workbook_path.stem)}-(\d{{8}}-\d{{6}}-\d{{6}})-"
                      rf"({reasons})\.sqlite$")


def holdings(db: sqlite3.Connection) -> Holdings:
    """The counts of an open workbook connection. Raises sqlite3.Error for a file that is
    not a workbook."""
    def count(table: str, where: str = "") -> int:
        return int(db.execute(f"SELECT count(*) FROM {table}{where}").fetchone()[0])

    return Holdings(count("contacts"), count("followups"), count("goal") > 0,
                    count("contacts", " WHERE strength IS NOT NULL AND strength != ''"))


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind ``source`` to ``target`` with SQLite's backup API, whole or
    not at all (a temporary file renamed), owner-only. Raises sqlite3.Error or OSError."""
    with atomic_path(target) as temporary:
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
    return target


def back_up(workbook_path: Path, reason: BackupReason, keep: int = BACKUPS_KEPT,
            ) -> Path | None:
    """Copy the workbook as last saved into its backups folder and keep the newest
    ``keep``; returns the copy, or None when the workbook holds nothing yet (an empty
    workbook needs no going back to). Reads through its own connection, so it sees what
    was committed even inside another connection's transaction. Raises sqlite3.Error or
    OSError (a full disk) when the copy cannot be made; then no copy is left."""
    source = connect_read_only(workbook_path)
    try:
        if holdings(source) == Holdings(0, 0, False):
            return None
        stamp = datetime.now(UTC).strftime(_STAMP)
        target = backups_folder(workbook_path) / (
            f"{workbook_path.stem}-{stamp}-{reason.value}.sqlite")
        copy_database(source, target)
    finally:
        source.close()
    for old in earlier_versions(workbook_path, read=False)[keep:]:
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
    return target


def back_up_daily(workbook_path: Path) -> Path | None:
    """The first open of a day (local time) backs the workbook up; later opens do not."""
    today = datetime.now().astimezone().date()
    versions = earlier_versions(workbook_path, read=False)
    if any(v.made_at.astimezone().date() == today for v in versions):
        return None
    return back_up(workbook_path, BackupReason.DAILY)


def earlier_versions(workbook_path: Path, read: bool = True) -> list[EarlierVersion]:
    """The workbook's backups, newest first and numbered from 1. ``read`` opens each to
    count what it holds (ten small reads); without it ``holds`` is None."""
    folder = backups_folder(workbook_path)
    pattern = _pattern(workbook_path)
    try:
        names = [(m, path) for path in folder.iterdir()
                 if (m := pattern.match(path.name)) and path.is_file()]
    except OSError:
        return []
    names.sort(key=lambda item: item[0].group(1), reverse=True)
    return [EarlierVersion(number, path,
                           datetime.strptime(m.group(1), _STAMP).replace(tzinfo=UTC),
                           BackupReason(m.group(2)), _read_holdings(path) if read else None)
            for number, (m, path) in enumerate(names, start=1)]


def _read_holdings(path: Path) -> Holdings | None:
    try:
        db = connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        return holdings(db)
    except sqlite3.Error:
        return None
    finally:
        db.close()


def find_version(workbook_path: Path, number: int) -> EarlierVersion:
    """Backup ``number`` (1 = newest). WorkbookError in a sentence when there is none
    with that number or it cannot be read."""
    versions = earlier_versions(workbook_path)
    if not versions:
        raise WorkbookError(f"There are no backups of {workbook_path.name} yet: one is made "
                            "before every import and restore, and once a day.")
    if not 1 <= number <= len(versions):
        raise WorkbookError(f"There is no backup number {number}: choose one from 1 to "
                            f"{len(versions)} (networking-kit backups lists them).")
    version = versions[number - 1]
    if version.holds is None:
        raise WorkbookError(f"Backup {number} ({version.path.name}) cannot be read; choose "
                            "another one.")
    return version


def what_will_change(now: Holdings, version: EarlierVersion) -> str:
    """The confirmation a participant reads before going back, in one paragraph."""
    when = version.describe().split(" (")[0].split(". ", 1)[1]
    return (f"Going back replaces everything in your workbook (now {now}) with the backup "
            f"from {when}, {version.reason.label} ({version.holds}). Your workbook as it is "
            "now is backed up first, so you can undo this by going back to that copy.")


def read_snapshot(version: EarlierVersion) -> dict[str, Any]:
    """The backup's contents as ``Workbook.snapshot`` gives them, read from a scratch copy
    (brought up to the current schema when an older toolkit made it; the backup itself
    is never changed)."""
    from networking_kit.store import open_workbook  # the package imports this module

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "version.sqlite"
        shutil.copyfile(version.path, copy)
        with open_workbook(copy, daily_backup=False) as old:
            return old.snapshot()


class Versions:
    """The backup methods of ``Workbook`` (a mixin, like ``Backups``)."""

    path: Path
    _db: sqlite3.Connection

    restore: Callable[[dict[str, Any]], None]  # from _backup.Backups

    def back_up(self, reason: BackupReason) -> Path | None:
        """Back the workbook up now (see ``back_up``); None when it holds nothing yet.
        A copy that cannot be made raises its storage sentence (WorkbookFull …)."""
        try:
            return back_up(self.path, reason)
        except (sqlite3.Error, OSError) as error:
            found = storage_error(error, self.path)
            if found is None or isinstance(error, WorkbookError):
                raise
            raise found from error

    def earlier_versions(self) -> list[EarlierVersion]:
        """This workbook's backups, newest (number 1) first."""
        return earlier_versions(self.path)

    def holdings(self) -> Holdings:
        """What the workbook holds now: contacts, follow-ups, whether a goal is set."""
        return holdings(self._db)

    def go_back(self, number: int) -> EarlierVersion:
        """Replace everything in the workbook with backup ``number`` (1 = newest), in one
        transaction, after backing the workbook up as it is (so this can be undone).
        Returns the version gone back to. WorkbookError when there is no such backup."""
        version = find_version(self.path, number)
        self.restore(read_snapshot(version))
        return version

    def save_copy(self, target: Path) -> Path:
        """Copy the workbook as this connection sees it to a new file ``target`` (owner-
        only): works even when the file was deleted while open, since the connection still
        reads it. Raises sqlite3.Error or OSError."""
        return copy_database(self._db, target)
