"""Step 2's possible duplicates, driven through the session: a re-import never merges two
people by name alone, and combining them is one click, one transaction, and undoable."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from networking_kit.contacts_duplicates import SAME_EMAIL, SAME_NAME, possible_duplicates
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.map import MapSession
from networking_kit.store import Workbook

TODAY = date(2026, 11, 1)
FIRST = (b"Name,Company,Phone,Job Title\n"
         b"Jane Doe,Fernhill,,\n"
         b"Wei Zhang,Huawei,+86 10 5555 0101,Engineer\n"
         b"Kwame Mensah,Accra Digital,,\n")
SECOND = (b"Name,Company,Phone,Job Title,E-mail\n"
          b'"Doe, Jane",Fernhill,+44 20 7946 0018,Scientist,\n'
          b'"Zhang, Wei",Huawei,+86 10 5555 0199,Sales Director,\n'
          b"Kwame Mensah,Accra Digital,,,\n")


def assert_memory_is_the_file(session: MapSession) -> None:
    pd.testing.assert_frame_equal(session.contacts.reset_index(drop=True),
                                  session.workbook.load_contacts())
    assert session.ties == session.workbook.load_ties()


@pytest.fixture
def session(workbook: Workbook) -> MapSession:
    started = MapSession(workbook, TODAY)
    started.import_file(FIRST, name="first.csv")
    return started


def _id(session: MapSession, name: str, **where: str) -> str:
    rows = session.contacts[session.contacts["name"] == name]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return str(rows["contact_id"].iloc[0])


def test_a_reimport_keeps_namesakes_apart_and_lists_them(session: MapSession) -> None:
    report = session.import_file(SECOND, name="second.csv")
    assert (report.added, report.updated, report.unchanged) == (2, 0, 1)
    assert session.people == 5
    assert len(report.possible) == 2
    assert sum("Possibly the same person: Wei Zhang (Huawei)" in n for n in report.details()) == 1
    pairs = session.possible_duplicates()
    assert [(p.keep_name, p.other_name, p.reason) for p in pairs] == [
        ("Jane Doe", "Doe, Jane", SAME_NAME), ("Wei Zhang", "Zhang, Wei", SAME_NAME)]
    assert {p.pair for p in pairs} == {frozenset(pair) for pair in report.possible}
    wei = session.contacts[session.contacts["company"] == "Huawei"]
    assert sorted(wei["position"]) == ["Engineer", "Sales Director"]  # both kept whole


def test_combining_is_one_action_that_keeps_what_the_first_holds(
        session: MapSession, workbook: Workbook) -> None:
    session.import_file(SECOND, name="second.csv")
    jane, doe = _id(session, "Jane Doe"), _id(session, "Doe, Jane")
    session.edit_contact(jane, strength="close", notes="Met at the 2025 summit")
    session.edit_contact(doe, strength="acquaintance", trust="high")
    kwame = _id(session, "Kwame Mensah")
    session.set_pair(doe, kwame)
    workbook.log_interaction(doe, happened_on=date(2026, 10, 20), kind="coffee")
    followup = workbook.add_followup(kind="reconnect", title="Coffee with Jane",
                                     contact_id=doe, data={"via": doe})
    events: list[ChangeEvent] = []
    session.listen(events.append)
    sentence = session.combine(jane, doe)
    assert "Combined into Jane Doe" in sentence
    # their closeness differed: the sentence says whose was kept, not "the details of
    # both" (found by a tester, whose second Wei Zhang lost her phone without a word)
    assert "details of both" not in sentence
    assert "the first's were kept: " in sentence
    assert "(not " in sentence
    assert session.people == 4
    saved = session.record(jane)
    assert saved is not None
    assert (saved["strength"], saved["notes"], saved["trust"]) == (
        "close", "Met at the 2025 summit", "high")  # the first's values win; blanks filled
    assert (saved["phone"], saved["position"]) == ("+442079460018", "Scientist")
    assert session.record(doe) is None
    assert session.ties == [tuple(sorted((jane, kwame)))]
    assert [i["contact_id"] for i in workbook.load_interactions()] == [jane]
    moved = next(f for f in workbook.load_followups() if f["followup_id"] == followup)
    assert (moved["contact_id"], moved["data"]) == (jane, {"via": jane})
    assert Change.CONTACTS in events[-1].topics
    assert [p.reason for p in session.possible_duplicates()] == [SAME_NAME]  # Wei left
    assert_memory_is_the_file(session)


def test_undo_puts_both_people_back_exactly(session: MapSession, workbook: Workbook) -> None:
    session.import_file(SECOND, name="second.csv")
    jane, doe = _id(session, "Jane Doe"), _id(session, "Doe, Jane")
    kwame = _id(session, "Kwame Mensah")
    session.set_pair(doe, kwame)
    session.set_census([jane, doe, kwame])
    workbook.log_interaction(doe, happened_on=date(2026, 10, 20), kind="coffee")
    before = workbook.load_contacts()
    session.combine(jane, doe)
    assert session.census == [jane, kwame]
    assert session.undo_combine() == "Put back as two contacts."
    after = workbook.load_contacts()
    pd.testing.assert_frame_equal(
        after.sort_values("contact_id").reset_index(drop=True),
        before.sort_values("contact_id").reset_index(drop=True))
    assert session.ties == [tuple(sorted((doe, kwame)))]
    assert session.census == [jane, doe, kwame]
    assert [i["contact_id"] for i in workbook.load_interactions()] == [doe]
    assert session.undo_combine() == ""
    assert_memory_is_the_file(session)


def test_a_combine_that_fails_changes_nothing(session: MapSession, workbook: Workbook,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    session.import_file(SECOND, name="second.csv")
    jane, doe = _id(session, "Jane Doe"), _id(session, "Doe, Jane")
    before = workbook.load_contacts()

    def broken(ids: list[str]) -> int:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(workbook, "delete_contacts", broken)
    with pytest.raises(RuntimeError):
        session.combine(jane, doe)
    pd.testing.assert_frame_equal(workbook.load_contacts(), before)
    assert session.undo_combine() == ""
    with pytest.raises(KeyError):
        session.combine(jane, "no-such-person")


def test_kept_apart_pairs_are_not_offered_again(session: MapSession) -> None:
    session.import_file(SECOND, name="second.csv")
    first = session.possible_duplicates()[0]
    session.keep_apart(first.other, first.keep)
    assert first.pair not in {p.pair for p in session.possible_duplicates()}
    assert len(MapSession(session.workbook, TODAY).possible_duplicates()) == 1


def test_the_same_email_is_offered_and_different_linkedin_profiles_never() -> None:
    from networking_kit.contacts import normalise_contacts

    frame = normalise_contacts(pd.DataFrame([
        {"name": "Ana Silva", "email": "ana@example.pt", "source": "manual"},
        {"name": "Ana M. Silva", "email": "ANA@example.pt"},
        {"name": "Rui Costa", "company": "Lisboa Labs", "url": "linkedin.com/in/rui-1"},
        {"name": "Rui Costa", "company": "Lisboa Labs", "url": "linkedin.com/in/rui-2"},
    ]), source="test")
    pairs = possible_duplicates(frame)
    assert [(p.keep_name, p.other_name, p.reason) for p in pairs] == [
        ("Ana Silva", "Ana M. Silva", SAME_EMAIL)]
    assert pairs[0].sentence() == "Ana Silva and Ana M. Silva: the same e-mail address"


def test_people_added_by_hand_are_checked_against_the_kept_list(session: MapSession) -> None:
    """The possible duplicates are kept between clicks and each person added by hand is
    checked against them alone (issue 11): the list must be what opening the file again
    works out. A kept list not checked against the added person fails here."""
    from networking_kit.contacts_duplicates import SAME_NAME_ALONE

    session.import_file(b"Name,E-mail\nAna Silva,ana@example.pt\n", name="third.csv")
    assert session.possible_duplicates() == []  # worked out once, kept from here
    session.edit_contact(_id(session, "Jane Doe"), strength="close")  # sorting keeps it
    assert session.add_person("Ana Silva").added
    assert session.add_person("Lee Park").added
    pairs = session.possible_duplicates()
    assert [(p.keep_name, p.other_name, p.reason) for p in pairs] == [
        ("Ana Silva", "Ana Silva", SAME_NAME_ALONE)]
    assert pairs == MapSession(session.workbook, TODAY).possible_duplicates()


def test_the_index_extended_with_new_people_finds_what_reading_everyone_finds() -> None:
    from networking_kit.contacts import normalise_contacts
    from networking_kit.contacts_duplicates import duplicate_index, duplicates_of

    frame = normalise_contacts(pd.DataFrame([
        {"name": "Ana Silva", "email": "ana@example.pt"},
        {"name": "Rui Costa", "company": "Lisboa Labs", "url": "linkedin.com/in/rui-1"},
        {"name": "Jane Doe", "company": "Fernhill"},
        {"name": "Ana M. Silva", "email": "ANA@example.pt"},
        {"name": "Rui Costa", "company": "Lisboa Labs", "url": "linkedin.com/in/rui-2"},
        {"name": "Doe, Jane", "company": "Fernhill", "email": "jd@fernhill.example"},
        {"name": "Jane Doe", "company": "Fernhill", "phone": "+44 20 7946 0018",
         "email": "jane@fernhill.example"},
    ]), source="test")
    whole = possible_duplicates(frame)
    assert len(whole) >= 3
    for known in range(len(frame) + 1):
        index = duplicate_index(frame.iloc[:known])
        assert duplicates_of(index, frame.iloc[known:]).pairs() == whole
