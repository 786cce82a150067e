"""The opening stage (importers/opening.py) and the vCard reader's streaming of photos.

LinkedIn's download is a .zip: Connections.csv inside it is imported; any other archive,
a device or a pipe gets one sentence. A vCard with a huge photo keeps the fields after
the photo (the photo is skipped as it streams by). Invented people throughout.
"""

from __future__ import annotations

import base64
import io
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError
from networking_kit.importers import read_contacts

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ilse,Brandt,https://www.linkedin.com/in/ilse-brandt,,Nordlicht GmbH,Architect,"
    "04 Mar 2024\n"
)


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_linkedin_archive_imports_connections_csv_from_inside() -> None:
    archive = _zip({"Profile.csv": "First Name,Last Name\nMe,Myself\n",
                    "Connections.csv": CONNECTIONS, "Messages/messages.csv": "a,b\n"})
    frame = read_contacts(archive, name="Basic_LinkedInDataExport_11-30-2026.zip")
    assert frame.attrs["format"] == "linkedin"
    assert frame.attrs["file"] == "Connections.csv in Basic_LinkedInDataExport_11-30-2026.zip"
    row = frame.iloc[0]
    assert (row["name"], row["company"], row["position"]) == (
        "Ilse Brandt", "Nordlicht GmbH", "Architect")
    assert str(row["connected_on"].date()) == "2024-03-04"


def test_other_archive_says_what_to_choose() -> None:
    archive = _zip({"photos/cat.jpg": "not really a cat"})
    with pytest.raises(ContactImportError) as caught:
        read_contacts(archive, name="holiday.zip")
    message = str(caught.value)
    assert "holiday.zip" in message
    assert "Connections.csv" in message
    assert "damaged" not in message


def test_an_archive_with_two_connections_files_asks_which() -> None:
    """Found by a tester: two exports zipped together imported the first, unsaid."""
    archive = _zip({"2025/Connections.csv": CONNECTIONS, "2026/Connections.csv": CONNECTIONS})
    with pytest.raises(ContactImportError) as caught:
        read_contacts(archive, name="both.zip")
    assert str(caught.value) == (
        "both.zip: this .zip archive holds 2 files called Connections.csv "
        "(2025/Connections.csv, 2026/Connections.csv), so it is not clear which to import. "
        "Unzip it and choose the Connections.csv you want, or LinkedIn's archive as you "
        "downloaded it.")


def test_damaged_archive_is_one_sentence() -> None:
    archive = _zip({"Connections.csv": CONNECTIONS})[:60]
    with pytest.raises(ContactImportError, match="could not be opened"):
        read_contacts(archive, name="Basic_LinkedInDataExport.zip")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "contacts.csv"
    os.mkfifo(pipe)
    with pytest.raises(ContactImportError, match="not an ordinary file"):
        read_contacts(pipe)


def test_vcard_fields_after_a_large_photo_are_kept() -> None:
    photo = base64.b64encode(bytes(range(256)) * 4000).decode("ascii")  # about 1.4 MB
    folded = "\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Noor Haddad\r\n"
            f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
            "ORG:Cedar Analytics\r\nTITLE:Data Lead\r\nEMAIL:noor@example.org\r\n"
            "TEL;TYPE=CELL:+961 1 234 567\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Saleh\r\nEND:VCARD\r\n")
    frame = read_contacts(card.encode("ascii"), name="phone.vcf")
    first = frame.set_index("name").loc["Noor Haddad"]
    assert (first["company"], first["position"], first["email"], first["phone"]) == (
        "Cedar Analytics", "Data Lead", "noor@example.org", "+9611234567")
    assert list(frame["name"]) == ["Noor Haddad", "Omar Saleh"]



_CARDS = ["BEGIN:VCARD", "VERSION:2.1", "FN:Léa Dubois",
          "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the caf=C3=A9 =", "", "in Lyon",
          "PHOTO;ENCODING=b:QUJD", " REVG", "EMAIL:lea@example.fr", "END:VCARD",
          "BEGIN:VCARD", "FN:Omar", "  Saleh", "TITLE:Data Lead", "END:VCARD"]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r\r\n", "\r"])
def test_vcard_line_ends_give_the_same_cards_and_lines(end: str) -> None:
    # LF and CRLF files are read as they are, other line ends made LF first: the cards,
    # their values and the lines named in the report are the same whatever the ends.
    frame = read_contacts(end.join(_CARDS).encode("utf-8"), name="phone.vcf")
    assert list(frame["name"]) == ["Léa Dubois", "Omar Saleh"]
    assert frame.loc[0, "notes"] == "Met at the café in Lyon"
    assert frame.loc[0, "email"] == "lea@example.fr"
    assert frame.loc[1, "position"] == "Data Lead"
    # A card the file stops part-way through is left out, as a cut-off row is (a tester
    # found its half-written "EMAIL:jo" saved, and the person added again later).
    cut = read_contacts(end.join([*_CARDS[:-1], "EMAIL:om"]).encode("utf-8"), name="phone.vcf")
    assert list(cut["name"]) == ["Léa Dubois"]
    with pytest.raises(ContactImportError, match=r"phone.vcf, line 1: no contact could be "
                       r"imported. The first problem: the file stops part-way through"):
        read_contacts(end.join([_CARDS[0], "EMAIL:le"]).encode("utf-8"), name="phone.vcf")
    assert cut.attrs["skipped"] == [(11, (
        "the file stops part-way through this card (it has no END:VCARD), so it was not "
        "imported; the cards before it were. Download the export again to get the whole "
        "of it."))]


def test_vcard_encoding_is_the_whole_files_though_only_its_values_are_decoded() -> None:
    # A byte no Windows code page has (0x81), in a big property that is skipped, still
    # makes the whole file Latin-1, as when the whole text was decoded: so a kept value
    # that is not UTF-8 is read as Latin-1 (0x80 a control code), not as cp1252 (€).
    card = (b"BEGIN:VCARD\r\nFN:Ana Souza\r\nX-SCAN:" + b"a" * 9_000_000 + b"\x81\r\n"
            b"NOTE;ENCODING=QUOTED-PRINTABLE:price =80 5\r\nEND:VCARD\r\n")
    assert read_contacts(card, name="phone.vcf").loc[0, "notes"] == "price \x80 5"
    windows = card.replace(b"\x81", b"\x96")  # a cp1252 file: 0x80 is the euro sign
    assert read_contacts(windows, name="phone.vcf").loc[0, "notes"] == "price € 5"


# ----------------------------------------------------------------- our own exports


def test_our_csv_export_imports_back_to_the_same_values(tmp_path: Path) -> None:
    from networking_kit.contacts import normalise_contacts
    from networking_kit.export.privacy import Privacy
    from networking_kit.export.tables import contacts_csv

    people = normalise_contacts(pd.DataFrame([
        {"name": "Priya Raman", "email": "priya@example.in", "phone": "+919876543210",
         "company": "+Plus Analytics", "position": "=Chief of Staff",
         "notes": "- likes jazz\nand fado",  # a line break too (a tester saw it flattened)
         "url": "https://www.linkedin.com/in/priya-raman-example", "connected_on": "2023-11-12",
         "strength": "close", "context": "alumni", "trust": "high", "tags": "mentor; @events",
         "can_help_with": "hiring", "i_can_offer": "intros", "last_contact": "2024-01-05"},
        {"name": "Tomás Ruiz", "company": "Olivo", "source": "linkedin"},
    ]), source="manual")
    text = contacts_csv(people, Privacy(include_contact_details=True))
    assert "'+919876543210" in text
    assert "'+Plus Analytics" in text
    assert people.loc[0, ["strength", "context", "trust", "last_contact"]].notna().all()
    back = read_contacts(text.encode("utf-8"), name="contacts.csv")
    assert back.loc[0, "notes"] == "- likes jazz\nand fado"
    columns = [c for c in people.columns if c != "contact_id"]
    pd.testing.assert_frame_equal(back[columns].reset_index(drop=True),
                                  people[columns].reset_index(drop=True), check_dtype=False)
