"""The step 1 forms, driven in Python (``.value``, ``.click()``), checked on the store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from networking_kit.goals import GOAL_VERSION, GoalKind
from networking_kit.store import Workbook
from networking_kit.store.records import load_goal
from networking_kit.ui.goal import GoalWorkbook, goal_workbook

TODAY = date(2026, 11, 1)


@pytest.fixture
def step(workbook: Workbook) -> GoalWorkbook:
    return goal_workbook(workbook, today=TODAY)


def saved(workbook: Workbook) -> dict:
    data = workbook.load_goal()
    assert data is not None, "nothing was saved"
    return data


def answer_all(step: GoalWorkbook, position: int) -> None:
    for buttons in step.questions.values():
        buttons.value = buttons.options[position][1]


def test_a_blank_workbook_shows_an_empty_form_and_saves_nothing(step, workbook) -> None:
    assert workbook.load_goal() is None
    assert len(step.questions) >= 8
    assert all(q.value is None for q in step.questions.values())
    assert step.kind.value is None
    assert step.use_suggestion.disabled
    assert "Choose your main goal" in step.missing.value
    assert step.venue_list.children == ()


def test_every_answer_is_saved_and_moves_the_chart(step, workbook) -> None:
    step.questions["year_ahead"].value = "known"
    assert saved(workbook)["answers"] == {"year_ahead": "known"}
    assert list(step.chart.data[0].x) == [2, 0, 0]
    assert "lean towards better known" in step.result.value
    # The chart's table says the same, for screen readers.
    assert "<td>Better known  ← suggested</td><td>2</td>" in step.chart_table.value
    step.questions["year_ahead"].value = None
    assert saved(workbook)["answers"] == {}
    assert list(step.chart.data[0].x) == [0, 0, 0]


def test_the_suggestion_is_offered_but_the_participant_decides(step, workbook) -> None:
    answer_all(step, 1)
    assert not step.use_suggestion.disabled
    step.use_suggestion.click()
    suggested = step.kind.value
    assert suggested is not None
    assert saved(workbook)["kind"] == suggested
    other = next(k.value for k in GoalKind if k.value != suggested)
    step.kind.value = other
    assert saved(workbook)["kind"] == other


def test_style_changes_the_advice_and_the_venue_order(step, workbook) -> None:
    step.kind.value = "better_equipped"
    before = [row.children[0].description for row in step.venue_list.children]
    assert "before you need it" in step.advice.value
    step.ties.value = "deep_ties"
    step.hours.value = 0.5
    step.looking.value = True
    style = saved(workbook)["style"]
    assert style == {"ties": "deep_ties", "setting": "both", "hours_per_week": 0.5,
                     "looking_for_work": True}
    after = [row.children[0].description for row in step.venue_list.children]
    assert after != before
    assert sorted(after) == sorted(before)
    assert "already know your" in step.advice.value


def test_the_builder_names_what_is_missing_and_previews_the_sentence(step, workbook) -> None:
    step.kind.value = "better_connected"
    assert "Add who" in step.missing.value
    step.who.value = "new product managers"
    step.where.value = "the local product group"
    step.how_many.value = 6
    assert "Add a date" in step.missing.value
    assert "Add who" not in step.missing.value
    step.by_when.value = TODAY + timedelta(weeks=12)
    assert "everything it needs" in step.missing.value
    assert ("By 24 January 2027, I will have real conversations with 6 new product "
            "managers, at the local product group.") in step.statement.value
    data = saved(workbook)
    assert (data["who"], data["how_many"], data["by_when"]) == (
        "new product managers", 6, "2027-01-24")
    assert data["review_date"] == "2026-12-13"  # suggested half-way
    assert step.review.value == date(2026, 12, 13)
    step.targets.value = "fintech,  Leeds , "
    assert saved(workbook)["targets"] == ["fintech", "Leeds"]


def test_an_example_fills_the_goal_in_one_click(step, workbook) -> None:
    step.kind.value = "better_equipped"
    assert len(step.example_buttons.children) >= 1
    step.example_buttons.children[0].click()
    goal = load_goal(workbook)
    assert goal is not None
    assert goal.who == step.who.value != ""
    assert goal.by_when == step.by_when.value
    assert goal.by_when > TODAY


def test_the_step_bar_ticks_step_one_once_the_goal_is_complete(step, workbook) -> None:
    from networking_kit.ui.nav import step_bar

    bar = step_bar("goal", workbook, TODAY)
    assert "1. Set your goal ✓" not in bar.value
    step.kind.value = "better_equipped"
    assert "1. Set your goal ✓" not in bar.value  # a kind alone is not a goal yet
    step.example_buttons.children[0].click()  # who, how many, by when: complete
    first = next(iter(step.venue_boxes.values()))
    first.value = True
    assert "1. Set your goal ✓" in bar.value
    step.who.value = ""
    assert "1. Set your goal ✓" not in bar.value


def test_picking_a_venue_adds_three_dated_visits(step, workbook) -> None:
    step.kind.value = "better_connected"
    step.venue_boxes["industry_meetup"].value = True
    (commitment,) = saved(workbook)["commitments"]
    assert commitment["visits"] == ["2026-11-08", "2026-12-06", "2027-01-03"]
    assert commitment["target"] == "talk to two new people"
    assert saved(workbook)["venues"] == ["industry_meetup"]
    controls = step.commitment_rows["industry_meetup"]
    controls["visits"].children[1].value = date(2026, 11, 22)
    controls["target"].value = "talk to three new people"
    controls["place"].value = "Leeds ProductTank"
    (commitment,) = saved(workbook)["commitments"]
    assert commitment["visits"][1] == "2026-11-22"
    assert commitment["target"] == "talk to three new people"
    assert "Leeds ProductTank" in step.card.value
    step.venue_boxes["industry_meetup"].value = False
    assert saved(workbook)["commitments"] == []
    assert saved(workbook)["venues"] == []


def test_reopening_restores_every_answer(step, workbook) -> None:
    answer_all(step, 0)
    step.kind.value = "better_known"
    step.setting.value = "online"
    step.hours.value = 3.5
    step.who.value = "product managers in my region"
    step.how_many.value = 8
    step.by_when.value = date(2027, 1, 10)
    step.targets.value = "product, Yorkshire"
    step.venue_boxes["writing"].value = True
    step.commitment_rows["writing"]["place"].value = "My blog"

    again = goal_workbook(workbook, today=TODAY)
    assert {k: q.value for k, q in again.questions.items()} == {
        k: q.value for k, q in step.questions.items()}
    assert again.kind.value == "better_known"
    assert (again.setting.value, again.hours.value) == ("online", 3.5)
    assert again.who.value == "product managers in my region"
    assert (again.how_many.value, again.by_when.value) == (8, date(2027, 1, 10))
    assert again.targets.value == "product, Yorkshire"
    assert again.review.value == step.review.value
    assert again.venue_boxes["writing"].value is True
    assert again.commitment_rows["writing"]["place"].value == "My blog"
    assert again.commitment_rows["writing"]["visits"].children[2].value == date(2026, 12, 6)
    assert again.card.value == step.card.value
    # The chart is built from the saved scores (what a freshly opened page draws).
    assert list(again.chart.data[0].x) == list(step.chart.data[0].x)
    assert sum(again.chart.data[0].x) > 0


def test_a_failed_save_shows_a_sentence_not_a_traceback(step, workbook,
                                                        monkeypatch) -> None:
    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "save_goal", broken)
    step.who.value = "anyone"  # must not raise
    assert "could not be saved" in step.builder_status.value
    assert "Traceback" not in step.builder_status.value
    assert isinstance(step.last_error, OSError)
    assert workbook.load_goal() is None


def test_a_goal_from_a_newer_toolkit_is_never_overwritten(workbook) -> None:
    workbook.save_goal({"version": GOAL_VERSION + 1, "kind": "better_known"})
    step = goal_workbook(workbook, today=TODAY)
    assert "newer version" in step.diagnostic_status.value
    step.who.value = "someone"
    assert workbook.load_goal() == {"version": GOAL_VERSION + 1, "kind": "better_known"}
    assert "Not saved" in step.builder_status.value


def test_a_page_opened_earlier_shows_the_newer_goal_after_its_next_change(
        step, workbook) -> None:
    from networking_kit.steps.goal import GoalSession
    from networking_kit.store import open_workbook

    other = GoalSession(open_workbook(workbook.path), TODAY)  # another tab
    other.choose_kind("better_connected")
    other.set_who("people in fintech")
    step.how_many.value = 6
    assert step.who.value == "people in fintech"  # every section followed
    assert step.kind.value == "better_connected"
    assert "people in fintech" in step.card.value
    assert "out of date" in step.builder_status.value
    data = saved(workbook)
    assert (data["kind"], data["who"], data["how_many"]) == (
        "better_connected", "people in fintech", 6)


def test_typing_a_trailing_comma_in_the_targets_keeps_it(step, workbook) -> None:
    step.targets.value = "fintech, "
    assert step.targets.value == "fintech, "
    assert saved(workbook)["targets"] == ["fintech"]


def test_in_a_kernel_the_chart_is_drawn_once_the_page_is_built(workbook: Workbook) -> None:
    """The questions answer at once; the chart under them says it is on its way and is
    drawn after the page's last cell, with an answer given meanwhile in it."""
    import asyncio

    from networking_kit.ui.nav import page_ready

    seen: dict[str, object] = {}

    async def page() -> None:
        step = goal_workbook(workbook, today=TODAY)
        seen["chart while building"] = step.chart
        seen["note"] = step.chart_note.value
        step.questions["year_ahead"].value = "known"  # a click before the chart is drawn
        page_ready()
        step.flush_redraws()
        assert step.chart is not None
        seen["answered"] = sum(step.chart.data[0].x) > 0
        seen["note after"] = step.chart_note.value

    asyncio.run(page())
    assert seen["chart while building"] is None
    assert "Drawing the chart" in str(seen["note"])
    assert seen["answered"] is True
    assert seen["note after"] == ""
