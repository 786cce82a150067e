"""The ``networking-kit start`` and ``app`` commands: JupyterLab or Voila on the workbooks.

Both servers listen on 127.0.0.1 only and require a private key (a token), since the
workbook holds other people's personal data. The key is taken from ``JUPYTER_TOKEN`` or made
afresh, and handed to the server in its environment, never on its command line.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from networking_kit.importers import UPLOAD_MAX_BYTES
from networking_kit.lab_server import lab_options
from networking_kit.settings import APP_IDLE_MINUTES, APP_MAX_PAGES
from networking_kit.store import ENV_VAR, default_workbook_path, open_workbook

LOCALHOST = "127.0.0.1"
DEFAULT_LAB_PORT = 8888
DEFAULT_APP_PORT = 8866
# The servers' private key, if set, is taken from here (Jupyter's own name for it), else
# made up afresh; it is handed to the server the same way, never on its command line.
TOKEN_ENV = "JUPYTER_TOKEN"  # noqa: S105  (the variable's name, not a key)
START_NOTEBOOK = "00_start_here.ipynb"
# The app's pages may load only what this machine serves: should anything on a page ever
# link to another machine (Voila's own template linked a web font from a CDN; ours does not,
# see app_server.py), the browser refuses it rather than call out.
CSP = ("default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
       "connect-src 'self' ws://127.0.0.1:* wss://127.0.0.1:*; frame-ancestors 'self'")
# The upload button sends a file in one websocket message; the servers' default limit of
# 10 MB would silently drop a phone's address book with photos.
# How long the app waits, after a cell has run, for everything the cell sent (its forms'
# widgets, then the output that shows them). nbclient's default, 4 s, is too short for
# step 2's sorting form (about 300 widget messages) on a busy machine: the output was
# dropped and the whole section stayed empty. Only a slow cell waits this long.
IOPUB_TIMEOUT_S = 120
WEBSOCKET_LIMIT = {"websocket_max_message_size": UPLOAD_MAX_BYTES + 1024 * 1024}


def workbooks_dir() -> Path:
    """The ``workbooks/`` folder of the repository the package was installed from."""
    return Path(__file__).resolve().parent.parent / "workbooks"

def db_path(args: argparse.Namespace) -> Path:
    """The workbook file ``--db`` names, else ``$NETWORKING_KIT_DB`` or the default."""
    return Path(args.db).expanduser().resolve() if args.db else default_workbook_path()


def free_port(preferred: int) -> int:
    """``preferred`` if nothing listens there, else a free port the system picks."""
    for candidate in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((LOCALHOST, candidate))
            except OSError:
                continue
            port: int = probe.getsockname()[1]  # (host, port) for AF_INET
            return port
    raise OSError("no free port on 127.0.0.1")


def _server_env(db: Path) -> dict[str, str]:
    """The environment for the server and its kernels: the chosen workbook file travels along."""
    env = dict(os.environ)
    env[ENV_VAR] = str(db)
    return env


def _prepare(args: argparse.Namespace) -> tuple[Path, Path, int, str] | None:
    """Check the workbooks folder and the workbook file before starting a server."""
    folder = workbooks_dir()
    if not (folder / START_NOTEBOOK).exists():
        print(f"Cannot find the workbooks in {folder}. Run this command from the networking_kit "
              "folder you downloaded (installed with `make start` or `pip install -e .`).",
              file=sys.stderr)
        return None
    db = db_path(args)
    open_workbook(db).close()  # create it now, owner-only, so a bad path fails here, clearly
    port = free_port(args.port)
    # hex, so the token never starts with "-" and reads cleanly when copied from a terminal
    return folder, db, port, os.environ.get(TOKEN_ENV) or secrets.token_hex(24)


def _tornado_settings(port: int, **extra: object) -> str:
    """The servers' web settings: the upload limit, and a fixed CORS answer.

    Jupyter's servers echo any request's Origin back as allowed when the request carries
    the key; naming this server's own address instead means no other site is ever allowed.
    """
    headers = {"Access-Control-Allow-Origin": f"http://{LOCALHOST}:{port}", **extra}
    return json.dumps({"headers": headers, **WEBSOCKET_LIMIT})


def cmd_start(args: argparse.Namespace) -> int:
    """JupyterLab on the workbooks, for participants who are happy to see code cells."""
    prepared = _prepare(args)
    if prepared is None:
        return 2
    folder, db, port, token = prepared
    url = f"http://{LOCALHOST}:{port}/lab/tree/{START_NOTEBOOK}?token={token}"
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        f"--ServerApp.ip={LOCALHOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
        f"--ServerApp.open_browser={not args.no_browser}",
        # No calls out of the machine: no extension store, no news feed, no update check.
        "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # Participants' defaults (no news prompt, no autosave of outputs), the extension
        # that runs the workbooks on open and never marks them changed, and the save hook
        # that writes them without outputs: the same as on JupyterHub (lab_server.py).
        *lab_options(),
        f"--ServerApp.tornado_settings={_tornado_settings(port)}",
        *_root_flags("ServerApp"),
    ]
    return _serve(command, db, token, url, "JupyterLab")


def cmd_app(args: argparse.Namespace) -> int:
    """The same workbooks in Voila: forms and charts only, code hidden."""
    if args.max_pages < 1 or args.idle_minutes <= 0:
        print("--max-pages needs at least 1 page and --idle-minutes more than 0 minutes.",
              file=sys.stderr)
        return 2
    prepared = _prepare(args)
    if prepared is None:
        return 2
    folder, db, port, token = prepared
    url = f"http://{LOCALHOST}:{port}/voila/render/{START_NOTEBOOK}?token={token}"
    command = [
        sys.executable, "-m", "networking_kit.app_server", str(folder),
        f"--Voila.ip={LOCALHOST}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        "--strip_sources=True",
        # Show each cell as soon as it has run: the step bar and first form appear while the
        # charts further down are still being drawn.
        "--progressive_rendering=True",
        # After a cell's reply, wait for all it printed (nbclient's 4 s default dropped a
        # big form's output on a busy machine: "Timeout waiting for IOPub output").
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_S}",
        "--Voila.tornado_settings=" + _tornado_settings(
            port, **{"Content-Security-Policy": CSP}),
        "--show_tracebacks=False",
        f"--WorkshopVoila.max_pages={args.max_pages}",
        # A page ends its kernel when left; a tab that could not say so (a crash, a phone
        # asleep) is caught here once its kernel has been idle and unconnected this long.
        f"--MappingKernelManager.cull_idle_timeout={round(args.idle_minutes * 60)}",
        f"--MappingKernelManager.cull_interval={min(60, max(5, round(args.idle_minutes * 15)))}",
        *_kernel_transport(),
        f"--Voila.open_browser={not args.no_browser}",
    ]
    return _serve(command, db, token, url, "the workshop app")


def _root_flags(app: str) -> list[str]:
    """Jupyter refuses to run as root unless told; containers and CI machines run as root."""
    return [f"--{app}.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def _kernel_transport() -> list[str]:
    """Kernels talk to the server over local files where the system has them.

    Over TCP each kernel needs five free ports, picked before it binds them; with a room's
    pages loading at once another connection can take one in between and the kernel dies
    ("Address already in use"). Unix sockets have no ports to race for.
    """
    return ["--KernelManager.transport=ipc"] if os.name == "posix" else []


def _serve(command: list[str], db: Path, token: str, url: str, what: str) -> int:
    print(f"Starting {what}. Your workbook file is {db}")
    print(f"Open this address in your browser (it includes your private key):\n  {url}")
    print("Press Ctrl+C here to stop.", flush=True)
    # The key travels in the environment, never on the command line: the process list
    # shows every account on the computer each process's command line.
    return run_server(command, {**_server_env(db), TOKEN_ENV: token})


def run_server(command: list[str], env: dict[str, str]) -> int:
    """Run the server in the foreground until it stops.

    On Linux and macOS this process becomes the server (exec), so stopping the command, or
    a facilitator's script killing it, also stops the server and its kernels.
    """
    if os.name == "posix":
        os.execve(command[0], command, env)  # noqa: S606
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_server_commands(add: AddCommand) -> None:
    """Add ``start`` and ``app`` and their flags through ``add(name, handler, help)``."""
    for name, handler, port, text in (
        ("start", cmd_start, DEFAULT_LAB_PORT,
         "open the workbooks in JupyterLab (127.0.0.1 only, with a private key)"),
        ("app", cmd_app, DEFAULT_APP_PORT,
         "open the workbooks as an app with the code hidden (Voila)"),
    ):
        sub = add(name, handler, text)
        sub.add_argument("--port", type=int, default=port,
                         help=f"port to listen on (default {port}; the next free one if taken)")
        sub.add_argument("--no-browser", action="store_true", help="do not open a browser")
        if name == "app":
            sub.add_argument(
                "--max-pages", type=int, default=APP_MAX_PAGES, metavar="N",
                help=f"pages that may run at once (default {APP_MAX_PAGES}; raise it to "
                     "serve a room from one server)")
            sub.add_argument(
                "--idle-minutes", type=float, default=APP_IDLE_MINUTES, metavar="M",
                help="end a page's kernel after this many minutes with its tab gone "
                     f"(default {APP_IDLE_MINUTES})")
