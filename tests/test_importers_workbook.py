"""import_into_workbook: one transaction, no duplicates on re-import, progress reported."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError
from networking_kit.importers import ImportReport, import_into_workbook, read_contacts
from networking_kit.importers.importing import (
    ImportCancelled,
    Stage,
    merge_into_workbook,
    read_for_import,
    read_request,
    request_import,
)
from networking_kit.store import Workbook

DATA = Path(__file__).parent / "data" / "imports"


def test_import_then_reimport_creates_no_duplicates(workbook: Workbook) -> None:
    first = import_into_workbook(DATA / "linkedin_current.csv", workbook)
    assert first.summary() == "added 5, updated 0, unchanged 0, skipped 1"
    assert first.skipped_lines[0][0] == 9
    again = import_into_workbook(DATA / "linkedin_current.csv", workbook)
    assert again.summary() == "added 0, updated 0, unchanged 5, skipped 1"
    assert workbook.count_contacts() == 5


def test_the_same_person_from_two_sources_is_one_contact(workbook: Workbook) -> None:
    import_into_workbook(DATA / "vcard_30_apple.vcf", workbook)  # Yuki with LinkedIn URL
    linkedin = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                "Yuki,Nakamura,https://www.linkedin.com/in/yuki-nakamura-robotics,,"
                "Example Robotics,Research Engineer,02 Oct 2023\n")
    report = import_into_workbook(linkedin.encode(), workbook, name="Connections.csv")
    assert (report.added, report.updated) == (0, 1)
    saved = workbook.load_contacts()
    assert len(saved) == 2
    yuki = saved[saved["last_name"] == "Nakamura"].iloc[0]
    assert str(yuki["connected_on"].date()) == "2023-10-02"
    assert yuki["name"] == "中村 優希"  # the name already there is kept


def test_participant_edits_survive_a_reimport(workbook: Workbook) -> None:
    import_into_workbook(DATA / "linkedin_current.csv", workbook)
    saved = workbook.load_contacts()
    amara = saved[saved["name"] == "Amara Okonkwo"].iloc[0]["contact_id"]
    workbook.update_contact(amara, strength="close", notes="Coffee every quarter",
                            company="Riverside NHS")
    report = import_into_workbook(DATA / "linkedin_current.csv", workbook)
    assert report.updated == 0
    after = workbook.load_contacts().set_index("contact_id").loc[amara]
    assert (after["strength"], after["notes"], after["company"]) == (
        "close", "Coffee every quarter", "Riverside NHS")



def test_a_newer_job_in_the_file_is_reported_not_dropped_in_silence(
        workbook: Workbook) -> None:
    """Found by a tester: Jose moved from Globex to Umbrella; the newer export said
    "unchanged 2" and the new job was dropped without a word."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    jose = "Jose,Haddad,https://www.linkedin.com/in/jose-haddad-example,,{},{},02 Oct 2023\n"
    ana = "Ana,Silva,https://www.linkedin.com/in/ana-silva-example,,Petrobras,Geologist,\n"
    import_into_workbook((header + jose.format("Globex", "Manager") + ana).encode(),
                         workbook, name="Connections.csv")
    report = import_into_workbook((header + jose.format("Umbrella", "Director")
                                   + ana.replace("Petrobras", "PETROBRAS")).encode(),
                                  workbook, name="Connections.csv")
    assert report.summary() == "added 0, updated 0, unchanged 2, skipped 0"
    kept = [note for note in report.notes if "were kept" in note]
    assert kept == [
        "1 person in the file has another organisation or job title than your map has. "
        "Your map's were kept, as an import never changes what you have: Jose Haddad "
        "(organisation Umbrella in the file, Globex in your map; job title Director in "
        "the file, Manager in your map). If someone has moved on, change them in step 2."]
    saved = workbook.load_contacts().set_index("name")
    assert (saved.loc["Jose Haddad", "company"], saved.loc["Ana Silva", "company"]) == (
        "Globex", "Petrobras")  # kept as they were; a change of case is not a new job


def test_a_failed_import_leaves_the_workbook_as_it_was(workbook: Workbook) -> None:
    import_into_workbook(DATA / "google_new_header.csv", workbook)
    before = workbook.load_contacts()
    with pytest.raises(ContactImportError, match="empty"):
        import_into_workbook(DATA / "empty.csv", workbook)
    assert workbook.load_contacts().equals(before)


def test_progress_is_reported_from_start_to_finish(workbook: Workbook) -> None:
    seen: list[Stage] = []
    import_into_workbook(DATA / "outlook_utf16.csv", workbook, progress=seen.append)
    percents = [stage.percent for stage in seen]
    assert percents == sorted(percents)
    assert (percents[0], percents[-1]) == (0, 100)
    assert seen[0].message.startswith("Reading the file")
    assert seen[0].total is None
    assert seen[-1].message == "Done."
    rows = workbook.count_contacts()
    read = next(i for i, stage in enumerate(seen) if stage.message.startswith("Read "))
    assert seen[read].message.startswith(f"Read {rows:,} rows")
    assert {stage.total for stage in seen[read:]} == {rows}  # known once the file is read
    reading = [stage.percent for stage in seen[:read]]
    assert len(reading) > 3  # the bar moves while the file itself is read
    assert reading == sorted(set(reading))
    assert reading[-1] < seen[read].percent


def test_a_big_file_says_its_size_while_it_is_read(tmp_path: Path,
                                                    workbook: Workbook) -> None:
    export = tmp_path / "people.csv"
    notes = "met at the spring meetup " * 25  # long rows: a megabyte in 2,000 rows
    export.write_text("Name,Email,Notes\n" + "".join(
        f"Person {n},p{n}@example.org,{notes}\n" for n in range(2_000)), encoding="utf-8")
    seen: list[Stage] = []
    import_into_workbook(export, workbook, progress=seen.append)
    assert seen[0].message == "Reading the file (1 MB)…"
    assert "Saving 2,000 new or changed contacts…" in [stage.message for stage in seen]


@pytest.mark.parametrize("stop_after", [0, 1, 2, 4, 6])
def test_cancel_between_stages_leaves_the_workbook_as_it_was(
        workbook: Workbook, stop_after: int) -> None:
    import_into_workbook(DATA / "google_new_header.csv", workbook)
    before = workbook.load_contacts()
    backups = sorted(p.name for p in workbook.path.parent.rglob("*") if p != workbook.path)
    cancel = threading.Event()
    seen: list[Stage] = []

    def progress(stage: Stage) -> None:
        seen.append(stage)
        if len(seen) > stop_after:
            cancel.set()  # the participant presses Cancel during this stage

    with pytest.raises(ImportCancelled):
        import_into_workbook(DATA / "linkedin_current.csv", workbook, progress=progress,
                             cancel=cancel)
    assert len(seen) == stop_after + 1
    assert workbook.load_contacts().equals(before)
    assert sorted(p.name for p in workbook.path.parent.rglob("*")
                  if p != workbook.path) == backups  # no backup begun


def test_report_texts() -> None:
    report = ImportReport(added=2, updated=1, unchanged=0, skipped=1,
                          skipped_lines=[(7, "this row has no name.")])
    assert report.summary() == "added 2, updated 1, unchanged 0, skipped 1"
    assert report.skipped_text() == ["line 7: this row has no name."]


def test_a_session_reads_first_then_merges_inside_its_own_action(workbook: Workbook) -> None:
    """read_for_import touches no workbook; merge_into_workbook joins the caller's
    transaction, so a failure later in the same action undoes the import too."""
    read = read_for_import(DATA / "linkedin_current.csv")
    assert workbook.revisions()["contacts"] == 0

    def action_failing_after_the_import() -> None:
        with workbook.transaction():
            merge_into_workbook(read, workbook)
            raise RuntimeError("the rest of the action failed")

    with pytest.raises(RuntimeError):
        action_failing_after_the_import()
    assert workbook.count_contacts() == 0
    with workbook.transaction():
        report = merge_into_workbook(read, workbook)
    assert report.summary() == "added 5, updated 0, unchanged 0, skipped 1"
    assert report.contact_ids == set(workbook.load_contacts()["contact_id"])
    assert report.file == "linkedin_current.csv"


def test_cancel_while_a_big_column_is_tidied_stops_before_the_column_ends(
        workbook: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 200 MB file's column takes seconds to tidy: Cancel is heard between its parts."""
    from networking_kit import _canonical
    from networking_kit.importers import assemble
    import_into_workbook(DATA / "google_new_header.csv", workbook)
    before = workbook.load_contacts()
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      + "".join(f"Ana{n},Silva,https://www.linkedin.com/in/ana-{n},,Example,"
                                "Designer,01 Jan 2020\n" for n in range(5_000)), encoding="utf-8")
    monkeypatch.setattr(_canonical, "_TIDIED_PART", 1_000)  # five parts a column
    cancel = threading.Event()
    tidied: list[int] = []
    texts, canonicalise = _canonical._texts, assemble.canonicalise
    finished: list[bool] = []

    def tidying(column: _canonical.Column) -> list[str]:
        tidied.append(len(column.values))
        cancel.set()  # the participant presses Cancel while the first part is tidied
        return texts(column)

    def canonicalising(*args: object, **kwargs: object) -> pd.DataFrame:
        frame = canonicalise(*args, **kwargs)  # type: ignore[arg-type]
        finished.append(True)
        return frame

    monkeypatch.setattr(_canonical, "_texts", tidying)
    monkeypatch.setattr(assemble, "canonicalise", canonicalising)
    with pytest.raises(ImportCancelled):
        import_into_workbook(export, workbook, cancel=cancel)
    assert tidied == [1_000]  # four parts of the first column never tidied
    assert not finished  # the stage stopped part-way
    assert workbook.load_contacts().equals(before)


def test_cancel_stops_keying_a_big_file_part_way(workbook: Workbook, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from networking_kit.importers import importing
    import_into_workbook(DATA / "google_new_header.csv", workbook)
    before = workbook.load_contacts()
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      + "".join(f"Ana{n},Silva,https://www.linkedin.com/in/ana-{n},,Example,"
                                "Designer,01 Jan 2020\n" for n in range(5_000)), encoding="utf-8")
    monkeypatch.setattr(importing, "_KEYED_PART", 1_000)  # five parts
    monkeypatch.setattr(importing, "_KEYED_LEAST", 1_000)
    cancel = threading.Event()
    keyed: list[int] = []
    match_keys = importing.match_keys

    def counting(frame: pd.DataFrame) -> pd.DataFrame:
        keyed.append(len(frame))
        if len(keyed) == 2:
            cancel.set()  # the participant presses Cancel while the second part is keyed
        return match_keys(frame)

    monkeypatch.setattr(importing, "match_keys", counting)
    with pytest.raises(ImportCancelled):
        import_into_workbook(export, workbook, cancel=cancel)
    assert keyed == [1_000, 1_000]  # three parts of five never keyed
    assert workbook.load_contacts().equals(before)


def count_keying(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows of each part the import makes match keys for, as it makes them."""
    from networking_kit.importers import importing
    keyed: list[int] = []
    match_keys = importing.match_keys

    def counting(frame: pd.DataFrame) -> pd.DataFrame:
        keyed.append(len(frame))
        return match_keys(frame)

    monkeypatch.setattr(importing, "match_keys", counting)
    return keyed


def test_a_small_file_is_keyed_an_eighth_at_a_time(workbook: Workbook, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from networking_kit.importers import importing
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      + "".join(f"Ana{n},Silva,https://www.linkedin.com/in/ana-{n},,Example,"
                                "Designer,01 Jan 2020\n" for n in range(4_000)), encoding="utf-8")
    monkeypatch.setattr(importing, "_KEYED_LEAST", 100)
    keyed = count_keying(monkeypatch)
    workbook.add_contacts(read_contacts(DATA / "linkedin_current.csv"))  # some to match
    report = import_into_workbook(export, workbook)
    assert keyed == [500] * 8  # the keys' text of an eighth of the file at a time
    assert report.added == 4_000
    assert len(report.contact_ids) == 4_000
    assert report.contact_ids < set(workbook.load_contacts()["contact_id"])


def test_a_first_import_makes_no_match_keys(workbook: Workbook,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing saved to match the file with: its rows are not keyed (the keys were half
    the file's size at a first import's peak), and the file's own duplicates are still
    folded as it is read. Once the workbook has contacts, a file is keyed as it is read."""
    from networking_kit.importers import importing
    keyed = count_keying(monkeypatch)
    monkeypatch.setattr(importing, "_KEYED_LEAST", 1)  # even a small file keyed in parts
    twice = (DATA / "linkedin_current.csv").read_bytes() + b"Ana,Silva,,ana@example.org,,,\n" * 2
    report = import_into_workbook(twice, workbook, name="Connections.csv")
    assert keyed == []
    assert (report.added, report.duplicates) == (6, 1)
    again = read_request(request_import(twice, workbook, name="Connections.csv"))
    assert sum(keyed) == 6
    assert again.incoming.keys is not None
    assert merge_into_workbook(again, workbook).summary() == (
        "added 0, updated 0, unchanged 6, skipped 1")


def test_rows_read_for_an_empty_workbook_still_match_contacts_saved_meanwhile(
        workbook: Workbook) -> None:
    """Read unkeyed while the workbook was empty, then another window imported the same
    file: the merge keys the rows itself, so nobody is added twice."""
    request = request_import(DATA / "linkedin_current.csv", workbook)
    assert not request.keyed
    read = read_request(request)
    assert read.incoming.keys is None
    import_into_workbook(DATA / "linkedin_current.csv", workbook)  # the other window
    report = merge_into_workbook(read, workbook)
    assert report.summary() == "added 0, updated 0, unchanged 5, skipped 1"
    assert workbook.count_contacts() == 5


def test_a_namesake_at_another_organisation_is_kept_and_reported(workbook: Workbook) -> None:
    import_into_workbook(b"Name,Company\r\nJane Doe,Acme\r\n", workbook, name="a.csv")
    report = import_into_workbook(b"Name,Company\r\nJane Doe,Globex\r\nJane Doe,\r\n",
                                  workbook, name="b.csv")
    assert report.added == 2
    assert workbook.count_contacts() == 3
    possible = sorted(note for note in report.notes if note.startswith("Possibly"))
    assert possible == [
        "Possibly the same person: Jane Doe (Acme): the same name, at different "
        "organisations. Both were kept; if they are one person, combine them in step 2 (or "
        "with networking-kit duplicates).",
        "Possibly the same person: Jane Doe (Acme): the same name; one has no organisation. "
        "Both were kept; if they are one person, combine them in step 2 (or with "
        "networking-kit duplicates)."]
    # On step 2's own page the same sentence points at its list (found by a tester, who
    # read "combine them in step 2" there).
    on_page = [line for line in report.details(on_page=True) if line.startswith("Possibly")]
    assert sorted(on_page)[0].endswith(
        "Both were kept; if they are one person, combine them with the Combine button "
        "below this import.")
    assert not any("step 2" in line for line in report.details(on_page=True))
    unread = read_contacts(b"Name,Met\r\nAda Reed,Lisbon\r\n", name="c.csv")
    page = import_into_workbook(b"Name,Met\r\nAda Reed,Lisbon\r\n", workbook, name="c.csv")
    assert unread.attrs["columns_ignored"] == ["Met"]
    assert page.details(on_page=True)[-1].endswith(
        'how close you are and where you know someone from are set under "Sort them" on '
        "this page.")
