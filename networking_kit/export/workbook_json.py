"""A complete, versioned copy of the workbook file as JSON: the backup a participant keeps.

``networking-kit import`` (or the restore button) turns it back into an identical
workbook. It is the one export that always holds everything, contact details included:
it is a backup, not something to share.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from networking_kit import __version__
from networking_kit.contacts import ContactImportError, ContactValidationError
from networking_kit.store import SCHEMA_VERSION, Workbook

FORMAT = "networking-kit-workbook"
FORMAT_VERSION = 1


def workbook_to_json(workbook: Workbook) -> str:
    """Everything in the workbook, with the format's name and version on top."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "toolkit_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **workbook.snapshot(),
    }
    # The header comes first, so a reader can tell the file by its first few lines.
    return json.dumps(document, ensure_ascii=False, indent=1)


def is_workbook_json(path: Path) -> bool:
    """True when ``path`` looks like this export (checked cheaply, from its start)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
    except OSError:
        return False
    return start.lstrip()[:1] == b"{" and FORMAT.encode() in start


def read_workbook_json(path: Path) -> dict[str, Any]:
    """The snapshot inside a JSON export; ContactImportError in plain words when it is not one."""
    name = path.name
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise ContactImportError(
            "this is not a readable workbook export (it may be cut short or changed by "
            "hand). Export the workbook again and use the new file.", file=name,
            line=line) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ContactImportError("this JSON file is not a networking_kit workbook export.",
                                 file=name, line=1)
    version = document.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ContactImportError(
            "this export was made by a newer networking_kit; update the toolkit to read it.",
            file=name, line=1)
    if int(document.get("schema_version", 0)) > SCHEMA_VERSION:
        raise ContactImportError("this export comes from a newer workbook schema; update the "
                                 "toolkit to read it.", file=name, line=1)
    return document


def restore_workbook(path: Path, workbook: Workbook) -> dict[str, int]:
    """Replace the workbook's contents with the export at ``path``, in one transaction."""
    document = read_workbook_json(path)
    try:
        workbook.restore(document)
    except (ContactValidationError, KeyError, TypeError, ValueError) as error:
        raise ContactImportError(
            f"this export holds something the workbook cannot take ({error}); nothing was "
            "changed.", file=path.name) from error
    return {"contacts": len(document.get("contacts", [])),
            "follow-ups": len(document.get("followups", [])),
            "interactions": len(document.get("interactions", []))}
