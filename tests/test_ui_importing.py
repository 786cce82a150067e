"""The import form, driven in Python as a participant would click it."""

from __future__ import annotations

import asyncio
import html
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from networking_kit.importers import importing
from networking_kit.store import Workbook
from networking_kit.ui import importing as ui_importing
from networking_kit.ui.importing import (
    BUSY,
    CHOOSE_AGAIN,
    STILL_STOPPING,
    STOPPED,
    ImportForm,
)

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
    assert form.upload.tooltip  # else the page shows the title "null" (found by a tester)
    choose(form, "linkedin_current.csv")
    assert form.mapping_box.layout.display == "none"
    assert "LinkedIn" in form.status.value
    form.confirm.click()
    assert workbook.count_contacts() == 5
    assert len(form.mapping_box.children) == 2  # its column lists were never made
    assert "added 5, updated 0, unchanged 0, skipped 1" in form.status.value
    assert "line 9" in form.status.value
    assert form.progress.value == 1.0


def test_generic_table_shows_prefilled_dropdowns_and_uses_the_confirmed_mapping(
        workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "generic_tab.txt")
    assert form.mapping_box.layout.display == "flex"
    assert list(form.mapping_box.children[3:]) == list(form.dropdowns.values())
    assert form.mapping_box.children[2] is form.first_row
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
    assert "No column could be guessed" in form.mapping_intro.value
    form.confirm.click()
    assert "none of the columns looks like a name" in form.status.value
    assert form.progress.layout.visibility == "hidden"  # not left part-way (a tester saw 33%)
    assert workbook.count_contacts() == 0


def test_the_guess_reads_the_first_rows_when_the_column_names_say_nothing(
        workbook: Workbook) -> None:
    """Found by a tester: columns called Qui, Joignable à … got no guess at all."""
    form = ImportForm(workbook)
    choose(form, "annuaire.csv", "Qui,Joignable à,Boîte\r\nCamille Dubois,"
           "camille@example.fr,Dubois SARL\r\n".encode())
    assert form.mapping() == {"name": "Qui", "email": "Joignable à"}
    assert "The guesses are filled in" in form.mapping_intro.value
    form.confirm.click()
    assert workbook.load_contacts().iloc[0]["email"] == "camille@example.fr"


def test_a_file_without_a_header_row_keeps_its_first_person(workbook: Workbook) -> None:
    """Found by a tester: the form offered the first person's name and address as column
    names, and that person was not imported (the command line read all three)."""
    form = ImportForm(workbook)
    choose(form, "people.csv", b"Greta Lind,greta@lind.example,Lind AB,+46 70 111 2222\r\n"
           b"Pavel Novak,pavel@novak.example,Novak sro,+420 601 222 333\r\n")
    assert form.mapping() == {"name": "Column 1", "email": "Column 2", "phone": "Column 4"}
    assert "Greta Lind" in form.preview.value  # among the rows, not the column names
    assert form.first_row.value  # found so: the box says it
    form.confirm.click()
    saved = workbook.load_contacts().set_index("name")
    assert sorted(saved.index) == ["Greta Lind", "Pavel Novak"]
    assert saved.loc["Greta Lind", "phone"] == "+46701112222"


def test_the_first_row_can_be_said_to_be_a_person(workbook: Workbook) -> None:
    """Found by a tester: with no e-mail to tell, a file of names with no header row
    showed its first person as the column names, and that person was lost."""
    form = ImportForm(workbook)
    choose(form, "people.csv", b"Greta Lind,Lind AB,CEO\r\nPavel Novak,Novak sro,CTO\r\n")
    assert not form.first_row.value
    form.first_row.value = True  # the participant ticks "The first row is a person"
    assert form.dropdowns["name"].value == "Column 1"
    assert "Greta Lind" in form.preview.value
    form.dropdowns["company"].value = "Column 2"
    form.confirm.click()
    saved = workbook.load_contacts().set_index("name")
    assert sorted(saved.index) == ["Greta Lind", "Pavel Novak"]
    assert saved.loc["Greta Lind", "company"] == "Lind AB"
    form.first_row.value = False  # and back: the first row names the columns again
    assert "Greta Lind" in form.dropdowns["name"].options


def test_status_escapes_what_came_from_the_file(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "<b>evil</b>.csv", b"")
    assert "<b>evil</b>" not in form.status.value
    assert "&lt;b&gt;evil&lt;/b&gt;" in form.status.value


def test_importing_twice_reports_unchanged(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "vcard_30_apple.vcf")
    form.confirm.click()
    choose(form, "vcard_30_apple.vcf")
    form.confirm.click()
    assert "added 0, updated 0, unchanged 2" in form.status.value
    assert workbook.count_contacts() == 2


def test_a_second_click_on_import_keeps_the_first_imports_report(workbook: Workbook) -> None:
    """Import waits for the next file once a file is in: a second click, sent while the
    page's kernel was saving (heard only afterwards), imported the file again and replaced
    "added 299,980" with "added 0 … unchanged 300,000" (seen in the app)."""
    form = ImportForm(workbook)
    choose(form, "vcard_30_apple.vcf")
    form.confirm.click()
    report = form.status.value
    assert "added 2" in report
    assert form.confirm.disabled
    form.confirm.click()  # as a click that was on its way is heard
    assert form.status.value == report
    assert workbook.count_contacts() == 2


FRENCH = ("Nom complet;Courriel;Société;Remarque\n"
          "Élodie Martin;elodie@exemple.fr;Atelier Lumière;<script>x</script>\n"
          "Hugo Bernard;hugo@exemple.fr;Cabinet Bernard;\n").encode()


def test_the_mapping_step_shows_the_first_rows_escaped(workbook: Workbook) -> None:
    form = ImportForm(workbook)
    choose(form, "contacts.csv", FRENCH)
    assert form.mapping_box.layout.display == "flex"
    assert "<th style='padding:2px 8px;text-align:left;white-space:nowrap'>Courriel</th>" in (
        form.preview.value)
    assert "Hugo Bernard" in form.preview.value
    assert "<script>" not in form.preview.value
    assert "&lt;script&gt;" in form.preview.value


def test_a_wide_preview_scrolls_sideways_instead_of_breaking_every_heading(
        workbook: Workbook) -> None:
    # A fresh participant's Japanese address book (37 columns) was squeezed into the page
    # width: each heading stood one character per line, a column of single glyphs.
    header = ["名", "姓", "表示名"] + [f"勤務先住所 {i}" for i in range(34)]
    row = ["太郎", "山田", "山田 太郎"] + [""] * 34
    content = (",".join(header) + "\n" + ",".join(row) + "\n").encode("utf-8")
    form = ImportForm(workbook)
    choose(form, "wide.csv", content)
    assert form.mapping_box.layout.display == "flex"
    cells = re.findall(r"<t[hd] style='([^']*)'", form.preview.value)
    assert len(cells) == 2 * len(header)
    assert all("white-space:nowrap" in style for style in cells)
    assert form.preview.layout.overflow == "auto"
    # and its caption stays at the left, in sight, not centred over the whole width
    assert "<caption style='text-align:left'>The first rows of the file</caption>" in (
        form.preview.value)


def test_every_column_label_fits_beside_its_dropdown(workbook: Workbook) -> None:
    # At 12em, "Company or organisation" and "LinkedIn or web address" were cut to
    # "Company or organisa…" and "LinkedIn or web addr…" (Chromium, 1280 px). A label
    # needs about 0.6em a character in the widgets' font.
    form = ImportForm(workbook)
    for dropdown in form.dropdowns.values():
        width = float(dropdown.style.description_width.removesuffix("em"))
        assert width >= 0.6 * len(dropdown.description), dropdown.description


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


# ------------------------------------------------- a big file: background, Cancel

NEW_PEOPLE = b"Name,Email\nAda Quill,ada@example.org\nBo Reyes,bo@example.org\n"


async def _until(condition: Callable[[], bool]) -> None:
    """Let the event loop run (as the kernel's does) until ``condition`` holds."""
    for _ in range(2_000):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the form never got there")


def _files_beside(workbook: Workbook) -> list[str]:
    return sorted(str(p) for p in workbook.path.parent.rglob("*") if p != workbook.path)


def _slow_read(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Every file is read in the background, and the read waits for ``release``."""
    started, release = threading.Event(), threading.Event()
    real = importing.read_contacts

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "read_contacts", slow)
    monkeypatch.setattr(ui_importing, "BACKGROUND_BYTES", 0)
    return started, release


def test_cancel_during_a_slow_read_leaves_the_workbook_as_it_was(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    form = ImportForm(workbook)
    choose(form, "linkedin_current.csv")
    form.confirm.click()
    before, beside = workbook.load_contacts(), _files_beside(workbook)
    started, release = _slow_read(monkeypatch)
    choose(form, "people.csv", NEW_PEOPLE)

    async def participant() -> None:
        form.confirm.click()  # returns at once: the file is read in a thread
        assert form.running
        assert form.cancel.layout.display != "none"
        await _until(started.is_set)
        # the thread's progress reaches the form through the loop, in order
        await _until(lambda: "Reading the file" in form.status.value)
        assert form.progress.value == 0.0
        assert not form.confirm.disabled
        form.confirm.click()  # a second click while it runs is refused
        assert BUSY in html.unescape(form.status.value)
        choose(form, "other.csv", NEW_PEOPLE)  # so is another file
        assert CHOOSE_AGAIN in html.unescape(form.status.value)
        form.cancel.click()
        assert STOPPED in html.unescape(form.status.value)
        form.confirm.click()  # still putting the stopped file aside
        assert STILL_STOPPING in html.unescape(form.status.value)
        release.set()
        await _until(lambda: not form.running)

    asyncio.run(participant())
    assert workbook.load_contacts().equals(before)
    assert _files_beside(workbook) == beside  # no backup begun, none half-made
    assert html.unescape(form.status.value).count(".") == 1  # one sentence
    assert STOPPED in html.unescape(form.status.value)
    assert form.cancel.layout.display == "none"
    assert not form.confirm.disabled


def test_a_refusal_stays_in_sight_while_the_file_is_still_being_read(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = _slow_read(monkeypatch)
    form = ImportForm(workbook)
    choose(form, "people.csv", NEW_PEOPLE)
    shown: list[str] = []

    async def participant() -> None:
        form.confirm.click()
        await _until(started.is_set)
        form.confirm.click()  # refused: the read's next messages must not hide why
        form.status.observe(lambda change: shown.append(html.unescape(change["new"])),
                            names="value")
        release.set()
        await _until(lambda: not form.running)

    asyncio.run(participant())
    reading = [text for text in shown if "Reading the file" in text]
    assert len(reading) >= 3  # the read's own stages reached the form
    assert all(BUSY in text for text in reading)
    assert "Imported people.csv" in shown[-1]


def test_a_big_file_read_in_the_background_shows_its_progress_then_imports(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = _slow_read(monkeypatch)
    release.set()
    form = ImportForm(workbook)
    seen: list[float] = []
    form.progress.observe(lambda change: seen.append(change["new"]), names="value")
    choose(form, "people.csv", NEW_PEOPLE)

    async def participant() -> None:
        form.confirm.click()
        await _until(lambda: not form.running)

    asyncio.run(participant())
    assert started.is_set()
    assert workbook.count_contacts() == 2
    assert "Imported people.csv: added 2" in form.status.value
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert len(seen) >= 4
    assert form.progress.description == "100%"
    form.cancel.click()  # too late: nothing to stop, nothing undone
    assert workbook.count_contacts() == 2
