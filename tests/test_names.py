"""_names: full names into given and family name (nameparser), and the match key that
lets two spellings of one person meet (fictional people)."""

from __future__ import annotations

import pandas as pd
import pytest

from networking_kit._names import full_name, parse_name
from networking_kit.contacts import normalise_contacts
from networking_kit.contacts_merge import merge_contacts
from networking_kit.importers import read_contacts


@pytest.mark.parametrize(("full", "given", "family"), [
    ("Doe, Jane", "Jane", "Doe"),
    ("Dr. Jane Doe", "Jane", "Doe"),
    ("Jane Doe Jr.", "Jane", "Doe"),
    ("Jane Doe, PhD", "Jane", "Doe"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Maria de la Cruz", "Maria", "de la Cruz"),
    ("Omar al-Farsi", "Omar", "al-Farsi"),
    ("王 伟", "伟", "王"),
    ("王伟", "伟", "王"),
    ("김지민", "지민", "김"),
    ("山田 花子", "花子", "山田"),
    ("山田花子", "", ""),  # no space: a Japanese family name's length is not known
    ("Madonna", "Madonna", ""),
])
def test_parse_name(full: str, given: str, family: str) -> None:
    parsed = parse_name(full)
    assert (parsed.given, parsed.family, parsed.display) == (given, family, full)


def test_a_name_column_is_split_with_the_parser() -> None:
    data = ("Name,Email,Company\nDr. Jane Doe,jane@example.org,Acme\n"
            "\"Okafor, Chidi\",chidi@example.org,Acme\nSam Lee Jr.,sam@example.org,Acme\n")
    frame = read_contacts(data.encode(), name="people.csv").set_index("email")
    assert tuple(frame.loc["jane@example.org", ["first_name", "last_name"]]) == ("Jane", "Doe")
    assert tuple(frame.loc["chidi@example.org", ["first_name", "last_name"]]) == (
        "Chidi", "Okafor")
    assert tuple(frame.loc["sam@example.org", ["first_name", "last_name"]]) == ("Sam", "Lee")


def test_two_spellings_of_one_person_match_on_re_import() -> None:
    first = normalise_contacts(pd.DataFrame([{"name": "Doe, Jane", "company": "Acme"}]),
                               source="generic")
    same = normalise_contacts(pd.DataFrame([{"name": "Jane Doe", "company": "Acme"}]),
                              source="generic")
    merged, counts = merge_contacts(first, same)
    assert (counts.added, counts.unchanged, len(merged)) == (0, 1, 1)
    # With something new and nothing in common but the name, the match is offered in
    # step 2 ("possibly the same person"), never made in silence (issue 12 item 4).
    again = normalise_contacts(pd.DataFrame([{"name": "Jane Doe", "company": "Acme",
                                              "position": "Engineer"}]), source="generic")
    merged, counts = merge_contacts(first, again)
    assert (counts.added, counts.updated) == (1, 0)
    assert counts.possible == ((first["contact_id"].iloc[0], merged["contact_id"].iloc[1]),)


def test_two_people_of_one_name_at_one_company_are_not_merged() -> None:
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wei Zhang\r\nORG:Huawei\r\nTITLE:Engineer\r\n"
             "TEL;TYPE=CELL:+86 138 0000 0001\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wei Zhang\r\nORG:Huawei\r\nTITLE:Designer\r\n"
             "TEL;TYPE=CELL:+86 138 0000 0002\r\nEND:VCARD\r\n")
    frame = read_contacts(cards.encode(), name="phone.vcf")
    assert sorted(frame["phone"]) == ["+8613800000001", "+8613800000002"]
    assert sorted(frame["position"]) == ["Designer", "Engineer"]
    assert any(note.startswith("Possibly the same person: Wei Zhang (Huawei)")
               for note in frame.attrs["notes"])


def test_one_name_listed_twice_with_nothing_in_common_is_kept_twice_and_reported() -> None:
    """The rule an import applies to the saved contacts (``same_by_name``), in one file:
    the second row brings a job title and shares no phone, e-mail or profile address with
    the first, so nothing shows they are one person."""
    data = ("Name,Company,Phone,Job Title\nAmara Obi,Kora Labs,+234 803 000 0001,\n"
            "Amara Obi,Kora Labs,,Founder\n")
    frame = read_contacts(data.encode(), name="people.csv")
    assert len(frame) == 2
    assert frame["phone"].tolist()[0] == "+2348030000001"
    assert pd.isna(frame["position"][0])
    assert pd.isna(frame["phone"][1])
    assert frame["position"].tolist()[1] == "Founder"
    assert frame.attrs["duplicates"] == 0
    assert any(note.startswith("Possibly the same person: Amara Obi (Kora Labs)")
               for note in frame.attrs["notes"])


def test_one_person_listed_twice_with_a_shared_phone_is_still_combined() -> None:
    data = ("Name,Company,Phone,Job Title\nAmara Obi,Kora Labs,+234 803 000 0001,\n"
            '"Obi, Amara",Kora Labs,+234 803 000 0001,Founder\n')
    frame = read_contacts(data.encode(), name="people.csv")
    assert len(frame) == 1
    assert (frame.iloc[0]["phone"], frame.iloc[0]["position"]) == ("+2348030000001", "Founder")
    assert frame.attrs["duplicates"] == 1


_WORDS = ["Ada", "Okafor", "Björn", "O'Neill", "Jean-Luc", "Nguyen", "Van", "de", "Dr", "Jr",
          "III", "Vi", "Né", "Bin", "Al", "Mac", "Sir", "y", "and", "Wang", "Wei", "Łucja",
          "Ní", "Mhic", "Ter", "Saint", "PhD", "Esq", "Ii", "Lee", "Bo", "Priya", "Singh"]


def test_plain_names_read_without_nameparser_are_read_as_nameparser_reads_them() -> None:
    """parse_name skips nameparser (about 1 ms a name) for plain two- and three-word
    names; on random names of real and random words the parts are the same."""
    import random

    from nameparser import HumanName

    rng = random.Random(14)
    letters = "abcdefghijklmnopqrstuvwxyzéöüçñßøłąșIVXLCM"
    for _ in range(3000):
        words = [rng.choice(_WORDS) if rng.random() < 0.6 else
                 "".join(rng.choice(letters) for _ in range(rng.choice([2, 3, 5, 8])))
                 for _ in range(rng.choice([2, 3]))]
        text = " ".join(w.upper() if rng.random() < 0.1 else w for w in words)
        parse_name.cache_clear()
        got = parse_name(text)
        human = HumanName(text)
        given = " ".join(p for p in (human.first, human.middle) if p)
        assert (got.given, got.family) == ((given, human.last) if human.last or given
                                           else (text, "")), text


@pytest.mark.parametrize(("given", "family", "written"), [
    ("Jane", "Doe", "Jane Doe"), ("芳", "王", "王芳"), ("花子", "山田", "山田花子"),
    ("민준", "김", "김민준"), ("Jane", "", "Jane"), ("", "王", "王")])
def test_a_name_from_its_parts_puts_the_family_name_first_where_it_is_written_so(
        given: str, family: str, written: str) -> None:
    assert full_name(given, family) == written


def test_a_vcard_with_only_its_structured_name_keeps_a_chinese_name_in_order() -> None:
    from networking_kit.importers import read_contacts

    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;芳;;;\r\nORG:长城科技\r\nEND:VCARD\r\n"
    frame = read_contacts(card.encode("utf-8"), name="contacts.vcf")
    assert (frame.loc[0, "name"], frame.loc[0, "first_name"], frame.loc[0, "last_name"]) == (
        "王芳", "芳", "王")
