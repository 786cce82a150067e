"""`python start.py`: the Python-only way to start, as a participant on Windows or macOS runs it.

Run here on Linux through the real script in a subprocess. Making a fresh environment
downloads the toolkit's dependencies, so the tests reuse the one running them
(NETWORKING_KIT_VENV, which the script documents for this); everything after that — the
command chosen, the options passed on, the server started — is the participant's path.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from browser import free_port, http_get, wait_for

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "start.py"


def run_script(*args: str, env: dict[str, str] | None = None,
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, timeout=120, cwd=REPO, check=False,
                          env={**os.environ, "NETWORKING_KIT_VENV": sys.prefix, **(env or {})})


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("start_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_start_py_uses_the_standard_library_only() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    imported = {line.split()[1].split(".")[0] for line in source.splitlines()
                if line.startswith(("import ", "from ")) and "__future__" not in line}
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)


def test_doctor_through_start_py(tmp_path: Path) -> None:
    done = run_script("doctor", "--db", str(tmp_path / "w.sqlite"))
    assert done.returncode == 0, done.stderr
    assert "Ready for the workshop." in done.stdout
    assert "[ok] Form widgets" in done.stdout


def test_start_py_app_starts_the_server_with_the_options_passed_on(tmp_path: Path) -> None:
    port, token = free_port(), "a-test-key"
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, str(SCRIPT), "app", "--no-browser", "--port", str(port),
         "--db", str(tmp_path / "w.sqlite")],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "NETWORKING_KIT_VENV": sys.prefix, "JUPYTER_TOKEN": token})
    try:
        status = wait_for("the app to answer", lambda: _status(port), 90)
        assert status in (200, 302, 403)
        ok, _ = http_get(port, f"/voila/render/00_start_here.ipynb?token={token}&x=1")
        assert ok == 200
        assert (tmp_path / "w.sqlite").exists()  # the --db option reached the toolkit
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _status(port: int) -> int | None:
    try:
        return http_get(port, "/", timeout=2)[0]
    except OSError:
        return None


def test_too_old_a_python_gets_a_sentence(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    script = load_script()
    monkeypatch.setattr(script, "MIN_PYTHON", (99, 0))
    assert script.main([]) == 2
    assert "needs 99.0 or newer" in capsys.readouterr().err


def test_a_missing_chosen_environment_is_named(tmp_path: Path) -> None:
    done = run_script("doctor", env={"NETWORKING_KIT_VENV": str(tmp_path / "nowhere")})
    assert done.returncode != 0
    assert "there is no Python at" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_environment_python_is_where_each_system_puts_it() -> None:
    script = load_script()
    assert script.venv_python(Path("v"), windows=False) == Path("v/bin/python")
    assert script.venv_python(Path("v"), windows=True) == Path("v/Scripts/python.exe")
