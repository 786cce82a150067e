"""Every multi-row store action is all or nothing: a failure at any statement (or half-way
through a many-row one) leaves the workbook file exactly as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from faults import InjectedFault, assert_all_or_nothing, fail_at

from networking_kit.contacts import normalise_contacts
from networking_kit.importers import import_into_workbook
from networking_kit.samples import load_sample_contacts
from networking_kit.store import Workbook

DATA = Path(__file__).parent / "data" / "imports"


@pytest.fixture
def filled(workbook: Workbook) -> Workbook:
    """A workbook with the sample's 150 contacts, a goal, a plan, a log and census ties."""
    contacts = load_sample_contacts(today=date(2026, 11, 23))
    workbook.save_contacts(contacts)
    ids = contacts["contact_id"].tolist()
    workbook.save_goal({"kind": "better_connected", "how_many": 2})
    workbook.set_profile("participant_name", "Alex")
    for number, contact_id in enumerate(ids[:5]):
        workbook.add_followup(kind="catch_up", title=f"Coffee {number}", contact_id=contact_id,
                              due_on=date(2026, 12, number + 1), data={"why": "rhythm"})
        workbook.log_interaction(contact_id, happened_on=date(2026, 10, 1), kind="call")
    workbook.set_tie(ids[0], ids[1])
    workbook.set_tie(ids[2], ids[3])
    return workbook


def ids_of(workbook: Workbook) -> list[str]:
    return workbook.load_contacts()["contact_id"].tolist()


def test_save_contacts(filled: Workbook) -> None:
    changed = filled.load_contacts().head(40).copy()
    changed["notes"] = "rewritten"
    new = normalise_contacts(pd.DataFrame([{"name": f"New {n}"} for n in range(20)]))
    assert assert_all_or_nothing(filled, lambda: filled.save_contacts(
        pd.concat([changed, new], ignore_index=True))) >= 4
    assert filled.count_contacts() == 170


def test_save_contacts_replacing_everything(filled: Workbook) -> None:
    kept = filled.load_contacts().head(100)
    assert_all_or_nothing(filled, lambda: filled.save_contacts(kept, replace=True))
    assert filled.count_contacts() == 100


def test_update_and_patch_contacts(filled: Workbook) -> None:
    ids = ids_of(filled)
    assert_all_or_nothing(filled, lambda: filled.update_contacts(ids[:60], strength="close"))
    assert_all_or_nothing(filled, lambda: filled.patch_contacts(
        {ids[0]: {"notes": "a"}, ids[1]: {"context": "online", "trust": "high"},
         ids[2]: {"notes": "b"}}))
    assert filled.load_contacts().set_index("contact_id").loc[ids[1], "trust"] == "high"


def test_delete_contacts_with_their_log_ties_and_plan(filled: Workbook) -> None:
    ids = ids_of(filled)
    assert_all_or_nothing(filled, lambda: filled.delete_contacts(ids[:10]))
    assert filled.count_contacts() == 140
    assert filled.load_ties() == []


def test_restore(filled: Workbook, tmp_path: Path) -> None:
    from networking_kit.store import open_workbook

    with open_workbook(tmp_path / "other.sqlite") as other:
        other.save_contacts(normalise_contacts(pd.DataFrame([{"name": "Only One"}])))
        other.save_goal({"kind": "new_role"})
        backup = other.snapshot()
    assert_all_or_nothing(filled, lambda: filled.restore(backup))
    assert filled.snapshot() == backup


def test_import_new_and_updated_contacts(filled: Workbook) -> None:
    import_into_workbook(DATA / "linkedin_current.csv", filled)
    ids = ids_of(filled)
    filled.patch_contacts({ids[-1]: {"position": None}, ids[-2]: {"company": None}})
    statements = assert_all_or_nothing(
        filled, lambda: import_into_workbook(DATA / "google_new_header.csv", filled))
    assert statements > 5


def test_log_interaction_tie_goal_profile_and_followups(filled: Workbook) -> None:
    ids = ids_of(filled)
    followup = filled.load_followups()[0]["followup_id"]
    for action in (
            lambda: filled.log_interaction(ids[7], happened_on=date(2026, 11, 2), kind="call"),
            lambda: filled.set_tie(ids[4], ids[5]),
            lambda: filled.set_tie(ids[0], ids[1], know_each_other=False),
            lambda: filled.update_goal({"how_many": 3, "deadline": "2027-01-01"}),
            lambda: filled.set_profile("participant_name", "Sam"),
            lambda: filled.add_followup(kind="check_in", title="30-day check-in"),
            lambda: filled.update_followup(followup, status="done",
                                           data_changes={"done_on": "2026-11-20"})):
        assert_all_or_nothing(filled, action)
    assert filled.load_followups()[0]["data"]["done_on"] == "2026-11-20"


def test_an_action_composed_of_many_store_calls(filled: Workbook) -> None:
    """What a step session does: several store calls in one transaction."""
    ids = ids_of(filled)

    def log_an_event() -> None:
        with filled.transaction():
            new = normalise_contacts(pd.DataFrame([{"name": "Met Today"}]), source="event")
            filled.save_contacts(new)
            for contact_id in (ids[3], new["contact_id"].iloc[0]):
                filled.log_interaction(contact_id, happened_on=date(2026, 11, 20),
                                       kind="met at an event")
                filled.add_followup(kind="event_follow_up", title="Say thanks",
                                    contact_id=contact_id)
            filled.update_contact(ids[3], notes="Met at the meet-up")

    assert assert_all_or_nothing(filled, log_an_event) > 10


def test_the_helper_catches_an_action_that_is_not_one_transaction(filled: Workbook) -> None:
    ids = ids_of(filled)

    def two_transactions() -> None:
        filled.update_contact(ids[0], notes="first")
        filled.update_contact(ids[1], notes="second")

    with pytest.raises(AssertionError, match="left part of the action saved"):
        assert_all_or_nothing(filled, two_transactions)


def test_a_many_row_statement_fails_half_way_and_is_rolled_back(filled: Workbook) -> None:
    ids = ids_of(filled)
    before = filled.snapshot()
    with fail_at(filled, None) as counting:
        filled.update_contacts(ids, notes="x")
    assert filled.snapshot() != before
    filled.restore(before)
    update = 1 + next(n for n, sql in enumerate(counting.statements)
                      if sql.startswith("UPDATE contacts"))
    with fail_at(filled, update) as fault, pytest.raises(InjectedFault):
        filled.update_contacts(ids, notes="y")  # the UPDATE itself, after half its rows
    assert fault.fired
    assert "UPDATE contacts" in fault.statements[-1]
    assert filled.snapshot() == before
