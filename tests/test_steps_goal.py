"""Step 1's session, driven directly: each action one saved transaction, memory and the
file agree, listeners hear it, and a tab opened earlier never loses a newer answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from networking_kit.goal_style import Setting, TieStyle
from networking_kit.goals import GOAL_VERSION, Goal, GoalKind
from networking_kit.samples import sample_goal
from networking_kit.steps._session import STALE_NOTE, Change, ChangeEvent
from networking_kit.steps.goal import (
    KIND_FIRST,
    NOT_SAVED_NEWER,
    PICKED_EARLIER,
    GoalActionRefused,
    GoalSession,
    suggested_review_date,
)
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import load_goal, save_goal

TODAY = date(2026, 11, 1)


@pytest.fixture
def session(workbook: Workbook) -> GoalSession:
    return GoalSession(workbook, TODAY)


def saved(workbook: Workbook) -> Goal:
    goal = load_goal(workbook)
    assert goal is not None, "nothing was saved"
    return goal


def test_the_goal_round_trips_through_the_workbook(workbook: Workbook) -> None:
    assert load_goal(workbook) is None
    goal = sample_goal(TODAY)
    save_goal(workbook, goal)
    assert workbook.load_goal()["kind"] == "better_connected"
    assert load_goal(workbook) == goal


def test_a_blank_workbook_gives_an_empty_goal_and_saves_nothing(
        session: GoalSession, workbook: Workbook) -> None:
    assert session.goal == Goal()
    assert not session.goal_done()
    assert "Choose your main goal" in session.problems()[0]
    assert session.venue_choices() == []
    assert session.examples() == []
    assert session.diagnostic().recommended is None
    assert session.card().title == "Your goal"
    assert workbook.load_goal() is None


def test_each_action_saves_updates_memory_then_tells_listeners(
        session: GoalSession, workbook: Workbook) -> None:
    heard: list[tuple[ChangeEvent, dict[str, str]]] = []
    session.listen(lambda e: heard.append((e, dict(session.goal.answers))), Change.GOAL)
    session.answer("year_ahead", "known")
    assert saved(workbook).answers == {"year_ahead": "known"}
    (event, seen), = heard
    assert event.topics == frozenset({Change.GOAL})
    assert event.note == ""
    assert seen == {"year_ahead": "known"}  # memory was updated before the listener ran
    assert session.diagnostic().scores[GoalKind.BETTER_KNOWN] == 2
    session.answer("year_ahead", None)
    assert saved(workbook).answers == {}
    with pytest.raises(KeyError):
        session.answer("no_such_question", "known")
    with pytest.raises(KeyError):
        session.answer("year_ahead", "no_such_option")
    assert len(heard) == 2


def test_the_suggestion_is_only_a_suggestion(session: GoalSession,
                                             workbook: Workbook) -> None:
    assert session.use_suggestion() is None
    assert workbook.load_goal() is None  # nothing to suggest, nothing saved
    for question in ("year_ahead", "sounds_like_you", "mentor_hour"):
        session.answer(question, {"year_ahead": "connected", "sounds_like_you":
                                  "wrong_people", "mentor_hour": "introductions"}[question])
    assert session.use_suggestion() is GoalKind.BETTER_CONNECTED
    assert saved(workbook).kind is GoalKind.BETTER_CONNECTED
    session.choose_kind("better_known")
    assert saved(workbook).kind is GoalKind.BETTER_KNOWN
    session.choose_kind(None)
    assert saved(workbook).kind is None


def test_the_situation_changes_only_the_part_given(session: GoalSession,
                                                   workbook: Workbook) -> None:
    session.choose_kind(GoalKind.BETTER_EQUIPPED)
    before = [c.venue.id for c in session.venue_choices()]
    assert any("before you need it" in tip for tip in session.advice())
    session.set_style(ties="deep_ties")
    session.set_style(hours_per_week=0.5, looking_for_work=True)
    style = saved(workbook).style
    assert (style.ties, style.setting, style.hours_per_week, style.looking_for_work) == (
        TieStyle.DEEP_TIES, Setting.BOTH, 0.5, True)
    after = [c.venue.id for c in session.venue_choices()]
    assert after != before
    assert sorted(after) == sorted(before)
    with pytest.raises(ValueError, match="above 0"):
        session.set_style(hours_per_week=0)


def test_the_builder_fields_and_the_half_way_check_in(session: GoalSession,
                                                      workbook: Workbook) -> None:
    session.choose_kind("better_connected")
    session.set_who("new product managers")
    session.set_where("the local product group")
    session.set_how_many(6)
    assert any("Add a date" in p for p in session.problems())
    session.set_by_when(TODAY + timedelta(weeks=12))
    assert session.problems() == []
    assert session.goal_done()
    goal = saved(workbook)
    assert (goal.who, goal.how_many, goal.by_when) == (
        "new product managers", 6, date(2027, 1, 24))
    assert goal.review_date == date(2026, 12, 13)  # half-way, suggested once
    session.set_by_when(date(2027, 2, 1))
    assert saved(workbook).review_date == date(2026, 12, 13)  # not moved once set
    session.set_targets("fintech,  Leeds , ")
    assert saved(workbook).targets == ["fintech", "Leeds"]
    session.set_how_many(0)
    assert saved(workbook).how_many is None
    assert not session.goal_done()
    assert "By 1 February 2027" in session.card().statement


def test_the_half_way_check_in_is_only_for_a_future_date() -> None:
    assert suggested_review_date(TODAY, TODAY + timedelta(days=10)) == TODAY + timedelta(5)
    assert suggested_review_date(TODAY, TODAY) is None


def test_an_example_needs_a_kind_and_then_fills_the_goal(session: GoalSession,
                                                         workbook: Workbook) -> None:
    with pytest.raises(GoalActionRefused, match="Choose your main goal first"):
        session.use_example(0)
    assert str(GoalActionRefused(KIND_FIRST)) == KIND_FIRST
    session.choose_kind("better_equipped")
    assert len(session.examples()) >= 1
    session.use_example(0)
    goal = saved(workbook)
    assert goal.who
    assert goal.how_many
    assert goal.by_when is not None
    assert goal.review_date is not None
    assert TODAY < goal.review_date < goal.by_when
    with pytest.raises(IndexError):
        session.use_example(99)


def test_picking_a_venue_plans_three_dated_visits(session: GoalSession,
                                                  workbook: Workbook) -> None:
    session.choose_kind("better_connected")
    session.pick_venue("industry_meetup")
    (commitment,) = saved(workbook).commitments
    assert commitment.visits == [date(2026, 11, 8), date(2026, 12, 6), date(2027, 1, 3)]
    assert commitment.target == "talk to two new people"
    session.set_visit("industry_meetup", 2, date(2026, 11, 22))
    session.set_visit_target("industry_meetup", "talk to three new people")
    session.set_venue_place("industry_meetup", "Leeds ProductTank")
    (commitment,) = saved(workbook).commitments
    assert commitment.visits[1] == date(2026, 11, 22)
    assert commitment.target == "talk to three new people"
    assert any("Leeds ProductTank" in line for line in session.card().visits)
    picked = [c for c in session.venue_choices() if c.picked]
    assert [c.venue.id for c in picked] == ["industry_meetup"]
    session.pick_venue("industry_meetup", picked=False)
    assert (saved(workbook).commitments, saved(workbook).venues) == ([], [])
    with pytest.raises(KeyError):
        session.set_visit("industry_meetup", 1, TODAY)
    with pytest.raises(KeyError):
        session.pick_venue("no_such_venue")
    session.pick_venue("industry_meetup")
    with pytest.raises(ValueError, match="1 to 3"):
        session.set_visit("industry_meetup", 4, TODAY)


def test_a_venue_picked_for_another_goal_stays_listed_to_untick(
        session: GoalSession) -> None:
    session.choose_kind("better_connected")
    session.pick_venue("former_colleagues")
    session.choose_kind("better_known")
    choices = session.venue_choices()  # former colleagues do not serve better known
    assert (choices[-1].venue.id, choices[-1].reason, choices[-1].picked) == (
        "former_colleagues", PICKED_EARLIER, True)
    assert all(not c.picked for c in choices[:-1])


# --------------------------------------------------------------- two windows


def test_a_tab_opened_earlier_merges_its_answer_on_top_of_a_newer_one(
        workbook: Workbook) -> None:
    tab_a = GoalSession(workbook, TODAY)
    tab_b = GoalSession(open_workbook(workbook.path), TODAY)  # opened before A's answer
    heard: list[ChangeEvent] = []
    tab_b.listen(heard.append)
    tab_a.choose_kind("better_known")
    tab_b.set_by_when(date(2027, 1, 10))
    goal = saved(workbook)
    assert goal.kind is GoalKind.BETTER_KNOWN  # A's answer survived B's action
    assert goal.by_when == date(2027, 1, 10)
    assert tab_b.goal.kind is GoalKind.BETTER_KNOWN  # B's page was brought up to date
    (event,) = heard
    assert STALE_NOTE in event.note
    assert Change.GOAL in event.topics
    tab_a.set_who("product managers")
    assert tab_a.goal.by_when == date(2027, 1, 10)  # and A catches up with B in turn
    assert saved(workbook).who == "product managers"


def test_an_answer_writes_only_the_field_it_changed(
        session: GoalSession, workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    session.choose_kind("better_known")  # the first save writes the whole goal
    assert set(workbook.load_goal() or {}) == set(Goal().to_dict())
    written: list[set[str]] = []
    original = Workbook.update_goal

    def spy(self: Workbook, changes: dict[str, object]) -> dict[str, object]:
        written.append(set(changes))
        return original(self, changes)

    monkeypatch.setattr(Workbook, "update_goal", spy)
    session.set_who("product managers")
    session.set_by_when(date(2027, 1, 10))
    session.set_who("product managers")  # unchanged: nothing written
    assert written == [{"who"}, {"by_when", "review_date"}]  # the review follows the date


def test_refresh_brings_a_stale_page_up_to_date(workbook: Workbook) -> None:
    tab = GoalSession(workbook, TODAY)
    heard: list[ChangeEvent] = []
    tab.listen(heard.append, Change.GOAL)
    assert not tab.refresh()
    other = GoalSession(open_workbook(workbook.path), TODAY)
    other.set_who("people in fintech")
    assert tab.refresh()
    assert tab.goal.who == "people in fintech"
    assert heard[-1].note == STALE_NOTE


def test_a_profile_change_in_another_window_is_announced(workbook: Workbook) -> None:
    """The goal page keeps no copy of the profile (it holds step 3's check-in snapshots,
    a megabyte at 30,000 people); a change to it is still announced, and only then."""
    tab = GoalSession(workbook, TODAY)
    heard: list[ChangeEvent] = []
    tab.listen(heard.append, Change.PROFILE)
    other = GoalSession(open_workbook(workbook.path), TODAY)
    other.set_who("people in fintech")
    assert tab.refresh()
    assert heard == []  # the goal moved, not the profile
    open_workbook(workbook.path).set_profile("participant_name", "Alex")
    assert tab.refresh()
    assert [event.topics for event in heard] == [frozenset({Change.PROFILE})]


# ----------------------------------------------------------------- failures


def test_a_failed_save_changes_neither_the_file_nor_memory(
        session: GoalSession, workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    session.choose_kind("better_connected")
    session.pick_venue("industry_meetup")
    before_file, before_memory = workbook.snapshot(), session.goal.to_dict()
    heard: list[ChangeEvent] = []
    session.listen(heard.append)

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "save_goal", broken)
    for action in (lambda: session.set_who("anyone"),
                   lambda: session.pick_venue("industry_meetup", picked=False),
                   lambda: session.set_visit("industry_meetup", 1, date(2026, 11, 9)),
                   lambda: session.use_example(1)):
        with pytest.raises(OSError, match="disk full"):
            action()
    assert workbook.snapshot() == before_file
    assert session.goal.to_dict() == before_memory
    assert heard == []


def test_a_goal_from_a_newer_toolkit_is_never_overwritten(workbook: Workbook) -> None:
    newer = {"version": GOAL_VERSION + 1, "kind": "better_known"}
    workbook.save_goal(newer)
    session = GoalSession(workbook, TODAY)
    assert session.read_only
    assert "newer version" in session.load_note
    with pytest.raises(GoalActionRefused, match=NOT_SAVED_NEWER):
        session.set_who("someone")
    with pytest.raises(GoalActionRefused):
        session.pick_venue("industry_meetup")
    assert workbook.load_goal() == newer
    assert not session.goal_done()
