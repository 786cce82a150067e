"""The contacts' column-by-column copy a page opens from (``store._contacts_cache``): whatever
writes the file, a load from the copy is exactly the table read row by row."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import normalise_contacts
from networking_kit.samples import large_network
from networking_kit.store import Workbook, open_workbook


def people(*names: str, **fields: object) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame([{"name": n, **fields} for n in names]))


def row_by_row(workbook: Workbook, tmp_path: Path) -> pd.DataFrame:
    """The table as read without any copy: a copy of the file with the copy dropped."""
    target = tmp_path / f"truth{random.randrange(10**9)}.sqlite"
    workbook.save_copy(target)
    with sqlite3.connect(target) as raw:
        raw.execute("DROP TABLE IF EXISTS contacts_cache")
    with open_workbook(target, daily_backup=False) as truth:
        return truth.load_contacts()


def copied_rows(workbook: Workbook) -> int:
    """How many columns the saved copy holds (0: none, or never made in this file)."""
    try:
        found = workbook._db.execute("SELECT COUNT(*) FROM contacts_cache").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(found[0])


def keep_copy(workbook: Workbook) -> pd.DataFrame:
    """Open a page from the table and keep its copy, as a drawn page does."""
    contacts = workbook.load_contacts(for_page=True)
    assert workbook.save_contacts_cache()
    assert copied_rows(workbook) > 0
    return contacts


@pytest.fixture
def filled(workbook: Workbook) -> Workbook:
    network = large_network(400)
    network.loc[3, "notes"] = "Line one · line two, «quoted» 🙂"
    network.loc[5, "notes"] = None
    workbook.save_contacts(network)
    with sqlite3.connect(workbook.path) as other:  # empty text is not a missing value
        other.execute("UPDATE contacts SET notes = '' WHERE rowid = 5")
    return workbook


def test_a_page_opens_from_the_copy_with_exactly_the_table(filled: Workbook,
                                                           tmp_path: Path) -> None:
    read = keep_copy(filled)
    again = filled.load_contacts()
    pd.testing.assert_frame_equal(again, read)
    pd.testing.assert_frame_equal(again, row_by_row(filled, tmp_path))
    assert again.loc[3, "notes"] == "Line one · line two, «quoted» 🙂"
    assert again.loc[4, "notes"] == ""
    assert pd.isna(again.loc[5, "notes"])
    assert not filled.cache_waiting
    assert not filled.save_contacts_cache()  # nothing waits now: nothing written


def test_every_kind_of_write_after_the_copy_is_seen(filled: Workbook, tmp_path: Path) -> None:
    keep_copy(filled)
    ids = list(filled.load_contacts()["contact_id"])
    rng = random.Random(11)
    writes = [
        lambda: filled.update_contact(rng.choice(ids), strength="close", notes="Met at a fair"),
        lambda: filled.update_contacts(rng.sample(ids, 5), context="work_inside"),
        lambda: filled.patch_contacts({rng.choice(ids): {"last_contact": date(2026, 3, 1)}}),
        lambda: filled.add_contacts(people(f"New person {rng.random()}")),
        lambda: filled.save_contacts(people("Saved again", company="Acme")),
        lambda: filled.log_interaction(rng.choice(ids), happened_on=date(2026, 5, 1),
                                       kind="call"),
    ]
    for number in range(30):
        rng.choice(writes)()
        assert copied_rows(filled) > 0, number  # stamped writes keep the copy
        pd.testing.assert_frame_equal(filled.load_contacts(), row_by_row(filled, tmp_path))


def test_a_removed_person_takes_the_copy_with_them(filled: Workbook, tmp_path: Path) -> None:
    keep_copy(filled)
    gone = filled.load_contacts().iloc[7]
    filled.delete_contacts([gone["contact_id"]])
    assert copied_rows(filled) == 0  # their name is not left behind in the copy
    after = filled.load_contacts()
    assert gone["contact_id"] not in set(after["contact_id"])
    pd.testing.assert_frame_equal(after, row_by_row(filled, tmp_path))


def test_a_write_that_does_not_stamp_a_revision_drops_the_copy(filled: Workbook,
                                                               tmp_path: Path) -> None:
    keep_copy(filled)
    with sqlite3.connect(filled.path) as other:  # an old tool, a hand edit
        other.execute("UPDATE contacts SET company = 'Renamed Ltd' WHERE rowid = 2")
    assert copied_rows(filled) == 0
    assert filled.load_contacts().loc[1, "company"] == "Renamed Ltd"
    keep_copy(filled)
    with sqlite3.connect(filled.path) as other:  # a row replaced: new place, old revision
        other.execute("INSERT OR REPLACE INTO contacts (contact_id, name, revision) "
                      "SELECT contact_id, 'Moved To The End', 0 FROM contacts WHERE rowid = 2")
    assert filled.load_contacts()["name"].iloc[-1] == "Moved To The End"
    pd.testing.assert_frame_equal(filled.load_contacts(), row_by_row(filled, tmp_path))


def test_a_row_rewritten_with_a_new_revision_keeps_the_file_order(filled: Workbook,
                                                                  tmp_path: Path) -> None:
    keep_copy(filled)
    newer = int(filled.revisions()["contacts"]) + 5
    with sqlite3.connect(filled.path) as other:
        other.execute("INSERT OR REPLACE INTO contacts (contact_id, name, revision) "
                      "SELECT contact_id, 'Replaced', ? FROM contacts WHERE rowid = 3", (newer,))
        other.execute("UPDATE revisions SET revision = ? WHERE name = 'contacts'", (newer,))
    assert copied_rows(filled) > 0
    loaded = filled.load_contacts()
    assert loaded["name"].iloc[-1] == "Replaced"
    pd.testing.assert_frame_equal(loaded, row_by_row(filled, tmp_path))


def test_many_changes_read_every_row_and_a_new_copy_follows(filled: Workbook,
                                                            tmp_path: Path) -> None:
    keep_copy(filled)
    filled.add_contacts(large_network(300).assign(contact_id=lambda f: "more-" + f["contact_id"]))
    assert not filled.cache_waiting
    loaded = filled.load_contacts(for_page=True)  # 300 new of 700: read row by row
    assert filled.cache_waiting
    pd.testing.assert_frame_equal(loaded, row_by_row(filled, tmp_path))
    assert filled.save_contacts_cache()
    pd.testing.assert_frame_equal(filled.load_contacts(), loaded)


def test_a_stale_copy_is_never_written(filled: Workbook, tmp_path: Path) -> None:
    filled.load_contacts(for_page=True)
    with open_workbook(filled.path, daily_backup=False) as other:
        other.update_contact(other.load_contacts()["contact_id"][0], strength="close")
    assert not filled.save_contacts_cache()
    assert copied_rows(filled) == 0
    assert filled.load_contacts().loc[0, "strength"] == "close"


def test_a_busy_file_is_left_alone_at_once(filled: Workbook) -> None:
    filled.load_contacts(for_page=True)
    waits = filled._db.execute("PRAGMA busy_timeout").fetchone()[0]
    holder = sqlite3.connect(filled.path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert not filled.save_contacts_cache()
    finally:
        holder.rollback()
        holder.close()
    assert filled._db.execute("PRAGMA busy_timeout").fetchone()[0] == waits
    filled.update_contact(filled.load_contacts()["contact_id"][0], strength="close")  # saves


def test_a_read_only_workbook_opens_and_keeps_no_copy(filled: Workbook) -> None:
    with open_workbook(filled.path, read_only=True, daily_backup=False) as looking:
        looking.load_contacts(for_page=True)
        assert not looking.save_contacts_cache()
    assert copied_rows(filled) == 0


def test_text_the_copy_cannot_hold_is_read_row_by_row(workbook: Workbook,
                                                      tmp_path: Path) -> None:
    workbook.save_contacts(people("Ann Roth", "Ben Roux"))
    with sqlite3.connect(workbook.path) as other:
        other.execute("UPDATE contacts SET notes = 'a' || char(0) || 'b' WHERE rowid = 1")
    workbook.load_contacts(for_page=True)
    assert not workbook.save_contacts_cache()
    assert copied_rows(workbook) == 0


def test_a_copy_in_another_form_is_ignored(filled: Workbook, tmp_path: Path) -> None:
    keep_copy(filled)
    with sqlite3.connect(filled.path) as other:
        other.execute("UPDATE contacts_cache SET format = format + 1")
    pd.testing.assert_frame_equal(filled.load_contacts(), row_by_row(filled, tmp_path))
    keep_copy(filled)
    with sqlite3.connect(filled.path) as other:  # a vocabulary with another order
        other.execute("UPDATE contacts_cache SET blanks = CAST('x' AS BLOB) "
                      "WHERE column_name = 'strength'")
    pd.testing.assert_frame_equal(filled.load_contacts(), row_by_row(filled, tmp_path))
    keep_copy(filled)
    with sqlite3.connect(filled.path) as other:  # cut short
        other.execute("UPDATE contacts_cache SET data = substr(data, 1, 10) "
                      "WHERE column_name = 'name'")
    pd.testing.assert_frame_equal(filled.load_contacts(), row_by_row(filled, tmp_path))


def test_steps_2_and_3_keep_the_copy_once_their_page_is_drawn(filled: Workbook,
                                                              tmp_path: Path) -> None:
    from networking_kit.ui import followup_workbook, map_workbook

    step = map_workbook(filled, today=date(2026, 6, 1))  # no event loop: drawn at once
    assert copied_rows(filled) > 0
    assert not filled.cache_waiting
    ids = list(step.session.contacts["contact_id"][:3])
    step.session.sort_many(ids, strength="close")
    later = followup_workbook(filled, today=date(2026, 6, 1))  # opens from copy + 3 rows
    pd.testing.assert_frame_equal(later.session.contacts, row_by_row(filled, tmp_path))
    assert set(later.session.contacts.set_index("contact_id").loc[ids, "strength"]) == {
        "close"}


def test_a_file_from_before_the_copy_opens_read_only_as_it_did(filled: Workbook) -> None:
    filled.load_contacts(for_page=True)  # no copy written: the file as an older toolkit left it
    with open_workbook(filled.path, read_only=True, daily_backup=False) as looking:
        pd.testing.assert_frame_equal(looking.load_contacts(), filled.load_contacts())
    assert filled.save_contacts_cache()  # the table and its triggers are made on the way
    assert copied_rows(filled) > 0


def test_a_removal_in_step_2_renews_the_cache_after_the_action(filled: Workbook,
                                                               tmp_path: Path) -> None:
    from networking_kit.ui import map_workbook

    step = map_workbook(filled, today=date(2026, 6, 1))
    gone = step.session.contacts["contact_id"].iloc[9]
    with open_workbook(filled.path, daily_backup=False) as other:  # another window
        other.delete_contacts([gone])  # the cache goes with the person
    assert step.session.refresh()
    assert copied_rows(filled) == 0
    assert step.redraws.pending.count("next opening") == 1
    step.flush_redraws()
    assert copied_rows(filled) > 0
    assert gone not in set(filled.load_contacts()["contact_id"])
    pd.testing.assert_frame_equal(filled.load_contacts(), row_by_row(filled, tmp_path))


def test_an_import_from_the_command_line_leaves_a_cache(tmp_path: Path) -> None:
    from networking_kit.cli import main

    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ada,Okafor,https://www.linkedin.com/in/ada-okafor,,Acme Ltd,Engineer,"
                      "02 Nov 2023\n", encoding="utf-8")
    path = tmp_path / "mine.sqlite"
    assert main(["--db", str(path), "import", str(export)]) == 0
    with open_workbook(path, daily_backup=False) as workbook:
        assert workbook.has_contacts_cache
        assert list(workbook.load_contacts()["name"]) == ["Ada Okafor"]
    assert not open_workbook(path, read_only=True).renew_contacts_cache()
