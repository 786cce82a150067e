"""CSV exports of contacts and actions that are safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is read
as a formula by Excel, LibreOffice and Google Sheets; a contact named
``=HYPERLINK("http://x")`` would become a live link. Such cells get a leading apostrophe,
which spreadsheets show as text (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from networking_kit.contacts import COLUMN_NAMES
from networking_kit.export.privacy import Privacy, PrivacyFilter
from networking_kit.vocab import OLDER_SOURCES

_OLDER_SOURCES = {old: str(new) for old, new in OLDER_SOURCES.items()}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> str:
    """A cell's text, made inert if a spreadsheet would run it as a formula."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text (UTF-8 with a BOM added by the caller if wanted), every cell inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([inert(cell) for cell in row])
    return buffer.getvalue()


def contacts_csv(contacts: pd.DataFrame, privacy: Privacy) -> str:
    """The participant's contacts in the canonical columns, as the privacy choice allows:
    the columns it hides are left out, and the words in the others (notes, what they can
    help with…) go through the export's ``PrivacyFilter``."""
    shown = PrivacyFilter(contacts, privacy).frame(contacts)
    # An older workbook's "import" is written as what it means now ("generic").
    shown["source"] = shown["source"].replace(_OLDER_SOURCES)
    columns = [c for c in COLUMN_NAMES if c != "contact_id"]
    if not privacy.include_contact_details:
        columns = [c for c in columns if c not in ("email", "phone", "url")]
    return write_csv(columns, shown[columns].astype("object").itertuples(index=False))


ACTION_COLUMNS = ["due_on", "status", "kind", "title", "why", "people"]


def actions_csv(actions: Iterable[Mapping[str, Any]]) -> str:
    """Planned actions (dicts with the ACTION_COLUMNS keys), earliest first."""
    ordered = sorted(actions, key=lambda a: (str(a.get("due_on") or "9999"), str(a["title"])))
    return write_csv(ACTION_COLUMNS, ([a.get(c, "") for c in ACTION_COLUMNS] for a in ordered))
