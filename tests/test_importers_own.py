"""importers.own: the toolkit's own exports read back through read_contacts, every field
as it was (issue 12 item 7)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError, normalise_contacts
from networking_kit.export.workbook_json import workbook_to_json
from networking_kit.importers import read_contacts
from networking_kit.steps.sample import make_sample_workbook
from networking_kit.store import Workbook

PEOPLE = normalise_contacts(pd.DataFrame([
    {"name": "Priya Raman", "email": "priya@example.in", "phone": "+919876543210",
     "company": "+Plus Analytics", "position": "=Chief of Staff", "notes": "'- likes jazz",
     "url": "https://www.linkedin.com/in/priya-raman-example", "connected_on": "2023-11-12",
     "strength": "close", "context": "alumni", "trust": "high", "tags": "mentor; @events",
     "can_help_with": "hiring", "i_can_offer": "intros", "last_contact": "2024-01-05"},
    {"name": "Doe, Jane", "company": "Fernhill", "source": "linkedin"},
    {"name": "王 伟", "company": "华为", "source": "vcard", "phone": "+86 10 5555 0101"},
]), source="manual")
FIELDS = [c for c in PEOPLE.columns if c != "contact_id"]


def test_the_json_backup_reads_back_every_field(workbook: Workbook) -> None:
    workbook.add_contacts(PEOPLE)
    text = workbook_to_json(workbook)
    back = read_contacts(text.encode("utf-8"), name="workbook.json")
    pd.testing.assert_frame_equal(back[FIELDS].reset_index(drop=True),
                                  workbook.load_contacts()[FIELDS].reset_index(drop=True),
                                  check_dtype=False)
    assert back.loc[0, "notes"] == "'- likes jazz"  # JSON guards nothing: nothing taken off
    assert back.loc[0, "phone"] == "+919876543210"
    assert back.attrs["columns_ignored"] == []


def test_the_sample_participants_backup_round_trips(tmp_path: Path) -> None:
    with make_sample_workbook(tmp_path / "sample.sqlite") as sample:
        saved = sample.load_contacts()
        text = workbook_to_json(sample)
    back = read_contacts(text.encode("utf-8"), name="sample.json")
    assert len(back) == len(saved) > 100
    pd.testing.assert_frame_equal(back[FIELDS].reset_index(drop=True),
                                  saved[FIELDS].reset_index(drop=True), check_dtype=False)


def test_a_backup_imported_into_the_same_workbook_changes_nothing(
        workbook: Workbook) -> None:
    from networking_kit.importers import import_into_workbook

    workbook.add_contacts(PEOPLE)
    workbook.update_contact(PEOPLE["contact_id"].iloc[0], last_contact=date(2024, 2, 1))
    report = import_into_workbook(workbook_to_json(workbook).encode(), workbook,
                                  name="workbook.json")
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)


def test_a_damaged_backup_is_one_sentence() -> None:
    start = '{\n "format": "networking-kit-workbook",\n "contacts": [{"name": "A"'
    with pytest.raises(ContactImportError, match=r"^workbook\.json, line \d+: this workbook"):
        read_contacts(start.encode(), name="workbook.json")
    other = json.dumps({"format": "networking-kit-workbook", "contacts": "nobody"})
    with pytest.raises(ContactImportError, match="not a networking_kit workbook backup"):
        read_contacts(other.encode(), name="workbook.json")
