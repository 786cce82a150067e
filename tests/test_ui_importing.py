"""The import form, driven in Python as a participant would click it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from networking_kit.store import Workbook
from networking_kit.ui.importing import ImportForm

DATA = Path(__file__).parent / "data" / "imports"


def choose(form: ImportForm, name: str, content: bytes | None = None) -> None:
    """Set the upload as ipywidgets 8 does after a participant picks a file."""
    data = content if content is not None else (DATA / name).read_bytes()
    form.upload.value = ({"name": name, "type": "text/csv", "size": len(data),
                          "content": memoryview(data),
                          "last_modified": datetime(2026, 1, 5, tzinfo=UTC)},)


def test_linkedin_export_imports_without_a_mapping_step(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    assert form.confirm.disabled
    choose(form, "linkedin_current.csv")
    assert form.mapping_box.layout.display == "none"
    assert "LinkedIn" in form.status.value
    form.confirm.click()
    assert workbook.count_contacts() == 5
    assert "added 5, updated 0, unchanged 0, skipped 1" in form.status.value
    assert "line 9" in form.status.value
    assert form.progress.value == 1.0


def test_generic_table_shows_prefilled_dropdowns_and_uses_the_confirmed_mapping(
        workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "generic_tab.txt")
    assert form.mapping_box.layout.display == "flex"
    assert form.dropdowns["name"].value == "Full name"
    assert form.dropdowns["email"].value == "Work e-mail"
    form.dropdowns["position"].value = "Organisation"  # the participant changes one
    form.dropdowns["company"].value = "(not in this file)"
    form.confirm.click()
    saved = workbook.load_contacts().set_index("name")
    assert saved.loc["Grace Otieno", "position"] == "Nairobi Example Bank"
    assert saved["company"].isna().all()


def test_a_bad_file_gives_one_sentence_and_changes_nothing(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "empty.csv")
    assert "this file is empty" in form.status.value
    assert "Traceback" not in form.status.value
    assert form.confirm.disabled
    assert workbook.count_contacts() == 0


def test_a_file_with_no_usable_columns_is_explained_after_confirm(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "unusable_header.csv")
    assert form.mapping() == {}
    form.confirm.click()
    assert "none of the columns looks like a name" in form.status.value
    assert workbook.count_contacts() == 0


def test_status_escapes_what_came_from_the_file(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "<b>evil</b>.csv", b"")
    assert "<b>evil</b>" not in form.status.value
    assert "&lt;b&gt;evil&lt;/b&gt;" in form.status.value


def test_importing_twice_reports_unchanged(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "vcard_30_apple.vcf")
    form.confirm.click()
    form.confirm.click()
    assert "added 0, updated 0, unchanged 2" in form.status.value
    assert workbook.count_contacts() == 2


FRENCH = ("Nom complet;Courriel;Société;Remarque\n"
          "Élodie Martin;elodie@exemple.fr;Atelier Lumière;<script>x</script>\n"
          "Hugo Bernard;hugo@exemple.fr;Cabinet Bernard;\n").encode()


def test_the_mapping_step_shows_the_first_rows_escaped(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "contacts.csv", FRENCH)
    assert form.mapping_box.layout.display == "flex"
    assert "<th style='padding:2px 8px;text-align:left'>Courriel</th>" in form.preview.value
    assert "Hugo Bernard" in form.preview.value
    assert "<script>" not in form.preview.value
    assert "&lt;script&gt;" in form.preview.value


def test_the_chosen_columns_are_remembered_for_the_next_file_like_it(
        workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "contacts.csv", FRENCH)
    form.dropdowns["name"].value = "Nom complet"
    form.dropdowns["email"].value = "Courriel"
    form.dropdowns["company"].value = "Société"
    form.dropdowns["notes"].value = "(not in this file)"
    form.confirm.click()
    assert workbook.count_contacts() == 2
    later = ("Nom complet;Courriel;Société;Remarque\n"
             "Inès Petit;ines@exemple.fr;Studio Petit;à rappeler\n").encode()
    again = ImportForm(workbook)
    choose(again, "contacts-2.csv", later)
    assert "as you chose them last time" in again.status.value
    assert again.mapping() == {"name": "Nom complet", "email": "Courriel",
                               "company": "Société"}
    again.confirm.click()
    saved = workbook.load_contacts().set_index("name")
    assert saved.loc["Inès Petit", "company"] == "Studio Petit"
    assert saved["notes"].isna().all()  # not chosen: not read


def test_a_known_export_can_still_have_its_columns_chosen(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "linkedin_current.csv")
    assert form.mapping_box.layout.display == "none"
    assert form.choose_columns.layout.display == "inline-flex"
    form.choose_columns.click()
    assert form.mapping_box.layout.display == "flex"
    assert form.dropdowns["first_name"].value == "First Name"
    form.dropdowns["position"].value = "(not in this file)"
    form.confirm.click()
    assert workbook.count_contacts() == 5
    assert workbook.load_contacts()["position"].isna().all()


def test_an_import_that_finds_no_name_opens_the_mapping_step(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "linkedin_current.csv")
    form.choose_columns.click()
    for box in form.dropdowns.values():
        box.value = "(not in this file)"
    form.confirm.click()
    assert "none of the columns looks like a name" in form.status.value
    assert form.mapping_box.layout.display == "flex"
