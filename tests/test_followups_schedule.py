"""The weekly schedule: capacity, spread, giving before asking, weeks away
(``followups.schedule``)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from followup_data import GIVE_FIRST, TODAY, check_in, gives_come_first
from hypothesis import given, settings
from hypothesis import strategies as st

from networking_kit.followups import (
    Action,
    action_id,
    plan_schedule,
    week_start,
    weekly_capacity,
)
from networking_kit.goal_style import Style
from networking_kit.goals import Goal
from networking_kit.vocab import ActionKind

KINDS = [k.value for k in ActionKind]


def flexible(n: int, kind: str = "share", priority: int = 50) -> list[Action]:
    return [Action(action_id(kind, str(i)), kind, f"do {i}", "why", (f"c{i}",), priority)
            for i in range(n)]


def per_week(actions: list[Action]) -> Counter:
    return Counter(week_start(a.due_on) for a in actions
                   if a.due_on and a.status not in ("skipped", "dropped"))


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


AWAY = week_start(TODAY) + timedelta(weeks=2)  # Monday 16 November


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


def test_weekly_capacity_follows_the_time_given() -> None:
    assert weekly_capacity(None) == 3
    hours = {0.5: 2, 1.5: 3, 3.5: 6, 5.0: 6}
    for given_hours, expected in hours.items():
        assert weekly_capacity(Goal(style=Style(hours_per_week=given_hours))) == expected


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


@given(action_sets(), st.sets(st.integers(0, 12), max_size=3))
@settings(max_examples=150, deadline=None)
def test_planning_again_from_a_plan_changes_nothing(case: tuple[list[Action], int],
                                                    away_numbers: set[int]) -> None:
    actions, capacity = case
    away = {week_start(TODAY) + timedelta(weeks=n) for n in away_numbers}
    plan = plan_schedule(actions, TODAY, capacity, away=away)
    assert plan_schedule(plan, TODAY, capacity, away=away) == plan
