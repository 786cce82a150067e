"""The importers on real export files from other projects (../shared/fixtures/contacts).

SOURCES.md there says where each file comes from. They are read in place, never copied
into this repository; the tests are skipped, with the reason, when the folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError, validate_contacts
from networking_kit.importers import read_contacts

SHARED_CONTACTS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "contacts"

# file -> (format, number of contacts, {name: {column: value}})
EXPECTED: dict[str, tuple[str, int, dict[str, dict[str, object]]]] = {
    "linkedin_connections_2025_real_1row_tombarr.csv": ("linkedin", 1, {
        "Alex Rohrberg": {"company": "Schneider Electric", "position": "Software Engineer",
                          "url": "https://www.linkedin.com/in/alexrohrberg",
                          "connected_on": pd.Timestamp("2025-12-22"), "email": None}}),
    "linkedin_connections_synthetic_flashes.csv": ("linkedin", 7, {
        "Ada Lovelace": {"company": "Analytical Engines", "position": "Founder & CEO",
                         "connected_on": pd.Timestamp("2026-05-14")},
        "Tim Berners-Lee": {"company": "Web Foundation", "connected_on": None}}),
    "linkedin_connections_synthetic_url_last_labeldekho.csv": ("linkedin", 10, {
        "Alice Johnson": {"email": "alice.johnson@techcorp.com", "company": "TechCorp",
                          "url": "https://www.linkedin.com/in/alicejohnson",
                          "connected_on": pd.Timestamp("2023-01-15")},
        "Jack Anderson": {"company": "OpenAI", "connected_on": pd.Timestamp("2024-03-25")}}),
    "thunderbird_basic_addressbook.csv": ("generic", 1, {
        "John Doe": {"email": "johndoe@host.invalid"}}),
    "thunderbird_basic_csv_addressbook.csv": ("generic", 2, {
        "Jane Doe": {"email": "jane@doe.invalid"}}),
    "thunderbird_csv_no_header.csv": ("generic", 2, {
        "John Doe": {"email": "john@doe.invalid"}}),
    "thunderbird_csv_semicolon.csv": ("generic", 2, {
        "Jane Doe": {"first_name": "Jane", "email": "jane@doe.invalid"}}),
    "thunderbird_export.csv": ("generic", 2, {
        "contact number two": {"email": "contact2@invalid", "position": '"worker"'}}),
    "thunderbird_quote.csv": ("generic", 1, {"Acer America": {"company": "Acer America"}}),
    "thunderbird_shiftjis_addressbook.csv": ("generic", 1, {
        "名無しの権兵衛": {"first_name": "権兵衛", "last_name": "名無し"}}),
    "thunderbird_utf16_addressbook.csv": ("generic", 1, {
        "John Doe": {"email": "johndoe@host.invalid"}}),
    "thunderbird_basic_vcard_addressbook.vcf": ("vcard", 2, {
        "Jane Doe": {"email": "jane.doe@genericemail.invalid"}}),
    "thunderbird_dos_vcard_addressbook.vcf": ("vcard", 1, {
        "Name Surname": {"first_name": "Name", "last_name": "Surname",
                         "email": "example@gmail.com"}}),
    "thunderbird_emptylines_vcard_addressbook.vcf": ("vcard", 2, {
        "John Doe": {"email": "john.doe@genericemail.invalid"}}),
    "thunderbird_export.vcf": ("vcard", 2, {
        "contact number two": {"position": '"worker"', "email": "contact2@invalid"}}),
    "thunderbird_v3-binary-jpeg.vcf": ("vcard", 1, {"Binary JPEG": {}}),
    "thunderbird_v4-uri-jpeg.vcf": ("vcard", 1, {"URI JPEG, version 4.0": {}}),
    "vcard_ezvcard_John_Doe_BLACK_BERRY.vcf": ("vcard", 1, {
        "John Doe": {"company": "Acme Solutions", "phone": "+96123456789"}}),
    "vcard_ezvcard_John_Doe_EVOLUTION.vcf": ("vcard", 1, {
        "Mr. John Richter, James Doe Sr.": {"company": "IBM", "position": "Money Counter",
                                            "email": "john.doe@ibm.com"}}),
    "vcard_ezvcard_John_Doe_IPHONE.vcf": ("vcard", 1, {
        "Mr. John Richter James Doe Sr.": {"email": "john.doe@ibm.com", "company": "IBM"}}),
    "vcard_ezvcard_John_Doe_MS_OUTLOOK.vcf": ("vcard", 1, {
        "Mr. John Richter James Doe Sr.": {"email": "john.doe@ibm.cm",
                                           "url": "http://www.ibm.com"}}),
    "vcard_ezvcard_gmail-list.vcf": ("vcard", 3, {
        "Chris Beatle": {"email": "chrisy55d@yahoo.com"}}),
    "vcard_ezvcard_outlook-2007.vcf": ("vcard", 1, {
        "Mr. Michael Angstadt Jr.": {"email": "mike.angstadt@gmail.com",
                                     "company": "TheCompany", "position": "TheJobTitle"}}),
    "vcard_ezvcard_rfc2426-example.vcf": ("vcard", 2, {
        "Frank Dawson": {"company": "Lotus Development Corporation",
                         "email": "frank_dawson@lotus.com"}}),
    "vcard_ezvcard_rfc6350-example.vcf": ("vcard", 1, {
        "Simon Perreault": {"company": "Viagenie", "email": "simon.perreault@viagenie.ca"}}),
    "vcard_kcontacts_vcard10.vcf": ("vcard", 5, {
        "Dr. med. Surname Name": {"position": "Facharzt für Allgemeinmedizin"}}),
    "vcard_kcontacts_vcard3.vcf": ("vcard", 1, {
        "ian geiser": {"email": "geiseri@yahoo.com", "company": "Source eXtreme"}}),
    "vcard_kcontacts_vcard9.vcf": ("vcard", 1, {
        "βγδεαβγδ1" * 11: {}}),
    "vcard_vobject_radicale-1587.vcf": ("vcard", 1, {
        "Given Family": {"first_name": "Given", "last_name": "Family"}}),
    # Small files written from issue 12's reports: the values SOURCES.md gives, and
    # every other field they carry.
    "outlook_fr_csv_cp1252_report.csv": ("outlook", 2, {
        "Élodie Marchand": {"first_name": "Élodie", "last_name": "Marchand",
                            "email": "elodie.marchand@example.fr", "phone": "+33612345678",
                            "company": "Atelier Côté Jardin", "position": "Directrice générale",
                            "url": "https://www.cote-jardin.example",
                            "notes": "Rencontrée au salon", "connected_on": None},
        "Luc Girard": {"first_name": "Luc", "last_name": "Girard",
                       "email": "luc.girard@example.fr", "phone": None,
                       "company": "Girard Conseil", "position": "Consultant", "url": None,
                       "notes": None, "connected_on": None}}),
    "linkedin_resaved_us_excel_mdy_report.csv": ("linkedin", 3, {
        "Grace Ortiz": {"first_name": "Grace", "last_name": "Ortiz", "email": None,
                        "company": "Harbor Labs", "position": "CTO",
                        "url": "https://www.linkedin.com/in/grace-ortiz-example",
                        "connected_on": pd.Timestamp("2023-11-12")},
        "Kwame Mensah": {"first_name": "Kwame", "last_name": "Mensah", "email": None,
                         "company": "Volta Analytics", "position": "Data Lead",
                         "url": "https://www.linkedin.com/in/kwame-mensah-example",
                         "connected_on": pd.Timestamp("2024-03-25")},
        "Mei Chen": {"first_name": "Mei", "last_name": "Chen", "email": "mei.chen@example.com",
                     "company": "Bamboo AI", "position": "Founder",
                     "url": "https://www.linkedin.com/in/mei-chen-example",
                     "connected_on": pd.Timestamp("2022-01-05")}}),
}
# Files a participant could choose that hold nobody with a name: one sentence, no crash.
REFUSED = {"vcard_kcontacts_vcard7.vcf", "thunderbird_tab_comma_mixed.csv"}


@pytest.fixture(scope="module")
def contacts_folder() -> Path:
    if not SHARED_CONTACTS.is_dir():
        pytest.skip(f"real export fixtures not found at {SHARED_CONTACTS} (../shared is absent)")
    return SHARED_CONTACTS


def test_expectations_cover_files_that_exist(contacts_folder: Path) -> None:
    assert EXPECTED
    present = {p.name for p in contacts_folder.iterdir()}
    assert set(EXPECTED) <= present
    assert present >= REFUSED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_export_gives_the_right_people(contacts_folder: Path, name: str) -> None:
    kind, count, people = EXPECTED[name]
    frame = read_contacts(contacts_folder / name)
    assert frame.attrs["format"] == kind
    assert len(frame) == count
    assert validate_contacts(frame) == []
    rows = {row["name"]: row for row in frame.to_dict("records")}
    for person, fields in people.items():
        assert person in rows, f"{person!r} not among {sorted(rows)}"
        for column, value in fields.items():
            if value is None:
                assert pd.isna(rows[person][column]), column
            else:
                assert rows[person][column] == value, column


def test_every_real_file_reads_or_is_refused_in_words(contacts_folder: Path) -> None:
    files = sorted(contacts_folder.iterdir())
    assert files
    refused = set()
    messages: list[tuple[str, str]] = []
    for path in files:
        try:
            frame = read_contacts(path)
        except ContactImportError as error:
            refused.add(path.name)
            messages.append((path.name, str(error)))
        else:
            assert len(frame) >= 1
    assert all(message.startswith(name) for name, message in messages)
    assert refused == REFUSED


def test_photos_are_ignored_not_imported(contacts_folder: Path) -> None:
    frame = read_contacts(contacts_folder / "vcard_ezvcard_John_Doe_IPHONE.vcf")
    assert all(len(str(value)) < 500 for value in frame.iloc[0].tolist())
