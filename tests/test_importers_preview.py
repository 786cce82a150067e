"""importers.preview: the first rows under the header, and the key a mapping is kept under."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook as ExcelBook

from networking_kit.contacts import ContactImportError
from networking_kit.importers.preview import header_key, preview_file

DATA = Path(__file__).parent / "data" / "imports"


def test_a_csv_preview_has_the_header_and_the_first_rows_only() -> None:
    rows = "".join(f"Person {n};p{n}@example.org;\n" for n in range(1, 40))
    preview = preview_file(f"sep=;\nWho;Mail;Where\n{rows}".encode(), "x.csv", rows=3)
    assert preview.format == "generic"
    assert preview.header == ["Who", "Mail", "Where"]
    assert preview.rows == [["Person 1", "p1@example.org", ""],
                            ["Person 2", "p2@example.org", ""],
                            ["Person 3", "p3@example.org", ""]]


def test_a_known_export_and_a_vcard_are_named(tmp_path: Path) -> None:
    linkedin = preview_file(DATA / "linkedin_current.csv")
    assert linkedin.format == "linkedin"
    assert linkedin.header[:2] == ["First Name", "Last Name"]
    assert len(linkedin.rows) == 5
    assert all(len(row) == len(linkedin.header) for row in linkedin.rows)
    card = preview_file(DATA / "vcard_30_apple.vcf")
    assert (card.format, card.header, card.rows) == ("vcard", [], [])


def test_an_excel_sheet_is_previewed(tmp_path: Path) -> None:
    book = ExcelBook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nombre", "Correo"])
    sheet.append(["Lucía Gómez", "lucia@example.es"])
    sheet.append(["Mateo Ruiz"])
    book.save(tmp_path / "c.xlsx")
    preview = preview_file(tmp_path / "c.xlsx")
    assert preview.header == ["Nombre", "Correo"]
    assert preview.rows == [["Lucía Gómez", "lucia@example.es"], ["Mateo Ruiz", ""]]


def test_an_empty_file_is_one_sentence() -> None:
    with pytest.raises(ContactImportError, match="empty"):
        preview_file(b"", "empty.csv")


def test_the_key_ignores_spaces_around_cells_but_not_their_order() -> None:
    assert header_key([" Nom", "Courriel "]) == header_key(["Nom", "Courriel"])
    assert header_key(["Nom", "Courriel"]) != header_key(["Courriel", "Nom"])
