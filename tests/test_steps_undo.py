"""Undo in step 3, driven on the session: each undo puts back exactly what one keep, skip,
done or change did (the plan's row, the log, last contacts, the goal's venue dates), in one
transaction, newest first, and a failed undo changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from networking_kit.followups import Action
from networking_kit.samples import sample_goal
from networking_kit.steps.sample import use_sample
from networking_kit.steps.undo import NOTHING_TO_UNDO, UndoableFollowups
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import load_goal, load_plan, save_goal
from networking_kit.vocab import ActionGroup, ActionKind, ActionStatus

TODAY = date(2026, 11, 4)  # a Wednesday, as in test_steps_followups


@pytest.fixture
def session(workbook: Workbook) -> UndoableFollowups:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    return UndoableFollowups(workbook, TODAY)


def saved(session: UndoableFollowups, action_id: str) -> Action:
    """The action as the file has it, read through a second connection."""
    with open_workbook(session.workbook.path) as other:
        return {a.action_id: a for a in load_plan(other, include_dropped=True)}[action_id]


def decided(action: Action) -> tuple[Any, ...]:
    return action.status, action.title, action.due_on, action.edited, action.done_on


def last_contact(session: UndoableFollowups, contact_id: str) -> Any:
    with open_workbook(session.workbook.path) as other:
        contacts = other.load_contacts().set_index("contact_id")
    return contacts.at[contact_id, "last_contact"]


def test_nothing_to_undo_says_so(session) -> None:
    assert session.undo_stack.label == ""
    with pytest.raises(ValueError, match=NOTHING_TO_UNDO):
        session.undo()


def test_undo_a_done_takes_back_the_log_and_the_last_contact(session) -> None:
    action = next(a for a in session.week_of(0) if a.contact_ids)
    person = action.contact_ids[0]
    log_before, contact_before = len(session.interactions), last_contact(session, person)
    session.done(action.action_id, day=TODAY)
    assert saved(session, action.action_id).status is ActionStatus.DONE
    assert len(session.interactions) == log_before + len(action.contact_ids)
    assert session.undo_stack.label == f"Done: {action.title}"
    assert last_contact(session, person).date() == TODAY
    assert contact_before != contact_before or contact_before.date() < TODAY  # it moved

    assert session.undo() == f"Done: {action.title}"
    assert decided(saved(session, action.action_id)) == decided(action)
    assert decided(session.action(action.action_id)) == decided(action)
    assert len(session.interactions) == log_before
    with open_workbook(session.workbook.path) as other:
        assert len(other.load_interactions()) == log_before
    after = last_contact(session, person)
    assert (after == contact_before) or (after != after and contact_before != contact_before)
    assert len(session.undo_stack) == 0


def test_undo_a_skip_puts_the_action_back(session) -> None:
    action = session.suggested(ActionGroup.GIVE_FIRST)[0]
    session.skip(action.action_id)
    assert saved(session, action.action_id).status is ActionStatus.SKIPPED
    session.undo()
    assert saved(session, action.action_id).status is action.status
    assert session.action(action.action_id).status is action.status


def test_undo_a_change_puts_back_the_words_and_the_day(session) -> None:
    action = next(a for a in session.week_of(1) if a.kind is not ActionKind.VENUE_VISIT)
    session.change(action.action_id, title="Ring them instead",
                   due_on=TODAY + timedelta(days=20))
    assert saved(session, action.action_id).title == "Ring them instead"
    session.undo()
    assert decided(saved(session, action.action_id)) == decided(action)


def test_undo_goes_newest_first(session) -> None:
    first, second = session.suggested(ActionGroup.GIVE_FIRST)[:2]
    session.keep(first.action_id)
    session.skip(second.action_id)
    session.undo()
    assert saved(session, second.action_id).status is second.status
    assert saved(session, first.action_id).status is ActionStatus.ACCEPTED
    session.undo()
    assert saved(session, first.action_id).status is first.status


def test_a_failed_undo_changes_nothing_and_can_be_tried_again(session, monkeypatch) -> None:
    action = next(a for a in session.week_of(0) if a.contact_ids)
    session.done(action.action_id, day=TODAY)
    file = session.workbook.snapshot()
    original = Workbook.remove_interactions

    def failing(self: Workbook, *args: Any, **kwargs: Any) -> int:
        original(self, *args, **kwargs)
        raise RuntimeError("killed half-way")

    monkeypatch.setattr(Workbook, "remove_interactions", failing)
    with pytest.raises(RuntimeError):
        session.undo()
    assert session.workbook.snapshot() == file
    assert session.action(action.action_id).status is ActionStatus.DONE
    monkeypatch.setattr(Workbook, "remove_interactions", original)
    session.undo()
    assert saved(session, action.action_id).status is action.status


def test_moving_a_venue_visit_moves_it_in_the_goal_and_undo_moves_it_back(session) -> None:
    visit = next(a for a in session.plan if a.kind is ActionKind.VENUE_VISIT and a.due_on)
    goal = load_goal(session.workbook)
    assert goal is not None
    before = [list(c.visits) for c in goal.commitments]
    new_day = visit.due_on + timedelta(days=3)  # type: ignore[operator]
    session.change(visit.action_id, due_on=new_day)
    moved = load_goal(session.workbook)
    assert moved is not None
    visits = [d for c in moved.commitments for d in c.visits]
    assert new_day in visits
    assert visit.due_on not in visits
    assert saved(session, visit.action_id).due_on == new_day
    session.undo()
    back = load_goal(session.workbook)
    assert back is not None
    assert [list(c.visits) for c in back.commitments] == before


# ------------------------------------------------- "roughly when were you last in touch?"


@pytest.fixture
def consultant(tmp_path: Any) -> UndoableFollowups:
    """The consultant's LinkedIn import: nobody has a last contact recorded."""
    from networking_kit.samples_consultant import consultant_contacts, consultant_goal

    workbook = open_workbook(tmp_path / "consultant.db")
    workbook.save_contacts(consultant_contacts(TODAY))
    save_goal(workbook, consultant_goal(TODAY))
    return UndoableFollowups(workbook, TODAY)


def keep_warm_days(session: UndoableFollowups, ids: list[str]) -> dict[str, Any]:
    """Each person's keep-warm action in the plan: its due day."""
    return {a.contact_ids[0]: a.due_on for a in session.plan
            if a.kind is ActionKind.KEEP_WARM and a.contact_ids[0] in ids}


def test_a_rough_answer_for_a_layer_changes_the_plan_and_undo_takes_it_back(
        consultant: UndoableFollowups) -> None:
    from networking_kit.followups import Cadences
    from networking_kit.store.records import load_cadences
    from networking_kit.vocab import LastInTouch, TieStrength

    session = consultant
    asked = session.not_in_touch_known()
    assert asked["closest"] == 2
    assert asked["close"] == 8
    frame = session.contacts
    closest = frame.loc[frame["strength"] == "closest", "contact_id"].astype(str).tolist()
    before = keep_warm_days(session, closest)
    assert set(before) == set(closest)  # connected long ago: overdue, planned now
    assert set(session.keep_warm_table().query("contact_id in @closest")["status"]) == {
        "overdue"}

    assert session.set_last_in_touch(LastInTouch.THIS_MONTH,
                                     strength=TieStrength.CLOSEST) == 2
    table = session.keep_warm_table().set_index("contact_id")
    # about 15 days ago, for a fortnightly rhythm: due, no longer years overdue
    assert set(table.loc[closest, "status"]) == {"due"}
    assert set(table.loc[closest, "rough"]) == {"this month"}
    after = keep_warm_days(session, closest)
    assert set(after) == set(closest)  # the closest stay in the plan, and say why
    assert {a.why for a in session.plan if a.kind is ActionKind.KEEP_WARM
            and a.contact_ids[0] in closest} == {
        "You said you were last in touch this month; for this closeness, about every "
        "2 weeks keeps you in mind."}
    regular = frame.loc[frame["strength"] == "regular", "contact_id"].astype(str).tolist()
    assert keep_warm_days(session, regular)  # overdue, as connected long ago
    session.set_last_in_touch(LastInTouch.THIS_MONTH, strength=TieStrength.REGULAR)
    assert keep_warm_days(session, regular) == {}  # on track: no touch needed yet
    session.undo()
    assert keep_warm_days(session, regular)
    assert "closest" not in session.not_in_touch_known()  # asked once
    with open_workbook(session.workbook.path) as other:  # saved, one transaction
        assert set(load_cadences(other).rough) == set(closest)
    assert session.undo_stack.label == "Last in touch this month: closest contacts"

    assert session.undo() == "Last in touch this month: closest contacts"
    assert session.cadences.rough == {}
    assert keep_warm_days(session, closest) == before
    with open_workbook(session.workbook.path) as other:
        assert load_cadences(other) == Cadences()


def test_a_rough_answer_for_chosen_people_only_and_never_over_a_recorded_day(
        consultant: UndoableFollowups) -> None:
    from networking_kit.vocab import LastInTouch

    session = consultant
    frame = session.contacts
    close = frame.loc[frame["strength"] == "close", "contact_id"].astype(str).tolist()
    assert session.set_last_in_touch("never really", contact_ids=close[:3]) == 3
    assert set(session.cadences.rough) == set(close[:3])
    assert session.not_in_touch_known()["close"] == 5
    session.log_call(close[3])
    with pytest.raises(ValueError, match="already has a day"):
        session.set_last_in_touch(LastInTouch.THIS_YEAR, contact_ids=[close[3]])
    with pytest.raises(ValueError, match="Choose a closeness"):
        session.set_last_in_touch(LastInTouch.THIS_YEAR)
    assert set(session.cadences.rough) == set(close[:3])
