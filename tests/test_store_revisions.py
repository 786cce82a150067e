"""Revisions: every write says which tables (and which contact and follow-up rows) changed,
so a window can catch up on just those."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd

from networking_kit.contacts import COLUMN_NAMES, normalise_contacts
from networking_kit.store import MIGRATIONS, SCHEMA_VERSION, TABLES, Workbook, open_workbook


def people(*names: str) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame([{"name": n} for n in names]))


def moved(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {table for table in TABLES if after[table] != before[table]}


def test_each_write_moves_only_its_own_tables(workbook: Workbook) -> None:
    assert workbook.revisions() == dict.fromkeys(TABLES, 0)
    workbook.save_contacts(people("Ada", "Ben", "Cy"))
    a, b, c = workbook.load_contacts()["contact_id"]
    steps = [
        (lambda: workbook.set_profile("participant_name", "Alex"), {"profile"}),
        (lambda: workbook.set_profile("participant_name", "Alex"), set()),  # unchanged
        (lambda: workbook.save_goal({"kind": "new_role"}), {"goal"}),
        (lambda: workbook.update_goal({"kind": "new_role"}), set()),
        (lambda: workbook.update_goal({"how_many": 2}), {"goal"}),
        (lambda: workbook.update_contact(a, strength="close"), {"contacts"}),
        (lambda: workbook.update_contacts([a], strength="close"), set()),
        (lambda: workbook.add_followup(kind="check_in", title="Check in"), {"followups"}),
        (lambda: workbook.set_tie(a, b), {"ties"}),
        (lambda: workbook.set_tie(b, a), set()),
        (lambda: workbook.log_interaction(a, happened_on=date(2026, 1, 2), kind="call"),
         {"interactions", "contacts"}),
        (lambda: workbook.log_interaction(a, happened_on=date(2025, 1, 2), kind="call"),
         {"interactions"}),  # an older call does not move the last contact
        (lambda: workbook.delete_contacts([c]), {"contacts", "followups", "interactions",
                                              "ties"}),
        (lambda: workbook.delete_contacts(["nobody"]), set()),
    ]
    for number, (write, tables) in enumerate(steps):
        before = workbook.revisions()
        write()
        after = workbook.revisions()
        assert moved(before, after) == tables, number
        assert all(after[t] > max(before.values()) for t in tables), number


def test_a_window_catches_up_on_just_the_changed_contacts(tmp_path: Path) -> None:
    path = tmp_path / "wb.sqlite"
    with open_workbook(path) as mine, open_workbook(path) as other:
        other.save_contacts(people(*[f"Person {n}" for n in range(50)]))
        held = mine.revisions()["contacts"]
        everyone = mine.load_contacts()
        ids = everyone["contact_id"].tolist()

        other.update_contact(ids[3], strength="close")
        other.update_contacts(ids[10:12], context="online")
        other.save_contacts(people("Newcomer"))
        other.delete_contacts([ids[20]])

        changes = mine.contacts_changed_since(held)
        assert list(changes.rows.columns) == list(COLUMN_NAMES)
        assert changes.rows["contact_id"].tolist() == [ids[3], ids[10], ids[11],
                                                       changes.rows["contact_id"].iloc[-1]]
        assert changes.rows["name"].iloc[-1] == "Newcomer"
        assert changes.rows.set_index("contact_id").loc[ids[3], "strength"] == "close"
        assert changes.removed_ids == {ids[20]}
        assert changes.revision == mine.revisions()["contacts"] > held

        caught_up = changes.apply_to(everyone)
        pd.testing.assert_frame_equal(caught_up, mine.load_contacts())
        pd.testing.assert_frame_equal(changes.apply_to(caught_up), caught_up)  # idempotent

        again = mine.contacts_changed_since(changes.revision)
        assert again.apply_to(caught_up) is caught_up
        assert again.rows.empty
        assert again.removed_ids == frozenset()
        assert list(mine.load_contacts().columns) == list(COLUMN_NAMES)


def test_a_removed_contact_added_again_is_a_change_not_a_removal(workbook: Workbook) -> None:
    ada = people("Ada")
    workbook.save_contacts(ada)
    held = workbook.revisions()["contacts"]
    workbook.delete_contacts(ada["contact_id"].tolist())
    workbook.save_contacts(ada)
    changes = workbook.contacts_changed_since(held)
    assert changes.rows["name"].tolist() == ["Ada"]
    assert changes.removed_ids == frozenset()


def test_followups_changed_since(workbook: Workbook) -> None:
    first = workbook.add_followup(kind="check_in", title="First")
    second = workbook.add_followup(kind="check_in", title="Second")
    held = workbook.revisions()["followups"]
    assert not workbook.update_followup(first, title="First")  # unchanged: not written
    assert workbook.followups_changed_since(held).rows == []
    assert workbook.update_followup(second, status="done")
    changes = workbook.followups_changed_since(held)
    assert [(f["followup_id"], f["status"]) for f in changes.rows] == [(second, "done")]
    assert set(changes.rows[0]) == set(workbook.load_followups()[0])


def test_restore_is_a_change_every_window_can_catch_up_on(workbook: Workbook) -> None:
    workbook.save_contacts(people("Ada", "Ben"))
    workbook.add_followup(kind="check_in", title="Old plan")
    backup = workbook.snapshot()
    workbook.save_contacts(people("Cy"))
    cy = workbook.load_contacts()["contact_id"].iloc[-1]
    held = workbook.revisions()
    workbook.restore(backup)
    assert moved(held, workbook.revisions()) == set(TABLES)
    changes = workbook.contacts_changed_since(held["contacts"])
    assert changes.rows["name"].tolist() == ["Ada", "Ben"]
    assert changes.removed_ids == {cy}
    assert workbook.snapshot() == backup
    assert "revision" not in backup["contacts"][0]
    assert "revision" not in backup["followups"][0]


def test_a_version_3_file_upgrades_with_revisions(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statements in MIGRATIONS[:3]:
        for statement in statements:
            db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (3)")
    db.execute("INSERT INTO contacts (contact_id, name, strength) VALUES ('c1', 'Kept', 'close')")
    db.execute("INSERT INTO followups (contact_id, kind, title) VALUES ('c1', 'catch_up', 'Hi')")
    db.commit()
    db.close()
    with open_workbook(path) as workbook:
        assert workbook.schema_version == SCHEMA_VERSION == 4
        assert workbook.revisions() == dict.fromkeys(TABLES, 0)
        assert workbook.contacts_changed_since(-1).rows["name"].tolist() == ["Kept"]
        workbook.update_contact("c1", notes="after the upgrade")
        changes = workbook.contacts_changed_since(0)
        assert changes.rows["notes"].tolist() == ["after the upgrade"]
        assert changes.rows["strength"].tolist() == ["close"]
        assert workbook.load_followups()[0]["title"] == "Hi"
