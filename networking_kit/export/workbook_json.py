"""A complete, versioned copy of the workbook file as JSON: the backup a participant keeps.

``networking-kit import`` (or the restore button) turns it back into an identical
workbook. It is the one export that always holds everything, contact details included:
it is a backup, not something to share.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from networking_kit import __version__
from networking_kit.contacts import ContactImportError, ContactValidationError
from networking_kit.export.workbook_schema import check_backup, try_backup
from networking_kit.importers.own import WORKBOOK_JSON
from networking_kit.store import SCHEMA_VERSION, Workbook, WorkbookError

FORMAT = WORKBOOK_JSON  # the name the file gives itself (importers.own reads its contacts)
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
    except RecursionError as error:
        raise ContactImportError(
            "this is not a workbook export: it is nested far too deeply to be one. Use a "
            "backup the toolkit made.", file=name) from error
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
    schema = document.get("schema_version", 0)
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA_VERSION:
        raise ContactImportError("this export comes from a newer workbook schema; update the "
                                 "toolkit to read it.", file=name, line=1)
    problem = check_backup(document)
    if problem:
        raise ContactImportError(
            f"this backup {problem}, so it may be damaged or changed by hand; nothing was "
            "changed in your workbook. Use another backup or export the workbook again.",
            file=name)
    return document


def restore_workbook(path: Path, workbook: Workbook) -> dict[str, int]:
    """Replace the workbook's contents with the export at ``path``, in one transaction.

    The file is checked first (``workbook_schema.check_backup``), then tried in a scratch
    workbook (``try_backup``: the plan and the exports must be made from it); only then
    is the workbook backed up and replaced. ContactImportError, one sentence naming the
    file, for anything wrong; the workbook is then unchanged. Storage failures raise their
    ``store.WorkbookError`` sentence (a full disk, a busy file).
    """
    document = read_workbook_json(path)
    problem = try_backup(document)
    if problem:
        raise ContactImportError(
            f"this backup {problem}; nothing was changed in your workbook. Use another "
            "backup or export the workbook again.", file=path.name)
    try:
        workbook.restore(document)
    except WorkbookError:
        raise
    except (ContactValidationError, KeyError, TypeError, ValueError, sqlite3.Error) as error:
        raise ContactImportError(
            f"this export holds something the workbook cannot take ({error}); nothing was "
            "changed.", file=path.name) from error
    return {"contacts": len(document.get("contacts", [])),
            "follow-ups": len(document.get("followups", [])),
            "interactions": len(document.get("interactions", []))}
