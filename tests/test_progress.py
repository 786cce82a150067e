"""Which steps are done: one definition per step, from plain data (no workbook file)."""

from __future__ import annotations

from datetime import date, timedelta

from networking_kit.goals import Goal, GoalKind
from networking_kit.progress import (
    MAP_SORTED_ENOUGH,
    STEP_KEYS,
    counts_in_plan,
    map_done,
    plan_active,
    start_done,
    steps_done,
)
from networking_kit.samples import sample_goal
from networking_kit.vocab import ActionStatus

TODAY = date(2026, 11, 23)
NOTHING = {"name": None, "start_mode": None, "goal": None, "people": 0, "sorted_people": 0,
           "statuses": [], "plan_saved": False, "exported": False}


def test_nothing_saved_means_nothing_done() -> None:
    assert steps_done(**NOTHING, today=TODAY) == dict.fromkeys(STEP_KEYS, False)


def test_each_step_ticks_from_its_own_part() -> None:
    done = steps_done(**{**NOTHING, "name": "Alex", "start_mode": "sample", "people": 150,
                         "sorted_people": 150, "goal": Goal(kind=GoalKind.BETTER_KNOWN)},
                      today=TODAY)
    assert done == {"start": True, "goal": False, "map": True, "followups": False,
                    "plan": False}
    done = steps_done(**{**NOTHING, "goal": sample_goal(TODAY), "statuses": ["accepted"],
                         "exported": True}, today=TODAY)
    assert (done["goal"], done["followups"], done["plan"]) == (True, True, True)


def test_the_start_page_needs_a_name_and_a_choice() -> None:
    assert not start_done("", "sample")
    assert not start_done("   ", "sample")
    assert not start_done("Alex", None)
    assert start_done("Alex", "empty")


def test_the_map_counts_as_done_with_half_sorted_or_enough_of_a_big_import() -> None:
    assert not map_done(0, 0)
    assert not map_done(16, 3)  # the walkthrough: 3 of 16 sorted is a start, not done
    assert map_done(16, 8)  # half of a small map is enough; all of it is not needed
    assert not map_done(16, 7)
    assert map_done(1, 1)
    assert map_done(3_000, MAP_SORTED_ENOUGH)
    assert not map_done(3_000, MAP_SORTED_ENOUGH - 1)


def test_step_three_is_done_once_an_action_is_kept_or_done_or_the_plan_saved() -> None:
    assert not plan_active([])
    assert not plan_active(["planned", "skipped", "dropped"])
    assert plan_active(["planned", "accepted"])
    assert plan_active([ActionStatus.DONE])
    assert plan_active([], plan_saved=True)


def test_an_action_counts_in_the_plan_when_done_or_dated_and_still_to_do() -> None:
    day = TODAY + timedelta(days=3)
    assert counts_in_plan("done", None)
    assert counts_in_plan(ActionStatus.PLANNED, day)
    assert counts_in_plan("accepted", day)
    assert not counts_in_plan("accepted", None)  # a "later" idea is not a plan yet
    assert not counts_in_plan("skipped", day)
    assert not counts_in_plan("dropped", day)
    assert not counts_in_plan("something else", day)
