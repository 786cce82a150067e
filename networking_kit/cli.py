"""The ``networking-kit`` command: start the workshop, and work with a workbook file.

Every subcommand takes ``--db PATH`` (or ``NETWORKING_KIT_DB``) to choose the
participant's workbook file. The server launchers (``start``, ``app``: their key, their
environment, their flags) live in ``cli_servers``; this module holds the data commands.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from networking_kit import __version__
from networking_kit.cli_servers import (
    TOKEN_ENV,
    add_server_commands,
    free_port,
    workbooks_dir,
)
from networking_kit.cli_servers import db_path as _db_path
from networking_kit.contacts import ContactImportError
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.files import private_folder
from networking_kit.importers import FORMATS, Stage
from networking_kit.settings import APP_IDLE_MINUTES, APP_MAX_PAGES
from networking_kit.store import ENV_VAR, WorkbookError, default_workbook_path, open_workbook

# Names callers and tests reach through ``cli`` (kept where they were before the split).
__all__ = ["APP_IDLE_MINUTES", "APP_MAX_PAGES", "TOKEN_ENV", "build_parser", "free_port",
           "main", "workbooks_dir"]


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
    from networking_kit.importers.generic import NO_NAME_COLUMN

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
            if NO_NAME_COLUMN in str(error):
                print("On the command line, say which column holds what with --columns, "
                      "for example: --columns name=Nom,email=Courriel", file=sys.stderr)
            return 1
        except KeyboardInterrupt:  # Ctrl-C: the import's one transaction is rolled back
            print("Stopped. Nothing was imported: your workbook is as it was.",
                  file=sys.stderr)
            return 130
        workbook.renew_contacts_cache()  # the workbook's pages then open without reading
    print(f"{Path(args.file).name} into {db}: {report.summary()}")
    for line in report.skipped_text():
        print(f"  {line}")
    for line in report.details():
        print(f"  {line}")
    return 0


PROGRESS_BYTES = 2 * 1024 * 1024  # a file this big (about 20,000 rows) shows its stages


def _progress(path: Path) -> Callable[[Stage], None] | None:
    """A progress printer for a big file, else None: a line per stage on stderr, with
    its percent and the rows handled ("  55% Read 30,000 rows. …")."""
    try:
        big = path.stat().st_size >= PROGRESS_BYTES
    except OSError:
        return None
    if not big:
        return None

    def show(stage: Stage) -> None:
        hint = " (Ctrl-C stops it; nothing is then imported)" if stage.fraction == 0 else ""
        print(f"{stage.percent:3d}% {stage.message}{hint}", file=sys.stderr, flush=True)

    return show


def _columns(text: str | None) -> dict[str, str] | None:
    """``--columns name=Nom,email=Courriel`` as {field: column}; ValueError in plain words."""
    if not text:
        return None
    mapping: dict[str, str] = {}
    # A comma starts the next FIELD= only: a column's own name may hold one
    # ("connected_on=Kennengelernt, wann", found by a tester).
    for part in re.split(r",(?=\s*\w+\s*=)", text):
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


def cmd_duplicates(args: argparse.Namespace) -> int:
    """List the people who may be one person twice; combine a pair, or keep it apart."""
    from networking_kit.contacts_duplicates import differences_sentence
    from networking_kit.steps.map import MapSession
    from networking_kit.steps.map_duplicates import UNDO_COMBINE
    from networking_kit.vocab import BackupReason

    db = _db_path(args)
    with open_workbook(db) as workbook:
        session = MapSession(workbook)
        pairs = session.possible_duplicates()
        number = args.combine if args.combine is not None else args.keep_apart
        if number is None:
            if not pairs:
                print(f"No possible duplicates in {db}.")
                return 0
            print(f"Possibly the same person, in {db}:")
            for position, pair in enumerate(pairs, start=1):
                print(f"  {position}. {pair.sentence()}")
                print(f"     {differences_sentence(session.differences(pair))}")
            print("To make a pair one contact: networking-kit duplicates --combine NUMBER "
                  "(the first name listed keeps its details; the other fills only what it "
                  "lacks). If they are two people: networking-kit duplicates --keep-apart "
                  "NUMBER.")
            return 0
        if not 1 <= number <= len(pairs):
            print(f"Nothing was changed: there is no pair {number} "
                  f"({len(pairs)} listed; networking-kit duplicates lists them).",
                  file=sys.stderr)
            return 1
        pair = pairs[number - 1]
        if args.combine is not None:
            workbook.back_up(BackupReason.COMBINE)  # so the command line can undo it too
            said = session.combine(pair.keep, pair.other)
            print(said.replace(UNDO_COMBINE, "To undo it: networking-kit restore-backup 1."))
        else:
            session.keep_apart(pair.keep, pair.other)
            print(f"Kept apart: {pair.sentence()}. They will not be listed again.")
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
        # not "as in backup N": the backup just made moved that one down the list
        when = version.describe().split(" (")[0].split(". ", 1)[1]
        print(f"Your workbook now holds {workbook.holdings()}, as in the backup from "
              f"{when}. The version you had is now backup 1: networking-kit "
              "restore-backup 1 undoes this.")
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

    add_server_commands(add)
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
    sub = add("duplicates", cmd_duplicates, "list the people in your workbook who may be one "
              "person twice (the same e-mail, or the same name at the same organisation), "
              "and combine a pair or keep it apart")
    choice = sub.add_mutually_exclusive_group()
    choice.add_argument("--combine", type=int, metavar="NUMBER", default=None,
                        help="make pair NUMBER one contact (a backup is made first)")
    choice.add_argument("--keep-apart", type=int, metavar="NUMBER", default=None,
                        help="say pair NUMBER are two people, so it is not listed again")
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
    except BrokenPipeError:
        # The reader stopped early (`networking-kit backups | head -3`): nothing is wrong,
        # so nothing is said; what is left to write goes nowhere (Python's own advice).
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (WorkbookError, ValueError, OSError) as error:
        print(f"networking-kit: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
