"""Before and after: the plan's snapshot, a check-in 30 days on, each change named
(issue 15, item 6), walked through the sessions the pages use."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from networking_kit.checkins import PLAN_MADE, SNAPSHOTS_KEY
from networking_kit.export.workbook_json import workbook_to_json
from networking_kit.samples_consultant import consultant_contacts, consultant_goal
from networking_kit.steps.checkin import CheckInSession, check_in_label, current_snapshot
from networking_kit.steps.followups import FollowupSession
from networking_kit.steps.map import MapSession
from networking_kit.store import Workbook
from networking_kit.store.records import save_goal
from networking_kit.vocab import TieStrength

TODAY = date(2026, 11, 30)
LATER = TODAY + timedelta(days=30)


@pytest.fixture
def planned(workbook: Workbook) -> Workbook:
    workbook.save_contacts(consultant_contacts(TODAY))
    save_goal(workbook, consultant_goal(TODAY))
    FollowupSession(workbook, TODAY)  # opening step 3 makes the plan
    return workbook


def test_making_the_plan_saves_the_before(planned: Workbook) -> None:
    (before,) = CheckInSession(planned, TODAY).snapshots()
    assert (before.label, before.taken_on, before.people) == (PLAN_MADE, TODAY, 612)
    assert before.planned > 0
    assert before.done == 0
    assert before.fields["pharma"] > 40
    FollowupSession(planned, TODAY + timedelta(days=2))  # opening again keeps the first
    assert len(CheckInSession(planned, TODAY).snapshots()) == 1


def test_a_check_in_names_each_change(planned: Workbook) -> None:
    contacts = planned.load_contacts()
    unsorted = contacts[contacts["strength"].isna()]
    known = contacts[contacts["strength"] == TieStrength.KNOWN.value]
    closest = contacts[contacts["strength"] == TieStrength.CLOSEST.value]
    names = dict(zip(contacts["contact_id"], contacts["name"], strict=True))
    step3 = FollowupSession(planned, LATER)
    called = closest["contact_id"].tolist()  # both are in the plan: two touches done
    for cid in called:
        step3.log_call(cid, LATER - timedelta(days=1))
    moved = known["contact_id"].tolist()[2:5]
    step2 = MapSession(planned, LATER)
    assert step2.sort_many(moved, strength=TieStrength.CLOSE.value) == 3
    step2.sort_many(unsorted["contact_id"].tolist()[:1], strength="known")
    changes = CheckInSession(planned, LATER).check_in()
    assert changes is not None
    text = " ".join(changes.sentences())
    assert text.startswith("Since you made your plan on 30 November 2026 (30 days ago)")
    assert sorted(changes.in_touch) == sorted(names[c] for c in called)
    assert changes.rewarmed == []
    assert sorted(changes.closer) == sorted(names[c] for c in moved)
    for cid in called + moved:
        assert names[cid] in text
    assert "Done: 2 of" in text
    saved = CheckInSession(planned, LATER).snapshots()
    assert [s.label for s in saved] == [PLAN_MADE, "the 30-day check-in"]
    assert SNAPSHOTS_KEY in workbook_to_json(planned)  # the backup carries them


def test_nothing_changed_says_so_and_no_plan_means_no_check_in(planned: Workbook,
                                                                workbook: Workbook) -> None:
    changes = CheckInSession(planned, LATER).changes()
    assert changes is not None
    assert "Nothing has moved yet" in " ".join(changes.sentences())


def test_before_any_plan_there_is_nothing_to_compare(workbook: Workbook) -> None:
    assert CheckInSession(workbook, TODAY).changes() is None
    assert CheckInSession(workbook, TODAY).check_in() is None


def test_check_in_labels() -> None:
    assert check_in_label(TODAY, TODAY + timedelta(days=10)) == "a check-in"
    assert check_in_label(TODAY, TODAY + timedelta(days=61)) == "the 60-day check-in"


def test_step_3_lends_its_memory_and_the_changes_are_what_the_file_says(
        planned: Workbook) -> None:
    step3 = FollowupSession(planned, LATER)
    closest = step3.contacts[step3.contacts["strength"] == TieStrength.CLOSEST.value]
    step3.log_call(str(closest["contact_id"].iloc[0]), LATER - timedelta(days=1))
    step3.skip(next(a for a in step3.plan if a.status.open).action_id)
    lent = CheckInSession(planned, LATER, current=step3.snapshot, names=step3.names)
    from_file = CheckInSession(planned, LATER)
    assert step3.snapshot("today") == current_snapshot(planned, LATER, "today")
    assert step3.names() == from_file._names()
    assert lent.changes() == from_file.changes()
    assert lent.changes() is not None


def labels(workbook: Workbook) -> list[tuple[str, date]]:
    return [(s.label, s.taken_on) for s in CheckInSession(workbook, TODAY).snapshots()]


def test_opening_step_3_after_a_check_in_day_takes_its_snapshot_once(
        planned: Workbook) -> None:
    FollowupSession(planned, TODAY + timedelta(days=10))  # no check-in day reached yet
    assert labels(planned) == [(PLAN_MADE, TODAY)]
    day_31 = TODAY + timedelta(days=31)
    FollowupSession(planned, day_31)
    assert labels(planned) == [(PLAN_MADE, TODAY), ("the 30-day check-in", day_31)]
    FollowupSession(planned, TODAY + timedelta(days=40))  # taken already: not again
    assert len(labels(planned)) == 2
    day_95 = TODAY + timedelta(days=95)  # the 60-day one was missed: only the latest
    assert CheckInSession(planned, day_95).open() is not None  # opening the check-in
    assert labels(planned)[-1] == ("the 90-day check-in", day_95)
    assert len(labels(planned)) == 3
    assert CheckInSession(planned, day_95).open() is None


def test_the_goal_s_review_date_takes_a_snapshot_too(workbook: Workbook) -> None:
    from dataclasses import replace

    workbook.save_contacts(consultant_contacts(TODAY))
    save_goal(workbook, replace(consultant_goal(TODAY),
                                review_date=TODAY + timedelta(days=45)))
    FollowupSession(workbook, TODAY)
    FollowupSession(workbook, TODAY + timedelta(days=46))
    assert labels(workbook)[-1] == ("your goal's review date", TODAY + timedelta(days=46))


def test_a_check_in_on_the_day_the_plan_was_made_says_today(planned: Workbook) -> None:
    # Found in Chromium: step 3, the day the plan was made, read "Since you made your
    # plan on 30 November 2026 (0 days ago)".
    changes = CheckInSession(planned, TODAY).check_in()
    assert changes is not None
    text = " ".join(changes.sentences())
    assert "0 days ago" not in text
    assert text.startswith("Since you made your plan today, 30 November 2026:")
