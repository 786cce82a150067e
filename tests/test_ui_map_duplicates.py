"""Step 2's possible-duplicates list, through its public widgets and methods."""

from __future__ import annotations

from datetime import date

import pytest

from networking_kit.steps.map import MapSession
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui.map_duplicates import DuplicatesList

FIRST = b"Name,Company\nJane Doe,Fernhill\nWei Zhang,Huawei\n"
SECOND = (b'Name,Company,Phone\n"Doe, Jane",Fernhill,+44 20 7946 0018\n'
          b'"Zhang, Wei",Huawei,+86 10 5555 0199\n')


def test_the_list_hides_until_a_reimport_finds_namesakes(workbook: Workbook) -> None:
    session = MapSession(workbook, date(2026, 11, 1))
    form = DuplicatesList(session)
    session.import_file(FIRST, name="first.csv")
    assert form.widget.layout.display == "none"
    session.import_file(SECOND, name="second.csv")  # the list follows the import
    assert form.widget.layout.display == "flex"
    assert len(form.rows.children) == 2
    assert "2 pairs of contacts may be one person twice" in form.intro.value
    first_row = form.rows.children[0].children[0].value
    assert "Jane Doe and Doe, Jane (Fernhill)" in first_row
    assert "Nothing they both hold differs." in first_row  # only the second has a phone


def test_a_row_says_what_tells_the_two_apart_escaped(workbook: Workbook) -> None:
    """Two namesakes at one organisation with different job titles: the row names both
    titles (what Combine would drop is the second), as text, never as markup."""
    session = MapSession(workbook, date(2026, 11, 1))
    session.import_file(b"Name,Company,Job Title\nJane Doe,Fernhill,<b>Nurse</b>\n",
                        name="first.csv")
    session.import_file(b'Name,Company,Job Title\n"Doe, Jane",Fernhill,Head of Nursing\n',
                        name="second.csv")
    form = DuplicatesList(session)
    row = form.rows.children[0].children[0].value
    assert ("They differ in Job title: &lt;b&gt;Nurse&lt;/b&gt; or Head of Nursing. "
            "Combine keeps the first of each.") in row
    assert "<b>Nurse" not in row


def test_combine_then_undo_then_keep_apart(workbook: Workbook) -> None:
    session = MapSession(workbook, date(2026, 11, 1))
    session.import_file(FIRST, name="first.csv")
    session.import_file(SECOND, name="second.csv")
    form = DuplicatesList(session)
    form.rows.children[0].children[1].click()  # Combine on Jane Doe's row
    assert "Combined into Jane Doe" in form.status.value
    assert session.people == 3
    assert len(form.rows.children) == 1
    assert not form.undo_button.disabled
    form.undo_button.click()
    assert session.people == 4
    assert "Put back as two contacts" in form.status.value
    assert len(form.rows.children) == 2
    form.rows.children[1].children[2].click()  # Two people, on Wei Zhang's row
    assert "Kept apart" in form.status.value
    assert len(form.rows.children) == 1


def test_a_pair_changed_in_another_window_is_one_sentence(workbook: Workbook) -> None:
    session = MapSession(workbook, date(2026, 11, 1))
    session.import_file(FIRST, name="first.csv")
    session.import_file(SECOND, name="second.csv")
    form = DuplicatesList(session)
    with open_workbook(workbook.path) as other_window:
        other_window.delete_contacts([form.pairs[0].other])
    assert form.combine(0) is True
    assert form.status.value.count("no longer in your map") == 1
    assert session.people == 3
    assert len(form.rows.children) == 1  # the list was brought up to date


def test_a_failed_combine_is_one_sentence(workbook: Workbook,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    session = MapSession(workbook, date(2026, 11, 1))
    session.import_file(FIRST, name="first.csv")
    session.import_file(SECOND, name="second.csv")
    form = DuplicatesList(session)

    def full(ids: list[str]) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "delete_contacts", full)
    assert form.combine(0) is False
    assert "could not be saved" in form.status.value
    assert session.people == 4
