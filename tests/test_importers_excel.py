"""The Excel reader (importers/_excel.py): only the cells a sheet holds are read, and a
sheet checked by the upload form is not parsed again for the import. Invented people."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from networking_kit.contacts import ContactImportError
from networking_kit.importers import _excel, inspect_file, read_contacts


def _sheet(cells: dict[str, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for ref, value in cells.items():
        sheet[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_stray_value_in_the_last_cell_of_the_sheet_reads_only_the_used_cells() -> None:
    data = _sheet({"A1": "Name", "B1": "Email", "A2": "Ada Okafor", "B2": "ada@example.org",
                   "XFD1048576": "stray"})
    assert len(data) < 10_000
    rows, numbers = _excel.read_rows(data, "far.xlsx")
    assert numbers == [1, 2, 1048576]
    assert [len(row) for row in rows] == [3, 3, 3]  # three used columns, not 16,384
    assert rows[2] == ["", "", "stray"]
    frame = read_contacts(data, name="far.xlsx")
    assert frame["name"].tolist() == ["Ada Okafor"]
    assert [line for line, _ in frame.attrs["skipped"]] == [1048576]  # no name: reported


def test_columns_empty_everywhere_take_no_room_and_the_others_keep_their_order() -> None:
    data = _sheet({"A1": "Name", "D1": "Email", "Z1": "Company", "A2": "Ilse Brandt",
                   "D2": "ilse@example.org", "Z2": "Nordlicht GmbH"})
    frame = read_contacts(data, name="gaps.xlsx")
    row = frame.iloc[0]
    assert (row["name"], row["email"], row["company"]) == (
        "Ilse Brandt", "ilse@example.org", "Nordlicht GmbH")


def test_the_form_check_and_the_import_parse_the_sheet_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = _sheet({"A1": "Name", "B1": "Email", "A2": "Ada Okafor", "B2": "ada@example.org"})
    calls: list[str] = []
    real = _excel._read

    def counting(content: bytes, name: str) -> _excel.Rows:
        calls.append(name)
        return real(content, name)

    monkeypatch.setattr(_excel, "_read", counting)
    inspect_file(data, name="people.xlsx")
    read_contacts(data, name="people.xlsx")
    assert calls == ["people.xlsx"]
    read_contacts(data, name="people.xlsx")  # kept for one import only
    assert calls == ["people.xlsx", "people.xlsx"]


def test_a_sheet_spread_over_too_many_cells_is_refused_in_a_sentence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_excel, "MAX_CELLS", 8)
    data = _sheet({"A1": "Name", "B1": "Email", "C1": "Company", "A2": "Ada Okafor",
                   "A3": "Bo Lind", "C4": "Acme"})
    with pytest.raises(ContactImportError, match="far more than a list of contacts"):
        read_contacts(data, name="spread.xlsx")


def test_a_package_that_unpacks_to_far_too_much_is_refused_before_reading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_excel, "MAX_UNPACKED", 1000)
    data = _sheet({"A1": "Name", "A2": "Ada Okafor"})
    with pytest.raises(ContactImportError, match="unpacks to far more"):
        inspect_file(data, name="bomb.xlsx")


def test_damaged_sheet_xml_is_one_sentence_at_the_check_and_the_import(tmp_path: Path) -> None:
    data = _sheet({"A1": "Name", "A2": "Ada Okafor"})
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]  # the XML stops half-way
            target.writestr(member, content)
    for call in (inspect_file, read_contacts):
        with pytest.raises(ContactImportError, match="could not be opened"):
            call(buffer.getvalue(), name="half.xlsx")


def test_contacts_on_a_second_sheet_after_a_note_are_found() -> None:
    """Found by a tester: a "Read me" sheet of one sentence before the contacts' sheet
    was read as the table ("none of the columns looks like a name")."""
    book = Workbook()
    note = book.active
    assert note is not None
    note["A1"] = "These are my contacts, see the next sheet."
    people = book.create_sheet("People")
    for row in (("Name", "Email"), ("Hanna Wik", "hanna@wik.example")):
        people.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    frame = read_contacts(buffer.getvalue(), name="two_sheets.xlsx")
    assert frame[["name", "email"]].values.tolist() == [["Hanna Wik", "hanna@wik.example"]]
