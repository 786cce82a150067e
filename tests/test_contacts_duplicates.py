"""possible_duplicates on what an import saves: namesakes one file holds twice are offered
in step 2's list, as namesakes from two imports are; an exact repeat is not."""

from __future__ import annotations

import pandas as pd

from networking_kit.contacts import empty_contacts
from networking_kit.contacts_duplicates import (
    SAME_NAME,
    SAME_NAME_ELSEWHERE,
    SAME_NAME_ONE_WITHOUT,
    differences,
    differences_sentence,
    possible_duplicates,
)
from networking_kit.contacts_merge import merge_contacts, prepare_incoming
from networking_kit.importers import read_contacts

ONE_FILE = (b"Name,Company,Phone,Job Title\n"
            b"Wei Zhang,Huawei,,\n"
            b"Ana Silva,Example Lda,,\n"
            b"Wei Zhang,Huawei,+86 10 5555 0199,Sales Director\n"
            b"Ana Silva,Example Lda,,\n")


def test_namesakes_in_one_file_are_offered_and_an_exact_repeat_is_not() -> None:
    imported = read_contacts(ONE_FILE, name="contacts.csv")
    assert imported.attrs["duplicates"] == 1  # the repeated Ana Silva line
    saved, counts = merge_contacts(empty_contacts(), prepare_incoming(imported, folded=True))
    assert counts.added == 3
    pairs = possible_duplicates(saved)
    assert [(p.keep_name, p.other_name, p.company, p.reason) for p in pairs] == [
        ("Wei Zhang", "Wei Zhang", "Huawei", SAME_NAME)]
    wei = saved[saved["name"] == "Wei Zhang"]
    assert {pairs[0].keep, pairs[0].other} == set(wei["contact_id"])
    assert wei["position"].tolist()[1] == "Sales Director"
    assert wei["position"].isna().tolist() == [True, False]  # nothing copied across


def test_differences_name_what_tells_two_namesakes_apart() -> None:
    """Fields both hold with different values, as the page words them; blanks, case and
    spacing are not differences; long notes are cut short."""
    keep = {"email": "jane@fernhill.org", "phone": None, "position": "Nurse",
            "company": "Fernhill", "strength": "close",
            "connected_on": pd.Timestamp("2024-03-03"), "notes": "x" * 200}
    other = {"email": "JANE@fernhill.org ", "phone": "+44 20 7946 0018",
             "position": "Head  of Nursing", "company": "fernhill", "strength": "dormant",
             "connected_on": pd.Timestamp("2021-01-05"), "notes": "y"}
    found = differences(keep, other)
    assert [(d.label, d.keep, d.other) for d in found[:3]] == [
        ("Job title", "Nurse", "Head of Nursing"),
        ("Date you connected", "3 Mar 2024", "5 Jan 2021"),
        ("How close", "Close", "Dormant"),
    ]
    assert found[3].label == "Notes"
    assert len(found[3].keep) == 60
    assert found[3].keep.endswith("…")
    assert differences(keep, keep) == []


def test_the_same_name_at_another_organisation_or_none_is_offered_too() -> None:
    """Issue 12: people who match only by name, "or a different organisation", are kept
    apart and listed (found missing by a tester: three Jane Does, no pair offered)."""
    contacts = read_contacts(
        b"Name,Company,Email\r\nJane Doe,Acme,\r\nJane Doe,Globex,\r\nJane Doe,,\r\n"
        b"Ola Berg,Acme,ola@example.org\r\nOla Berg,Globex,ola.berg@example.com\r\n",
        name="people.csv")
    merged, _ = merge_contacts(empty_contacts(), contacts)
    found = {(d.keep_name, d.company, d.reason) for d in possible_duplicates(merged)}
    assert found == {("Jane Doe", "Acme", SAME_NAME_ELSEWHERE),
                     ("Jane Doe", "Acme", SAME_NAME_ONE_WITHOUT),
                     ("Ola Berg", "Acme", SAME_NAME_ELSEWHERE)}
    linked = read_contacts(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Jane,Doe,https://www.linkedin.com/in/jane-doe-1,,Acme,,\r\n"
        b"Jane,Doe,https://www.linkedin.com/in/jane-doe-2,,Globex,,\r\n", name="c.csv")
    assert possible_duplicates(merge_contacts(empty_contacts(), linked)[0]) == []


def test_two_copies_of_a_second_namesake_are_offered_as_a_pair() -> None:
    """Found by a tester: copies of the second Wei Zhang (another profile than the
    first's, saved twice by an older re-import) were each checked only against the first
    Wei Zhang, whose profile differs, so they were never offered; one without a profile
    is offered with the first, and a pair said to be two people is not offered again."""
    rows = pd.DataFrame({
        "contact_id": ["a", "b", "c", "d"], "name": ["Wei Zhang"] * 4,
        "company": ["Huawei"] * 4, "email": [None] * 4,
        "url": ["https://www.linkedin.com/in/wei-zhang-1",
                "https://www.linkedin.com/in/wei-zhang-2",
                "https://www.linkedin.com/in/wei-zhang-2", None]})
    contacts = pd.concat([empty_contacts(), rows], ignore_index=True)
    # d, with no profile, could be either Wei Zhang: offered with both (a tester's
    # third Jane Doe was offered with the first only).
    assert {(p.keep, p.other) for p in possible_duplicates(contacts)} == {
        ("a", "d"), ("b", "c"), ("b", "d")}
    assert {(p.keep, p.other) for p in possible_duplicates(
        contacts, kept_apart=[frozenset("bc")])} == {("a", "d"), ("b", "d")}
    saved = contacts.set_index("contact_id")
    assert differences_sentence(differences(saved.loc["b"], saved.loc["d"], one_sided=True)) == (
        "Nothing they both hold differs. Only the first has LinkedIn or web address: "
        "https://www.linkedin.com/in/wei-zhang-2.")
