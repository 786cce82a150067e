"""Step 1's diagnostic: the questions, the scoring, ties and the reasons given."""

from __future__ import annotations

import pytest

from networking_kit.goal_diagnostic import QUESTIONS, TIE_ORDER, score_diagnostic
from networking_kit.goals import GoalKind

KNOWN, EQUIPPED, CONNECTED = (GoalKind.BETTER_KNOWN, GoalKind.BETTER_EQUIPPED,
                              GoalKind.BETTER_CONNECTED)


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
     {KNOWN: 0, EQUIPPED: 0, CONNECTED: 6}, CONNECTED),
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


def test_knowing_few_people_is_never_a_reason_to_get_better_equipped() -> None:
    result = score_diagnostic({"stuck": "alone", "change": "few_people",
                               "mentor_hour": "advice"})
    assert result.recommended is EQUIPPED
    assert "know few people" not in result.summary()
