"""merge_contacts and deduplicate_contacts: no duplicates, and the participant's word wins."""

from __future__ import annotations

import pandas as pd
import pytest

from networking_kit.contacts import PARTICIPANT_FIELDS, empty_contacts, normalise_contacts
from networking_kit.contacts_merge import deduplicate_contacts, merge_contacts, prepare_incoming


def table(*rows: dict) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame(list(rows)), source="test")


SAVED = table(
    {"name": "Amara Okonkwo", "url": "linkedin.com/in/amara", "company": "Riverside",
     "strength": "close", "notes": "Mentor since 2019", "context": "former_colleague"},
    {"name": "Jane Doe", "email": "jane@example.org"},
    {"name": "Kwame Mensah", "company": "Accra Digital"},
)


def test_matching_by_url_email_then_name_and_company() -> None:
    incoming = table(
        {"name": "Amara O.", "url": "https://www.linkedin.com/in/amara/", "position": "Head"},
        {"name": "Jane Doe, PhD", "email": "JANE@example.org", "company": "Fernhill"},
        {"name": "kwame  mensah", "company": "ACCRA DIGITAL"},
    )
    merged, counts = merge_contacts(SAVED, incoming)
    assert len(merged) == 3
    assert (counts.added, counts.updated, counts.unchanged) == (0, 2, 1)
    assert list(merged["contact_id"]) == list(SAVED["contact_id"])
    assert merged.loc[0, "position"] == "Head"
    assert merged.loc[1, "company"] == "Fernhill"
    assert counts.possible == ()


def test_a_match_by_name_alone_that_brings_new_details_is_not_merged_in_silence() -> None:
    kwame = SAVED["contact_id"].iloc[2]
    incoming = table({"name": "Mensah, Kwame", "company": "ACCRA DIGITAL",
                      "phone": "+233 20 555 0142"})
    merged, counts = merge_contacts(SAVED, incoming)
    assert (counts.added, counts.updated, counts.unchanged) == (1, 0, 0)
    assert pd.isna(merged.loc[2, "phone"])  # the saved Kwame is untouched
    assert counts.possible == ((kwame, merged.loc[3, "contact_id"]),)


def test_two_namesakes_with_different_phones_and_titles_stay_two_people() -> None:
    saved = table({"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 5555 0101",
                   "position": "Engineer"})
    incoming = table({"name": "Zhang, Wei", "company": "Huawei", "phone": "+86 10 5555 0199",
                      "position": "Sales Director"})
    merged, counts = merge_contacts(saved, incoming)
    assert (counts.added, len(merged)) == (1, 2)
    assert list(merged["position"]) == ["Engineer", "Sales Director"]
    assert len(counts.possible) == 1



def test_two_namesakes_imported_again_are_both_found_not_added_again() -> None:
    """Found by a tester: the second Wei Zhang was compared with the first only, so every
    import of the same vCard added another copy of her."""
    wei = ({"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 5555 0101",
            "position": "Engineer"},
           {"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 5555 0199",
            "position": "Marketing Director"})
    saved, first = merge_contacts(empty_contacts(), table(*wei))
    assert first.added == 2
    for again in (table(*wei), table(*reversed(wei))):
        merged, counts = merge_contacts(saved, again)
        assert (counts.added, counts.unchanged, len(merged)) == (0, 2, 2)
        assert counts.possible == ()
    merged, counts = merge_contacts(saved, table(
        {**wei[1], "url": "https://www.linkedin.com/in/wei-zhang-md"}))
    assert (counts.added, counts.updated) == (0, 1)  # the second one gains her profile
    assert merged.loc[1, "url"] == "https://www.linkedin.com/in/wei-zhang-md"


def test_a_name_match_sharing_a_phone_is_the_same_person() -> None:
    saved = table({"name": "Jane Doe", "company": "Fernhill", "phone": "+44 20 7946 0018"})
    incoming = table({"name": "Doe, Jane", "company": "Fernhill", "phone": "+442079460018",
                      "position": "Scientist"})
    merged, counts = merge_contacts(saved, incoming)
    assert (counts.added, counts.updated, len(merged)) == (0, 1, 1)
    assert merged.loc[0, "position"] == "Scientist"


def test_participant_fields_are_never_overwritten_but_may_be_filled() -> None:
    incoming = table({"name": "Amara Okonkwo", "url": "linkedin.com/in/amara",
                      "strength": "acquaintance", "notes": "imported note", "context": "online",
                      "trust": "high", "company": "Someone Else Ltd"})
    merged, counts = merge_contacts(SAVED, incoming)
    amara = merged.iloc[0]
    assert amara["strength"] == "close"
    assert amara["notes"] == "Mentor since 2019"
    assert amara["context"] == "former_colleague"
    assert amara["company"] == "Riverside"  # other fields: existing non-empty values stay
    assert amara["trust"] == "high"  # empty before: an import may fill it
    assert counts.updated == 1
    assert "trust" in PARTICIPANT_FIELDS


def test_reimporting_the_same_rows_changes_nothing() -> None:
    merged, counts = merge_contacts(SAVED, SAVED.copy())
    assert (counts.added, counts.updated, counts.unchanged) == (0, 0, 3)
    assert counts.changed_ids == frozenset()
    pd.testing.assert_frame_equal(merged, SAVED)


def test_new_people_are_added_with_their_own_ids() -> None:
    incoming = table({"name": "Lucía Fernández", "email": "lucia@example.es"})
    merged, counts = merge_contacts(SAVED, incoming)
    assert counts.added == 1
    assert len(merged) == 4
    assert merged["contact_id"].is_unique
    assert counts.changed_ids == {merged.iloc[3]["contact_id"]}


def test_a_new_contact_whose_id_is_taken_gets_a_fresh_one() -> None:
    clash = table({"name": "Somebody New", "contact_id": SAVED.iloc[2]["contact_id"],
                   "email": "new@example.com"})
    merged, counts = merge_contacts(SAVED, clash)
    assert counts.added == 1
    assert merged["contact_id"].is_unique


def test_two_new_contacts_given_one_id_get_two_ids_in_an_empty_workbook() -> None:
    """The first import's check of its new ids (their sorted hashes, then the ids
    themselves only when two hashes are the same) still finds an id given twice."""
    twice = table({"name": "Ana Silva", "contact_id": "c1", "email": "ana@example.com"},
                  {"name": "Wei Zhang", "contact_id": "c1", "email": "wei@example.com"},
                  {"name": "Zoë Müller", "contact_id": "c2", "email": "zoe@example.com"})
    merged, counts = merge_contacts(SAVED.iloc[:0], twice)
    assert counts.added == 3
    assert merged["contact_id"].is_unique
    assert merged["contact_id"].tolist()[::2] == ["c1", "c2"]


def test_different_linkedin_profiles_are_different_people() -> None:
    incoming = table({"name": "Kwame Mensah", "company": "Accra Digital",
                      "url": "linkedin.com/in/kwame-2"})
    saved = table({"name": "Kwame Mensah", "company": "Accra Digital",
                   "url": "linkedin.com/in/kwame-1"})
    merged, counts = merge_contacts(saved, incoming)
    assert counts.added == 1
    assert len(merged) == 2


def test_merging_into_an_empty_workbook_adds_everyone() -> None:
    merged, counts = merge_contacts(empty_contacts(), SAVED)
    assert counts.added == 3
    assert list(merged["name"]) == list(SAVED["name"])


def test_deduplicate_folds_later_rows_into_the_first() -> None:
    frame = table(
        {"name": "Ana Silva", "email": "ana@example.pt", "company": "Example Lda"},
        {"name": "Ana Silva", "email": "ana@example.pt", "position": "Designer"},
        {"name": "Rui Costa", "email": "rui@example.pt"},
    )
    folded, count = deduplicate_contacts(frame)
    assert count == 1
    assert list(folded["name"]) == ["Ana Silva", "Rui Costa"]
    assert folded.loc[0, "position"] == "Designer"
    assert folded.loc[0, "contact_id"] == frame.loc[0, "contact_id"]


def test_two_incoming_rows_for_one_saved_contact_fill_in_order() -> None:
    incoming = table({"name": "Jane Doe", "email": "jane@example.org", "phone": "111"},
                     {"name": "Jane Doe", "company": "", "email": "jane@example.org",
                      "phone": "222", "position": "Scientist"})
    merged, counts = merge_contacts(SAVED, incoming)
    assert merged.loc[1, "phone"] == "111"
    assert merged.loc[1, "position"] == "Scientist"
    assert counts.duplicates == 1


def test_the_merge_says_which_fields_it_filled_for_whom() -> None:
    incoming = table(
        {"name": "Amara O.", "url": "https://www.linkedin.com/in/amara/", "position": "Head",
         "strength": "acquaintance", "trust": "high"},
        {"name": "Jane Doe", "email": "jane@example.org", "company": "Fernhill"},
        {"name": "Kwame Mensah", "company": "Accra Digital"},
        {"name": "Lucía Fernández", "email": "lucia@example.es"})
    amara, jane = SAVED["contact_id"].iloc[0], SAVED["contact_id"].iloc[1]
    merged, counts = merge_contacts(SAVED, prepare_incoming(incoming))
    assert dict(counts.filled) == {"position": {amara}, "trust": {amara}, "company": {jane}}
    assert not set(counts.filled) & {"strength", "notes", "context"}  # already given: kept
    assert (counts.added, counts.updated, counts.unchanged) == (1, 2, 1)
    assert merged.iloc[:3]["contact_id"].tolist() == SAVED["contact_id"].tolist()
    assert merge_contacts(SAVED, incoming)[1] == counts  # a plain table merges the same


def test_rows_already_folded_are_keyed_not_folded_again() -> None:
    frame = table(
        {"name": "Ana Silva", "email": "ana@example.pt", "company": "Example Lda"},
        {"name": "Ana Silva", "email": "ana@example.pt", "position": "Designer"},
        {"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 1111 2222"},
        {"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 3333 4444"},
        {"name": "Rui Costa", "url": "https://www.linkedin.com/in/rui", "email": "rui@ex.pt"},
        {"name": "R. Costa", "url": "https://www.linkedin.com/in/rui/", "phone": "555"},
    )
    folded, count = deduplicate_contacts(frame)
    assert count == 2
    once = prepare_incoming(folded, folded=True)
    twice = prepare_incoming(folded)  # folding the folded rows again changes nothing
    assert once.duplicates == twice.duplicates == 0
    pd.testing.assert_frame_equal(once.frame, twice.frame)
    pd.testing.assert_frame_equal(once.keys, twice.keys)
    assert merge_contacts(SAVED, once)[1] == merge_contacts(SAVED, twice)[1]


# ---------------------------------------------- in one file: the same rule as across imports


def test_an_exact_repeat_in_one_file_folds_silently() -> None:
    row = {"name": "Wei Zhang", "company": "Huawei", "position": "Engineer"}
    folded, count = deduplicate_contacts(table(row, {"name": "Rui Costa"}, row))
    assert count == 1
    assert list(folded["name"]) == ["Wei Zhang", "Rui Costa"]
    assert "possible_duplicates" not in folded.attrs


def test_a_namesake_row_that_brings_new_details_is_a_second_person() -> None:
    frame = table({"name": "Wei Zhang", "company": "Huawei"},
                  {"name": "Zhang, Wei", "company": "Huawei", "phone": "+86 10 5555 0101",
                   "position": "Engineer"})
    folded, count = deduplicate_contacts(frame)
    assert count == 0
    assert list(folded["name"]) == ["Wei Zhang", "Zhang, Wei"]
    assert pd.isna(folded.loc[0, "phone"])  # nothing copied onto the first Wei Zhang
    assert folded.attrs["possible_duplicates"] == [("Wei Zhang", "Huawei")]


def test_a_namesake_row_sharing_a_phone_folds_and_fills_what_was_missing() -> None:
    frame = table({"name": "Jane Doe", "company": "Fernhill", "phone": "+44 20 7946 0018"},
                  {"name": "Doe, Jane", "company": "Fernhill", "phone": "+44 (20) 7946-0018",
                   "position": "Scientist"})
    folded, count = deduplicate_contacts(frame)
    assert count == 1
    assert (folded.loc[0, "name"], folded.loc[0, "position"]) == ("Jane Doe", "Scientist")
    assert "possible_duplicates" not in folded.attrs


def test_a_repeat_of_the_second_namesake_folds_into_it_not_the_first() -> None:
    second = {"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 5555 0199"}
    frame = table({"name": "Wei Zhang", "company": "Huawei", "phone": "+86 10 5555 0101"},
                  second, second)
    folded, count = deduplicate_contacts(frame)
    assert count == 1
    assert list(folded["phone"]) == ["+861055550101", "+861055550199"]
    assert folded.attrs["possible_duplicates"] == [("Wei Zhang", "Huawei")]


def test_many_namesakes_with_their_own_emails_are_all_kept_and_listed() -> None:
    """20,000 rows of one name with different e-mails (issue 14's reliability input):
    each row is compared with the first namesake and looked up among the kept rows by
    its hash, never with every earlier namesake (that was quadratic: hours)."""
    frame = table(*({"name": "Ada Okafor", "email": f"a{i}@x.org"} for i in range(20_000)))
    folded, count = deduplicate_contacts(frame)
    assert (count, len(folded)) == (0, 20_000)
    assert len(folded.attrs["possible_duplicates"]) == 19_999


def test_keys_read_a_few_rows_at_a_time_merge_as_all_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A big file's keys are made into Python values a part at a time (their lists at once
    were bigger than the file): matches, namesakes and counts are those of one part."""
    from networking_kit import contacts_merge
    incoming = table(
        {"name": "Amara O.", "url": "https://www.linkedin.com/in/amara/", "position": "Head"},
        {"name": "Jane Doe, PhD", "email": "JANE@example.org", "company": "Fernhill"},
        {"name": "Mensah, Kwame", "company": "ACCRA DIGITAL", "phone": "+233 20 555 0142"},
        {"name": "Ana Lima", "email": "ana@example.org"},
        {"name": "Kwame Mensah", "company": "Accra Digital"},
    )
    whole, counts = merge_contacts(SAVED, incoming)
    monkeypatch.setattr(contacts_merge, "_KEYS_AT_ONCE", 2)
    parted, parted_counts = merge_contacts(SAVED, incoming)
    pd.testing.assert_frame_equal(parted, whole)
    assert parted_counts == counts
    assert (counts.added, counts.updated, len(counts.possible)) == (2, 2, 1)


def test_changed_ids_are_a_set_of_the_updated_and_added_ids_without_making_one() -> None:
    from networking_kit.contacts_merge import ChangedIds

    added = pd.array(["c1", "c2", "c3"], dtype="string")
    ids = ChangedIds({"saved9"}, added)
    assert len(ids) == 4
    assert sorted(ids) == ["c1", "c2", "c3", "saved9"]
    assert "c2" in ids
    assert "saved9" in ids
    assert "c4" not in ids
    assert ids == {"c1", "c2", "c3", "saved9"}
    assert ids != {"c1"}
    assert ids - {"c1", "saved9"} == {"c2", "c3"}  # as the triage list asks of it
    assert not ChangedIds((), pd.array([], dtype="string"))

