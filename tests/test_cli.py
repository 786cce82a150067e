"""The networking-kit command: help, workbook choice and safe server settings."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from networking_kit import cli, cli_servers
from networking_kit.store import open_workbook


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for command in ("start", "app", "where", "--db"):
        assert command in text


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "networking_kit", "--help"],
                            capture_output=True, text=True, check=True)
    assert "networking-kit" in result.stdout


@pytest.mark.parametrize("placement", ["before", "after"])
def test_db_option_chooses_the_workbook(tmp_path: Path, placement: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.sqlite"
    with open_workbook(path) as workbook:
        workbook.set_profile("participant_name", "Robin")
    argv = ["--db", str(path), "where"] if placement == "before" else ["where", "--db", str(path)]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert str(path) in out
    assert "Robin" in out


def test_environment_variable_chooses_the_workbook(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("NETWORKING_KIT_DB", str(path))
    assert cli.main(["where"]) == 0
    assert str(path) in capsys.readouterr().out


def test_a_bad_workbook_file_gets_one_sentence_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    assert cli.main(["where", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not a workbook file" in err
    assert "Traceback" not in err


def _capture_command(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    seen: list[list[str]] = []

    def fake_run(command: list[str], env: dict[str, str]) -> int:
        seen.append([*command, f"TOKEN={env[cli.TOKEN_ENV]}", f"ENV={env['NETWORKING_KIT_DB']}"])
        return 0

    monkeypatch.delenv(cli.TOKEN_ENV, raising=False)
    monkeypatch.setattr(cli_servers, "run_server", fake_run)
    return seen


def _token(command: list[str]) -> str:
    return next(a.removeprefix("TOKEN=") for a in command if a.startswith("TOKEN="))


def test_start_binds_to_localhost_with_a_token_and_no_calls_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    seen = _capture_command(monkeypatch)
    assert cli.main(["start", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    command = seen[0]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--ServerApp.open_browser=False" in command
    assert "--LabApp.news_url=None" in command
    assert "--LabApp.extension_manager=readonly" in command
    assert command[-1] == f"ENV={tmp_path / 'w.sqlite'}"
    token = _token(command)
    assert len(token) >= 40
    assert f"token={token}" in capsys.readouterr().out


def test_the_servers_key_travels_in_the_environment_never_on_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_command(monkeypatch)
    for kind in ("start", "app"):
        assert cli.main([kind, "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    for command in seen:
        token = _token(command)
        server_argv = [a for a in command if not a.startswith(("TOKEN=", "ENV="))]
        assert not any(token in a for a in server_argv), server_argv
        assert not any("token" in a.lower() for a in server_argv), server_argv
    assert _token(seen[0]) != _token(seen[1])  # a fresh key each time
    monkeypatch.setenv(cli.TOKEN_ENV, "chosen-by-the-caller")
    assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    assert _token(seen[-1]) == "chosen-by-the-caller"


def test_app_runs_voila_on_localhost_with_code_hidden(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_command(monkeypatch)
    assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    command = seen[0]
    assert command[1:3] == ["-m", "networking_kit.app_server"]
    assert "--Voila.ip=127.0.0.1" in command
    assert "--strip_sources=True" in command
    policy = next(a for a in command if a.startswith("--Voila.tornado_settings="))
    assert "default-src 'self'" in policy  # nothing from another machine is ever loaded


def test_a_reader_that_stops_early_gets_no_error_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def stops_reading(_args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")  # `networking-kit backups | head -3`

    monkeypatch.setattr(cli, "cmd_export", stops_reading)
    assert cli.main(["export", "--db", str(tmp_path / "w.sqlite"), "--out", "x.md"]) == 1
    assert "Broken pipe" not in capsys.readouterr().err


def test_the_full_room_page_says_when_a_page_closed_another_way_frees_its_place() -> None:
    from networking_kit.app_server import too_many_pages_html

    page = too_many_pages_html(8, idle_seconds=cli.APP_IDLE_MINUTES * 60)
    assert "at most 8 pages of the workshop at once, and they are all open." in page
    assert "at most one page of the workshop at once, and it is open." in too_many_pages_html(1)
    assert f"gives its place back within {cli.APP_IDLE_MINUTES} minutes." in page
    assert "within 3 minutes" in too_many_pages_html(2, idle_seconds=150)  # 2.5, rounded up
    assert "within 1 minute." in too_many_pages_html(1, idle_seconds=45)
    assert "gives its place back" not in too_many_pages_html(1)  # never culled: not said


def test_app_takes_a_page_cap_and_an_idle_limit_for_a_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_command(monkeypatch)
    assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    assert f"--WorkshopVoila.max_pages={cli.APP_MAX_PAGES}" in seen[0]
    assert f"--MappingKernelManager.cull_idle_timeout={cli.APP_IDLE_MINUTES * 60}" in seen[0]
    assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite"),
                     "--max-pages", "60", "--idle-minutes", "2.5"]) == 0
    assert "--WorkshopVoila.max_pages=60" in seen[1]
    assert "--MappingKernelManager.cull_idle_timeout=150" in seen[1]
    for wrong in (["--max-pages", "0"], ["--idle-minutes", "0"]):  # 0 would switch them off
        assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite"),
                         *wrong]) == 2
    assert len(seen) == 2


def test_app_kernels_use_unix_sockets_so_a_busy_room_cannot_race_them_for_ports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_command(monkeypatch)
    assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    assert ("--KernelManager.transport=ipc" in seen[0]) is (os.name == "posix")


def test_app_waits_for_a_big_forms_output_after_its_cell_has_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """nbclient waits 4 s after a cell's reply for what the cell sent, then drops the rest:
    on a busy machine step 2's sorting form (about 300 widget messages) lost its output and
    the whole section stayed empty. The option reaches the executor Voila makes per page."""
    from traitlets.config.loader import KVArgParseConfigLoader
    from voila.execute import VoilaExecutor

    seen = _capture_command(monkeypatch)
    assert cli.main(["app", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    options = [a for a in seen[0] if a.startswith("--VoilaExecutor.")]
    config = KVArgParseConfigLoader(options).load_config()
    executor = VoilaExecutor(nbformat.v4.new_notebook(), config=config)
    assert executor.iopub_timeout == cli_servers.IOPUB_TIMEOUT_S >= 60


def test_no_server_echoes_a_requests_origin_back_as_allowed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_command(monkeypatch)
    for kind in ("start", "app"):
        assert cli.main([kind, "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    for command in seen:
        settings = next(a for a in command if "tornado_settings=" in a).split("=", 1)[1]
        port = next(a for a in command if a.startswith(("--ServerApp.port=", "--Voila.port=")))
        allowed = json.loads(settings)["headers"]["Access-Control-Allow-Origin"]
        assert allowed == f"http://127.0.0.1:{port.split('=')[1]}"


def test_a_taken_port_moves_to_a_free_one() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert cli.free_port(taken) != taken


IMPORTS = Path(__file__).resolve().parent / "data" / "imports"


def test_import_reports_counts_and_a_second_import_adds_nobody(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite")
    export = str(IMPORTS / "linkedin_current.csv")
    assert cli.main(["import", export, "--db", db]) == 0
    first = capsys.readouterr().out
    assert "added" in first
    added = int(first.split("added ")[1].split(",")[0])
    assert added > 0
    assert cli.main(["import", export, "--db", db]) == 0
    assert f"added 0, updated 0, unchanged {added}" in capsys.readouterr().out
    with open_workbook(tmp_path / "w.sqlite") as workbook:
        assert workbook.count_contacts() == added


def test_a_failed_import_says_one_sentence_and_keeps_what_was_saved(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    assert cli.main(["import", str(IMPORTS / "linkedin_current.csv"), "--db", str(db)]) == 0
    with open_workbook(db) as workbook:
        before = workbook.count_contacts()
    capsys.readouterr()
    assert cli.main(["import", str(IMPORTS / "picture.png"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing was imported. picture.png")
    assert "Traceback" not in err
    with open_workbook(db) as workbook:
        assert workbook.count_contacts() == before


def test_demo_writes_every_format_and_its_backup_restores_identically(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from networking_kit.export.pdf import find_browser

    out = tmp_path / "demo"
    assert cli.main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for name in cli.DEMO_FILES:
        if name.endswith(".pdf") and find_browser() is None:
            assert f"Skipped {name}" in printed
            continue
        assert (out / name).stat().st_size > 0, name
    restored = tmp_path / "restored.sqlite"
    assert cli.main(["import", str(out / "workbook.json"), "--db", str(restored)]) == 0
    again = tmp_path / "again.json"
    assert cli.main(["export", "--out", str(again), "--db", str(restored)]) == 0
    first = json.loads((out / "workbook.json").read_text(encoding="utf-8"))
    second = json.loads(again.read_text(encoding="utf-8"))
    for document in (first, second):
        document.pop("exported_at")
        document["profile"].pop("last_export", None)
    assert first == second
    assert oct(out.stat().st_mode & 0o777) == oct(0o700)
    # Run again into the same folder: refused, and nothing of the first run replaced.
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    capsys.readouterr()
    assert cli.main(["demo", "--out", str(out)]) == 1
    assert "never replaces a file" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == written


def test_demo_never_deletes_or_replaces_an_existing_workbook(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14: ``--db mine.sqlite demo`` used to delete mine.sqlite and every file whose
    name started with it (a hand-made mine.sqlite.backup too)."""
    mine = tmp_path / "mine.sqlite"
    assert cli.main(["import", str(IMPORTS / "linkedin_current.csv"), "--db", str(mine)]) == 0
    by_hand = tmp_path / "mine.sqlite.backup"
    by_hand.write_text("my own copy")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    capsys.readouterr()
    assert cli.main(["--db", str(mine), "demo", "--out", str(tmp_path / "demo")]) == 1
    error = capsys.readouterr().err
    assert f"{mine} already exists" in error
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    assert not (tmp_path / "demo").exists()
    with open_workbook(mine) as workbook:
        assert workbook.count_contacts() > 0


def test_restoring_over_a_workbook_with_data_needs_replace(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    assert cli.main(["import", str(IMPORTS / "linkedin_current.csv"), "--db", str(db)]) == 0
    backup = tmp_path / "backup.json"
    assert cli.main(["export", "--out", str(backup), "--db", str(db)]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(backup), "--db", str(db)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert cli.main(["import", str(backup), "--db", str(db), "--replace"]) == 0


def test_export_with_an_unknown_ending_says_so(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "--out", str(tmp_path / "plan.docx"),
                     "--db", str(tmp_path / "w.sqlite")]) == 1
    assert "cannot tell what to write" in capsys.readouterr().err


def test_cohort_report_counts_good_summaries_and_names_bad_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from networking_kit.cohort_examples import write_examples

    drop = tmp_path / "drop"
    drop.mkdir()
    write_examples(drop, 12)
    (drop / "broken.json").write_text("{nope", encoding="utf-8")
    out = tmp_path / "report.html"
    assert cli.main(["cohort", str(drop), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "broken.json" in printed
    assert "from 12 participant summaries" in printed
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
