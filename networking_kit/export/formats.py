"""Write the plan or the data in the format a file name asks for.

One entry point for the ``networking-kit export`` command, the ``demo`` command and the
export buttons in the plan workbook, so all three write the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import networkx as nx

from networking_kit.export.document import build_plan, private_actions
from networking_kit.export.graph import (
    graphml_text,
    kumu_connections_csv,
    kumu_elements_csv,
    network_graph,
)
from networking_kit.export.html import plan_html
from networking_kit.export.ics import schedule_to_ics
from networking_kit.export.markdown import plan_markdown
from networking_kit.export.pdf import pdf_bytes
from networking_kit.export.privacy import Privacy, PrivacyFilter, display_name
from networking_kit.export.tables import actions_csv, contacts_csv
from networking_kit.export.workbook_json import workbook_to_json
from networking_kit.files import PRIVATE_FILE, atomic_write
from networking_kit.store import Workbook

# What each kind of file holds, in the words the export buttons and --help use.
FORMATS: dict[str, str] = {
    "html": "the action plan as a web page that prints well (.html)",
    "pdf": "the action plan as PDF (.pdf)",
    "md": "the action plan as plain text (.md)",
    "ics": "the follow-ups and check-ins for your calendar (.ics)",
    "json": "a complete backup of your workbook, to restore later (.json)",
    "contacts.csv": "your contacts as a spreadsheet (.csv)",
    "actions.csv": "your planned actions as a spreadsheet (.csv)",
    "graphml": "your network for Gephi (.graphml)",
    "kumu-elements.csv": "your network for Kumu: the people (.csv)",
    "kumu-connections.csv": "your network for Kumu: the connections (.csv)",
}


class ExportError(ValueError):
    """The export could not be written; the message says why and what to do."""


def format_of(out: Path, table: str | None = None) -> str:
    """The format a file name asks for: by suffix, with ``table`` choosing among CSVs."""
    name = out.name.lower()
    for kind in ("kumu-elements.csv", "kumu-connections.csv", "actions.csv", "contacts.csv"):
        if name.endswith(kind):
            return kind
    suffix = out.suffix.lower().lstrip(".")
    if suffix == "csv":
        return f"{table or 'contacts'}.csv"
    if suffix == "markdown":
        return "md"
    if suffix == "htm":
        return "html"
    if suffix not in FORMATS:
        known = ", ".join(sorted({f".{k.rsplit('.', 1)[-1]}" for k in FORMATS}))
        raise ExportError(f"{out.name}: cannot tell what to write from its ending; use one of "
                          f"{known}.")
    return suffix


def export_to(workbook: Workbook, out: Path, privacy: Privacy | None = None,
              today: date | None = None, table: str | None = None,
              remember: bool = True) -> Path:
    """Write the format ``out`` asks for and return its path.

    ``remember`` records the export for the step bar's "your action plan" tick; step 3's
    calendar file passes False, since it is not the plan of step 4.

    The file is written next to its final name first and then moved into place
    (``files.atomic_write``), readable by its owner only, so a failed export never leaves
    half a file where a good one was. Folders it creates are owner-only too.
    """
    privacy = privacy or Privacy()
    kind = format_of(out, table)
    if kind == "pdf":
        data = pdf_bytes(plan_html(build_plan(workbook, today, privacy)))
    else:
        text = _WRITERS[kind](workbook, privacy, today)
        # CSVs get a byte-order mark so Excel reads accented names correctly.
        data = text.encode("utf-8-sig" if kind.endswith(".csv") else "utf-8")
    write_private(out, data)
    # Remembered so the step bar can tick "your action plan" (no path: it may be private).
    if remember:
        workbook.set_profile("last_export",
                             {"format": kind, "on": (today or date.today()).isoformat()})
    return out


OWNER_ONLY = PRIVATE_FILE


def exports_folder(workbook: Workbook) -> Path:
    """Exports go next to the workbook file, in ``exports/``: easy to find, on this machine."""
    return workbook.path.parent / "exports"


def write_private(out: Path, data: bytes) -> Path:
    """Write ``out`` readable by its owner only, whole or not at all.

    An export holds other people's names and notes: like the workbook file, it is not for
    the other accounts on a shared machine or hub. Raises OSError (a full disk, a folder
    that cannot be written); the older file of the same name, if any, is then untouched.
    """
    return atomic_write(out, data, OWNER_ONLY)


def _actions(workbook: Workbook, shown: PrivacyFilter) -> list[dict[str, object]]:
    contacts = workbook.load_contacts()
    names = {cid: display_name(name, shown.privacy)
             for cid, name in zip(contacts["contact_id"], contacts["name"], strict=True)}
    return [{"due_on": a.due_on.isoformat() if a.due_on else "", "status": a.status,
             "kind": a.kind_label, "title": a.title, "why": a.why,
             "people": shown.text(", ".join(names[p] for p in a.contact_ids if p in names))}
            for a in private_actions(workbook, shown)]


def _ics(workbook: Workbook, shown: PrivacyFilter) -> str:
    participant = shown.text(workbook.get_profile("participant_name", "") or "")
    return schedule_to_ics(private_actions(workbook, shown), participant or None)


def _graph(workbook: Workbook, privacy: Privacy) -> nx.Graph[str]:
    return network_graph(workbook.load_contacts(), workbook.load_ties(), privacy,
                         workbook.get_profile("participant_name", "") or "Me")


_WRITERS: dict[str, Callable[[Workbook, Privacy, date | None], str]] = {
    "html": lambda wb, pr, today: plan_html(build_plan(wb, today, pr)),
    "md": lambda wb, pr, today: plan_markdown(build_plan(wb, today, pr)),
    "ics": lambda wb, pr, today: _ics(wb, PrivacyFilter(wb.load_contacts(), pr)),
    "json": lambda wb, pr, today: workbook_to_json(wb),
    "contacts.csv": lambda wb, pr, today: contacts_csv(wb.load_contacts(), pr),
    "actions.csv": lambda wb, pr, today: actions_csv(
        _actions(wb, PrivacyFilter(wb.load_contacts(), pr))),
    "graphml": lambda wb, pr, today: graphml_text(_graph(wb, pr)),
    "kumu-elements.csv": lambda wb, pr, today: kumu_elements_csv(_graph(wb, pr)),
    "kumu-connections.csv": lambda wb, pr, today: kumu_connections_csv(_graph(wb, pr)),
}
