"""``networking-kit doctor``: is this computer ready for the workshop, and if not, what to do.

Each check says what it found and, when something is wrong, the one thing to do about it:
Python's version, the form widgets (the Python side and the browser side must be a matched
pair, or the forms do not appear), the workbook file, free disk space, and whether a PDF
can be made. Nothing is changed: a workbook file that does not exist yet is not created.
"""

from __future__ import annotations

import importlib.metadata
import operator
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from networking_kit.export.pdf import NO_BROWSER, find_browser
from networking_kit.settings import DOCTOR_MIN_FREE_MB
from networking_kit.store import WorkbookError, open_workbook

PACKAGE = "networking_kit"
MIN_PYTHON = (3, 11)
# The Python side of the forms and its browser side, as pinned in pyproject.toml.
WIDGETS = ("ipywidgets", "jupyterlab_widgets")
WIDGETS_LAB_EXTENSION = Path("share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager")
REINSTALL = ("run `make start` again, or `python start.py`, which reinstalls what the "
             "workshop needs")


class Verdict(Enum):
    OK = "ok"
    WARNING = "note"  # the workshop works; one part (the PDF) is missing
    PROBLEM = "PROBLEM"


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, what was found, what to do (if anything)."""

    name: str
    verdict: Verdict
    found: str
    todo: str = ""

    def line(self) -> str:
        text = f"[{self.verdict.value}] {self.name}: {self.found}"
        return f"{text}\n        What to do: {self.todo}" if self.todo else text


def check_python(version: tuple[int, int, int] | None = None) -> Check:
    major, minor, micro = version or sys.version_info[:3]
    found = f"Python {major}.{minor}.{micro}"
    if (major, minor) >= MIN_PYTHON:
        return Check("Python", Verdict.OK, found)
    wanted = ".".join(map(str, MIN_PYTHON))
    return Check("Python", Verdict.PROBLEM, f"{found}, older than the {wanted} the toolkit needs",
                 f"install Python {wanted} or newer from python.org, then start again with it")


_COMPARE: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
    "==": operator.eq, "!=": operator.ne}


def _release(version: str) -> tuple[int, ...]:
    """The numeric release part of a version: "8.1.9" -> (8, 1, 9); "3.0.17rc1" -> (3, 0, 17)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3])


def satisfies(version: str, ranges: str) -> bool:
    """Whether ``version`` is inside ``ranges`` (">=8.1.9,<8.2": the forms pyproject uses)."""
    for clause in filter(None, (c.strip() for c in ranges.split(","))):
        op = next((o for o in _COMPARE if clause.startswith(o)), None)
        if op is None:
            continue  # a form the toolkit's pins do not use; not ours to judge
        wanted = _release(clause[len(op):])
        have = _release(version)[:len(wanted)] if op in ("==", "!=") else _release(version)
        if not _COMPARE[op](have, wanted):
            return False
    return True


def _pins() -> dict[str, str]:
    """{package: its version ranges}, read from the toolkit's installed metadata."""
    pins: dict[str, str] = {}
    for text in importlib.metadata.requires(PACKAGE) or []:
        if ";" in text:
            continue  # the test extra
        match = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", text)
        if match:
            pins[match.group(1).lower().replace("-", "_")] = match.group(2).strip()
    return pins


def check_widgets(prefix: Path | None = None) -> Check:
    """Both halves of the form widgets installed, in the versions the toolkit is pinned to."""
    try:
        pins = _pins()
    except importlib.metadata.PackageNotFoundError:
        return Check("Form widgets", Verdict.PROBLEM, "the toolkit itself is not installed",
                     REINSTALL)
    found, wrong = [], []
    for name in WIDGETS:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{name} is missing")
            continue
        found.append(f"{name} {version}")
        pin = pins.get(name)
        if pin is not None and not satisfies(version, pin):
            wrong.append(f"{name} {version} is not {pin}")
    extension = (prefix or Path(sys.prefix)) / WIDGETS_LAB_EXTENSION
    if not extension.is_dir():
        wrong.append(f"the widgets' browser part is not in {extension.parent}")
    if wrong:
        return Check("Form widgets", Verdict.PROBLEM,
                     "; ".join(wrong) + " (the forms would not appear)", REINSTALL)
    return Check("Form widgets", Verdict.OK, ", ".join(found))


def check_workbook(db: Path) -> Check:
    if not db.exists():
        return Check("Workbook file", Verdict.OK,
                     f"{db} does not exist yet; it is made the first time you start")
    try:
        with open_workbook(db) as workbook:
            people = workbook.count_contacts()
    except (WorkbookError, OSError) as error:
        return Check("Workbook file", Verdict.PROBLEM, f"{db} cannot be opened: {error}",
                     "close other windows of the workshop and try again; if it still fails, "
                     "move the file aside (rename it) and start again with a new one")
    return Check("Workbook file", Verdict.OK,
                 f"{db} opens, {people} {'person' if people == 1 else 'people'} in it")


def check_disk(db: Path, minimum_mb: int = DOCTOR_MIN_FREE_MB) -> Check:
    folder = next((p for p in (db.parent, *db.parents) if p.exists()), Path.home())
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    found = f"{free_mb:,} MB free in {folder}"
    if free_mb >= minimum_mb:
        return Check("Free disk", Verdict.OK, found)
    return Check("Free disk", Verdict.PROBLEM, f"{found}, less than the {minimum_mb} MB needed",
                 "free some space (empty the bin, move large files), then start again")


def check_pdf() -> Check:
    browser = find_browser()
    if browser:
        return Check("PDF", Verdict.OK, f"can be made with {browser}")
    return Check("PDF", Verdict.WARNING, "no Chrome or Chromium found", NO_BROWSER)


def run_checks(db: Path) -> list[Check]:
    """Every check, in the order a helper would go through them."""
    return [check_python(), check_widgets(), check_workbook(db), check_disk(db), check_pdf()]
