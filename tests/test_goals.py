"""Step 1's goal: its checks, statement, examples and the saved form."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from networking_kit.goal_style import Setting, Style, TieStyle
from networking_kit.goals import EXAMPLES, GOAL_VERSION, Goal, GoalKind, check_goal
from networking_kit.venues import Commitment, check_commitment

TODAY = date(2026, 11, 1)
CONNECTED = GoalKind.BETTER_CONNECTED


def complete_goal(today: date = TODAY) -> Goal:
    return Goal(
        kind=CONNECTED,
        who="new product managers",
        where="the local product group",
        how_many=6,
        by_when=today + timedelta(weeks=12),
        commitments=[Commitment("industry_meetup", "An industry meet-up",
                                [today + timedelta(weeks=w) for w in (1, 5, 9)],
                                "talk to two new people")],
        review_date=today + timedelta(weeks=6),
    )


# ---------------------------------------------------------------------- goal checks


def test_a_complete_goal_has_nothing_missing() -> None:
    assert check_goal(complete_goal(), TODAY) == []
    assert complete_goal().is_complete(TODAY)


@pytest.mark.parametrize(("change", "expected"), [
    ({"kind": None}, "Choose your main goal"),
    ({"who": "  "}, "Add who"),
    ({"where": "", "commitments": []}, "Add where"),
    ({"how_many": None}, "Add how many"),
    ({"how_many": 500}, "smaller number"),
    ({"by_when": None}, "Add a date"),
    ({"by_when": TODAY}, "date in the future"),
    ({"by_when": TODAY + timedelta(days=400)}, "within the next year"),
    ({"review_date": TODAY - timedelta(days=1)}, "check-in date from today"),
    ({"review_date": TODAY + timedelta(weeks=13)}, "before your goal's date"),
])
def test_each_missing_part_is_named(change: dict, expected: str) -> None:
    problems = check_goal(replace(complete_goal(), **change), TODAY)
    assert len(problems) == 1
    assert expected in problems[0]


def test_date_checks_move_with_today() -> None:
    goal = complete_goal(TODAY)
    next_year = TODAY + timedelta(days=365)
    assert check_goal(goal, TODAY) == []
    assert any("date in the future" in p for p in check_goal(goal, next_year))
    assert check_goal(complete_goal(next_year), next_year) == []


def test_picked_venues_fill_where_when_it_is_left_empty() -> None:
    goal = replace(complete_goal(), where="")
    assert check_goal(goal, TODAY) == []
    assert "at an industry meet-up." in goal.statement()


@pytest.mark.parametrize(("change", "expected"), [
    ({"visits": [TODAY + timedelta(days=7), None, None]}, "Add dates for all three"),
    ({"visits": [TODAY + timedelta(days=9), TODAY + timedelta(days=8),
                 TODAY + timedelta(days=10)]}, "earliest first"),
    ({"visits": [TODAY + timedelta(days=8)] * 3}, "different days"),
    ({"visits": [TODAY - timedelta(days=1), TODAY + timedelta(days=8),
                 TODAY + timedelta(days=9)]}, "from today on"),
    ({"target": " "}, "Add a small target"),
])
def test_commitment_checks(change: dict, expected: str) -> None:
    commitment = replace(complete_goal().commitments[0], **change)
    problems = check_commitment(commitment, TODAY)
    assert len(problems) == 1
    assert expected in problems[0]
    assert "An industry meet-up" in problems[0]


def test_statement_is_one_sentence_with_every_part() -> None:
    statement = complete_goal().statement()
    assert statement == ("By 24 January 2027, I will have real conversations with 6 new "
                         "product managers, at the local product group.")
    empty = Goal().statement()
    assert empty.startswith("By … (a date)")
    assert "(who)" in empty
    assert "(where)" in empty


@pytest.mark.parametrize("kind", list(GoalKind))
def test_examples_make_complete_goals(kind: GoalKind) -> None:
    assert EXAMPLES[kind]
    for example in EXAMPLES[kind]:
        goal = Goal(kind=kind)
        example.apply(goal, TODAY)
        assert check_goal(goal, TODAY) == []
        assert example.who in example.statement(kind, TODAY)


# --------------------------------------------------------------------- saved goal


def test_round_trip_through_json() -> None:
    goal = replace(complete_goal(), targets=["fintech", "Leeds"], venues=["industry_meetup"],
                   answers={"year_ahead": "known"},
                   style=Style(TieStyle.DEEP_TIES, Setting.ONLINE, 3.5, True))
    data = json.loads(json.dumps(goal.to_dict()))
    assert data["version"] == GOAL_VERSION
    assert data["by_when"] == "2027-01-24"
    assert Goal.from_dict(data) == goal


def test_from_dict_is_forgiving_but_refuses_newer_versions() -> None:
    goal = Goal.from_dict({"kind": "famous", "how_many": -3, "by_when": "31/12/2026",
                           "style": {"ties": "?", "hours_per_week": "lots"},
                           "commitments": [{"venue_id": "x", "visits": ["2026-12-01"]}]})
    assert goal.kind is None
    assert goal.how_many is None
    assert goal.by_when is None
    assert goal.style == Style()
    assert goal.commitments[0].visits == [date(2026, 12, 1), None, None]
    with pytest.raises(ValueError, match="newer"):
        Goal.from_dict({"version": GOAL_VERSION + 1})


def test_schedule_lists_every_visit_in_date_order() -> None:
    goal = complete_goal()
    goal.commitments.append(Commitment("writing", "Writing", [TODAY + timedelta(days=d)
                                                              for d in (2, 16, 30)],
                                       "publish one post", place="My blog"))
    schedule = goal.schedule()
    assert [v.on for v in schedule] == sorted(v.on for v in schedule)
    assert len(schedule) == 6
    assert (schedule[0].name, schedule[0].number) == ("My blog", 1)


def test_catalogue_venue_names_read_naturally_inside_the_goal_sentence() -> None:
    from networking_kit.venues import Commitment

    goal = Goal(kind=GoalKind.BETTER_CONNECTED, commitments=[
        Commitment("a", "Coffees with former colleagues and clients", place=""),
        Commitment("b", "Industry meet-up", place="the Leeds ProductTank"),
        Commitment("c", "IT leaders' forum", place=""),
    ])
    assert goal.where_text() == ("coffees with former colleagues and clients, the Leeds "
                                 "ProductTank and IT leaders' forum")
