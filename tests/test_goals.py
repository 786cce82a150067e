"""Step 1's domain: diagnostic scoring, advice, goal checks, venues and the saved goal."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from networking_kit.goal_diagnostic import QUESTIONS, TIE_ORDER, score_diagnostic
from networking_kit.goal_style import Setting, Style, TieStyle, advice
from networking_kit.goals import EXAMPLES, GOAL_VERSION, Goal, GoalKind, check_goal
from networking_kit.venues import Commitment, check_commitment, load_venue_catalogue, rank_venues

TODAY = date(2026, 11, 1)
KNOWN, EQUIPPED, CONNECTED = (GoalKind.BETTER_KNOWN, GoalKind.BETTER_EQUIPPED,
                              GoalKind.BETTER_CONNECTED)


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


# ---------------------------------------------------------------------- diagnostic


def test_questions_are_a_short_well_formed_set() -> None:
    assert 8 <= len(QUESTIONS) <= 12
    assert len({q.key for q in QUESTIONS}) == len(QUESTIONS)
    for question in QUESTIONS:
        assert len(question.options) >= 2
        assert len({o.key for o in question.options}) == len(question.options)
        for option in question.options:
            # Points without words would leave a score unexplained.
            assert not any(option.points.values()) or option.because
    # Every kind can be reached by some answer.
    reachable = {k for q in QUESTIONS for o in q.options for k, p in o.points.items() if p}
    assert reachable == set(GoalKind)


@pytest.mark.parametrize(("answers", "scores", "winner"), [
    # Hand-added from the QUESTIONS table.
    ({"year_ahead": "known", "share": "never", "sounds_like_you": "good_unknown"},
     {KNOWN: 6, EQUIPPED: 0, CONNECTED: 0}, KNOWN),
    ({"stuck": "alone", "change": "much_to_learn", "mentor_hour": "advice"},
     {KNOWN: 0, EQUIPPED: 6, CONNECTED: 0}, EQUIPPED),
    ({"catch_up": "cannot_remember", "change": "few_people", "year_ahead": "connected"},
     {KNOWN: 0, EQUIPPED: 1, CONNECTED: 6}, CONNECTED),
])
def test_each_kind_can_win(answers: dict, scores: dict, winner: GoalKind) -> None:
    result = score_diagnostic(answers)
    assert dict(result.scores) == scores
    assert result.recommended is winner
    assert result.tied == (winner,)
    assert result.answered == 3
    assert "lean towards " + winner.label.lower() in result.summary()


def test_scoring_is_deterministic_whatever_the_order_of_answers() -> None:
    answers = {"year_ahead": "known", "stuck": "alone", "catch_up": "year", "share": "never"}
    backwards = dict(reversed(list(answers.items())))
    first, second = score_diagnostic(answers), score_diagnostic(backwards)
    assert first == second
    assert dict(first.scores) == {KNOWN: 4, EQUIPPED: 2, CONNECTED: 1}


@pytest.mark.parametrize(("answers", "tied", "recommended"), [
    ({"year_ahead": "connected", "stuck": "alone"}, (CONNECTED, EQUIPPED), CONNECTED),
    ({"year_ahead": "known", "stuck": "alone"}, (EQUIPPED, KNOWN), EQUIPPED),
    ({"year_ahead": "known", "catch_up": "cannot_remember"}, (CONNECTED, KNOWN), CONNECTED),
    ({"year_ahead": "known", "stuck": "alone", "catch_up": "cannot_remember"},
     (CONNECTED, EQUIPPED, KNOWN), CONNECTED),
])
def test_ties_follow_the_tie_order_and_say_so(answers: dict, tied: tuple,
                                              recommended: GoalKind) -> None:
    result = score_diagnostic(answers)
    assert result.tied == tied
    assert result.recommended is recommended
    assert result.summary().startswith("It's a tie")
    assert recommended.label.lower() in result.summary()
    assert TIE_ORDER[0] is CONNECTED


def test_no_answers_or_only_neutral_ones_recommend_nothing() -> None:
    for answers in ({}, {"stuck": "ask", "outside": "often"}):
        result = score_diagnostic(answers)
        assert result.recommended is None
        assert result.tied == ()
        assert "Answer a few questions" in result.summary()


def test_unknown_questions_and_answers_are_skipped() -> None:
    result = score_diagnostic({"nope": "known", "year_ahead": "not-an-answer",
                               "stuck": None, "share": "never"})
    assert result.answered == 1
    assert dict(result.scores) == {KNOWN: 2, EQUIPPED: 0, CONNECTED: 0}


def test_grounds_say_what_the_answers_showed_without_points() -> None:
    result = score_diagnostic({"year_ahead": "known", "share": "sometimes",
                               "outside": "rarely"})
    assert result.grounds[KNOWN] == (
        "your answers showed that you want more people in your field to know what you do "
        "and few people outside your organisation know what you do.")
    assert CONNECTED not in result.grounds  # no answer pointed that way
    assert not any(char.isdigit() for char in result.grounds[KNOWN])


def test_reasons_are_one_sentence_built_from_the_strongest_answers() -> None:
    result = score_diagnostic({"year_ahead": "known", "share": "sometimes",
                               "outside": "rarely"})
    assert result.reasons[KNOWN] == (
        "Better known scores 5 because you want more people in your field to know what you "
        "do and few people outside your organisation know what you do.")
    assert result.reasons[EQUIPPED] == ("Better equipped scores 0: none of your answers "
                                        "pointed this way.")
    for reason in result.reasons.values():
        assert reason.count(".") == 1
        assert reason.endswith(".")


# -------------------------------------------------------------------------- advice


def test_advice_says_build_it_before_you_need_it_unless_looking_for_work() -> None:
    relaxed = " ".join(advice(CONNECTED, Style(looking_for_work=False)))
    urgent = " ".join(advice(CONNECTED, Style(looking_for_work=True)))
    assert "before you need it" in relaxed
    assert "before you need it" not in urgent
    assert "people who already know your" in urgent


def test_advice_adapts_to_style_and_time_without_judging() -> None:
    deep = advice(KNOWN, Style(ties=TieStyle.DEEP_TIES, setting=Setting.ONLINE,
                               hours_per_week=0.5))
    text = " ".join(deep)
    assert "strength" in text
    assert "call or a coffee" in text
    assert "one venue" in text
    assert advice(None, Style())[0] != deep[0]  # no goal yet: no goal advice


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


# -------------------------------------------------------------------------- venues


def test_catalogue_covers_the_kinds_of_venue_the_workshop_teaches() -> None:
    catalogue = load_venue_catalogue()
    assert len({v.id for v in catalogue}) == len(catalogue)
    kinds = {v.kind for v in catalogue}
    for needed in ("professional association", "meet-up", "conference", "alumni group",
                   "mentoring", "volunteering", "online community", "writing",
                   "starting a group"):
        assert needed in kinds
    for venue in catalogue:
        assert venue.serves
        assert venue.fits
        assert venue.visit_target
        assert venue.in_person or venue.online
        assert set(venue.serves) == set(venue.why)  # a reason for every goal it serves


def test_catalogue_can_come_from_an_edited_file(tmp_path) -> None:
    edited = tmp_path / "venues.json"
    edited.write_text(json.dumps({"venues": [{
        "id": "book_club", "name": "A book club", "kind": "club",
        "serves": {"better_equipped": 2}, "in_person": True, "hours_per_month": 2,
        "fits": ["deep_ties"], "why": {"better_equipped": "You read and talk."}}]}))
    (venue,) = load_venue_catalogue(str(edited))
    assert venue.id == "book_club"
    assert venue.every_weeks == 3
    assert [s.venue.id for s in rank_venues(EQUIPPED, Style(), [venue])] == ["book_club"]
    assert rank_venues(KNOWN, Style(), [venue]) == []


def _order(kind: GoalKind, **style: object) -> list[str]:
    return [s.venue.id for s in rank_venues(kind, Style(**style))]


def test_ranking_only_lists_venues_that_serve_the_goal() -> None:
    ids = _order(KNOWN)
    assert "mentoring" not in ids
    assert "former_colleagues" not in ids
    assert "writing" in ids
    assert _order(KNOWN) == ids  # deterministic


def test_ranking_changes_with_style() -> None:
    connector = _order(EQUIPPED, ties=TieStyle.CONNECTOR, hours_per_week=5.0)
    deep = _order(EQUIPPED, ties=TieStyle.DEEP_TIES, hours_per_week=5.0)
    assert connector != deep
    # Mentoring suits deep ties, the conference suits connectors.
    assert deep.index("mentoring") < connector.index("mentoring")
    assert connector.index("conference") < deep.index("conference")


def test_ranking_changes_with_time() -> None:
    plenty = _order(CONNECTED, hours_per_week=5.0)
    little = _order(CONNECTED, hours_per_week=0.5)
    assert plenty != little
    # 8 hours a month against about 2 available: the conference drops below the
    # association and volunteering, which it ties with when time is plentiful.
    assert plenty.index("conference") < plenty.index("volunteering")
    assert little.index("conference") > little.index("volunteering")
    assert little.index("conference") > plenty.index("conference")


def test_ranking_changes_with_setting_and_job_search() -> None:
    online = rank_venues(KNOWN, Style(setting=Setting.ONLINE))
    assert online[0].venue.online
    meetup = next(s for s in online if s.venue.id == "industry_meetup")
    assert "does not happen online" in meetup.reason
    assert _order(CONNECTED, looking_for_work=True)[0] == "former_colleagues"
    searching = rank_venues(CONNECTED, Style(looking_for_work=True))[0]
    assert "already know your work" in searching.reason


def test_each_suggestion_says_why_it_fits() -> None:
    for suggestion in rank_venues(CONNECTED, Style(ties=TieStyle.DEEP_TIES)):
        assert suggestion.venue.why[CONNECTED] in suggestion.reason
        assert "a month" in suggestion.reason


def test_commitment_plan_spaces_three_visits() -> None:
    venue = next(v for v in load_venue_catalogue() if v.id == "industry_meetup")
    plan = Commitment.plan(venue, TODAY, CONNECTED)
    assert plan.visits == [date(2026, 11, 1), date(2026, 11, 29), date(2026, 12, 27)]
    assert plan.target == "talk to two new people"
    assert check_commitment(plan, TODAY) == []


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
