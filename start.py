"""Start the workshop with Python alone: no `make`, nothing else to install first.

    python start.py            open the workbooks in JupyterLab (as `make start` does)
    python start.py app        the same workbooks as an app, code hidden (as `make app`)
    python start.py doctor     check this computer is ready, and say what to do if not

Works the same on Windows (`py start.py`), macOS and Linux, with Python 3.11 or newer.
The first run makes a private environment in the `.venv` folder beside this file and
installs the toolkit into it (a few minutes, once); later runs start at once, and
reinstall only when pyproject.toml has changed. Anything after the command is passed on,
for example `python start.py app --port 9000 --no-browser`.

Uses the standard library only, since nothing else is installed yet. To use an
environment you already have (a conda one, or a test's), set NETWORKING_KIT_VENV to its
folder: it is used as it is, and nothing is installed into it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_PYTHON = (3, 11)
COMMANDS = ("start", "app", "doctor", "where")
VENV_ENV = "NETWORKING_KIT_VENV"


def venv_python(folder: Path, windows: bool = os.name == "nt") -> Path:
    """The environment's own Python: Scripts\\python.exe on Windows, bin/python elsewhere."""
    if windows:
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def _fingerprint() -> str:
    return hashlib.sha256((HERE / "pyproject.toml").read_bytes()).hexdigest()


def prepare_environment() -> Path:
    """The Python to run the toolkit with: made and installed into on first use."""
    chosen = os.environ.get(VENV_ENV)
    if chosen:
        python = venv_python(Path(chosen))
        if not python.exists():
            raise SystemExit(f"{VENV_ENV} is {chosen}, but there is no Python at {python}.")
        return python
    folder = HERE / ".venv"
    python = venv_python(folder)
    stamp = folder / ".installed-by-start-py"
    if not python.exists():
        print(f"Making a private environment in {folder} (once)...", flush=True)
        venv.create(folder, with_pip=True)
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != _fingerprint():
        print("Installing the workshop into it (a few minutes, once)...", flush=True)
        for command in ([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                        [str(python), "-m", "pip", "install", "--quiet", "-e", str(HERE)]):
            if subprocess.call(command, cwd=HERE) != 0:
                raise SystemExit(
                    "The install did not finish (see the lines above). Check the internet "
                    "connection and run `python start.py` again: it picks up where it stopped.")
        stamp.write_text(_fingerprint(), encoding="utf-8")
    return python


def main(argv: list[str]) -> int:
    if sys.version_info[:2] < MIN_PYTHON:
        wanted = ".".join(map(str, MIN_PYTHON))
        print(f"This is Python {sys.version.split()[0]}; the workshop needs {wanted} or newer. "
              f"Install it from python.org, then run `python{wanted} start.py` "
              f"(on Windows: `py -{wanted} start.py`).", file=sys.stderr)
        return 2
    command, rest = (argv[0], argv[1:]) if argv and argv[0] in COMMANDS else ("start", argv)
    python = prepare_environment()
    line = [str(python), "-m", "networking_kit", command, *rest]
    if os.name == "posix":
        os.execv(line[0], line)  # noqa: S606  (Ctrl+C and stopping reach the server itself)
    try:
        return subprocess.call(line, cwd=HERE)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
