"""Step 3's session, driven directly: one transaction per action (all of it or none of it),
memory that follows every change without reading the file again, and two windows on one
workbook losing nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest

from networking_kit.followups import Met, week_start
from networking_kit.gaps import goal_targets, read_rows
from networking_kit.samples import large_network, sample_goal
from networking_kit.settings import COLD_AFTER_DAYS
from networking_kit.steps import followups_memory
from networking_kit.steps._session import STALE_NOTE, Change, ChangeEvent
from networking_kit.steps.followups import FollowupSession
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import load_plan, save_goal, save_plan
from networking_kit.vocab import (
    ActionGroup,
    ActionKind,
    ActionStatus,
    KeepWarmStatus,
    TieStrength,
)

TODAY = date(2026, 11, 4)  # a Wednesday


@pytest.fixture
def sample(workbook: Workbook) -> Workbook:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    return workbook


@pytest.fixture
def session(sample: Workbook) -> FollowupSession:
    return FollowupSession(sample, TODAY)


def memory(session: FollowupSession) -> dict[str, Any]:
    """Everything the session keeps, copied, to compare before and after a failure."""
    return {"plan": copy.deepcopy(session.plan), "contacts": session.contacts.copy(),
            "cadences": session.cadences.to_dict(), "away": set(session.away),
            "log": copy.deepcopy(session.interactions), "table": session.keep_warm_table()}


def same_memory(before: dict[str, Any], session: FollowupSession) -> bool:
    after = memory(session)
    return (before["plan"] == after["plan"] and before["contacts"].equals(after["contacts"])
            and before["cadences"] == after["cadences"] and before["away"] == after["away"]
            and before["log"] == after["log"] and before["table"].equals(after["table"]))


@pytest.fixture
def fail_on(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, int], list[int]]:
    """Make ``Workbook.<name>`` raise on its ``nth`` call; returns the call counter."""

    def arm(name: str, nth: int) -> list[int]:
        original = getattr(Workbook, name)
        calls = [0]

        def failing(self: Workbook, *args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            if calls[0] == nth:
                raise RuntimeError("killed half-way")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Workbook, name, failing)
        return calls

    return arm


def a_person_with(session: FollowupSession, kind: ActionKind) -> tuple[str, str]:
    """A person with an open action of ``kind`` about them alone, and that action's id."""
    action = next(a for a in session.plan if a.kind is kind and a.status.open
                  and len(a.contact_ids) == 1)
    return action.contact_ids[0], action.action_id


# ------------------------------------------------------------------ loading once


def count_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counts = dict.fromkeys(("load_contacts", "load_followups", "load_interactions",
                            "get_profile", "load_goal", "load_ties"), 0)
    for name in counts:
        original = getattr(Workbook, name)

        def counted(self: Workbook, *args: Any, _name: str = name, _original: Any = original,
                    **kwargs: Any) -> Any:
            counts[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Workbook, name, counted)
    return counts


def test_opening_reads_the_contacts_once(sample, monkeypatch) -> None:
    counts = count_reads(monkeypatch)
    FollowupSession(sample, TODAY)
    assert counts["load_contacts"] == 1
    assert counts["load_followups"] == 1
    assert counts["load_interactions"] == 1


def test_planning_later_shows_the_saved_plan_until_the_page_plans_once(sample) -> None:
    """A page opens on the data (the map's reading, 0.5 s at 30,000 contacts, waits for
    the page to be built): the plan is the one saved until ``open_plan``, which plans as
    opening does at once, says so to the sections, and runs only once."""
    saved = load_plan(sample)
    later = FollowupSession(sample, TODAY, plan_later=True)
    assert not later.plan_ready
    assert later.plan == [a for a in saved if a.status is not ActionStatus.DROPPED]
    heard: list[ChangeEvent] = []
    later.listen(heard.append)
    later.open_plan()
    later.open_plan()
    assert later.plan_ready
    assert [e.topics for e in heard] == [frozenset({Change.PLAN})]
    at_once = FollowupSession(sample, TODAY)
    assert later.plan == at_once.plan
    assert at_once.plan_ready


def test_a_click_before_the_page_planned_plans_first(sample) -> None:
    later = FollowupSession(sample, TODAY, plan_later=True)
    at_once = FollowupSession(open_workbook(sample.path), TODAY)  # to know a suggestion
    gift = at_once.suggested(ActionGroup.GIVE_FIRST)[0].action_id
    with pytest.raises(ValueError, match="no longer in your plan"):
        later.action(gift)  # not in the saved plan yet
    later.set_away(later.mondays()[-1], True)  # a click that plans first
    assert later.plan_ready
    assert later.keep(gift).status is ActionStatus.ACCEPTED


def test_a_plan_that_fails_after_the_page_leaves_the_saved_one_and_says_so(
        sample, fail_on) -> None:
    saved = load_plan(sample)
    later = FollowupSession(sample, TODAY, plan_later=True)
    fail_on("update_followup", 1)
    fail_on("add_followup", 1)
    later.open_plan()
    assert later.open_note == followups_memory.OPEN_FAILED
    assert isinstance(later.last_error, RuntimeError)
    assert load_plan(sample) == saved


def test_a_click_reads_nothing_back_from_the_file(session, monkeypatch) -> None:
    counts = count_reads(monkeypatch)
    gift = session.suggested(ActionGroup.GIVE_FIRST)[0].action_id
    session.keep(gift)
    person, _ = a_person_with(session, ActionKind.KEEP_WARM)
    session.log_call(person)
    session.done(session.week_of(0)[0].action_id)
    assert counts == dict.fromkeys(counts, 0)


def test_a_change_writes_only_the_fields_that_changed(session, monkeypatch) -> None:
    written: list[dict[str, Any]] = []
    original = Workbook.update_followup

    def spy(self: Workbook, followup_id: int, **fields: Any) -> None:
        written.append(fields)
        original(self, followup_id, **fields)

    monkeypatch.setattr(Workbook, "update_followup", spy)
    gift = session.suggested(ActionGroup.GIVE_FIRST)[0]
    session.keep(gift.action_id)
    assert set(written[0]) == {"status", "data"}  # not the title, the date, the kind…
    assert session.action(gift.action_id).status is ActionStatus.ACCEPTED
    saved = {a.action_id: a for a in load_plan(session.workbook)}
    assert saved[gift.action_id].status is ActionStatus.ACCEPTED


# ------------------------------------------------------- all of it or none of it


def test_weeks_away_moving_many_rows_is_one_transaction(session, fail_on) -> None:
    before, file = memory(session), session.workbook.snapshot()
    calls = fail_on("update_followup", 2)
    monday = week_start(TODAY) + timedelta(weeks=1)
    with pytest.raises(RuntimeError):
        session.set_away(monday, True)
    assert calls[0] == 2
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)


def test_a_new_rhythm_replanning_many_rows_is_one_transaction(session, fail_on) -> None:
    before, file = memory(session), session.workbook.snapshot()
    fail_on("update_followup", 2)
    with pytest.raises(RuntimeError):
        session.set_layer_rhythm("known", 7, 14)  # many more people are due: a new plan
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)


def test_saving_a_plan_of_many_rows_is_one_transaction(sample, fail_on) -> None:
    plan = FollowupSession(sample, TODAY).plan
    fresh = open_workbook(sample.path.parent / "other.sqlite")
    use_sample(fresh, TODAY)
    empty = fresh.snapshot()
    fail_on("add_followup", 10)
    with pytest.raises(RuntimeError):
        save_plan(fresh, plan)
    assert fresh.snapshot() == empty


def test_an_event_with_two_people_is_one_transaction(session, fail_on) -> None:
    before, file = memory(session), session.workbook.snapshot()
    calls = fail_on("log_interaction", 2)
    with pytest.raises(RuntimeError):
        session.log_event("Product meet-up", [Met("Dana Smith", "hiring"), Met("Eli Moss")])
    assert calls[0] == 2
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)
    fail_on("add_followup", 2)
    with pytest.raises(RuntimeError):
        session.log_event("Product meet-up", [Met("Dana Smith", "hiring"), Met("Eli Moss")])
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)


def test_an_event_meeting_people_again_fails_whole_after_earlier_events(
        session, monkeypatch) -> None:
    """People met again (their notes and last contact written in rows the new table
    shares with the old: ``steps.contact_rows``) beside someone new, after two events that
    appended people: a failure after memory followed puts every cell back. Fails when
    the shared cells are not put back."""
    session.log_event("Breakfast", [Met("Dana Smith", "hiring")], TODAY)
    session.log_event("Lunch", [Met("Eli Moss", "pricing")], TODAY)
    known = str(session.contacts["name"].iloc[0])
    before, file = memory(session), session.workbook.snapshot()

    def killed(*_args: Any) -> None:  # the plan written last, after memory followed
        raise RuntimeError("killed half-way")

    with monkeypatch.context() as patch:
        patch.setattr(followups_memory, "write_plan_changes", killed)
        with pytest.raises(RuntimeError):
            session.log_event("Dinner", [Met(known, "a new job"), Met("Dana Smith", "a move"),
                                         Met("Fay New", "travel")], TODAY)
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)
    logged = session.log_event("Dinner", [Met(known, "a new job"), Met("Fay New")], TODAY)
    assert (logged.added, logged.already) == (1, [known])
    assert session.contacts.equals(FollowupSession(session.workbook, TODAY).contacts)


def test_a_call_that_completes_a_touch_is_one_transaction(session, fail_on) -> None:
    person, touch = a_person_with(session, ActionKind.KEEP_WARM)
    before, file = memory(session), session.workbook.snapshot()
    fail_on("update_followup", 1)  # after the call is logged, before the touch is done
    with pytest.raises(RuntimeError):
        session.log_call(person, TODAY, "coffee", "Talked about Leeds")
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)
    assert session.action(touch).status.open


def test_done_is_one_transaction(session, fail_on) -> None:
    action = next(a for a in session.week_of(0) if a.contact_ids)
    before, file = memory(session), session.workbook.snapshot()
    fail_on("update_followup", 1)
    with pytest.raises(RuntimeError):
        session.done(action.action_id)
    assert session.workbook.snapshot() == file
    assert same_memory(before, session)


# ----------------------------------------------------------- the domain rules


def test_a_logged_call_completes_the_planned_touch(session) -> None:
    person, touch = a_person_with(session, ActionKind.KEEP_WARM)
    heard: list[ChangeEvent] = []
    session.listen(heard.append, Change.PLAN)
    completed = session.log_call(person, TODAY, "coffee", "Talked about Leeds")
    assert [a.action_id for a in completed] == [touch]
    assert session.action(touch).status is ActionStatus.DONE
    assert session.keep_warm_of(person) is KeepWarmStatus.ON_TRACK
    assert session.interactions[-1]["note"] == "Talked about Leeds"
    assert heard[-1].contact_ids == {person}
    saved = {a.action_id: a for a in load_plan(session.workbook)}
    assert saved[touch].status is ActionStatus.DONE
    last = session.workbook.load_contacts().set_index("contact_id").loc[person, "last_contact"]
    assert last.date() == TODAY


def test_a_future_call_is_refused_and_nothing_is_saved(session) -> None:
    person, _ = a_person_with(session, ActionKind.KEEP_WARM)
    with pytest.raises(ValueError, match="choose today or an earlier day"):
        session.log_call(person, TODAY + timedelta(days=1))
    assert session.workbook.load_interactions() == []


def test_every_view_follows_a_click(session) -> None:
    done_before = session.summary().done
    action = next(a for a in session.week_of(0) if a.contact_ids)
    session.done(action.action_id)
    assert session.summary().done == done_before + 1
    assert action.action_id not in {a.action_id for a in session.suggested(action.kind.group)}
    assert all(session.keep_warm_of(p) in (KeepWarmStatus.ON_TRACK, None)
               for p in action.contact_ids)
    assert len(session.interactions) == len(action.contact_ids)


def test_an_event_adds_people_once_and_plans_their_follow_ups(session) -> None:
    people = session.contacts["contact_id"].size
    logged = session.log_event("Product meet-up", [Met("Dana Smith", "hiring"),
                                                   Met("Eli Moss")], TODAY)
    assert (logged.added, logged.already) == (2, [])
    assert session.contacts["contact_id"].size == people + 2
    assert session.workbook.count_contacts() == people + 2
    assert all(a.followup_id is not None and a.kind is ActionKind.EVENT_FOLLOW_UP
               for a in logged.actions)
    again = session.log_event("Design breakfast", [Met("dana smith", "portfolio")], TODAY)
    assert (again.added, again.already) == (0, ["dana smith"])
    assert session.find_person("Dana Smith")[1] == "Dana Smith"


def test_weeks_away_empty_the_week(session) -> None:
    monday = week_start(TODAY) + timedelta(weeks=2)
    assert session.set_away(monday, True)
    assert not session.set_away(monday, True)  # already so: nothing to do
    assert all(a.pinned for a in session.week_of(2))
    assert session.summary().away == [monday]


# ------------------------------------------------------------------ two windows


def test_an_action_edited_in_two_tabs_keeps_both_changes(sample) -> None:
    tab_b = FollowupSession(sample, TODAY)  # opened first, then left alone
    tab_a = FollowupSession(open_workbook(sample.path), TODAY)
    action = next(a for a in tab_a.week_of(0) if a.contact_ids)
    tab_a.change(action.action_id, title="Phone them on Friday")
    heard: list[ChangeEvent] = []
    tab_b.listen(heard.append)
    done = tab_b.done(action.action_id)
    assert (done.title, done.status) == ("Phone them on Friday", ActionStatus.DONE)
    saved = {a.action_id: a for a in load_plan(sample)}[action.action_id]
    assert (saved.title, saved.status) == ("Phone them on Friday", ActionStatus.DONE)
    assert STALE_NOTE in heard[-1].note
    assert Change.PLAN in heard[-1].topics


def test_refresh_brings_in_what_another_window_logged(sample) -> None:
    tab_b = FollowupSession(sample, TODAY)
    tab_a = FollowupSession(open_workbook(sample.path), TODAY)
    person, touch = a_person_with(tab_a, ActionKind.KEEP_WARM)
    tab_a.log_call(person)
    assert tab_b.action(touch).status.open
    assert tab_b.refresh()
    assert tab_b.action(touch).status is ActionStatus.DONE
    assert len(tab_b.interactions) == 1




def plan_shown(session: FollowupSession) -> list[tuple[object, ...]]:
    return [(a.action_id, a.title, a.why, a.due_on, a.status) for a in session.plan]


def test_an_open_plan_is_made_again_when_another_window_changes_the_map(sample) -> None:
    tab_b = FollowupSession(sample, TODAY)
    before = plan_shown(tab_b)
    goal = sample_goal(TODAY)
    goal.targets, goal.who = ["healthcare"], "people in healthcare"
    save_goal(open_workbook(sample.path), goal)  # the goal changed in another tab
    assert tab_b.refresh()
    assert not tab_b.plan_ready  # the page says "Making your plan…" and plans again
    tab_b.open_plan()
    opened_again = FollowupSession(open_workbook(sample.path), TODAY)
    assert plan_shown(tab_b) == plan_shown(opened_again) != before
    assert any("healthcare" in title for _, title, *_ in plan_shown(tab_b))


def test_an_action_after_another_window_changed_the_map_plans_from_the_new_map(sample) -> None:
    tab_b = FollowupSession(sample, TODAY)
    fintech = next(a for a in tab_b.plan if "fintech" in a.title and a.status.open)
    goal = sample_goal(TODAY)
    goal.targets, goal.who = ["healthcare"], "people in healthcare"
    save_goal(open_workbook(sample.path), goal)
    tab_b.refresh()  # the page heard of it, and clicks before it planned again
    with pytest.raises(ValueError, match="no longer in your plan"):
        tab_b.keep(fintech.action_id)  # the plan was made again first: it is gone
    assert tab_b.plan_ready
    assert plan_shown(tab_b) == plan_shown(FollowupSession(open_workbook(sample.path), TODAY))


def looked_up(session: FollowupSession) -> dict[str, Any]:
    """The look-ups a session keeps between clicks, as the page reads them."""
    return {"labels": session.people_labels(), "by_name": session.people_by_name(),
            "search": session.search("an", 500), "plan": session.plan,
            "named": session._named_index(),
            "names": [session.name_of(c) for c in session.contacts["contact_id"]]}


def test_after_an_event_memory_is_what_opening_the_file_again_reads(session) -> None:
    looked_up(session)  # build every look-up, so the event must extend them
    existing = str(session.contacts["name"].iloc[0])
    session.log_event("Fintech breakfast", [Met("Dana Smith", "fintech hiring"),
                                            Met(existing, "fintech pricing")], TODAY)
    session.log_event("Design evening", [Met("dana smith", "portfolio")], TODAY)
    opened = FollowupSession(session.workbook, TODAY)
    assert opened.contacts.equals(session.contacts)
    assert looked_up(opened) == looked_up(session)
    assert opened._read_map() == session._read_map()  # the gaps follow the new notes
    # … and so do the people the goal's fields hold (kept between clicks, issue 11)
    assert opened._goal_field_people() == session._goal_field_people()
    assert opened.interactions == session.interactions


def test_catching_up_reads_the_changed_rows_into_the_same_memory(sample) -> None:
    tab_b = FollowupSession(sample, TODAY)
    looked_up(tab_b)
    tab_a = FollowupSession(open_workbook(sample.path), TODAY)
    tab_a.log_event("Product meet-up", [Met("Dana Smith", "hiring")], TODAY)
    tab_a.skip(next(a for a in tab_a.plan if a.status.open and a.contact_ids).action_id)
    tab_a.set_away(week_start(TODAY) + timedelta(weeks=3), True)
    assert tab_b.refresh()
    opened = FollowupSession(open_workbook(sample.path), TODAY)
    assert opened.contacts.equals(tab_b.contacts)
    assert looked_up(opened) == looked_up(tab_b)
    assert (opened.away, opened.interactions) == (tab_b.away, tab_b.interactions)
    assert list(opened._stored.items()) == list(tab_b._stored.items())
    assert opened._goal_field_people() == tab_b._goal_field_people()


def kept_between_clicks(session: FollowupSession) -> dict[str, Any]:
    """What the session keeps between clicks to answer quickly (issue 11)."""
    return {"gaps": session._read_map(), "gives": session._give_first(),
            "table": session.keep_warm_table(), "suggested": session._fresh_suggestions()}


def same_kept(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return (one["gaps"] == other["gaps"] and one["gives"] == other["gives"]
            and one["table"].equals(other["table"]) and one["suggested"] == other["suggested"])


def test_what_a_click_keeps_is_what_opening_the_file_again_works_out(session) -> None:
    kept_between_clicks(session)  # everything built, so each click must keep it right
    keep_warm = next(a for a in session.plan if a.kind is ActionKind.KEEP_WARM
                     and a.status.open)
    session.done(keep_warm.action_id)
    rewarmed = session._read_map()[0].rewarm[0].contact_id  # its reason reads the date
    session.log_call(rewarmed, TODAY, note="caught up at last")
    session.log_call(str(session.contacts["contact_id"].iloc[-1]), TODAY)
    session.set_layer_rhythm("close", 10, 20)
    session.set_person_rhythm(keep_warm.contact_ids[0], 5, 9)
    opened = FollowupSession(open_workbook(session.workbook.path), TODAY)
    assert same_kept(kept_between_clicks(opened), kept_between_clicks(session))


def test_the_order_by_name_follows_the_people_an_event_adds(session) -> None:
    kept_between_clicks(session)
    session.log_event("Design evening", [Met("Aaron Aardvark", "portfolio"),
                                         Met("Zoe Zylberg", "typefaces")], TODAY)
    opened = FollowupSession(open_workbook(session.workbook.path), TODAY)
    assert same_kept(kept_between_clicks(opened), kept_between_clicks(session))


@pytest.mark.parametrize("group", [ActionGroup.GIVE_FIRST, ActionGroup.KEEP_IN_TOUCH])
def test_a_skipped_suggestion_is_replaced_by_the_next_best_at_once(
        session: FollowupSession, group: ActionGroup) -> None:
    """The page says "something else can take its place" after a skip: it does, in the
    same click, and putting the skipped one back takes the stand-in away again."""
    before = session.suggested(group)
    skipped = next(a for a in before if a.kind is not ActionKind.VENUE_VISIT)
    session.skip(skipped.action_id)
    after = session.suggested(group)
    new = [a for a in after if a.action_id not in {b.action_id for b in before}]
    assert len(after) == len(before)
    assert len(new) == 1
    assert new[0].kind is skipped.kind  # the next best of the same kind
    assert [a.action_id for a in session.suggested(None)] == [skipped.action_id]
    with open_workbook(session.workbook.path) as other:  # saved in the same click
        assert new[0].action_id in {a.action_id for a in load_plan(other)}
    session.put_back(skipped.action_id)
    assert {a.action_id for a in session.suggested(group)} == {b.action_id for b in before}


def test_an_event_updates_the_kept_reading_of_the_map_row_by_row(session) -> None:
    """The gaps and the goal's fields' people are kept between clicks and only the rows an
    event touches are read again (issue 11): a kept reading not updated fails here."""
    target = goal_targets(session.goal)[0]
    kept_between_clicks(session)
    session._goal_field_people()
    reading = session._gap_rows
    assert reading is not None
    outsider = next(i for i, hit in enumerate(reading.hits[target])
                    if not hit and session.contacts["strength"].iloc[i] == "close")
    name = str(session.contacts["name"].iloc[outsider])
    session.log_event("Breakfast", [Met(name, f"now working in {target}"),
                                    Met("Nell Newcomer", f"{target} hiring")], TODAY)
    assert session._gap_rows is not None
    assert session._gap_rows.hits[target][outsider]
    opened = FollowupSession(open_workbook(session.workbook.path), TODAY)
    assert same_kept(kept_between_clicks(opened), kept_between_clicks(session))
    assert opened._goal_field_people() == session._goal_field_people()
    assert name in [r["name"] for r in dict(session._goal_field_people())[target]]
    fresh = read_rows(opened.contacts, reading.targets, reading.columns)
    assert all((fresh.hits[t] == session._gap_rows.hits[t]).all() for t in fresh.targets)


def test_an_event_with_someone_to_rewarm_gives_the_catch_up_to_the_next(session) -> None:
    """The give-first actions are kept between clicks while what they read is the same
    (issue 11): meeting someone on the re-warm list changes that list, so the kept ones
    must be made again. A kept list not made again fails here."""
    kept_between_clicks(session)
    first = session._read_map()[0].rewarm[0]

    def catch_ups() -> set[str]:
        return {i for a in session._give_first() if a.kind is ActionKind.CATCH_UP
                for i in a.contact_ids}

    assert first.contact_id in catch_ups()
    session.log_event("Reunion", [Met(first.name, "old times")], TODAY)
    assert first.contact_id not in catch_ups()
    opened = FollowupSession(open_workbook(session.workbook.path), TODAY)
    assert same_kept(kept_between_clicks(opened), kept_between_clicks(session))


PLAN_CLICKS: dict[str, Callable[[FollowupSession], object]] = {
    "skip": lambda s: s.skip(next(a for a in s.plan if a.status.open
                                  and a.kind.group is ActionGroup.GIVE_FIRST).action_id),
    "skip then put back": lambda s: s.put_back(s.skip(next(
        a for a in s.plan if a.status.open and a.kind is ActionKind.SHARE).action_id)
        .action_id),
    "keep": lambda s: s.keep(next(a for a in s.plan if a.status.open).action_id),
    "change": lambda s: s.change(s.plan[0].action_id, title="Call about the spring fair"),
    "weeks away": lambda s: s.set_away(week_start(TODAY) + timedelta(weeks=2), True),
    "a rhythm of one's own, then back": lambda s: [
        (s.set_person_rhythm(c, 5, 9), s.clear_person_rhythm(c))
        for c in [str(s.keep_warm_table()["contact_id"].iloc[0])]],
}


@pytest.mark.parametrize("click", list(PLAN_CLICKS))
def test_what_a_plan_click_keeps_is_what_opening_the_file_again_works_out(
        session: FollowupSession, click: str) -> None:
    """Every click keeps the map's reading, the give-first rows and actions, the keep-warm
    table and the suggestions between clicks (issue 11) and works out only what it
    changed: each must equal a full reading by a session opened afresh."""
    kept_between_clicks(session)  # everything built, so the click must keep it right
    PLAN_CLICKS[click](session)
    opened = FollowupSession(open_workbook(session.workbook.path), TODAY)
    assert same_kept(kept_between_clicks(opened), kept_between_clicks(session))
    assert opened._stored == session._stored  # (in the order a load gives, for opened)


def _met(session: FollowupSession, who: str) -> list[Met]:
    """People met at an event, chosen to touch each part of the map's reading."""
    frame, gaps = session.contacts, session._read_map()[0]
    listed = {r.contact_id for r in gaps.rewarm}
    strength = frame["strength"].astype("object")
    quiet = (pd.Timestamp(TODAY) - frame["last_contact"]).dt.days > COLD_AFTER_DAYS
    free = ~frame["contact_id"].isin(listed)

    def name(mask: pd.Series) -> str:
        return str(frame.loc[mask & free, "name"].iloc[0])

    return {
        "strangers": [Met("Ida Newcomer", "gardening"), Met("Joe Newcomer", "chess")],
        "someone new in the field": [Met("Nia Newcomer", "payments", field="fintech")],
        "a re-warm": [Met(gaps.rewarm[0].name, "old times")],
        "a tie cold by the date": [Met(name(quiet & (strength != "dormant")), "news")],
        "a dormant tie": [Met(name(strength == "dormant"), "news")],
        "someone close, now in the field": [Met(name(strength == "close"),
                                                "fintech payments startup")],
    }[who]


@pytest.mark.parametrize("who", ["strangers", "someone new in the field", "a re-warm",
                                 "a tie cold by the date", "a dormant tie",
                                 "someone close, now in the field"])
def test_the_map_reading_kept_after_an_event_is_the_one_read_afresh(session, who) -> None:
    """After an event the map's reading (``find_gaps``) is kept when nothing it reads
    changed (``gaps.holds_after_event``), else read again: either way it must be what
    opening the file again works out. Strangers met, and a dormant tie off the re-warm
    list (still cold, and only lower there), leave it as it was, not read again."""
    kept_between_clicks(session)
    before = session._read_map()[0]
    session.log_event("Summer garden party", _met(session, who), TODAY)
    opened = FollowupSession(open_workbook(session.workbook.path), TODAY)
    assert same_kept(kept_between_clicks(opened), kept_between_clicks(session))
    assert (session._read_map()[0] is before) == (who in ("strangers", "a dormant tie"))


def _list_from_the_table(session: FollowupSession, status: KeepWarmStatus,
                         limit: int | None) -> pd.DataFrame:
    """``keep_warm_list`` as it was worked out from the whole keep-warm table."""
    frame = session.keep_warm_table()
    chosen = frame[(frame["status"] == status.value).to_numpy()]
    layer = chosen["strength"].map({s.value: i for i, s in enumerate(TieStrength)}) \
        .fillna(len(TieStrength)).to_numpy(dtype=float)
    over = (chosen["days_since"] - chosen["ideal_days"]).astype("float").to_numpy()
    late = np.where(np.isnan(over), np.inf, -over)
    ordered = chosen.assign(_layer=layer, _late=late).sort_values(
        ["_layer", "_late", "name"], kind="stable")
    return ordered.drop(columns=["_layer", "_late"]).iloc[:limit].reset_index(drop=True)


def test_who_is_due_picked_from_the_arrays_is_the_list_the_table_gives(sample) -> None:
    """``keep_warm_list`` picks its first rows from the keep-warm arrays, not the whole
    table (issue 11, step 3's listeners): the same people in the same order for every
    status and length, ties (same closeness, as late, same name) included."""
    extra = large_network(400, seed=7)
    extra.loc[extra.index[:40], "name"] = "Sam Same"  # equal names, as ties by name
    sample.save_contacts(extra)
    session = FollowupSession(sample, TODAY)
    session.set_person_rhythm(str(extra["contact_id"].iloc[0]), 10, 20)
    for status in KeepWarmStatus:
        for limit in (None, 1, 5, 20, 200):
            pd.testing.assert_frame_equal(session.keep_warm_list(status, limit),
                                          _list_from_the_table(session, status, limit))
