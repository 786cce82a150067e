"""Suggesting actions: give first, keep warm, the goal, check-ins (``followups.suggestions``)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pandas as pd
import pytest
from followup_data import TODAY, people, sample_contacts

from networking_kit.followups import (
    action_id,
    suggest_actions,
)
from networking_kit.goals import Goal, GoalKind
from networking_kit.network import ASKABLE
from networking_kit.store import Workbook
from networking_kit.venues import Commitment
from networking_kit.vocab import ActionKind

KINDS = [k.value for k in ActionKind]


@pytest.fixture
def sample(workbook: Workbook) -> pd.DataFrame:
    return sample_contacts(workbook)


LONG_HELP = "runs a design studio, knows many studio owners"


def titles(frame: pd.DataFrame, kind: str) -> list[str]:
    return [a.title for a in suggest_actions(frame, None, today=TODAY) if a.kind == kind]


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


def test_a_skipped_suggestion_does_not_count_toward_its_kind_s_limit() -> None:
    from networking_kit.samples import load_sample_contacts, sample_goal

    contacts, goal = load_sample_contacts(TODAY), sample_goal(TODAY)
    first = suggest_actions(contacts, goal, today=TODAY)
    shares = [a for a in first if a.kind is ActionKind.KEEP_WARM]
    gone = shares[0].action_id
    again = suggest_actions(contacts, goal, today=TODAY, skipped={gone})
    ids = [a.action_id for a in again if a.kind is ActionKind.KEEP_WARM]
    assert gone in ids  # still there for the plan, which keeps it skipped
    assert ids[-1] == gone  # after its stand-in
    assert len(ids) == len(shares) + 1
    assert len({a.action_id for a in again} - {a.action_id for a in first}) == 1
