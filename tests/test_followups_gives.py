"""Gives drawn from the goal, and catch-ups capped by the gives (issue 15, item 3)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.followups import suggest_actions
from networking_kit.followups.gives import (
    CATCH_UP_MAX,
    catch_up_cap,
    goal_field_people,
    update_field_people,
)
from networking_kit.goal_style import Style
from networking_kit.goals import Goal, GoalKind
from networking_kit.vocab import ActionKind

TODAY = date(2026, 11, 4)


def test_catch_ups_never_outnumber_two_or_more_gives() -> None:
    assert catch_up_cap(0) == catch_up_cap(1) == 1
    for gives in range(2, 30):
        assert catch_up_cap(gives) < gives
    assert catch_up_cap(100) == CATCH_UP_MAX


def _map() -> pd.DataFrame:
    rows = [{"name": f"Old {i}", "strength": "dormant", "last_contact": "2020-01-01"}
            for i in range(8)]
    rows += [{"name": "Nora Field", "company": "Roche", "strength": "known",
              "connected_on": "2024-01-01"},
             {"name": "Kim Known", "strength": "known", "last_contact": "2026-01-01"},
             {"name": "Rae Regular", "strength": "regular", "last_contact": "2026-04-01"}]
    return normalise_contacts(pd.DataFrame(rows))


def test_the_goal_supplies_a_give_and_catch_ups_stay_fewer() -> None:
    goal = Goal(kind=GoalKind.BETTER_CONNECTED, targets=["pharma"])
    plan = suggest_actions(_map(), goal, today=TODAY)
    shares = [a for a in plan if a.kind is ActionKind.SHARE]
    assert [a.title.split(" something")[0] for a in shares] == ["Send Nora Field"]
    assert "works in pharma at Roche" in shares[0].why
    assert sum(a.kind is ActionKind.CATCH_UP for a in plan) == 1
    without = suggest_actions(_map(), None, today=TODAY)
    assert sum(a.kind is ActionKind.CATCH_UP for a in without) == 1


def test_looking_for_work_brings_known_people_forward_and_says_why() -> None:
    goal = Goal(kind=GoalKind.BETTER_CONNECTED, targets=["x"])
    order = [a.title for a in suggest_actions(_map(), goal, today=TODAY)
             if a.kind is ActionKind.KEEP_WARM]
    assert order.index("Send a short update on what you are working on to Rae Regular") < \
        order.index("Send a short update on what you are working on to Kim Known")
    goal.style = Style(looking_for_work=True)
    plan = [a for a in suggest_actions(_map(), goal, today=TODAY)
            if a.kind is ActionKind.KEEP_WARM]
    kim = next(a for a in plan if "Kim Known" in a.title)
    assert plan.index(kim) < next(i for i, a in enumerate(plan) if "Rae Regular" in a.title)
    assert "lead to new jobs" in kim.why


def test_the_field_people_kept_follow_changed_and_added_rows() -> None:
    goal = Goal(kind=GoalKind.BETTER_CONNECTED, targets=["pharma", "banking"])
    before = _map()
    kept = goal_field_people(before, goal)
    after = before.copy()
    kim = int((after["name"] == "Kim Known").to_numpy().nonzero()[0][0])
    nora = int((after["name"] == "Nora Field").to_numpy().nonzero()[0][0])
    after.loc[after.index[kim], "notes"] = "moved to a pharma company"  # joins the field
    after.loc[after.index[nora], "strength"] = "dormant"  # leaves it
    added = normalise_contacts(pd.DataFrame([
        {"name": "Pam Pharma", "company": "Novartis", "strength": "close"},
        {"name": "Bo Bank", "tags": "banking", "strength": "acquaintance"}]))
    after = pd.concat([after, added.astype(after.dtypes)], ignore_index=True)
    updated = update_field_people(kept, after, goal, [kim, nora, len(before),
                                                      len(before) + 1])
    assert updated == goal_field_people(after, goal)
    assert [r["name"] for r in dict(updated)["pharma"]] == ["Pam Pharma", "Kim Known"]
    # … and a kept list not told of the change is stale: the session must tell it.
    assert update_field_people(kept, after, goal, []) != goal_field_people(after, goal)
