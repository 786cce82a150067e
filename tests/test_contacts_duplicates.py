"""possible_duplicates on what an import saves: namesakes one file holds twice are offered
in step 2's list, as namesakes from two imports are; an exact repeat is not."""

from __future__ import annotations

from networking_kit.contacts import empty_contacts
from networking_kit.contacts_duplicates import SAME_NAME, possible_duplicates
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
