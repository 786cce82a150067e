"""Step 3's plain functions: rhythms, matching, suggestions, the schedule, the saved plan."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networking_kit.contacts import TieStrength, normalise_contacts
from networking_kit.followups import (
    DEFAULT_CADENCES,
    MAX_INTRODUCTIONS_EACH,
    Action,
    Cadence,
    Cadences,
    Met,
    action_id,
    contacts_named,
    follow_up_day,
    keep_warm_status,
    match_introductions,
    needs_of,
    parse_people,
    plan_schedule,
    suggest_actions,
    week_start,
    weekly_capacity,
)
from networking_kit.goals import Commitment, Goal, GoalKind, Style
from networking_kit.network import ASKABLE
from networking_kit.samples import sample_goal, use_sample
from networking_kit.steps.followups import FollowupSession
from networking_kit.steps.followups_store import (
    load_cadences,
    load_plan,
    load_weeks_away,
    make_plan,
    mark_done,
    save_cadences,
    save_plan,
    save_weeks_away,
    update_action,
)
from networking_kit.store import Workbook
from networking_kit.vocab import ActionGroup, ActionKind
from networking_kit.words import quoted, short_topic

TODAY = date(2026, 11, 4)  # a Wednesday
KINDS = [k.value for k in ActionKind]
GIVE_FIRST = tuple(k for k in ActionKind if k.group is ActionGroup.GIVE_FIRST)


def log_event(workbook: Workbook, venue: str, people: list, day: date,
              notes: str = "", today: date = TODAY) -> list[Action]:
    """Step 3's session logs the event; its follow-ups as saved."""
    return FollowupSession(workbook, today).log_event(venue, people, day, notes).actions


def people(*rows: dict) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame(list(rows)), source="manual")


# ------------------------------------------------------------------------ cadences


@pytest.mark.parametrize(("days", "expected"), [
    (0, "on track"), (30, "on track"), (31, "due"), (60, "due"), (61, "overdue")])
def test_status_at_the_exact_boundaries(days: int, expected: str) -> None:
    frame = people({"name": "Ann", "strength": "close",
                    "last_contact": TODAY - timedelta(days=days)})
    assert DEFAULT_CADENCES["close"] == Cadence(30, 60)
    status = keep_warm_status(frame, TODAY)
    assert status["status"].tolist() == [expected]
    assert status["days_since"].tolist() == [days]


def test_no_date_and_unsorted_people() -> None:
    frame = people({"name": "No date", "strength": "close"},
                   {"name": "Unsorted", "last_contact": TODAY})
    status = keep_warm_status(frame, TODAY)
    assert status["name"].tolist() == ["No date"]
    assert status["status"].tolist() == ["no date"]


def test_a_person_can_have_their_own_rhythm_and_it_is_saved(workbook: Workbook) -> None:
    frame = people({"name": "Ann", "strength": "acquaintance",
                    "last_contact": TODAY - timedelta(days=40)})
    cid = frame["contact_id"].iloc[0]
    assert keep_warm_status(frame, TODAY)["status"].iloc[0] == "on track"
    own = Cadences(people={cid: Cadence(14, 30)})
    assert keep_warm_status(frame, TODAY, own)["status"].iloc[0] == "overdue"
    own.layers["close"] = Cadence(7, 14)
    save_cadences(workbook, own)
    again = load_cadences(workbook)
    assert again.people == {cid: Cadence(14, 30)}
    assert again.layers["close"] == Cadence(7, 14)
    assert again.layers["closest"] == DEFAULT_CADENCES["closest"]


def test_unreadable_saved_rhythms_fall_back_to_the_defaults(workbook: Workbook) -> None:
    workbook.set_profile("cadences", {"layers": {"close": "often", "nope": [1, 2]},
                                      "people": {"x": [30, 10]}})
    cadences = load_cadences(workbook)
    assert cadences.layers == DEFAULT_CADENCES
    assert cadences.people == {}


def test_a_rhythm_needs_a_longest_gap_at_least_the_usual_one() -> None:
    with pytest.raises(ValueError, match="ideal"):
        Cadence(30, 10)


# ---------------------------------------------------------------- introductions

HELPER = {"name": "Hana Help", "strength": "close", "company": "A Ltd",
          "can_help_with": "pricing strategy"}
NEEDER = {"name": "Ned Need", "strength": "regular", "company": "B Ltd",
          "i_can_offer": "a reading list on pricing"}


def test_introductions_match_help_to_needs() -> None:
    frame = people(HELPER, NEEDER)
    (pair,) = match_introductions(frame)
    a, b, reason = pair
    assert a < b
    assert {a, b} == set(frame["contact_id"])
    assert "Hana Help knows about pricing strategy" in reason
    assert "Ned Need" in reason


def test_introductions_are_symmetric_and_never_to_oneself() -> None:
    both = dict(HELPER, i_can_offer="pricing notes")  # helps and needs the same thing
    frame = people(both, NEEDER, {"name": "Other", "strength": "known", "company": "C",
                                  "can_help_with": "pricing"})
    forward = match_introductions(frame)
    backward = match_introductions(frame.iloc[::-1].reset_index(drop=True))
    assert forward
    assert forward == backward
    pairs = [(a, b) for a, b, _ in forward]
    assert all(a != b for a, b in pairs)
    assert len({frozenset(p) for p in pairs}) == len(pairs)


def test_no_introduction_for_people_who_already_know_each_other() -> None:
    frame = people(HELPER, NEEDER)
    ids = sorted(frame["contact_id"])
    assert match_introductions(frame, ties=[(ids[1], ids[0])]) == []
    same_company = people(HELPER, dict(NEEDER, company="a ltd"))
    assert match_introductions(same_company) == []


def test_introductions_reach_as_many_different_people_as_they_can() -> None:
    # Three who help with pricing, three who need it, the closest on each side first:
    # best-first alone would pair the two closest helpers and needers twice each.
    helpers = [dict(HELPER, name=f"Helper {n}", company=f"H{n}", strength=s)
               for n, s in ((1, "closest"), (2, "close"), (3, "known"))]
    needers = [dict(NEEDER, name=f"Needer {n}", company=f"N{n}", strength=s)
               for n, s in ((1, "closest"), (2, "close"), (3, "known"))]
    frame = people(*helpers, *needers)
    three = match_introductions(frame, limit=3)
    assert len({c for a, b, _ in three for c in (a, b)}) == 6
    names = dict(zip(frame["contact_id"], frame["name"], strict=True))
    assert {names[three[0][0]], names[three[0][1]]} == {"Helper 1", "Needer 1"}  # best first
    more = match_introductions(frame, limit=5)
    assert more[:3] == three  # a second idea each only after everyone has one
    seen = [c for a, b, _ in more for c in (a, b)]
    assert max(seen.count(c) for c in seen) == MAX_INTRODUCTIONS_EACH


def test_no_introduction_between_people_too_distant_to_vouch_for() -> None:
    assert match_introductions(people(HELPER, dict(NEEDER, strength="acquaintance"))) == []
    assert match_introductions(people(HELPER, dict(NEEDER, trust="not_yet"))) == []


def test_what_counts_as_a_need() -> None:
    row = {"i_can_offer": "feedback on a CV", "notes": "Looking for a mentor. Likes jazz.",
           "tags": "software; accessibility"}
    needs = needs_of(row)
    assert {"feedba", "hiring", "mentoring"[:6], "access"} <= needs
    assert "software" not in needs  # the first tag is their own field, not a need
    assert "jazz" not in needs


# ----------------------------------------------------------------- suggestions


@pytest.fixture
def sample(workbook: Workbook) -> pd.DataFrame:
    use_sample(workbook, TODAY)
    return workbook.load_contacts()


def test_suggestions_have_stable_ids_plain_titles_and_reasons(sample) -> None:
    first = suggest_actions(sample, None, today=TODAY)
    again = suggest_actions(sample.iloc[::-1].reset_index(drop=True), None, today=TODAY)
    assert [a.action_id for a in first]
    assert sorted(a.action_id for a in first) == sorted(a.action_id for a in again)
    assert len({a.action_id for a in first}) == len(first)
    assert all(a.title and a.why and a.kind in KINDS for a in first)
    kinds = Counter(a.kind for a in first)
    assert {"keep_warm", "catch_up", "introduce", "share", "referral", "check_in"} <= set(kinds)


def test_a_favour_is_never_asked_of_a_weak_tie_first(sample) -> None:
    goal = Goal(kind=GoalKind.BETTER_CONNECTED, who="fintech people", targets=["fintech"])
    actions = suggest_actions(sample, goal, today=TODAY)
    asks = [a for a in actions if a.kind == "ask_introduction"]
    assert asks
    strength = dict(zip(sample["contact_id"], sample["strength"].astype("object"),
                        strict=True))
    assert all(strength[a.contact_ids[0]] in ASKABLE for a in asks)
    assert all(a.kind != "ask_introduction" for a in actions
               if any(strength.get(c) in ("known", "acquaintance", "dormant")
                      for c in a.contact_ids))


def test_goal_actions_visits_profile_tasks_and_check_ins(sample) -> None:
    visit = Commitment("meetup", "Product meet-up",
                       [TODAY + timedelta(days=d) for d in (-7, 9, 30)], "talk to two people")
    goal = Goal(kind=GoalKind.BETTER_KNOWN, who="product managers", commitments=[visit],
                review_date=TODAY + timedelta(days=45))
    actions = suggest_actions(sample, goal, today=TODAY)
    visits = sorted((a for a in actions if a.kind == "venue_visit"), key=lambda a: a.due_on)
    assert [a.due_on for a in visits] == [TODAY + timedelta(days=9), TODAY + timedelta(days=30)]
    assert "talk to two people" in visits[0].title
    assert sum(a.kind == "profile_task" for a in actions) >= 2
    checks = [a for a in actions if a.kind == "check_in"]
    assert len(checks) == 4  # 30, 60, 90 days and the goal's own review date
    review = next(a for a in checks if "review date" in a.title)
    assert review.due_on == goal.review_date  # the participant's own day, kept as chosen
    assert all(a.due_on.weekday() < 5 for a in checks if a is not review)


# ---------------------------------------------------------------- the schedule


def flexible(n: int, kind: str = "share", priority: int = 50) -> list[Action]:
    return [Action(action_id(kind, str(i)), kind, f"do {i}", "why", (f"c{i}",), priority)
            for i in range(n)]


def per_week(actions: list[Action]) -> Counter:
    return Counter(week_start(a.due_on) for a in actions
                   if a.due_on and a.status not in ("skipped", "dropped"))


def test_the_schedule_never_exceeds_the_weekly_capacity_and_spreads_the_days() -> None:
    plan = plan_schedule(flexible(40), TODAY, 3)
    counts = per_week(plan)
    assert max(counts.values()) == 3
    assert counts[week_start(TODAY)] == 2  # Monday has passed: Wednesday and Friday left
    days = Counter(a.due_on for a in plan if a.due_on)
    assert max(days.values()) == 1  # never two on one day
    assert {a.due_on.weekday() for a in plan if a.due_on} == {0, 2, 4}
    assert sum(a.due_on is None for a in plan) == 40 - sum(counts.values())
    assert all(a.due_on is None or a.due_on >= TODAY for a in plan)


def test_highest_priority_first_and_asking_waits_a_week() -> None:
    low = flexible(3, "share", 10)
    high = [Action("keep-1", "keep_warm", "t", "w", ("x",), 90)]
    ask = [Action("ask-1", "ask_introduction", "t", "w", ("y",), 99)]
    plan = {a.action_id: a for a in plan_schedule([*low, *high, *ask], TODAY, 2)}
    assert plan["keep-1"].due_on == TODAY + timedelta(days=1)  # two a week: Tue and Thu
    assert week_start(plan["ask-1"].due_on) > week_start(TODAY)


def test_dated_actions_keep_their_dates_and_use_up_capacity() -> None:
    visit = Action("visit-1", "venue_visit", "Go", "w", (), 95, TODAY + timedelta(days=7))
    plan = plan_schedule([visit, *flexible(10)], TODAY, 2)
    assert next(a for a in plan if a.action_id == "visit-1").due_on == visit.due_on
    assert per_week(plan)[week_start(visit.due_on)] == 2


def test_one_person_at_most_once_a_week() -> None:
    same = [Action(f"a{i}", "share", "t", "w", ("c1",), 50) for i in range(4)]
    plan = plan_schedule(same, TODAY, 3)
    weeks = [week_start(a.due_on) for a in plan if a.due_on]
    assert len(weeks) == len(set(weeks)) == 4


KIND_LIST = sorted(KINDS)


@st.composite
def action_sets(draw: st.DrawFn) -> tuple[list[Action], int]:
    n = draw(st.integers(0, 60))
    actions = []
    for i in range(n):
        kind = draw(st.sampled_from(KIND_LIST))
        status = draw(st.sampled_from(["planned", "planned", "accepted", "skipped", "done"]))
        dated = kind in ("venue_visit", "event_follow_up", "check_in") or status == "accepted"
        due = (TODAY + timedelta(days=draw(st.integers(0, 90)))
               if dated and draw(st.booleans()) else None)
        if not dated and status == "planned" and draw(st.booleans()):
            due = TODAY + timedelta(days=draw(st.integers(-7, 90)))  # the last plan's day
        people = tuple(draw(st.lists(st.sampled_from("abcdefgh"), max_size=2, unique=True)))
        actions.append(Action(f"{kind}-{i}", kind, "t", "w", people,
                              draw(st.integers(0, 120)), due, status))
    return actions, draw(st.integers(1, 6))


@given(action_sets())
@settings(max_examples=150, deadline=None)
def test_capacity_is_never_exceeded_by_the_planner(case: tuple[list[Action], int]) -> None:
    actions, capacity = case
    plan = plan_schedule(actions, TODAY, capacity)
    assert len(plan) == len(actions)
    # Only what the participant fixed (dates they chose, things already done) can fill a
    # week beyond capacity; the planner itself never adds to a full week.
    fixed = Counter(week_start(a.due_on) for a in actions if a.due_on and (
        a.pinned or a.status == "done") and a.status not in ("skipped", "dropped"))
    for week, count in per_week(plan).items():
        assert count <= max(capacity, fixed[week]), (week, count)
    placed = {a.action_id: a for a in plan}
    for action in actions:
        if action.pinned or action.status in ("skipped", "done"):
            assert placed[action.action_id].due_on == action.due_on
    shuffled = actions[:]
    random.Random(1).shuffle(shuffled)
    assert plan_schedule(shuffled, TODAY, capacity) == plan  # stable, whatever the order


# ------------------------------------------------------------------ weeks away

AWAY = week_start(TODAY) + timedelta(weeks=2)  # Monday 16 November


def check_in(days: int, status: str = "planned", edited: bool = False) -> Action:
    return Action(f"check-{days}", "check_in", "Check-in", "w", (), 100,
                  TODAY + timedelta(days=days), status, edited)


def test_nothing_flexible_lands_in_an_away_week() -> None:
    assert per_week(plan_schedule(flexible(40), TODAY, 3))[AWAY] == 3  # filled when home
    plan = plan_schedule(flexible(40), TODAY, 3, away={AWAY + timedelta(days=3)})
    counts = per_week(plan)
    assert counts[AWAY] == 0
    assert counts[AWAY - timedelta(weeks=1)] == counts[AWAY + timedelta(weeks=1)] == 3
    assert max(counts.values()) == 3


def test_dates_the_participant_chose_stay_in_an_away_week() -> None:
    visit = Action("visit-1", "venue_visit", "Go", "w", (), 95, AWAY + timedelta(days=1))
    moved = Action("share-x", "share", "t", "w", ("c1",), 50, AWAY + timedelta(days=2),
                   edited=True)
    kept = Action("keep-x", "keep_warm", "t", "w", ("c2",), 50, AWAY + timedelta(days=3),
                  "accepted")
    own = check_in(12, edited=True)  # Monday 16 November, moved there by the participant
    plan = {a.action_id: a for a in plan_schedule(
        [visit, moved, kept, own, *flexible(20)], TODAY, 3, away={AWAY})}
    for action in (visit, moved, kept, own):
        assert plan[action.action_id].due_on == action.due_on
    assert {a.action_id for a in plan.values() if a.due_on and week_start(a.due_on) == AWAY} \
        == {"visit-1", "share-x", "keep-x", "check-12"}


def test_an_automatic_check_in_moves_past_the_whole_away_stretch() -> None:
    stretch = {AWAY, AWAY + timedelta(weeks=1)}
    plan = {a.action_id: a for a in plan_schedule(
        [check_in(14), check_in(30), *flexible(6)], TODAY, 3, away=stretch)}
    assert plan["check-14"].due_on == AWAY + timedelta(weeks=2)  # the Monday after both
    assert plan["check-30"].due_on == TODAY + timedelta(days=30)  # not in an away week
    assert not any(a.due_on and week_start(a.due_on) in stretch for a in plan.values())


@given(action_sets(), st.sets(st.integers(0, 12), max_size=5))
@settings(max_examples=150, deadline=None)
def test_away_weeks_keep_every_guarantee(case: tuple[list[Action], int],
                                         away_numbers: set[int]) -> None:
    actions, capacity = case
    away = {week_start(TODAY) + timedelta(weeks=n) for n in away_numbers}
    plan = plan_schedule(actions, TODAY, capacity, away=away)
    placed = {a.action_id: a for a in plan}
    movable = {a.action_id for a in actions if a.kind == "check_in" and not a.touched}
    flexible_ids = {a.action_id for a in actions
                    if not a.pinned and a.status not in ("skipped", "dropped", "done")}
    fixed: Counter = Counter()
    for action in actions:
        due = placed[action.action_id].due_on
        if action.pinned or action.status in ("skipped", "done"):
            if action.action_id not in movable or week_start(action.due_on) not in away:
                assert due == action.due_on
            else:  # an automatic check-in in an away week: the Monday after the stretch
                assert due.weekday() == 0
                assert week_start(due) not in away
                assert all(week_start(action.due_on) + timedelta(weeks=n) in away
                           for n in range((due - week_start(action.due_on)).days // 7))
            if action.status not in ("skipped", "dropped") and due:
                fixed[week_start(due)] += 1
        elif due is not None:
            assert week_start(due) not in away, action
    for week, count in per_week(plan).items():
        assert count <= max(capacity, fixed[week]), (week, count)
    live = [a for a in plan if a.due_on and a.status not in ("skipped", "dropped")]
    for action in live:
        if action.action_id in flexible_ids:  # the planner never doubles up a person
            others = {c for b in live if b is not action
                      and week_start(b.due_on) == week_start(action.due_on)
                      for c in b.contact_ids}
            assert not others & set(action.contact_ids)
    shuffled = actions[:]
    random.Random(2).shuffle(shuffled)
    assert plan_schedule(shuffled, TODAY, capacity, away=sorted(away)) == plan


def test_weeks_away_are_saved_as_mondays(workbook: Workbook) -> None:
    assert load_weeks_away(workbook) == set()
    save_weeks_away(workbook, [date(2026, 12, 23), date(2026, 12, 28),
                               pd.Timestamp("2026-12-24 15:00")])
    assert workbook.get_profile("weeks_away") == ["2026-12-21", "2026-12-28"]
    assert load_weeks_away(workbook) == {date(2026, 12, 21), date(2026, 12, 28)}
    save_weeks_away(workbook, [])
    assert load_weeks_away(workbook) == set()


@pytest.mark.parametrize("stored", [
    ["2026-12-23", "soon", 5, None, {"week": 1}, "2026-13-40", ["2026-12-28"]],
    "2026-12-21", {"2026-12-21": True}, 42])
def test_junk_in_the_saved_weeks_away_is_passed_over(workbook: Workbook, stored) -> None:
    workbook.set_profile("weeks_away", stored)
    expected = {date(2026, 12, 21)} if isinstance(stored, list) else set()
    assert load_weeks_away(workbook) == expected


def test_make_plan_plans_around_the_saved_weeks_away(workbook: Workbook, sample) -> None:
    home = make_plan(workbook, TODAY)
    thirty = next(a for a in home if a.action_id == action_id("check_in", "30"))
    away = {week_start(thirty.due_on), week_start(thirty.due_on) + timedelta(weeks=1)}
    assert any(a.due_on and week_start(a.due_on) in away and not a.pinned for a in home)
    save_weeks_away(workbook, away)
    plan = make_plan(workbook, TODAY)
    assert not any(a.due_on and week_start(a.due_on) in away for a in plan
                   if a.status not in ("skipped", "dropped"))
    moved = next(a for a in plan if a.action_id == thirty.action_id)
    assert moved.due_on == max(away) + timedelta(weeks=1)
    assert {a.action_id: a.due_on for a in load_plan(workbook)}[thirty.action_id] \
        == moved.due_on
    save_weeks_away(workbook, [])  # back home: the check-in returns to its own day
    again = {a.action_id: a for a in make_plan(workbook, TODAY)}
    assert again[thirty.action_id].due_on == thirty.due_on


def test_weekly_capacity_follows_the_time_given() -> None:
    assert weekly_capacity(None) == 3
    hours = {0.5: 2, 1.5: 3, 3.5: 6, 5.0: 6}
    for given_hours, expected in hours.items():
        assert weekly_capacity(Goal(style=Style(hours_per_week=given_hours))) == expected


# ------------------------------------------------------------------ the saved plan


def test_replanning_keeps_the_participants_edits(workbook: Workbook, sample) -> None:
    first = make_plan(workbook, TODAY)
    dated = [a for a in first if a.due_on and a.kind != "check_in"]
    accepted, skipped, moved = dated[0], dated[1], dated[2]
    update_action(workbook, accepted, status="accepted")
    update_action(workbook, skipped, status="skipped")
    new_day = TODAY + timedelta(days=40)
    update_action(workbook, moved, title="Ring them instead", due_on=new_day)
    again = {a.action_id: a for a in make_plan(workbook, TODAY + timedelta(days=1))}
    assert again[accepted.action_id].status == "accepted"
    assert again[accepted.action_id].due_on == accepted.due_on
    assert again[skipped.action_id].status == "skipped"
    assert again[moved.action_id].title == "Ring them instead"
    assert again[moved.action_id].due_on == new_day
    assert again[moved.action_id].revision >= 1
    rows = workbook.load_followups()
    assert len({r["data"]["action_id"] for r in rows}) == len(rows)  # no duplicates


def test_the_same_inputs_give_the_same_plan(workbook: Workbook, sample) -> None:
    first = make_plan(workbook, TODAY)
    second = make_plan(workbook, TODAY)
    assert [(a.action_id, a.due_on, a.title) for a in first] == [
        (a.action_id, a.due_on, a.title) for a in second]
    assert len(workbook.load_followups()) == len(first)


def test_stale_suggestions_are_dropped_not_deleted(workbook: Workbook, sample) -> None:
    plan = make_plan(workbook, TODAY)
    gone = next(a for a in plan if a.kind == "share")
    save_plan(workbook, [a for a in plan if a.action_id != gone.action_id])
    assert gone.action_id not in {a.action_id for a in load_plan(workbook)}
    assert gone.action_id in {a.action_id for a in load_plan(workbook, include_dropped=True)}
    save_plan(workbook, plan)
    assert next(a for a in load_plan(workbook) if a.action_id == gone.action_id).status \
        == "planned"


def test_logging_moves_an_overdue_contact_to_on_track(workbook: Workbook, sample) -> None:
    before = keep_warm_status(sample, TODAY)
    overdue = before[(before["status"] == "overdue") & (before["strength"] == "close")]
    cid = overdue["contact_id"].iloc[0]
    plan = make_plan(workbook, TODAY)
    action = next(a for a in plan if a.contact_ids == (cid,))
    done = mark_done(workbook, action, TODAY, "coffee, talked about her new role")
    assert done.status == "done"
    after = keep_warm_status(workbook.load_contacts(), TODAY)
    assert after.loc[after["contact_id"] == cid, "status"].item() == "on track"
    assert workbook.load_interactions(cid)[-1]["note"] == "coffee, talked about her new role"
    replanned = {a.action_id: a for a in make_plan(workbook, TODAY)}
    assert replanned[action.action_id].status == "done"


def test_an_event_adds_people_and_follow_ups_within_two_days(workbook: Workbook) -> None:
    day = TODAY - timedelta(days=1)
    actions = log_event(workbook, "Product meet-up", [
        Met("Dana Smith", "hiring a designer", "design"), "Eli Moss"], day, "great talk",
        today=TODAY)
    contacts = workbook.load_contacts()
    assert sorted(contacts["name"]) == ["Dana Smith", "Eli Moss"]
    assert set(contacts["source"]) == {"event"}
    assert set(contacts["strength"].astype(str)) == {TieStrength.ACQUAINTANCE.value}
    dana = contacts[contacts["name"] == "Dana Smith"].iloc[0]
    assert "hiring a designer" in dana["notes"]
    assert dana["last_contact"] == pd.Timestamp(day)
    assert len(actions) == 2
    assert all(a.due_on == day + timedelta(days=2) for a in actions)
    assert "mention hiring a designer" in actions[0].title + actions[1].title
    # The same event logged twice adds nobody twice, and the plan keeps the follow-ups.
    log_event(workbook, "Product meet-up", ["Dana Smith"], day, today=TODAY)
    assert workbook.count_contacts() == 2
    plan = make_plan(workbook, TODAY)
    assert sum(a.kind == "event_follow_up" for a in plan) == 2


def test_an_event_finds_people_already_mapped_without_accents_or_capitals(
        workbook: Workbook) -> None:
    workbook.save_contacts(normalise_contacts(pd.DataFrame([
        {"name": "Zoë Müller-Smith", "company": "Acme", "notes": "Met at the 2025 summit."},
        {"name": "Sam Lee", "company": "Globex"}]), source="manual"))
    zoe = workbook.load_contacts().set_index("name").loc["Zoë Müller-Smith", "contact_id"]
    actions = log_event(workbook, "Design breakfast",
                        [Met("zoe muller smith", "her new studio"), "Sam"], TODAY,
                        today=TODAY)
    contacts = workbook.load_contacts()
    assert sorted(contacts["name"]) == ["Sam", "Sam Lee", "Zoë Müller-Smith"]  # "Sam" is new
    notes = contacts.set_index("contact_id").loc[zoe, "notes"]
    assert notes.startswith("Met at the 2025 summit. | Met at Design breakfast")
    assert "her new studio" in notes
    followed = {a.contact_ids[0]: a.title for a in actions}
    assert len(followed) == 2
    assert followed[zoe].endswith("You talked about: “her new studio”")


def test_parse_people_reads_one_person_a_line() -> None:
    text = "Dana Smith — hiring a designer\nEli Moss\n\n  Fay Li: pricing  \nGus - solar"
    assert parse_people(text) == [Met("Dana Smith", "hiring a designer"), Met("Eli Moss"),
                                  Met("Fay Li", "pricing"), Met("Gus", "solar")]


# ---------------------------------------------------- after an event, logged late

MON_23 = date(2026, 11, 23)


@pytest.mark.parametrize(("met", "today", "due"), [
    (date(2026, 11, 17), date(2026, 11, 17), date(2026, 11, 19)),  # Tue: Thu, as ever
    (date(2026, 11, 20), MON_23, MON_23),  # logged on Monday: today, not Sunday gone by
    (date(2026, 11, 2), MON_23, MON_23),  # weeks late: today
    (date(2026, 11, 19), date(2026, 11, 19), date(2026, 11, 20)),  # Sat: the Friday before
    (date(2026, 11, 20), date(2026, 11, 21), MON_23),  # Sun, and Friday has gone: Monday
    (date(2026, 11, 21), date(2026, 11, 21), MON_23),  # met on a Saturday: Monday
])
def test_a_follow_up_is_never_due_in_the_past_nor_at_a_weekend(met, today, due) -> None:
    assert follow_up_day(met, today) == due


@given(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.integers(-30, 30))
def test_every_follow_up_day_is_a_coming_weekday_within_days(met: date, late: int) -> None:
    today = met + timedelta(days=late)
    due = follow_up_day(met, today)
    assert due >= today
    assert due.weekday() < 5
    assert (due - max(today, met)).days <= 3


def test_an_event_logged_late_is_followed_up_in_this_week(workbook: Workbook) -> None:
    actions = log_event(workbook, "Design breakfast", ["Ada Lovelace"], date(2026, 11, 20),
                        today=MON_23)
    assert [a.due_on for a in actions] == [MON_23]
    plan = make_plan(workbook, MON_23)
    (follow,) = [a for a in plan if a.kind == "event_follow_up"]
    assert follow.due_on == MON_23
    assert week_start(follow.due_on) == week_start(MON_23)  # the schedule's first week


# ------------------------------------------------------------- a typed name


def test_a_typed_name_finds_everyone_of_that_name() -> None:
    frame = people({"name": "Grace Hopper", "company": "Compiler Corp"},
                   {"name": "Zoë Müller", "company": "Acme"},
                   {"name": "zoe muller", "company": "Globex"})
    grace = frame.loc[frame["name"] == "Grace Hopper", "contact_id"].item()
    assert contacts_named(frame, "  grace   HOPPER ") == [grace]
    assert len(contacts_named(frame, "Zoe Muller")) == 2
    assert contacts_named(frame, "Grace") == []
    assert contacts_named(frame, "") == []
    assert contacts_named(frame.iloc[0:0], "Grace Hopper") == []


# ----------------------------------------------------------- give before asking


def gives_come_first(plan: list[Action], flexible_asks: set[str]) -> int:
    """Check that each ask the planner dated follows every give to the same person in an
    earlier week; returns how many such pairs there were, so a test can see it checked."""
    live = [a for a in plan if a.status in ("planned", "accepted")]
    pairs = 0
    for ask in live:
        if ask.action_id not in flexible_asks:
            continue
        for give in live:
            if give.kind in GIVE_FIRST and set(give.contact_ids) & set(ask.contact_ids):
                pairs += 1
                if ask.due_on is not None:
                    assert give.due_on is not None, (ask, give)
                    assert week_start(give.due_on) < week_start(ask.due_on), (ask, give)
    return pairs


@st.composite
def asks_and_gives(draw: st.DrawFn) -> tuple[list[Action], int]:
    kinds = ["ask_introduction", *GIVE_FIRST, "keep_warm", "venue_visit"]
    actions = []
    for i in range(draw(st.integers(1, 40))):
        kind = draw(st.sampled_from(kinds))
        status = draw(st.sampled_from(["planned", "planned", "planned", "accepted",
                                       "skipped", "done"]))
        due = None
        if draw(st.booleans()):  # a date the participant chose, or the last plan's day
            due = TODAY + timedelta(days=draw(st.integers(-3, 90)))
        people_ = tuple(draw(st.lists(st.sampled_from("abc"), min_size=1, max_size=2,
                                      unique=True)))
        actions.append(Action(f"{kind}-{i}", kind, "t", "w", people_,
                              draw(st.integers(0, 120)), due, status))
    return actions, draw(st.integers(1, 6))


@given(asks_and_gives(), st.sets(st.integers(0, 12), max_size=3))
@settings(max_examples=300, deadline=None)
def test_an_ask_never_comes_before_giving_to_the_same_person(
        case: tuple[list[Action], int], away_numbers: set[int]) -> None:
    actions, capacity = case
    away = {week_start(TODAY) + timedelta(weeks=n) for n in away_numbers}
    plan = plan_schedule(actions, TODAY, capacity, away=away)
    asks = {a.action_id for a in actions if a.kind == "ask_introduction"
            and a.status in ("planned", "accepted") and not a.pinned}
    gives_come_first(plan, asks)
    fixed = Counter(week_start(a.due_on) for a in actions if a.due_on and (
        a.pinned or a.status == "done") and a.status not in ("skipped", "dropped"))
    for week, count in per_week(plan).items():
        assert count <= max(capacity, fixed[week]), (week, count)
    shuffled = actions[:]
    random.Random(3).shuffle(shuffled)
    assert plan_schedule(shuffled, TODAY, capacity, away=away) == plan


def test_an_ask_waits_for_the_give_even_when_it_ranks_higher() -> None:
    ask = Action("ask-ada", "ask_introduction", "Ask Ada", "w", ("ada",), 99)
    give = Action("share-ada", "share", "Send Ada", "w", ("ada",), 10)
    filler = flexible(12, "keep_warm", 60)
    plan = {a.action_id: a for a in plan_schedule([ask, give, *filler], TODAY, 3)}
    assert week_start(plan["share-ada"].due_on) < week_start(plan["ask-ada"].due_on)
    later = {a.action_id: a for a in plan_schedule([ask, give, *flexible(60)], TODAY, 1)}
    assert later["share-ada"].due_on is None  # no room for the give: the ask waits too
    assert later["ask-ada"].due_on is None


@pytest.mark.parametrize("goal", [
    sample_goal(TODAY),
    Goal(kind=GoalKind.BETTER_EQUIPPED, who="fintech people", targets=["fintech"])],
    ids=["sample goal", "better equipped"])
def test_on_the_sample_asking_comes_after_giving(workbook: Workbook, sample, goal) -> None:
    plan = make_plan(workbook, TODAY, goal)
    asks = {a.action_id for a in plan if a.kind == "ask_introduction" and a.due_on}
    assert asks
    assert gives_come_first(plan, asks) >= 1  # the sample has someone to give and ask


# ------------------------------------------------------------ the review date


def test_the_nearest_check_in_moves_onto_the_review_date(sample) -> None:
    plain = {a.action_id: a.due_on for a in suggest_actions(sample, None, today=TODAY)
             if a.kind == "check_in"}
    sixty = plain[action_id("check_in", "60")]
    review = sixty + timedelta(days=7)  # a week after: near enough to stand in for it
    goal = Goal(kind=GoalKind.BETTER_KNOWN, who="designers", review_date=review)
    checks = {a.action_id: a for a in suggest_actions(sample, goal, today=TODAY)
              if a.kind == "check_in"}
    assert set(checks) == set(plain)  # three check-ins, not a fourth days apart
    assert checks[action_id("check_in", "60")].due_on == review
    assert "review date" in checks[action_id("check_in", "60")].title
    for days in ("30", "90"):
        assert checks[action_id("check_in", days)].due_on == plain[action_id("check_in", days)]
    further = Goal(kind=GoalKind.BETTER_KNOWN, who="designers",
                   review_date=sixty + timedelta(days=8))
    apart = [a for a in suggest_actions(sample, further, today=TODAY) if a.kind == "check_in"]
    assert len(apart) == 4
    assert sixty in {a.due_on for a in apart}


def test_the_plan_has_a_check_in_on_the_day_the_participant_chose(workbook, sample) -> None:
    goal = sample_goal(TODAY)
    plan = make_plan(workbook, TODAY, goal)
    assert goal.review_date in {a.due_on for a in plan if a.kind == "check_in"}
    assert sum(a.kind == "check_in" for a in plan) == 3


# ------------------------------------------------------- the participant's words

LONG_HELP = "runs a design studio, knows many studio owners"


@pytest.mark.parametrize(("text", "short"), [
    ("bookkeeping", True), ("pricing strategy", True), ("hiring a designer", True),
    ("B2B sales", True), (LONG_HELP, False), ("runs a studio", False),
    ("graphic designer, moving to Leeds in January", False), ("her new studio", False),
    ("help with interview practice and CVs", False), ("", False)])
def test_short_topics_are_told_apart_from_notes(text: str, short: bool) -> None:
    assert short_topic(text) is short


def test_quoting_does_not_double_the_quotes() -> None:
    assert quoted(' "a note" ') == "“a note”"
    assert quoted("“a note”") == "“a note”"


def titles(frame: pd.DataFrame, kind: str) -> list[str]:
    return [a.title for a in suggest_actions(frame, None, today=TODAY) if a.kind == kind]


def test_typed_notes_are_quoted_in_referrals_and_shares() -> None:
    ada = {"name": "Ada Lovelace", "strength": "close", "trust": "high",
           "can_help_with": LONG_HELP, "i_can_offer": "happy to look over a CV, any time",
           "last_contact": TODAY}
    assert titles(people(ada), "referral") == [
        "Think of someone who could use what Ada Lovelace offers, and point them to Ada "
        f"Lovelace: “{LONG_HELP}”"]
    assert titles(people(ada), "share") == [
        "Offer Ada Lovelace what you noted you could give: “happy to look over a CV, any time”"]
    short = dict(ada, can_help_with="bookkeeping", i_can_offer="a reading list on pricing")
    assert titles(people(short), "referral") == [
        "Think of someone who needs help with bookkeeping and point them to Ada Lovelace"]
    assert titles(people(short), "share") == ["Send Ada Lovelace a reading list on pricing"]
    for title in titles(people(ada), "referral") + titles(people(ada), "share"):
        outside = title.split("“")[0]
        assert not {"she", "he", "her", "his", "him"} & set(outside.lower().split())


def test_a_long_note_is_quoted_in_an_introduction_reason() -> None:
    frame = people(dict(HELPER, can_help_with=LONG_HELP, i_can_offer=None),
                   dict(NEEDER, i_can_offer="ideas for a design studio"))
    (_, _, reason), = match_introductions(frame)
    assert reason == f"Ned Need could use what Hana Help offers: “{LONG_HELP}”."


def test_what_was_talked_about_reads_as_a_sentence(workbook: Workbook) -> None:
    talk = "graphic designer, moving to Leeds in January"
    actions = log_event(workbook, "the print fair", [Met("Sam Cole", talk), Met("Ann Bo",
                        "bookkeeping")], TODAY, today=TODAY)
    assert sorted(a.title for a in actions) == [
        "Connect with Ann Bo (met at the print fair) and mention bookkeeping",
        f"Connect with Sam Cole (met at the print fair). You talked about: “{talk}”"]


# ------------------------------------------------------------------- stability


def test_marking_one_action_done_moves_no_other_date(workbook: Workbook, sample) -> None:
    goal = sample_goal(TODAY)
    first = make_plan(workbook, TODAY, goal)
    later = [a for a in first if a.due_on and week_start(a.due_on) > week_start(TODAY)
             and a.contact_ids and a.kind != "event_follow_up"]
    done = later[0]
    mark_done(workbook, done, TODAY)
    again = {a.action_id: a for a in make_plan(workbook, TODAY, goal)}
    before = {a.action_id: a.due_on for a in first if a.due_on
              and a.action_id != done.action_id and a.action_id in again}
    assert len(before) >= 30
    assert {i: again[i].due_on for i in before} == before


def test_the_next_day_keeps_every_date_still_ahead(workbook: Workbook, sample) -> None:
    goal = sample_goal(TODAY)
    first = make_plan(workbook, TODAY, goal)
    assert make_plan(workbook, TODAY, goal) == make_plan(workbook, TODAY, goal)
    tomorrow = TODAY + timedelta(days=1)
    again = {a.action_id: a.due_on for a in make_plan(workbook, tomorrow, goal)}
    ahead = {a.action_id: a.due_on for a in first
             if a.due_on and a.due_on >= tomorrow and a.action_id in again}
    assert len(ahead) >= 30
    assert {i: again[i] for i in ahead} == ahead


@given(action_sets(), st.sets(st.integers(0, 12), max_size=3))
@settings(max_examples=150, deadline=None)
def test_planning_again_from_a_plan_changes_nothing(case: tuple[list[Action], int],
                                                    away_numbers: set[int]) -> None:
    actions, capacity = case
    away = {week_start(TODAY) + timedelta(weeks=n) for n in away_numbers}
    plan = plan_schedule(actions, TODAY, capacity, away=away)
    assert plan_schedule(plan, TODAY, capacity, away=away) == plan


def test_what_you_give_someone_you_will_ask_comes_early(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    goal = sample_goal(TODAY)
    plan = make_plan(workbook, TODAY, goal)
    asked = {p for a in plan if a.kind == "ask_introduction" and a.due_on for p in a.contact_ids}
    gives = [a for a in plan if a.kind in GIVE_FIRST and asked & set(a.contact_ids)]
    assert gives, "the sample should ask someone it also gives to"
    first_fortnight = week_start(TODAY) + timedelta(weeks=2)
    assert all(g.due_on is not None and g.due_on < first_fortnight for g in gives)
    others = [a for a in plan if a.kind in GIVE_FIRST and not asked & set(a.contact_ids)]
    same_kind = {a.kind: a.priority for a in others}
    assert all(g.priority > same_kind.get(g.kind, 0) for g in gives)
