"""The ``networking-kit`` command: start the workshop, and work with a workbook file.

Every subcommand takes ``--db PATH`` (or ``NETWORKING_KIT_DB``) to choose the
participant's workbook file. Servers listen on 127.0.0.1 only and require a token, since
the workbook holds other people's personal data.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from networking_kit import __version__
from networking_kit.contacts import ContactImportError
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.files import private_folder
from networking_kit.importers import FORMATS, UPLOAD_MAX_BYTES
from networking_kit.lab_server import LAB_EXTENSIONS
from networking_kit.settings import APP_IDLE_MINUTES, APP_MAX_PAGES
from networking_kit.store import ENV_VAR, WorkbookError, default_workbook_path, open_workbook

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
WEBSOCKET_LIMIT = {"websocket_max_message_size": UPLOAD_MAX_BYTES + 1024 * 1024}


def workbooks_dir() -> Path:
    """The ``workbooks/`` folder of the repository the package was installed from."""
    return Path(__file__).resolve().parent.parent / "workbooks"


def _db_path(args: argparse.Namespace) -> Path:
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
    db = _db_path(args)
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
        # Participants' defaults: start the kernel without asking, no news prompt, and no
        # autosave writing their outputs into the shared workbooks.
        f"--LabApp.app_settings_dir={Path(__file__).resolve().parent / 'lab_settings'}",
        # The workbooks run themselves on open and never count as changed (lab_server.py),
        # and a save writes them without outputs.
        f"--LabApp.extra_labextensions_path={LAB_EXTENSIONS}",
        "--ContentsManager.pre_save_hook=networking_kit.lab_server.strip_outputs",
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


def cmd_where(args: argparse.Namespace) -> int:
    """Say which workbook file is in use and what it holds: the first thing to check."""
    db = _db_path(args)
    with open_workbook(db) as workbook:
        name = workbook.get_profile("participant_name") or "(no name yet)"
        print(f"Workbook file: {db}" + (" (read-only)" if workbook.read_only else ""))
        print(f"Participant:   {name}")
        print(f"Contacts:      {workbook.count_contacts()}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Check this computer is ready for the workshop, and say what to do where it is not."""
    from networking_kit.doctor import Verdict, run_checks

    checks = run_checks(_db_path(args))
    for check in checks:
        print(check.line())
    problems = sum(check.verdict is Verdict.PROBLEM for check in checks)
    print("Ready for the workshop." if not problems else
          f"{problems} thing{'s' if problems > 1 else ''} to fix before the workshop (above).")
    return 1 if problems else 0


def cmd_import(args: argparse.Namespace) -> int:
    """Bring contacts from an export file into the workbook, in one transaction."""
    from networking_kit.export.workbook_json import is_workbook_json
    from networking_kit.importers import import_into_workbook

    db = _db_path(args)
    if is_workbook_json(Path(args.file)):
        return _restore(Path(args.file), db, replace=args.replace)
    try:
        mapping = _columns(args.columns)
    except ValueError as error:
        print(f"Nothing was imported. {error}", file=sys.stderr)
        return 1
    with open_workbook(db) as workbook:
        try:
            report = import_into_workbook(Path(args.file), workbook, format=args.format,
                                          mapping=mapping, progress=_progress(Path(args.file)))
        except ContactImportError as error:
            print(f"Nothing was imported. {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:  # Ctrl-C: the import's one transaction is rolled back
            print("Stopped. Nothing was imported: your workbook is as it was.",
                  file=sys.stderr)
            return 130
    print(f"{Path(args.file).name} into {db}: {report.summary()}")
    for line in report.skipped_text():
        print(f"  {line}")
    for line in report.details():
        print(f"  {line}")
    return 0


PROGRESS_BYTES = 2 * 1024 * 1024  # a file this big (about 20,000 rows) shows its stages


def _progress(path: Path) -> Callable[[float, str], None] | None:
    """A progress printer (percent and stage, on stderr) for a big file, else None."""
    try:
        big = path.stat().st_size >= PROGRESS_BYTES
    except OSError:
        return None
    if not big:
        return None

    def show(fraction: float, message: str) -> None:
        hint = " (Ctrl-C stops it; nothing is then imported)" if fraction == 0 else ""
        print(f"{round(fraction * 100):3d}% {message}{hint}", file=sys.stderr, flush=True)

    return show


def _columns(text: str | None) -> dict[str, str] | None:
    """``--columns name=Nom,email=Courriel`` as {field: column}; ValueError in plain words."""
    if not text:
        return None
    mapping: dict[str, str] = {}
    for part in text.split(","):
        field, equals, column = part.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise ValueError(f"--columns: '{part}' should be FIELD=COLUMN, for example "
                             "name=Nom.")
        mapping[field.strip()] = column.strip()
    return mapping


def _restore(path: Path, db: Path, *, replace: bool) -> int:
    """Turn a JSON export back into the workbook; never over someone's data unasked."""
    from networking_kit.export.workbook_json import restore_workbook

    with open_workbook(db) as workbook:
        if (workbook.count_contacts() or workbook.load_goal()) and not replace:
            print(f"Nothing was restored: {db} already holds a workbook. Add --replace to "
                  "overwrite it, or choose an empty file with --db.", file=sys.stderr)
            return 1
        try:
            counts = restore_workbook(path, workbook)
        except ContactImportError as error:
            print(f"Nothing was restored. {error}", file=sys.stderr)
            return 1
    print(f"Restored {path.name} into {db}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def _privacy(args: argparse.Namespace) -> Privacy:
    return Privacy(include_contact_details=args.include_contact_details,
                   names=NameStyle.INITIALS if args.initials else NameStyle.FULL)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the plan or the data; the file's ending chooses the format."""
    from networking_kit.export.formats import ExportError, export_to
    from networking_kit.export.pdf import PdfUnavailableError

    db = _db_path(args)
    with open_workbook(db) as workbook:
        try:
            written = export_to(workbook, Path(args.out), _privacy(args), table=args.table,
                                remember=not workbook.read_only)
        except (ExportError, PdfUnavailableError) as error:
            print(f"Nothing was exported. {error}", file=sys.stderr)
            return 1
    print(f"Wrote {written}")
    return 0


DEMO_WORKBOOK = "sample-workbook.sqlite"
DEMO_FILES = (
    "plan.html", "plan.pdf", "plan.md", "follow-ups.ics", "workbook.json", "contacts.csv",
    "actions.csv", "network.graphml", "network.kumu-elements.csv",
    "network.kumu-connections.csv",
)


def cmd_demo(args: argparse.Namespace) -> int:
    """Make the sample participant's whole plan in every format: the quickest proof."""
    from networking_kit.export.formats import export_to
    from networking_kit.export.pdf import PdfUnavailableError
    from networking_kit.steps.sample import make_sample_workbook

    out = Path(args.out)
    db = Path(args.db).expanduser() if args.db else out / DEMO_WORKBOOK
    # The demo writes only new files: it never deletes or replaces one it did not make.
    taken = [path for path in (db, *(out / name for name in DEMO_FILES)) if path.exists()]
    if taken:
        print(f"Nothing was written: {taken[0]} already exists, and the demo never replaces a "
              "file. Choose a new or empty folder with --out (and a new file with --db).",
              file=sys.stderr)
        return 1
    private_folder(out)
    with make_sample_workbook(db) as workbook:
        for name in DEMO_FILES:
            try:
                written = export_to(workbook, out / name, _privacy(args))
            except PdfUnavailableError as error:
                print(f"Skipped {name}: {error}")
                continue
            print(f"Wrote {written} ({written.stat().st_size // 1024 or 1} KB)")
    print(f"The sample participant's workbook is {db}")
    return 0


def cmd_cohort(args: argparse.Namespace) -> int:
    """Gather the room's anonymised summaries into one report for the facilitator."""
    from networking_kit.cohort_report import write_cohort_report

    participants, problems = write_cohort_report(Path(args.dir), Path(args.out))
    for problem in problems:
        print(problem)
    print(f"Wrote {args.out} from {participants} participant summar"
          f"{'y' if participants == 1 else 'ies'}.")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    """List the automatic backups of the workbook, newest first, numbered for going back."""
    db = _db_path(args)
    with open_workbook(db, daily_backup=False) as workbook:
        versions = workbook.earlier_versions()
    if not versions:
        print(f"No backups of {db} yet: one is made before every import and restore, and "
              "the first time it is opened each day.")
        return 0
    print(f"Backups of {db} (in {versions[0].path.parent}), newest first:")
    for version in versions:
        print(f"  {version.describe()}")
    print("To go back to one: networking-kit restore-backup NUMBER")
    return 0


def cmd_restore_backup(args: argparse.Namespace) -> int:
    """Go back to backup N, after saying what will change and asking (or --yes)."""
    from networking_kit.store.versions import find_version, what_will_change

    db = _db_path(args)
    with open_workbook(db, daily_backup=False) as workbook:
        version = find_version(db, args.number)
        print(what_will_change(workbook.holdings(), version))
        if not args.yes:
            if not sys.stdin.isatty():
                print("Nothing was changed: add --yes to go back without being asked.",
                      file=sys.stderr)
                return 1
            if input("Go back to this version? Type yes to go ahead: ").strip().lower() != "yes":
                print("Nothing was changed.")
                return 1
        workbook.go_back(args.number)
        print(f"Your workbook now holds {workbook.holdings()}, as in backup {args.number}. "
              "The version you had is backup 1 (networking-kit backups lists them).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help=f"the workbook file to use (default: ${ENV_VAR} or {default_workbook_path()})")
    parser = argparse.ArgumentParser(
        prog="networking-kit", parents=[shared],
        description="Build your professional network on purpose: guided Jupyter workbooks.")
    parser.add_argument("--version", action="version", version=f"networking-kit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], text: str,
            ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[shared], help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

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
    add("where", cmd_where, "show which workbook file is in use and what it holds")
    add("doctor", cmd_doctor, "check this computer is ready for the workshop (Python, the "
        "form widgets, the workbook file, free disk, PDF) and say what to do about each")
    privacy = argparse.ArgumentParser(add_help=False)
    privacy.add_argument("--include-contact-details", action="store_true",
                         help="include e-mail addresses, phone numbers and profile links "
                              "(left out by default)")
    privacy.add_argument("--initials", action="store_true",
                         help="show contacts by their initials instead of their names")
    sub = commands.add_parser(
        "export", parents=[shared, privacy], help="write your plan or your data to a file",
        description="Write your plan or your data. The file's ending picks the format: "
                    ".html .pdf .md (the plan), .ics (calendar), .json (a complete backup), "
                    ".csv (contacts, or actions with --table actions), .graphml (Gephi); "
                    "NAME.kumu-elements.csv and NAME.kumu-connections.csv for Kumu.")
    sub.set_defaults(handler=cmd_export)
    sub.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    sub.add_argument("--table", choices=("contacts", "actions"), default=None,
                     help="for a .csv: which table (default: contacts)")
    sub = commands.add_parser(
        "demo", parents=[shared, privacy],
        help="make the sample participant's complete plan in every format",
        description="Make the sample participant's complete plan in every format, without "
                    "a browser: the quickest check that the toolkit works.")
    sub.set_defaults(handler=cmd_demo)
    sub.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    sub = add("cohort", cmd_cohort, "facilitators: turn the room's shared summaries into one "
              "report (counts only, never names)")
    sub.add_argument("dir", help="the drop folder the participants shared into")
    sub.add_argument("--out", required=True, metavar="FILE", help="the report to write (.html)")
    add("backups", cmd_backups, "list the automatic backups of your workbook, newest first")
    sub = add("restore-backup", cmd_restore_backup,
              "go back to an earlier version of your workbook (networking-kit backups lists "
              "them); your workbook as it is now is backed up first")
    sub.add_argument("number", type=int, help="the backup's number (1 is the newest)")
    sub.add_argument("--yes", action="store_true", help="go ahead without asking")
    sub = add("import", cmd_import, "bring contacts in from an export file (LinkedIn, Google, "
              "Outlook, vCard, CSV or Excel; importing it again adds no duplicates), or restore "
              "the workbook from its JSON export")
    sub.add_argument("file", help="the export file to read")
    sub.add_argument("--format", default=None, choices=sorted(FORMATS),
                     help="the file's format, when it is not recognised by itself")
    sub.add_argument("--replace", action="store_true",
                     help="when FILE is a JSON export: replace a workbook that holds data")
    sub.add_argument("--columns", default=None, metavar="FIELD=COLUMN,…",
                     help="which column holds what, when the file is not recognised, e.g. "
                          "name=Nom,email=Courriel,company=Société (fields: name, first_name, "
                          "last_name, email, phone, company, position, url, connected_on, "
                          "notes)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except (WorkbookError, ValueError, OSError) as error:
        print(f"networking-kit: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
