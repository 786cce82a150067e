"""Two windows (two kernels, two connections) on one workbook file, driven in turn, lose
no change: each writes only what it changed, and an import merges inside its own
transaction, on top of whatever the other window saved while the file was being read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError, normalise_contacts
from networking_kit.importers import Stage, import_into_workbook, importing
from networking_kit.store import Workbook, open_workbook

DATA = Path(__file__).parent / "data" / "imports"


@pytest.fixture
def windows(tmp_path: Path) -> Iterator[tuple[Workbook, Workbook]]:
    """Tab A and tab B: two connections on the same file, as two kernels would have."""
    path = tmp_path / "shared.sqlite"
    with open_workbook(path) as tab_a, open_workbook(path) as tab_b:
        yield tab_a, tab_b


def test_two_tabs_answering_different_goal_questions_keep_both(
        windows: tuple[Workbook, Workbook]) -> None:
    tab_a, tab_b = windows
    tab_a.save_goal({"kind": "better_connected", "how_many": 2, "by_when": None})
    stale_in_b = tab_b.load_goal()  # tab B opened earlier and holds this copy
    tab_a.update_goal({"how_many": 5})
    tab_b.update_goal({"by_when": "2027-02-01"})
    assert stale_in_b == {"kind": "better_connected", "how_many": 2, "by_when": None}
    assert tab_a.load_goal() == tab_b.load_goal() == {
        "kind": "better_connected", "how_many": 5, "by_when": "2027-02-01"}


def test_two_tabs_editing_different_fields_of_a_contact_keep_both(
        windows: tuple[Workbook, Workbook]) -> None:
    tab_a, tab_b = windows
    tab_a.save_contacts(normalise_contacts(pd.DataFrame([{"name": "Ada", "notes": "old"}])))
    ada = tab_b.load_contacts()["contact_id"].iloc[0]
    tab_a.update_contact(ada, strength="close")
    tab_b.update_contacts([ada], notes="coffee in May")
    saved = tab_a.load_contacts().iloc[0]
    assert (saved["strength"], saved["notes"]) == ("close", "coffee in May")


def test_an_action_edited_in_two_tabs_keeps_both_edits(
        windows: tuple[Workbook, Workbook]) -> None:
    tab_a, tab_b = windows
    followup = tab_a.add_followup(kind="catch_up", title="Coffee with Ada",
                                  due_on=date(2026, 12, 1),
                                  data={"why": "rhythm", "edited": False})
    tab_a.update_followup(followup, status="done", data_changes={"done_on": "2026-11-28"})
    tab_b.update_followup(followup, title="Lunch with Ada", due_on=date(2026, 12, 3),
                          data_changes={"edited": True})
    saved = tab_a.load_followups()[0]
    assert (saved["title"], saved["due_on"], saved["status"]) == (
        "Lunch with Ada", date(2026, 12, 3), "done")
    assert saved["data"] == {"why": "rhythm", "edited": True, "done_on": "2026-11-28"}


def test_a_contact_sorted_while_the_file_is_read_keeps_its_closeness(
        windows: tuple[Workbook, Workbook]) -> None:
    """Tab B sorts Amara after tab A has read the file and before tab A merges it."""
    tab_a, tab_b = windows
    import_into_workbook(DATA / "linkedin_current.csv", tab_a)
    amara = tab_b.load_contacts().query("name == 'Amara Okonkwo'")["contact_id"].iloc[0]
    tab_b.update_contact(amara, company=None)  # so the re-import has a field to fill

    def sort_in_tab_b(stage: Stage) -> None:
        if stage.message.startswith("Checked the rows"):  # read, not yet merged
            tab_b.update_contact(amara, strength="closest", notes="my mentor")

    report = import_into_workbook(DATA / "linkedin_current.csv", tab_a,
                                  progress=sort_in_tab_b)
    assert (report.updated, report.unchanged) == (1, 4)
    saved = tab_b.load_contacts().set_index("contact_id").loc[amara]
    assert (saved["strength"], saved["notes"]) == ("closest", "my mentor")
    assert saved["company"] == "Riverside Health Trust"  # the file filled the empty field


def test_a_file_value_never_replaces_what_another_tab_just_wrote(
        windows: tuple[Workbook, Workbook], monkeypatch: pytest.MonkeyPatch) -> None:
    """The file carries its own closeness, context and notes for someone already saved;
    tab B fills those fields in between the read and the merge: tab B's values stay, and
    fields nobody wrote are filled from the file."""
    tab_a, tab_b = windows
    tab_a.save_contacts(normalise_contacts(pd.DataFrame([
        {"name": "Kwame Mensah", "email": "kwame@example.org"},
        {"name": "Jane Doe", "email": "jane@example.org"}])))
    kwame = tab_a.load_contacts()["contact_id"].iloc[0]

    def read_then_tab_b_writes(*args: object, **kwargs: object) -> pd.DataFrame:
        table = normalise_contacts(pd.DataFrame([
            {"name": "Kwame Mensah", "email": "kwame@example.org", "strength": "acquaintance",
             "context": "online", "notes": "from the file", "phone": "+233 20 555 0142"},
            {"name": "Lucía Fernández", "email": "lucia@example.es", "strength": "close"}]),
            source="generic")
        tab_b.update_contact(kwame, strength="close", context="alumni", notes="mine")
        return table

    monkeypatch.setattr(importing, "read_contacts", read_then_tab_b_writes)
    report = import_into_workbook(b"ignored", tab_a, name="people.csv")
    assert (report.added, report.updated) == (1, 1)
    saved = tab_b.load_contacts().set_index("name")
    assert saved.loc["Kwame Mensah", ["strength", "context", "notes", "phone"]].tolist() == [
        "close", "alumni", "mine", "+233205550142"]
    assert saved.loc["Lucía Fernández", "strength"] == "close"  # a new contact comes whole


def test_another_tab_cannot_write_between_the_merge_and_its_save(
        windows: tuple[Workbook, Workbook], monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge reads and writes in one transaction: tab B's sort waits for it (here it
    gives up at once and tries again after), so the import never saves a stale copy."""
    tab_a, tab_b = windows
    import_into_workbook(DATA / "linkedin_current.csv", tab_a)
    amara = tab_b.load_contacts().query("name == 'Amara Okonkwo'")["contact_id"].iloc[0]
    tab_b.update_contact(amara, company=None)
    tab_b._db.execute("PRAGMA busy_timeout = 50")
    real_merge = importing.merge_parts
    waited: list[bool] = []

    def merge_while_tab_b_sorts(*args: object) -> object:
        try:
            tab_b.update_contact(amara, strength="closest")
            waited.append(False)
        except sqlite3.OperationalError:  # database is locked: tab A is merging
            waited.append(True)
        return real_merge(*args)

    monkeypatch.setattr(importing, "merge_parts", merge_while_tab_b_sorts)
    import_into_workbook(DATA / "linkedin_current.csv", tab_a)
    assert waited == [True]
    tab_b.update_contact(amara, strength="closest")  # tab B's turn comes after the import
    saved = tab_a.load_contacts().set_index("contact_id").loc[amara]
    assert (saved["strength"], saved["company"]) == ("closest", "Riverside Health Trust")


def test_a_long_import_waits_for_the_other_tab_instead_of_writing_over_it(
        windows: tuple[Workbook, Workbook]) -> None:
    """While tab B holds the write lock (a session action), the import cannot write."""
    tab_a, tab_b = windows
    tab_a.save_contacts(normalise_contacts(pd.DataFrame([{"name": "Ada"}])))
    with tab_b.transaction():
        tab_b.update_contacts(tab_b.load_contacts()["contact_id"].tolist(), strength="close")
        tab_a._db.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(ContactImportError,  # the store's own sentence, not wrapped
                           match=r"^Another window is saving to your workbook .*not saved"):
            import_into_workbook(DATA / "linkedin_current.csv", tab_a)
    assert tab_a.count_contacts() == 1
    assert tab_a.load_contacts()["strength"].tolist() == ["close"]
