"""What a JSON workbook backup must look like before it may replace a workbook.

:func:`check_backup` walks the document against the shape ``Workbook.snapshot`` writes
(every table, every field's type, ids unique, every reference pointing at a contact that
is there) and returns the first problem as a short phrase, or None. Then
:func:`try_backup` restores it into a scratch workbook and makes the plan and the exports
from it, so a file that passes the shape but would break the plan later ("accepted, then
broken") is refused too, before anything in the participant's workbook is touched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from networking_kit.contact_fields import COLUMN_NAMES, DATE_COLUMNS
from networking_kit.store import SCHEMA_VERSION, open_workbook

_Check = Callable[[Any], bool]
_MAX_TEXT = 100_000  # one field of one contact; a longer one is not something typed


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= _MAX_TEXT


def _text_or_none(value: Any) -> bool:
    return value is None or _text(value)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**62


def _day(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _day_or_none(value: Any) -> bool:
    return value is None or _day(value)


# Each table: its fields, each with a check and the words for what it should be.
_FOLLOWUP: Mapping[str, tuple[_Check, str]] = {
    "followup_id": (_whole, "a whole number above 0"),
    "contact_id": (_text_or_none, "a contact's id or empty"),
    "kind": (_text, "text"),
    "title": (_text, "text"),
    "due_on": (_day_or_none, "a date like 2026-11-30 or empty"),
    "status": (_text, "text"),
    "data": (lambda v: isinstance(v, dict), "a set of named values"),
}
_INTERACTION: Mapping[str, tuple[_Check, str]] = {
    "interaction_id": (_whole, "a whole number above 0"),
    "contact_id": (_text, "a contact's id"),
    "happened_on": (_day, "a date like 2026-11-30"),
    "kind": (_text, "text"),
    "note": (_text_or_none, "text or empty"),
}


def check_backup(document: Mapping[str, Any]) -> str | None:
    """The first way ``document`` differs from a workbook backup, as a phrase that
    completes "this backup …", or None when its shape is right."""
    version = document.get("schema_version", SCHEMA_VERSION)
    if not _whole(version):
        return "has no readable schema version"
    for name, wanted in (("profile", dict), ("contacts", list), ("followups", list),
                         ("interactions", list), ("ties", list)):
        if not isinstance(document.get(name, wanted()), wanted):
            return f'has a "{name}" part of the wrong kind'
    if not all(isinstance(key, str) for key in document.get("profile", {})):
        return "has a profile entry without a name"
    goal = document.get("goal")
    if goal is not None and not isinstance(goal, dict):
        return "has a goal of the wrong kind"
    ids, problem = _contacts(document.get("contacts", []))
    if problem:
        return problem
    for table, fields, key in (("followups", _FOLLOWUP, "followup_id"),
                               ("interactions", _INTERACTION, "interaction_id")):
        problem = _rows(document.get(table, []), table, fields, key, ids)
        if problem:
            return problem
    return _ties(document.get("ties", []), ids)


def _contacts(rows: list[Any]) -> tuple[set[str], str | None]:
    ids: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            return ids, f"has a contact (number {number}) that is not a set of fields"
        unknown = set(row) - set(COLUMN_NAMES)
        if unknown:
            return ids, f'has a contact (number {number}) with an unknown field "{min(unknown)}"'
        bad = next((k for k, v in row.items() if not _text_or_none(v)), None)
        if bad:
            return ids, f'has a contact (number {number}) whose "{bad}" is not text'
        day = next((k for k in DATE_COLUMNS if not _day_or_none(row.get(k))), None)
        if day:
            return ids, (f'has a contact (number {number}) whose "{day}" is not a date like '
                         "2026-11-30")
        contact_id = row.get("contact_id")
        if not contact_id:
            return ids, f"has a contact (number {number}) without an id"
        if contact_id in ids:
            return ids, f"has two contacts with the same id ({contact_id[:40]})"
        ids.add(contact_id)
    return ids, None


def _rows(rows: list[Any], table: str, fields: Mapping[str, tuple[_Check, str]], key: str,
          contacts: set[str]) -> str | None:
    what = table.rstrip("s").replace("followup", "follow-up")
    seen: set[int] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            return f"has a {what} (number {number}) that is not a set of fields"
        for name, (valid, wanted) in fields.items():
            if name == "data" and name not in row:
                continue  # an empty data dict may be left out
            if name not in row or not valid(row[name]):
                return f'has a {what} (number {number}) whose "{name}" should be {wanted}'
        if row[key] in seen:
            return f"has two {what}s with the same number ({row[key]})"
        seen.add(row[key])
        if row["contact_id"] is not None and row["contact_id"] not in contacts:
            return f"has a {what} (number {number}) about a contact that is not in it"
    return None


def _ties(ties: list[Any], contacts: set[str]) -> str | None:
    seen: set[tuple[str, str]] = set()
    for number, pair in enumerate(ties, start=1):
        if (not isinstance(pair, list) or len(pair) != 2 or not all(map(_text, pair))
                or pair[0] == pair[1]):
            return f"has a who-knows-whom pair (number {number}) that is not two people"
        if not set(pair) <= contacts:
            return f"has a who-knows-whom pair (number {number}) naming someone not in it"
        key = (min(pair), max(pair))
        if key in seen:
            return f"names the same who-knows-whom pair twice (number {number})"
        seen.add(key)
    return None


def try_backup(document: dict[str, Any], today: date | None = None) -> str | None:
    """Restore ``document`` into a scratch workbook and make the plan and every export
    but the PDF from it; the first failure as a phrase completing "this backup …", or
    None when everything worked. The scratch copy is deleted either way."""
    from networking_kit.export.formats import export_to  # formats imports this package

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        try:
            with open_workbook(folder / "trial.sqlite", daily_backup=False) as trial:
                trial.restore(document)
                for name in ("plan.html", "plan.md", "plan.ics", "contacts.csv",
                             "actions.csv", "network.graphml"):
                    export_to(trial, folder / name, today=today, remember=False,
                              table="actions" if name == "actions.csv" else None)
        except Exception as error:  # whatever breaks, the participant's file is untouched
            # the error's first sentence only: a library's message can run on for lines
            first = (str(error).splitlines() or [""])[0].split(". ")[0].rstrip(".:")
            detail = f" ({first[:200]})" if first else ""
            return f"holds something the toolkit cannot use{detail}"
    return None
