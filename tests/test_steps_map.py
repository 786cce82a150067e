"""Step 2's session, driven directly: every action whole or not at all, memory equal to the
file after every action, two windows on one file losing nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError, ContactValidationError
from networking_kit.goals import Goal, GoalKind
from networking_kit.samples import load_sample_contacts
from networking_kit.settings import CENSUS_MAX
from networking_kit.steps._session import STALE_NOTE, Change, ChangeEvent
from networking_kit.steps.map import MapSession, quick_add_decision
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import save_goal

TODAY = date(2026, 11, 1)
DATA = Path(__file__).parent / "data" / "imports"


def fresh(workbook: Workbook) -> MapSession:
    return MapSession(workbook, TODAY)


def assert_memory_is_the_file(session: MapSession) -> None:
    saved = session.workbook.load_contacts()
    pd.testing.assert_frame_equal(session.contacts.reset_index(drop=True), saved)
    assert session.ties == session.workbook.load_ties()


@pytest.fixture
def session(workbook: Workbook) -> MapSession:
    started = fresh(workbook)
    assert started.use_sample() > 100
    return started


def heard_by(session: MapSession, *topics: Change) -> list[ChangeEvent]:
    heard: list[ChangeEvent] = []
    session.listen(heard.append, *topics)
    return heard


# ------------------------------------------------------------------------- add by hand


def test_add_person_saves_exactly_the_fields_given(workbook: Workbook) -> None:
    session = fresh(workbook)
    heard = heard_by(session, Change.CONTACTS)
    result = session.add_person("  Priya   Shah ", context="community", strength="regular",
                                field="Healthcare")
    assert result.added
    assert result.sentence == "Added Priya Shah. Type the next name."
    plain = session.add_person("Ben Okafor")
    (priya, ben) = workbook.load_contacts().to_dict("records")
    assert (priya["name"], priya["context"], priya["strength"], priya["tags"]) == (
        "Priya Shah", "community", "regular", "healthcare")
    assert priya["source"] == "manual"
    assert ben["name"] == "Ben Okafor"
    assert all(pd.isna(ben[c]) for c in ("context", "strength", "tags", "last_contact"))
    assert [e.contact_ids for e in heard] == [frozenset({result.contact_id}),
                                             frozenset({plain.contact_id})]
    assert session.people == 2
    assert_memory_is_the_file(session)


def test_add_person_never_adds_the_same_person_twice(workbook: Workbook) -> None:
    session = fresh(workbook)
    assert not session.add_person("   ").added
    assert session.add_person("Ana Lopez", strength="closest").added
    heard = heard_by(session)
    again = session.add_person("ana  lopez", strength="dormant")
    assert not again.added
    assert "already in your map" in again.sentence
    assert heard == []  # nothing changed, nothing to redraw
    assert workbook.load_contacts()["strength"].tolist() == ["closest"]


def test_quick_add_decision_tells_a_namesake_from_the_same_person() -> None:
    assert quick_add_decision("Ana Lopez", "a1", {"a1"}, {"ana lopez"}) == (False, True)
    assert quick_add_decision("Ana Lopez", "a2", {"a1"}, {"ana lopez"}) == (True, True)
    assert quick_add_decision("Ben", "b1", {"a1"}, {"ana lopez"}) == (True, False)


def test_a_bad_code_saves_nothing(workbook: Workbook) -> None:
    session = fresh(workbook)
    with pytest.raises(ContactValidationError):
        session.add_person("Ana Lopez", strength="best friend")
    assert workbook.count_contacts() == 0
    assert session.people == 0


# ----------------------------------------------------------------------------- sorting


def test_edit_contact_changes_one_person_in_file_and_memory(session: MapSession) -> None:
    first = session.contacts["contact_id"].iloc[0]
    heard = heard_by(session, Change.CONTACTS)
    session.edit_contact(first, strength="dormant", last_contact=date(2026, 10, 20),
                         notes="Met at the library talk.")
    person = session.record(first)
    assert person is not None
    assert (person["strength"], person["last_contact"], person["notes"]) == (
        "dormant", pd.Timestamp("2026-10-20"), "Met at the library talk.")
    session.edit_contact(first, notes=None)
    assert pd.isna(session.record(first)["notes"])
    assert heard[0].contact_ids == frozenset({first})
    assert_memory_is_the_file(session)
    with pytest.raises(KeyError):
        session.edit_contact("nobody", strength="close")


def test_sort_many_is_one_transaction(session: MapSession, monkeypatch) -> None:
    """A failure half-way through a batch leaves neither the file nor memory changed."""
    ids = session.contacts["contact_id"].head(20).tolist()
    before = session.contacts.copy()
    original = session.workbook.update_contacts

    def half_then_fail(contact_ids, **fields):
        original(contact_ids[:10], **fields)
        raise OSError("disk full")

    monkeypatch.setattr(session.workbook, "update_contacts", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        session.sort_many(ids, strength="acquaintance")
    monkeypatch.undo()
    pd.testing.assert_frame_equal(session.contacts, before)
    assert_memory_is_the_file(session)
    assert session.sort_many(ids, strength="acquaintance") == 20
    assert (session.contacts.head(20)["strength"] == "acquaintance").all()
    assert_memory_is_the_file(session)


def test_views_follow_every_action(workbook: Workbook) -> None:
    session = fresh(workbook)
    assert session.count_sentence().startswith("Your map holds 0 people.")
    for number in range(30):
        session.add_person(f"Person {number}")
    assert session.count_sentence() == (
        "Your map holds 30 people; 0 of them have a closeness. Give 15 more people a "
        "closeness to finish this step.")
    assert not session.done
    session.edit_contact(session.contacts["contact_id"].iloc[0], strength="close")
    assert session.count_sentence().endswith(
        "1 of them has a closeness. Give 14 more people a closeness to finish this step.")
    layers_before = session.layers()
    session.sort_many(session.contacts["contact_id"].head(15).tolist(), strength="close")
    assert session.count_sentence() == "Your map holds 30 people; 15 of them have a closeness."
    assert session.done
    assert session.layers() is not layers_before  # cached per change, recomputed after one
    assert session.layers() is session.layers()
    assert {r.strength.value: r.count for r in session.layers()}["close"] == 15
    assert session.composition("context") == {"Where from not set": 30}
    assert session.summary_lines()[0] == "30 people in your map, 15 not sorted yet."


def test_gaps_follow_the_goal_and_the_sorting(session: MapSession) -> None:
    assert session.gaps() is None  # no goal yet
    with open_workbook(session.workbook.path) as step_one:  # step 1's page, another kernel
        save_goal(step_one, Goal(kind=GoalKind.BETTER_CONNECTED, targets=["fintech"]))
    assert session.refresh()
    report = session.gaps()
    assert report is not None
    assert report.rewarm
    someone = report.rewarm[0].contact_id
    session.edit_contact(someone, last_contact=TODAY)
    assert someone not in [r.contact_id for r in session.gaps().rewarm]
    assert "re-warm" in session.summary_lines()[-1]


def test_what_a_sort_keeps_is_what_opening_the_file_again_works_out(
        session: MapSession) -> None:
    """Sorting keeps the values that read no closeness (possible duplicates, the field
    checklist) and reads again only the edited rows' words for the gaps (issue 11): each
    must still be what a fresh session works out, and a words edit must not be kept."""
    with open_workbook(session.workbook.path) as step_one:  # step 1's page, another kernel
        save_goal(step_one, Goal(kind=GoalKind.BETTER_CONNECTED, targets=["fintech"]))
    assert session.refresh()

    def views(one: MapSession) -> tuple[object, ...]:
        return (one.gaps(), one.possible_duplicates(), one.field_candidates("fintech"),
                one.metrics(), one.layers())

    views(session)
    ids = session.contacts["contact_id"].astype(str).tolist()
    session.edit_contact(ids[0], strength="close", context="client")
    session.sort_many(ids[1:6], strength="known")
    session.edit_contact(ids[6], notes="moving into fintech payments")  # words: read again
    session.edit_contact(ids[7], company=str(session.contacts["company"].iloc[8]),
                         name=str(session.contacts["name"].iloc[8]))  # a possible pair now
    assert views(fresh(session.workbook)) == views(session)
    assert session._row_reading().hits["fintech"][6]
    session.edit_contact(ids[9], strength="acquaintance")
    assert views(fresh(session.workbook)) == views(session)


# ------------------------------------------------------------------ import and sample


def test_import_file_merges_and_a_bad_file_changes_nothing(workbook: Workbook) -> None:
    session = fresh(workbook)
    heard = heard_by(session, Change.CONTACTS)
    report = session.import_file(DATA / "linkedin_current.csv")
    assert report.added == session.people == workbook.count_contacts() > 0
    assert len(heard) == 1
    assert_memory_is_the_file(session)
    with pytest.raises(ContactImportError):
        session.import_file(b"\x00\x01 not a table", name="broken.csv")
    assert session.people == workbook.count_contacts() == report.added


def test_the_sample_fills_an_empty_map_only(workbook: Workbook) -> None:
    session = fresh(workbook)
    assert session.use_sample() == len(load_sample_contacts(TODAY))
    assert session.use_sample() == 0
    assert_memory_is_the_file(session)


# ------------------------------------------------------------------------ the census


def test_census_members_and_pairs(session: MapSession) -> None:
    offered = list(session.census_candidates())
    default = session.census_default()
    assert len(default) == CENSUS_MAX
    assert set(default) <= set(offered)
    assert session.set_census(offered) == offered[:CENSUS_MAX]
    heard = heard_by(session, Change.TIES)
    first, second = offered[0], offered[1]
    session.set_pair(second, first)
    assert session.ties == [tuple(sorted((first, second)))]
    assert any(m.key == "brokerage" for m in session.metrics())
    session.set_pair(first, second, know_each_other=False)
    assert session.ties == []
    assert len(heard) == 2
    assert_memory_is_the_file(session)
    assert fresh(session.workbook).census == offered[:CENSUS_MAX]


# ----------------------------------------------------------------- two windows, one file


def test_tab_b_sorts_after_tab_a_added_people_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    tab_a, tab_b = fresh(open_workbook(path)), fresh(open_workbook(path))
    tab_a.use_sample()
    added = tab_a.add_person("Ana Lopez")
    heard = heard_by(tab_b, Change.CONTACTS)
    assert tab_b.people == 0  # opened before: stale until its next action
    someone = tab_a.contacts["contact_id"].iloc[5]
    assert tab_b.sort_many([someone, added.contact_id], strength="close") == 2
    assert tab_b.people == tab_a.people
    assert heard[-1].note == STALE_NOTE
    saved = open_workbook(path).load_contacts().set_index("contact_id")
    assert len(saved) == tab_a.people
    assert saved.loc[added.contact_id, "strength"] == "close"
    assert saved.loc[someone, "strength"] == "close"
    assert_memory_is_the_file(tab_b)
    # Tab A catches up too when it next acts, and its own change lands on top.
    tab_a.edit_contact(added.contact_id, context="online")
    assert tab_a.record(added.contact_id)["strength"] == "close"
    assert_memory_is_the_file(tab_a)


def test_a_quick_add_in_a_stale_tab_sees_the_person_added_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    tab_a, tab_b = fresh(open_workbook(path)), fresh(open_workbook(path))
    tab_a.add_person("Ana Lopez", strength="closest")
    assert not tab_b.add_person("Ana Lopez", strength="dormant").added
    assert open_workbook(path).load_contacts()["strength"].tolist() == ["closest"]


# ------------------------------------------------- fields in one click (issue 15)


@pytest.fixture
def consultant(workbook: Workbook) -> MapSession:
    from networking_kit.samples_consultant import consultant_contacts, consultant_goal

    workbook.save_contacts(consultant_contacts(TODAY))
    save_goal(workbook, consultant_goal(TODAY))
    return fresh(workbook)


def test_set_field_counts_everyone_at_the_ticked_organisations_and_undo_takes_it_back(
        consultant: MapSession) -> None:
    before = consultant.gaps()
    assert before is not None
    offered = consultant.field_candidates("pharma")
    organisation = next(c for c in offered if c.kind == "organisation")
    heard = heard_by(consultant, Change.CONTACTS)
    changed = consultant.set_field("pharma", [organisation.label])
    assert changed == organisation.people
    assert len(heard) == 1
    after = consultant.gaps()
    assert after is not None
    assert after.coverage[0].count == before.coverage[0].count + changed
    assert f"{changed} at {organisation.label}" in after.coverage[0].counted
    assert_memory_is_the_file(consultant)
    assert all(c.label != organisation.label for c in consultant.field_candidates("pharma"))
    assert fresh(consultant.workbook).gaps() == after
    assert consultant.undo_set_field() == changed
    assert consultant.gaps() == before
    assert_memory_is_the_file(consultant)
    assert consultant.undo_set_field() == 0


def test_set_field_keeps_other_tags_and_is_all_or_nothing(
        consultant: MapSession, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = str(consultant.contacts["contact_id"].iloc[0])
    organisation = str(consultant.contacts["company"].iloc[0])
    consultant.edit_contact(cid, tags="client")
    consultant.set_field("health tech", [organisation])
    assert consultant.record(cid)["tags"] == "health tech;client"
    file = consultant.workbook.snapshot()
    original, calls = Workbook.update_contacts, [0]

    def second_fails(self: Workbook, *args: object, **kwargs: object) -> int:
        calls[0] += 1
        if calls[0] == 2:
            raise RuntimeError("killed half-way")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Workbook, "update_contacts", second_fails)
    with pytest.raises(RuntimeError):
        consultant.undo_set_field()  # two writes: "client" back for one, none for the rest
    assert calls[0] == 2
    assert consultant.workbook.snapshot() == file
    assert_memory_is_the_file(consultant)


def test_catching_up_reads_only_the_rows_another_window_wrote(
        session: MapSession, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = session.contacts["contact_id"].tolist()
    with open_workbook(session.workbook.path) as other:
        other.update_contact(ids[3], strength="closest", notes="Moved to Leeds")
        other.delete_contacts([ids[7]])
        other.set_tie(ids[1], ids[2])
        other.set_profile("census", [ids[1], ids[2]])
        save_goal(other, Goal(kind=GoalKind.BETTER_CONNECTED, targets=["design"]))

    def whole_table(*_args: object) -> None:
        raise AssertionError("caught up by reading every contact again")

    monkeypatch.setattr(Workbook, "load_contacts", whole_table)
    heard = heard_by(session)
    assert session.refresh()
    assert heard[-1].topics == {Change.CONTACTS, Change.TIES, Change.GOAL}
    monkeypatch.undo()
    assert_memory_is_the_file(session)
    assert session.record(ids[3])["strength"] == "closest"
    assert session.record(ids[7]) is None
    assert session.census == [ids[1], ids[2]]
    assert session.goal is not None
    assert session.goal.targets == ["design"]


def test_the_fields_read_from_titles_follow_every_change_as_a_fresh_open_reads_them(
        session: MapSession) -> None:
    from networking_kit.fields import infer_fields

    session.metrics()  # the fields read from titles are kept from here on
    first = str(session.contacts["contact_id"].iloc[0])
    session.edit_contact(first, position="Pharmacist", company="Greenleaf Pharmacy")
    session.sort_many(session.contacts["contact_id"].iloc[1:4].tolist(), strength="close")
    session.add_person("Tess Nurse", strength="known")
    session.edit_contact(session.add_person("Ola Banker").contact_id,
                         position="Investment banker")
    assert session.inferred_fields().equals(infer_fields(session.contacts))
    assert session.metrics() == MapSession(open_workbook(session.workbook.path),
                                           TODAY).metrics()


def test_an_add_by_hand_notes_a_namesake_already_in_the_map(session: MapSession) -> None:
    """The names are read at the first add (not when the page opens): someone of the
    same name with an e-mail is a namesake, added with a note; the same name typed
    twice is the same person, not added again."""
    contacts = session.contacts
    namesake = str(contacts.loc[contacts["email"].notna(), "name"].iloc[0])
    first = session.add_person(namesake.upper())
    assert first.added
    assert first.same_name
    assert "already had someone" in first.sentence
    again = session.add_person("Xavier Onlyonce")
    assert again.added
    assert not again.same_name
    twice = session.add_person("Xavier Onlyonce")
    assert not twice.added
    assert "already in your map" in twice.sentence
    assert_memory_is_the_file(session)
