"""Files written whole or not at all, and folders private to their owner."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from networking_kit.files import atomic_path, atomic_write, atomic_writer, private_folder


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_made_is_owner_only_and_existing_ones_are_left(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)  # noqa: S103 - the folder a participant already had
    made = private_folder(tmp_path / "a" / "b" / "c")
    assert made.is_dir()
    for folder in (tmp_path / "a", tmp_path / "a" / "b", made):
        assert mode_of(folder) == 0o700, folder
    assert mode_of(tmp_path) == 0o755


def test_a_file_is_written_whole_and_owner_only_even_over_a_readable_one(
        tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    os.chmod(target, 0o644)
    assert atomic_write(target, "new ✓") == target
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert mode_of(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_failure_half_way_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    def write_half() -> None:
        with atomic_writer(target) as out:
            out.write(b"half of it")
            raise OSError(28, "disk full")

    with pytest.raises(OSError, match="disk full"):
        write_half()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]



def test_a_path_writer_gets_a_file_beside_the_target_that_takes_its_name_only_at_the_end(
        tmp_path: Path) -> None:
    target = tmp_path / "backups" / "mine.sqlite"
    with atomic_path(target) as temporary:
        assert temporary.parent == target.parent
        assert temporary != target
        temporary.write_bytes(b"copy")
        assert not target.exists()
    assert target.read_bytes() == b"copy"
    assert mode_of(target) == 0o600
    assert mode_of(target.parent) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["mine.sqlite"]


def test_a_path_writer_that_fails_leaves_the_old_file_and_no_temporary_one(
        tmp_path: Path) -> None:
    target = tmp_path / "mine.sqlite"
    target.write_bytes(b"old")
    def copy_half() -> None:
        with atomic_path(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("copy failed")

    with pytest.raises(RuntimeError, match="copy failed"):
        copy_half()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.sqlite"]

@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny file system needs root")
def test_a_full_disk_leaves_no_empty_file(tmp_path: Path) -> None:
    from tiny_disk import tiny_disk

    with tiny_disk(tmp_path / "disk", size_kb=64) as disk:
        with pytest.raises(OSError, match="No space left"):
            atomic_write(disk / "report.html", "x" * 200_000)
        assert list(disk.iterdir()) == []
