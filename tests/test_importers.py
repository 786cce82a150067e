"""read_contacts on synthetic exports of every supported kind (tests/data/imports/).

The fixtures are invented people written in the real formats (make_fixtures.py there
says how); each test checks the names, companies, e-mails and dates a participant
would expect to see, and that bad files give one plain sentence naming file and line.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import (
    COLUMN_NAMES,
    DTYPES,
    ContactImportError,
    normalise_contacts,
    validate_contacts,
)
from networking_kit.importers import guess_column_mapping, inspect_file, read_contacts
from networking_kit.vocab import Source

DATA = Path(__file__).parent / "data" / "imports"


def read(name: str, **options: object) -> pd.DataFrame:
    return read_contacts(DATA / name, **options)


def by_name(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["name"]: row for row in frame.to_dict("records")}


# ------------------------------------------------------------------- every fixture


EXPECTED_FORMATS = {
    "linkedin_current.csv": "linkedin",
    "linkedin_old_no_url_bom_crlf.csv": "linkedin",
    "linkedin_bad_rows.csv": "linkedin",
    "linkedin_truncated.csv": "linkedin",
    "google_old_header.csv": "google",
    "google_new_header.csv": "google",
    "outlook_utf16.csv": "outlook",
    "outlook_cp1252.csv": "outlook",
    "vcard_21_quoted_printable.vcf": "vcard",
    "vcard_30_apple.vcf": "vcard",
    "vcard_40.vcf": "vcard",
    "generic_semicolon_cp1252.csv": "generic",
    "generic_tab.txt": "generic",
    "generic.xlsx": "generic",
}


def test_every_readable_fixture_is_listed() -> None:
    readable = {p.name for p in DATA.iterdir() if p.suffix in (".csv", ".vcf", ".txt", ".xlsx")}
    refused = {"empty.csv", "header_only.csv", "unusable_header.csv"}
    assert EXPECTED_FORMATS
    assert readable - refused == set(EXPECTED_FORMATS)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED_FORMATS.items()))
def test_fixture_reads_into_the_canonical_schema(name: str, expected: str) -> None:
    frame = read(name)
    assert frame.attrs["format"] == expected
    assert list(frame.columns) == list(COLUMN_NAMES)
    assert {c: str(frame[c].dtype) for c in COLUMN_NAMES} == {
        c: str(pd.Series(dtype=DTYPES[c]).dtype) for c in COLUMN_NAMES}
    assert len(frame) >= 1
    assert validate_contacts(frame) == []
    assert frame["contact_id"].is_unique


@pytest.mark.parametrize("name", sorted(EXPECTED_FORMATS))
def test_detection_does_not_depend_on_the_file_name(name: str) -> None:
    data = (DATA / name).read_bytes()
    frame = read_contacts(data, name="renamed.dat")
    assert frame.attrs["format"] == EXPECTED_FORMATS[name]


# ------------------------------------------------------------------------- LinkedIn


def test_linkedin_current_export() -> None:
    people = by_name(read("linkedin_current.csv"))
    assert set(people) == {"Amara Okonkwo", "Jane Doe, PhD", 'Sam "The Fixer" Lee',
                           "Zoë 🌱 Müller-Lüdenscheidt", "Björn Åkesson"}
    amara = people["Amara Okonkwo"]
    assert amara["company"] == "Riverside Health Trust"
    assert amara["url"] == "https://www.linkedin.com/in/amara-okonkwo-3b1a2c"
    assert amara["connected_on"] == pd.Timestamp("2023-11-12")
    assert pd.isna(amara["email"])
    assert amara["source"] == "linkedin"
    assert people["Jane Doe, PhD"]["company"] == "Fernhill Labs, Inc."
    assert people["Björn Åkesson"]["email"] == "bjorn@example.se"
    assert people["Björn Åkesson"]["position"] == "Partner, Tax"
    assert people["Zoë 🌱 Müller-Lüdenscheidt"]["connected_on"] == pd.Timestamp("2024-06-01")


def test_linkedin_row_without_a_name_is_reported_with_its_line() -> None:
    frame = read("linkedin_current.csv")
    assert [line for line, _ in frame.attrs["skipped"]] == [9]
    assert "no name" in frame.attrs["skipped"][0][1]


def test_linkedin_old_export_without_notes_or_url() -> None:
    people = by_name(read("linkedin_old_no_url_bom_crlf.csv"))
    assert set(people) == {"Priya Raman", "Tomás Ferreira"}
    assert people["Priya Raman"]["email"] == "priya.raman@example.in"
    assert people["Tomás Ferreira"]["connected_on"] == pd.Timestamp("2018-12-21")
    assert pd.isna(people["Priya Raman"]["url"])


def test_a_ragged_row_is_skipped_and_the_good_rows_kept() -> None:
    frame = read("linkedin_bad_rows.csv")
    assert set(frame["name"]) == {"Hana Kobayashi", "Mia Sorensen"}
    assert [line for line, _ in frame.attrs["skipped"]] == [6]
    assert "more fields" in frame.attrs["skipped"][0][1]
    # an unreadable date costs the date, not the contact
    assert pd.isna(by_name(frame)["Mia Sorensen"]["connected_on"])


def test_a_truncated_export_keeps_the_rows_before_the_cut() -> None:
    frame = read("linkedin_truncated.csv")
    assert list(frame["name"]) == ["Ola Nordmann"]
    assert frame.attrs["skipped"][0][0] == 6
    assert "stops part-way through this row" in frame.attrs["skipped"][0][1]


# ----------------------------------------------------------------- Google, Outlook


def test_google_old_header_with_multi_values() -> None:
    people = by_name(read("google_old_header.csv"))
    lucia = people["Lucía Fernández"]
    assert lucia["email"] == "lucia@example.es"  # the first of "a ::: b"
    assert lucia["url"] == "https://www.linkedin.com/in/lucia-fernandez"
    assert lucia["company"] == "Andalus Renewables"
    assert lucia["position"] == "Project Lead"
    assert lucia["phone"] == "+34600123456"
    assert lucia["notes"] == "Met at the Lisbon meetup"
    # an empty first e-mail falls back to the second
    assert people["Kwame Mensah"]["email"] == "kwame.mensah@example.gh"


def test_google_new_header() -> None:
    people = by_name(read("google_new_header.csv"))
    assert set(people) == {"Anna Maria Kowalska", "Chen Wei"}
    assert people["Anna Maria Kowalska"]["company"] == "Wisła Analytics"
    chen = people["Chen Wei"]
    assert chen["company"] == "Harbour, Bridge & Partners"
    assert chen["email"] == "chen.wei@example.cn"
    assert chen["url"] == "https://www.linkedin.com/in/chen-wei-arch"


@pytest.mark.parametrize("name", ["outlook_utf16.csv", "outlook_cp1252.csv"])
def test_outlook_in_both_windows_encodings(name: str) -> None:
    people = by_name(read(name))
    assert set(people) == {"Renée Dubois", "Jürgen K. Schäfer Jr."}
    renee = people["Renée Dubois"]
    assert renee["position"] == "Cardiologist"  # Job Title, not the "Dr." in Title
    assert renee["company"] == "Clinique Saint-Luc"
    assert renee["email"] == "renee.dubois@example.fr"
    jurgen = people["Jürgen K. Schäfer Jr."]
    assert jurgen["email"] == "j.schaefer@example.de"  # E-mail 2 when E-mail is empty
    assert jurgen["phone"] == "01712345678"
    assert jurgen["url"] == "https://www.schaefer-soehne.example"


# -------------------------------------------------------------------------- vCard


def test_vcard_21_quoted_printable_and_charsets() -> None:
    people = by_name(read("vcard_21_quoted_printable.vcf"))
    assert set(people) == {"Søren Østergaard", "José García"}
    soren = people["Søren Østergaard"]
    assert (soren["first_name"], soren["last_name"]) == ("Søren", "Østergaard")
    assert soren["company"] == "Dansk Example A/S"
    assert soren["phone"] == "+4520123456"
    assert soren["email"] == "soren@example.dk"
    # N only, in ISO-8859-1 quoted-printable: the name is built from its parts
    assert people["José García"]["email"] == "jose.garcia@example.mx"


def test_vcard_30_apple_with_folding_and_escapes() -> None:
    people = by_name(read("vcard_30_apple.vcf"))
    yuki = people["中村 優希"]
    assert (yuki["first_name"], yuki["last_name"]) == ("Yuki", "Nakamura")
    assert yuki["company"] == "Example Robotics, Ltd."
    assert yuki["url"] == "https://www.linkedin.com/in/yuki-nakamura-robotics"
    assert "hardware investor" in yuki["notes"]
    folake = people["Folake Adeyemi"]
    assert folake["notes"].endswith("longer than seventy-five octets.")


def test_vcard_40_phone_uri_and_fn_only() -> None:
    people = by_name(read("vcard_40.vcf"))
    assert people["Ingrid Solberg"]["phone"] == "+4791234567 x12"
    omar = people["Omar Haddad"]
    assert (omar["first_name"], omar["last_name"]) == ("Omar", "Haddad")
    assert omar["email"] == "omar.haddad@example.jo"


# --------------------------------------------------------------- generic + mapping


def test_generic_semicolons_in_cp1252_with_french_headers() -> None:
    people = by_name(read("generic_semicolon_cp1252.csv"))
    assert people["Élodie Lefèvre"]["company"] == "Boulangerie Lefèvre"
    assert people["Élodie Lefèvre"]["email"] == "elodie.lefevre@example.fr"
    assert people["Théo Moreau"]["position"] == "Ébéniste"


def test_generic_tab_separated_text() -> None:
    people = by_name(read("generic_tab.txt"))
    assert people["Grace Otieno"]["url"] == "https://www.linkedin.com/in/grace-otieno"
    assert people["Grace Otieno"]["email"] == "grace@example.ke"
    assert people["Arjun Mehta"]["company"] == "Mehta Textiles"


def test_generic_excel_sheet() -> None:
    people = by_name(read("generic.xlsx"))
    assert people["Sofia Rossi"]["connected_on"] == pd.Timestamp("2023-05-04")
    assert people["Sofia Rossi"]["company"] == "Trattoria Example"
    assert people["Lars Eriksen"]["position"] == "Captain"


def test_every_format_writes_its_own_source_with_a_label() -> None:
    """A generic table's contacts carry "generic" (once "import", which had no label)."""
    for fixture, format in (("generic_tab.txt", Source.GENERIC),
                            ("generic.xlsx", Source.GENERIC)):
        frame = read(fixture)
        assert frame.attrs["format"] == format
        assert set(frame["source"]) == {format.value}
        assert Source.label_of(frame["source"].iloc[0]) == "A spreadsheet"


def test_an_older_import_source_reads_as_generic() -> None:
    frame = normalise_contacts(pd.DataFrame({"name": ["Ann", "Bo", "Cy"],
                                             "source": ["import", "linkedin", None]}),
                               source="manual")
    assert list(frame["source"]) == ["generic", "linkedin", "manual"]


def test_guess_column_mapping_on_common_headers() -> None:
    header = ["Full name", "Work e-mail", "Organisation", "Role", "LinkedIn", "Colour"]
    assert guess_column_mapping(header) == {
        "name": "Full name", "email": "Work e-mail", "company": "Organisation",
        "position": "Role", "url": "LinkedIn"}


def test_outlook_title_is_not_the_job_when_job_title_exists() -> None:
    mapping = guess_column_mapping(["Title", "First Name", "Last Name", "Job Title"])
    assert mapping["position"] == "Job Title"


def test_a_confirmed_mapping_is_used_as_given() -> None:
    frame = read("unusable_header.csv", mapping={"name": "Colour", "company": "Size"})
    assert list(frame["name"]) == ["red", "blue"]
    assert list(frame["company"]) == ["10", "12"]
    assert frame.attrs["format"] == "generic"


def test_a_mapping_naming_a_missing_column_is_refused_in_words() -> None:
    with pytest.raises(ContactImportError, match="no column called 'Nickname'"):
        read("unusable_header.csv", mapping={"name": "Nickname"})


def test_inspect_file_tells_the_form_when_to_show_the_mapping_step() -> None:
    assert inspect_file(DATA / "linkedin_current.csv")[0] == "linkedin"
    assert inspect_file(DATA / "vcard_40.vcf") == ("vcard", [])
    kind, header = inspect_file(DATA / "generic_tab.txt")
    assert kind == "generic"
    assert header == ["Full name", "Work e-mail", "Organisation", "Role", "LinkedIn"]


# ------------------------------------------------------------------ inputs, errors


def test_bytes_and_open_files_read_like_paths() -> None:
    expected = list(read("linkedin_current.csv")["contact_id"])
    data = (DATA / "linkedin_current.csv").read_bytes()
    assert list(read_contacts(data)["contact_id"]) == expected
    assert list(read_contacts(io.BytesIO(data))["contact_id"]) == expected
    assert list(read_contacts(io.StringIO(data.decode()))["contact_id"]) == expected


@pytest.mark.parametrize(("name", "line", "words"), [
    ("empty.csv", 1, "this file is empty"),
    ("picture.png", 1, "binary data"),
    ("header_only.csv", 2, "no contacts below the column names"),
    ("unusable_header.csv", 1, "none of the columns looks like a name"),
    ("does_not_exist.csv", None, "could not be found"),
])
def test_bad_files_give_one_sentence_with_file_and_line(name: str, line: int | None,
                                                         words: str) -> None:
    with pytest.raises(ContactImportError) as caught:
        read(name)
    assert caught.value.file == name
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(name)


def test_a_folder_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(ContactImportError, match="folder"):
        read_contacts(tmp_path)


def test_the_wrong_declared_format_is_refused() -> None:
    with pytest.raises(ContactImportError, match="does not look like"):
        read("google_new_header.csv", format="linkedin")
    with pytest.raises(ContactImportError, match="does not look like"):
        read("linkedin_current.csv", format="vcard")


def test_an_unknown_format_name_is_refused() -> None:
    with pytest.raises(ContactImportError, match="not a kind of export"):
        read("linkedin_current.csv", format="myspace")


def test_old_excel_files_are_refused_with_what_to_do() -> None:
    data = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512
    with pytest.raises(ContactImportError, match=r"\.xls"):
        read_contacts(data, name="contacts.xls")


def test_a_damaged_excel_file_is_refused_in_words() -> None:
    data = (DATA / "generic.xlsx").read_bytes()[:300]
    with pytest.raises(ContactImportError, match="Excel"):
        read_contacts(data, name="broken.xlsx")


def test_the_same_person_twice_in_one_file_becomes_one_contact() -> None:
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ana,Silva,,ana@example.pt,Example Lda,,01 Jan 2020\n"
            "Ana,Silva,,ANA@example.pt,,Designer,01 Jan 2020\n")
    frame = read_contacts(text.encode(), name="Connections.csv")
    assert len(frame) == 1
    assert frame.attrs["duplicates"] == 1
    assert (frame["company"][0], frame["position"][0]) == ("Example Lda", "Designer")


def test_the_importers_know_nothing_of_widgets() -> None:
    package = Path(__file__).resolve().parents[1] / "networking_kit" / "importers"
    sources = sorted(package.glob("*.py"))
    assert sources
    assert not [p.name for p in sources if "ipywidgets" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("name", ["linkedin_current.csv", "generic.xlsx", "vcard_40.vcf"])
def test_reading_runs_each_stage_once_in_order(name: str) -> None:
    stages: list[tuple[str, float]] = []
    read(name, progress=lambda stage, fraction: stages.append((stage, fraction)))
    ends = ["open", "decode", "detect", "parse", "map columns", "assemble"]
    assert [stage for stage, _ in stages if stage in ends] == ends
    # between the ends, only the running names of the long stages (``_RUNNING``)
    assert {stage for stage, _ in stages} - set(ends) <= {"decoding", "parsing", "assembling"}
    fractions = [fraction for _, fraction in stages]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0


def test_a_file_that_stops_at_a_stage_reports_no_later_stage() -> None:
    stages: list[str] = []
    with pytest.raises(ContactImportError):
        read("picture.png", progress=lambda stage, fraction: stages.append(stage))
    assert stages == ["open"]  # the decode stage refused it


def _big_linkedin(path: Path, rows: int) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    lines += [f"Ana{n},Silva,https://www.linkedin.com/in/ana-silva-{n},,Example Lda,"
              f"Designer,0{1 + n % 9} Jan 2020\n" for n in range(rows)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The long stages report every few kB instead of every few MB, so that a file of a
    few thousand rows is read in several parts, as a 30 MB file would be."""
    _use_small_parts(monkeypatch)


def _use_small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from networking_kit import _canonical, _canonical_dates, _canonical_ids
    from networking_kit.importers import _table, _text
    monkeypatch.setattr(_text, "_PART", 16 * 1024)
    monkeypatch.setattr(_table, "_PART", 16 * 1024)
    monkeypatch.setattr(_table, "_COUNTED_PART", 16 * 1024)
    monkeypatch.setattr(_canonical_ids, "ID_PART", 1_000)
    monkeypatch.setattr(_canonical, "_TIDIED_PART", 1_000)
    monkeypatch.setattr(_canonical_dates, "_PART", 1_000)


def test_a_file_read_in_parts_gives_the_table_read_whole(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    """Every long stage works in parts for Cancel (the table's parts put together a
    column at a time, line ends counted in parts, ids and dates in parts): the contacts
    and the report are those of the file read in one piece."""
    export = _big_linkedin(tmp_path / "Connections.csv", 6_000)
    whole = read_contacts(export)
    _use_small_parts(monkeypatch)
    parted = read_contacts(export)
    pd.testing.assert_frame_equal(parted, whole)
    assert parted.attrs == whole.attrs


def test_putting_parts_together_lets_each_part_go() -> None:
    """A big file's parts are joined a column at a time, and each part's column is let go
    once it is in the whole: the parts' arrays and the whole's were all held at once
    (half a 200 MB file's size, issue 14)."""
    import numpy as np

    from networking_kit.importers import _table
    parts = [{"a": np.array(["1", "2"], dtype=object), "b": np.array(["x", "y"], dtype=object)},
             {"a": np.array(["3"], dtype=object), "b": np.array(["z"], dtype=object)}]
    whole = _table._joined_parts(parts, ["a", "b"], lambda fraction: None)
    pd.testing.assert_frame_equal(
        whole, pd.DataFrame({"a": ["1", "2", "3"], "b": ["x", "y", "z"]}, dtype=object))
    assert parts == [{}, {}]


@pytest.mark.parametrize(("running", "end"), [("decoding", "decode"), ("parsing", "parse"),
                                              ("assembling", "assemble")])
@pytest.mark.usefixtures("small_parts")
def test_cancel_stops_a_long_stage_part_way(tmp_path: Path, running: str, end: str) -> None:
    from networking_kit.importers.importing import ImportCancelled
    export = _big_linkedin(tmp_path / "Connections.csv", 6_000)
    whole: list[str] = []
    read_contacts(export, progress=lambda stage, fraction: whole.append(stage))
    assert whole.count(running) >= 4  # the stage reports as it goes, not only at its end
    seen: list[str] = []

    def progress(stage: str, fraction: float) -> None:
        seen.append(stage)
        if seen.count(running) == 2:
            raise ImportCancelled  # what the import's callback does once Cancel is pressed

    with pytest.raises(ImportCancelled):
        read_contacts(export, progress=progress)
    assert seen.count(running) == 2
    assert end not in seen  # the stage stopped there, before its end


def test_a_utf8_file_read_from_its_own_bytes_matches_the_text_read_again() -> None:
    """pandas reads a strict UTF-8 file's own bytes (from the header line on); a file
    with a byte-order mark or CRLF line ends is decoded and encoded again: same table."""
    text = ("Notes:\n\"Some e-mail addresses are missing.\"\n\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Björn,García,https://www.linkedin.com/in/bjorn,,\"Smith, Jones & Co\",Ingénieur,"
            "03 Feb 2021\n"
            "Léa,Ōta,,lea@example.org,日本商事,\"Partner, Tax\",14 Mar 2022\n")
    own = read_contacts(text.encode("utf-8"), name="Connections.csv")
    for again in (b"\xef\xbb\xbf" + text.encode("utf-8"),
                  text.replace("\n", "\r\n").encode("utf-8")):
        other = read_contacts(again, name="Connections.csv")
        pd.testing.assert_frame_equal(own, other)
    assert own["company"].tolist() == ["Smith, Jones & Co", "日本商事"]
    assert own["name"].tolist() == ["Björn García", "Léa Ōta"]


def test_lines_repeated_by_a_resave_fold_silently() -> None:
    data = (b"Name,Company,E-mail,Phone\n"
            b"Lena Vogt,Nordlicht GmbH,,+49 30 1234567\n"
            b"Omar Haddad,Cedar Labs,omar@example.org,\n"
            b"Lena Vogt,Nordlicht GmbH,,+49 30 1234567\n"
            b"Omar Haddad,Cedar Labs,omar@example.org,\n")
    frame = read_contacts(data, name="resaved.csv")
    assert list(frame["name"]) == ["Lena Vogt", "Omar Haddad"]
    assert frame.attrs["duplicates"] == 2
    assert not any("Possibly the same person" in note for note in frame.attrs["notes"])


def test_two_people_of_one_name_in_one_vcard_are_both_imported_and_reported() -> None:
    """Issue 12's report: two Wei Zhangs at Huawei in one phone export became one."""
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wei Zhang\r\nN:Zhang;Wei;;;\r\nORG:Huawei\r\n"
            "TITLE:{title}\r\nTEL;TYPE=CELL:{phone}\r\nEND:VCARD\r\n")
    data = (card.format(title="Network Engineer", phone="+86 10 5555 0101")
            + card.format(title="Product Manager", phone="+86 21 5555 0202")).encode()
    frame = read_contacts(data, name="phone_export.vcf")
    assert frame.attrs["format"] == "vcard"
    assert [(row["name"], row["first_name"], row["last_name"], row["company"],
             row["position"], row["phone"]) for row in frame.to_dict("records")] == [
        ("Wei Zhang", "Wei", "Zhang", "Huawei", "Network Engineer", "+861055550101"),
        ("Wei Zhang", "Wei", "Zhang", "Huawei", "Product Manager", "+862155550202")]
    assert frame["email"].isna().all()
    assert frame.attrs["duplicates"] == 0
    assert [n for n in frame.attrs["notes"] if n.startswith(
        "Possibly the same person: Wei Zhang (Huawei) appears more than once")]


def test_two_people_of_one_name_in_one_file_are_both_imported_and_reported() -> None:
    data = (b"Name,Company,Phone,Job Title\n"
            b"Wei Zhang,Huawei,,\n"
            b"Wei Zhang,Huawei,+86 10 5555 0199,Sales Director\n")
    frame = read_contacts(data, name="two_wei.csv")
    assert len(frame) == 2
    assert pd.isna(frame.loc[0, "phone"])
    assert pd.isna(frame.loc[0, "position"])
    assert (frame.loc[1, "phone"], frame.loc[1, "position"]) == ("+861055550199",
                                                                   "Sales Director")
    assert frame.attrs["duplicates"] == 0
    assert [n for n in frame.attrs["notes"] if n.startswith(
        "Possibly the same person: Wei Zhang (Huawei) appears more than once")]


def test_a_second_phone_or_address_left_out_is_named_with_its_lines() -> None:
    """The workbook keeps one phone and one e-mail per person: the others are reported."""
    data = (b"First Name,Last Name,E-mail Address,E-mail 2 Address,Mobile Phone,Business Phone,"
            b"Job Title\r\n"
            b"Rosa,Ibarra,rosa@example.org,,+1 555 0100,+1 555 0101,Curator\r\n"
            b"Theo,Marsh,theo@example.org,theo.marsh@example.net,,+1 555 0102,Archivist\r\n"
            b"Iris,Penn,iris@example.org,,+1 555 0103,+1 555 0104,Registrar\r\n")
    frame = read_contacts(data, name="outlook.csv")
    assert [(row["name"], row["email"], row["phone"], row["position"])
            for row in frame.to_dict("records")] == [
        ("Rosa Ibarra", "rosa@example.org", "+15550100", "Curator"),
        ("Theo Marsh", "theo@example.org", "+15550102", "Archivist"),
        ("Iris Penn", "iris@example.org", "+15550103", "Registrar")]
    assert frame.attrs["notes"] == [
        "1 person had more than one e-mail address (E-mail 2 Address); the workbook keeps one "
        "per person, so the other was not imported: line 3.",
        "2 people had more than one phone number (Business Phone); the workbook keeps one per "
        "person, so the others were not imported: lines 2, 4."]


def test_googles_second_value_in_a_cell_is_named_too() -> None:
    data = (b"Name,Given Name,Family Name,Group Membership,E-mail 1 - Value,Phone 1 - Value\n"
            b"Lia Berg,Lia,Berg,* myContacts,lia@example.org ::: lia.berg@example.net,\n"
            b"Kai Dunn,Kai,Dunn,* myContacts,kai@example.org,+44 20 7946 0000\n")
    frame = read_contacts(data, name="google.csv")
    assert list(frame["email"]) == ["lia@example.org", "kai@example.org"]
    assert frame.attrs["notes"] == [
        "1 person had more than one e-mail address (E-mail 1 - Value); the workbook keeps one "
        "per person, so the other was not imported: line 2."]


def test_a_vcard_reports_no_column_as_not_read() -> None:
    """A vCard has no header row: its fields are not "columns the workbook has no place
    for" (the report once listed name, email … as not read)."""
    frame = read("vcard_40.vcf")
    assert len(frame) >= 1
    assert (frame.attrs["columns_used"], frame.attrs["columns_ignored"]) == ([], [])


def test_what_a_vcard_holds_beyond_the_workbook_is_named_with_its_lines() -> None:
    """Nothing the file held goes without a line: an address, a birthday, a photo and a
    second e-mail are each reported with the line they were on; the card's own
    bookkeeping (VERSION, PRODID, X-ABUID) is not; a phone written twice with two types
    is one phone, not a second."""
    data = (b"BEGIN:VCARD\r\n"                                          # line 1
            b"VERSION:3.0\r\n"
            b"PRODID:-//Apple Inc.//macOS 14//EN\r\n"
            b"N:Ferreira;Lucia;;;\r\n"
            b"FN:Lucia Ferreira\r\n"                                     # 5
            b"EMAIL;type=INTERNET;type=pref:lucia@tidewater.example\r\n"
            b"EMAIL;type=INTERNET;type=HOME:lucia.f@mail.example\r\n"   # 7
            b"TEL;type=CELL:+44 7700 900123\r\n"
            b"TEL;type=WORK:+44 7700 900123\r\n"
            b"ADR;type=HOME:;;1 Harbour Row;Bristol;;BS1 4XX;UK\r\n"    # 10
            b"BDAY:1984-05-02\r\n"
            b"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n"
            b" AAAQABAAD/2wBDAAgGBgcGBQgH\r\n"
            b"X-ABUID:1234\r\n"
            b"END:VCARD\r\n"                                             # 15
            b"BEGIN:VCARD\r\n"
            b"VERSION:3.0\r\n"
            b"FN:Tomas Berg\r\n"
            b"ADR;type=WORK:;;2 Quay St;Oslo;;0150;Norway\r\n"          # 19
            b"X-SHOE-SIZE:44\r\n"
            b"X-FAVOURITE-TEA:Assam\r\n"
            b"END:VCARD\r\n")
    frame = read_contacts(data, name="contacts.vcf")
    assert [(row["name"], row["email"], row["phone"]) for row in frame.to_dict("records")] == [
        ("Lucia Ferreira", "lucia@tidewater.example", "+447700900123"),
        ("Tomas Berg", None, None)]
    assert frame.attrs["notes"] == [
        "2 postal addresses (ADR) were not imported: the workbook has no place for them "
        "(lines 10, 19).",
        "1 birthday (BDAY) was not imported: the workbook has no place for it (line 11).",
        "1 photo (PHOTO) was not imported: the workbook has no place for it (line 12).",
        "2 other details (X-SHOE-SIZE, X-FAVOURITE-TEA) were not imported: the workbook "
        "has no place for them (lines 20, 21).",
        "1 person had more than one e-mail address (EMAIL); the workbook keeps one per "
        "person, so the other was not imported: line 7."]


def test_a_vcards_linkedin_profile_department_and_note_lines_are_kept_or_named() -> None:
    """Found by a tester: Apple's X-SOCIALPROFILE for LinkedIn was dropped as "no place
    for it" while a home page was kept; ORG's department vanished unsaid; a note's line
    break was flattened."""
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Adaeze Okonkwo\r\n"
            b"ORG:Lagos Fintech Ltd;Risk Department\r\n"                # line 4
            b"item2.URL:https://lagosfintech.example\r\n"                # 5
            b"X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/adaeze-okonkwo\r\n"
            b"X-SOCIALPROFILE;type=twitter:https://twitter.example/adaeze\r\n"  # 7
            b"NOTE:Met at a fintech day.\\nFollow up on mentoring.\r\nEND:VCARD\r\n")
    frame = read_contacts(data, name="contacts.vcf")
    row = frame.iloc[0]
    assert (row["company"], row["url"], row["notes"]) == (
        "Lagos Fintech Ltd", "https://www.linkedin.com/in/adaeze-okonkwo",
        "Met at a fintech day.\nFollow up on mentoring.")
    assert frame.attrs["notes"] == [
        "1 department (ORG) was not imported: the workbook has no place for it (line 4).",
        "1 social profile (X-SOCIALPROFILE) was not imported: the workbook has no place "
        "for it (line 7).",
        "1 person had more than one web address (URL); the workbook keeps one per person, "
        "so the other was not imported: line 5."]


def test_a_vcard_card_without_its_end_and_a_file_cut_in_its_last_line_are_said() -> None:
    """Found by a tester: a card followed by the next BEGIN:VCARD before its END was
    dropped unsaid; a file ending in "BEGIN:VC" or "END:VCA" was not said to be cut."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\n"
    middle = (card.format("Clara Weiss") + card.format("Emil Berg") + "EMAIL:emil@berg.example"
              "\r\nEND:VCARD\r\n")
    frame = read_contacts(middle.encode(), name="contacts.vcf")
    assert frame["name"].tolist() == ["Clara Weiss", "Emil Berg"]
    assert frame.attrs["notes"] == ["The card on line 1 has no END:VCARD before the next card "
                                     "begins; it was imported as it is: check this contact."]
    whole = card.format("Clara Weiss") + "END:VCARD\r\n"
    for cut in ("BEGIN:VC", card.format("Emil Berg") + "END:VCA"):
        frame = read_contacts((whole + cut).encode(), name="contacts.vcf")
        assert frame["name"].tolist() == ["Clara Weiss"]
        [(line, reason)] = frame.attrs["skipped"]
        assert line == 5
        assert reason.startswith("the file stops part-way through this card")


def test_vcard_4_and_apple_linkedin_profiles_are_the_web_address() -> None:
    """Found by a tester: vCard 4's SOCIALPROFILE and Apple's x-apple: user name for
    LinkedIn were dropped."""
    data = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Giulia Rossi\r\n"
            b"SOCIALPROFILE;SERVICE-TYPE=LinkedIn:https://www.linkedin.com/in/giuliarossi\r\n"
            b"NOTE:eins\\r\\nzwei\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sven Lindqvist\r\n"
            b"X-SOCIALPROFILE;TYPE=linkedin:x-apple:svenlindqvist\r\nEND:VCARD\r\n")
    frame = read_contacts(data, name="contacts.vcf")
    assert frame["url"].tolist() == ["https://www.linkedin.com/in/giuliarossi",
                                     "https://www.linkedin.com/in/svenlindqvist"]
    assert frame.loc[0, "notes"] == "eins\nzwei"  # "\\r\\n" written for a line end
    assert frame.attrs["notes"] == []


@pytest.mark.parametrize("note", ["- likes jazz\r\nand  fado", "one\rtwo", "  \r\nx\r\n\r\n"])
def test_a_note_keeps_its_line_breaks(note: str) -> None:
    text = 'Name,Notes\r\nAda Reed,"' + note + '"\r\n'
    expected = {"- likes jazz\r\nand  fado": "- likes jazz\nand fado", "one\rtwo": "one\ntwo",
                "  \r\nx\r\n\r\n": "x"}[note]
    assert read_contacts(text.encode(), name="c.csv").iloc[0]["notes"] == expected


def test_absent_columns_share_one_array_and_a_write_to_one_changes_only_it() -> None:
    import numpy as np

    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ada,Okafor,https://www.linkedin.com/in/ada,,Acme,Engineer,01 Jan 2020\n"
            "Jun,Rossi,https://www.linkedin.com/in/jun,,Globex,Nurse,02 Feb 2021\n")
    contacts = read_contacts(text.encode("utf-8"), name="Connections.csv")
    absent = ["phone", "can_help_with", "i_can_offer", "notes", "tags"]
    assert all(contacts[column].isna().all() for column in absent)
    assert all(str(contacts[column].dtype) == "string" for column in absent)
    # one array underneath (a copy each was 0.4× a 30,000-row file's size) …
    assert np.shares_memory(contacts["phone"].array._ndarray, contacts["tags"].array._ndarray)
    # … and a write to one column copies it first: the others stay missing
    contacts.loc[0, "phone"] = "+44 20 7946 0000"
    contacts.loc[1, "notes"] = "met at the fair"
    assert contacts["phone"].tolist()[0] == "+44 20 7946 0000"
    assert contacts["tags"].isna().all()
    assert contacts["can_help_with"].isna().all()
    assert contacts["notes"].isna().tolist() == [True, False]
    assert contacts["phone"].isna().tolist() == [False, True]


def test_every_column_of_a_read_table_can_be_written() -> None:
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ada,Okafor,https://www.linkedin.com/in/ada,,Acme,Engineer,01 Jan 2020\n"
            "Jun,Rossi,https://www.linkedin.com/in/jun,,Globex,Nurse,02 Feb 2021\n")
    contacts = read_contacts(text.encode("utf-8"), name="Connections.csv")
    texts = [c for c in contacts.columns if str(contacts[c].dtype) == "string"]
    assert "company" in texts
    for column in texts:  # a raw column's read-only array held as it is could not be
        contacts.loc[1, column] = "changed"
    assert all(contacts[column].tolist()[1] == "changed" for column in texts)
    assert contacts["company"].tolist()[0] == "Acme"


def test_a_row_combined_with_an_earlier_one_names_what_it_held_otherwise() -> None:
    """Found by a tester: two rows with one e-mail and two phones, or one name and
    company and two notes, were combined and the later value was gone without a line."""
    frame = read_contacts(b"Name,Email,Company,Phone,Notes\r\n"
                          b"Gun Ek,gun@ek.example,Ek AB,+46 70 111 11 11,first note\r\n"
                          b"Gun Ek,gun@ek.example,Ek AB,+46 70 222 22 22,second note\r\n"
                          b"Gun Ek,GUN@ek.example,Ek AB,+46 70 111 11 11,  First  note\r\n",
                          name="people.csv")
    assert (frame.attrs["duplicates"], frame.loc[0, "phone"]) == (2, "+46701111111")
    assert frame.attrs["notes"] == [
        "1 row combined with an earlier row of the same person had another phone number; "
        "the earlier row's was kept, so that one was not imported: line 3.",
        "1 row combined with an earlier row of the same person had another note; the "
        "earlier row's was kept, so that one was not imported: line 3."]


def test_a_vcard_of_latin_1_and_utf_8_cards_keeps_every_letter() -> None:
    """A tester's file, found garbled by the lead after the Mac Roman code page came in:
    the whole file was made UTF-8 from Mac Roman before each card's CHARSET was read."""
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\n"
            b"FN;CHARSET=ISO-8859-1:J\xfcrgen M\xfcller\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zofia " + "Łukasiewicz".encode() +
            b"\r\nEND:VCARD\r\n")
    frame = read_contacts(data, name="contacts.vcf")
    assert frame["name"].tolist() == ["Jürgen Müller", "Zofia Łukasiewicz"]
