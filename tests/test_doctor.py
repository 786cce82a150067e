"""`networking-kit doctor`: each check finds what is wrong and says what to do about it."""

from __future__ import annotations

import importlib.metadata
import sys
from collections import namedtuple
from pathlib import Path

import pytest

from networking_kit import cli, doctor
from networking_kit.doctor import Verdict
from networking_kit.store import open_workbook


def test_python_older_than_the_toolkit_needs_is_a_problem_with_what_to_do() -> None:
    assert doctor.check_python((3, 11, 0)).verdict is Verdict.OK
    old = doctor.check_python((3, 10, 12))
    assert old.verdict is Verdict.PROBLEM
    assert "3.10.12" in old.found
    assert "python.org" in old.todo


@pytest.mark.parametrize(("version", "ranges", "inside"), [
    ("8.1.9", ">=8.1.9,<8.2", True),
    ("8.1.12", ">=8.1.9,<8.2", True),
    ("8.2.0", ">=8.1.9,<8.2", False),
    ("8.1.5", ">=8.1.9,<8.2", False),
    ("7.8.5", ">=8.1.9,<8.2", False),
    ("3.0.17rc1", ">=3.0.17,<3.1", True),
])
def test_versions_are_compared_as_numbers_against_the_pinned_ranges(
        version: str, ranges: str, inside: bool) -> None:
    assert doctor.satisfies(version, ranges) is inside


def test_the_installed_widgets_are_a_matched_pair() -> None:
    check = doctor.check_widgets()
    assert check.verdict is Verdict.OK, check.line()
    assert importlib.metadata.version("ipywidgets") in check.found


def test_widgets_outside_the_pins_or_without_their_browser_part_are_a_problem(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "7.8.5" if name == "ipywidgets" else real(name))
    old = doctor.check_widgets()
    assert old.verdict is Verdict.PROBLEM
    assert "ipywidgets 7.8.5 is not" in old.found
    assert "make start" in old.todo
    monkeypatch.setattr(importlib.metadata, "version", real)
    no_extension = doctor.check_widgets(prefix=tmp_path)  # a prefix without the lab extension
    assert no_extension.verdict is Verdict.PROBLEM
    assert "browser part" in no_extension.found


def test_the_workbook_file_is_checked_never_created(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet.sqlite"
    assert doctor.check_workbook(missing).verdict is Verdict.OK
    assert not missing.exists()
    with open_workbook(tmp_path / "w.sqlite") as workbook:
        workbook.set_profile("participant_name", "Ada")
    assert "0 people" in doctor.check_workbook(tmp_path / "w.sqlite").found
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"\x00garbage" * 500)
    check = doctor.check_workbook(broken)
    assert check.verdict is Verdict.PROBLEM
    assert "move the file aside" in check.todo


def test_too_little_free_disk_is_a_problem(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(doctor.shutil, "disk_usage", lambda _: usage(10**9, 10**9, 50 * 2**20))
    check = doctor.check_disk(tmp_path / "deep" / "w.sqlite", minimum_mb=500)
    assert check.verdict is Verdict.PROBLEM
    assert "50 MB free" in check.found
    assert str(tmp_path) in check.found  # the nearest folder that exists
    assert "free some space" in check.todo


def test_no_browser_for_the_pdf_is_a_note_not_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", "/nowhere/chrome")
    check = doctor.check_pdf()
    assert check.verdict is Verdict.WARNING
    assert "Save as PDF" in check.todo
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", sys.executable)
    assert doctor.check_pdf().verdict is Verdict.OK


def test_the_command_prints_every_check_and_fails_only_on_a_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", "/nowhere/chrome")
    assert cli.main(["doctor", "--db", str(tmp_path / "w.sqlite")]) == 0
    out = capsys.readouterr().out
    for name in ("Python", "Form widgets", "Workbook file", "Free disk", "PDF"):
        assert f"] {name}:" in out
    assert "Ready for the workshop." in out
    (tmp_path / "w.sqlite").write_bytes(b"\x00garbage" * 500)
    assert cli.main(["doctor", "--db", str(tmp_path / "w.sqlite")]) == 1
    out = capsys.readouterr().out
    assert "1 thing to fix" in out
    assert "Traceback" not in out
