"""Step 3's data in the workbook file: rhythms, weeks away, the saved plan made and kept
(``store.records``), and events logged through the session."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from followup_data import GIVE_FIRST, TODAY, gives_come_first, people, sample_contacts

from networking_kit.contacts import TieStrength, normalise_contacts
from networking_kit.followups import (
    DEFAULT_CADENCES,
    Action,
    Cadence,
    Cadences,
    Met,
    action_id,
    keep_warm_status,
    week_start,
)
from networking_kit.goals import Goal, GoalKind
from networking_kit.samples import sample_goal
from networking_kit.steps.followups import FollowupSession
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import (
    load_cadences,
    load_plan,
    load_weeks_away,
    make_plan,
    mark_done,
    save_cadences,
    save_plan,
    save_weeks_away,
    update_action,
)


def log_event(workbook: Workbook, venue: str, people: list, day: date,
              notes: str = "", today: date = TODAY) -> list[Action]:
    """Step 3's session logs the event; its follow-ups as saved."""
    return FollowupSession(workbook, today).log_event(venue, people, day, notes).actions


@pytest.fixture
def sample(workbook: Workbook) -> pd.DataFrame:
    return sample_contacts(workbook)


MON_23 = date(2026, 11, 23)


def test_a_person_can_have_their_own_rhythm_and_it_is_saved(workbook: Workbook) -> None:
    frame = people({"name": "Ann", "strength": "acquaintance",
                    "last_contact": TODAY - timedelta(days=40)})
    cid = frame["contact_id"].iloc[0]
    assert keep_warm_status(frame, TODAY)["status"].iloc[0] == "on track"
    own = Cadences(people={cid: Cadence(14, 30)})
    assert keep_warm_status(frame, TODAY, own)["status"].iloc[0] == "overdue"
    own.layers["close"] = Cadence(7, 14)
    save_cadences(workbook, own)
    again = load_cadences(workbook)
    assert again.people == {cid: Cadence(14, 30)}
    assert again.layers["close"] == Cadence(7, 14)
    assert again.layers["closest"] == DEFAULT_CADENCES["closest"]


def test_unreadable_saved_rhythms_fall_back_to_the_defaults(workbook: Workbook) -> None:
    workbook.set_profile("cadences", {"layers": {"close": "often", "nope": [1, 2]},
                                      "people": {"x": [30, 10]}})
    cadences = load_cadences(workbook)
    assert cadences.layers == DEFAULT_CADENCES
    assert cadences.people == {}


def test_weeks_away_are_saved_as_mondays(workbook: Workbook) -> None:
    assert load_weeks_away(workbook) == set()
    save_weeks_away(workbook, [date(2026, 12, 23), date(2026, 12, 28),
                               pd.Timestamp("2026-12-24 15:00")])
    assert workbook.get_profile("weeks_away") == ["2026-12-21", "2026-12-28"]
    assert load_weeks_away(workbook) == {date(2026, 12, 21), date(2026, 12, 28)}
    save_weeks_away(workbook, [])
    assert load_weeks_away(workbook) == set()


@pytest.mark.parametrize("stored", [
    ["2026-12-23", "soon", 5, None, {"week": 1}, "2026-13-40", ["2026-12-28"]],
    "2026-12-21", {"2026-12-21": True}, 42])
def test_junk_in_the_saved_weeks_away_is_passed_over(workbook: Workbook, stored) -> None:
    workbook.set_profile("weeks_away", stored)
    expected = {date(2026, 12, 21)} if isinstance(stored, list) else set()
    assert load_weeks_away(workbook) == expected


def test_make_plan_plans_around_the_saved_weeks_away(workbook: Workbook, sample) -> None:
    home = make_plan(workbook, TODAY)
    thirty = next(a for a in home if a.action_id == action_id("check_in", "30"))
    away = {week_start(thirty.due_on), week_start(thirty.due_on) + timedelta(weeks=1)}
    assert any(a.due_on and week_start(a.due_on) in away and not a.pinned for a in home)
    save_weeks_away(workbook, away)
    plan = make_plan(workbook, TODAY)
    assert not any(a.due_on and week_start(a.due_on) in away for a in plan
                   if a.status not in ("skipped", "dropped"))
    moved = next(a for a in plan if a.action_id == thirty.action_id)
    assert moved.due_on == max(away) + timedelta(weeks=1)
    assert {a.action_id: a.due_on for a in load_plan(workbook)}[thirty.action_id] \
        == moved.due_on
    save_weeks_away(workbook, [])  # back home: the check-in returns to its own day
    again = {a.action_id: a for a in make_plan(workbook, TODAY)}
    assert again[thirty.action_id].due_on == thirty.due_on


def test_replanning_keeps_the_participants_edits(workbook: Workbook, sample) -> None:
    first = make_plan(workbook, TODAY)
    dated = [a for a in first if a.due_on and a.kind != "check_in"]
    accepted, skipped, moved = dated[0], dated[1], dated[2]
    update_action(workbook, accepted, status="accepted")
    update_action(workbook, skipped, status="skipped")
    new_day = TODAY + timedelta(days=40)
    update_action(workbook, moved, title="Ring them instead", due_on=new_day)
    again = {a.action_id: a for a in make_plan(workbook, TODAY + timedelta(days=1))}
    assert again[accepted.action_id].status == "accepted"
    assert again[accepted.action_id].due_on == accepted.due_on
    assert again[skipped.action_id].status == "skipped"
    assert again[moved.action_id].title == "Ring them instead"
    assert again[moved.action_id].due_on == new_day
    assert again[moved.action_id].revision >= 1
    rows = workbook.load_followups()
    assert len({r["data"]["action_id"] for r in rows}) == len(rows)  # no duplicates


def test_the_same_inputs_give_the_same_plan(workbook: Workbook, sample) -> None:
    first = make_plan(workbook, TODAY)
    second = make_plan(workbook, TODAY)
    assert [(a.action_id, a.due_on, a.title) for a in first] == [
        (a.action_id, a.due_on, a.title) for a in second]
    assert len(workbook.load_followups()) == len(first)


def test_stale_suggestions_are_dropped_not_deleted(workbook: Workbook, sample) -> None:
    plan = make_plan(workbook, TODAY)
    gone = next(a for a in plan if a.kind == "share")
    save_plan(workbook, [a for a in plan if a.action_id != gone.action_id])
    assert gone.action_id not in {a.action_id for a in load_plan(workbook)}
    assert gone.action_id in {a.action_id for a in load_plan(workbook, include_dropped=True)}
    save_plan(workbook, plan)
    assert next(a for a in load_plan(workbook) if a.action_id == gone.action_id).status \
        == "planned"


def test_logging_moves_an_overdue_contact_to_on_track(workbook: Workbook, sample) -> None:
    before = keep_warm_status(sample, TODAY)
    overdue = before[(before["status"] == "overdue") & (before["strength"] == "close")]
    cid = overdue["contact_id"].iloc[0]
    plan = make_plan(workbook, TODAY)
    action = next(a for a in plan if a.contact_ids == (cid,))
    done = mark_done(workbook, action, TODAY, "coffee, talked about her new role")
    assert done.status == "done"
    after = keep_warm_status(workbook.load_contacts(), TODAY)
    assert after.loc[after["contact_id"] == cid, "status"].item() == "on track"
    assert workbook.load_interactions(cid)[-1]["note"] == "coffee, talked about her new role"
    replanned = {a.action_id: a for a in make_plan(workbook, TODAY)}
    assert replanned[action.action_id].status == "done"


def test_an_event_adds_people_and_follow_ups_within_two_days(workbook: Workbook) -> None:
    day = TODAY - timedelta(days=1)
    actions = log_event(workbook, "Product meet-up", [
        Met("Dana Smith", "hiring a designer", "design"), "Eli Moss"], day, "great talk",
        today=TODAY)
    contacts = workbook.load_contacts()
    assert sorted(contacts["name"]) == ["Dana Smith", "Eli Moss"]
    assert set(contacts["source"]) == {"event"}
    assert set(contacts["strength"].astype(str)) == {TieStrength.ACQUAINTANCE.value}
    dana = contacts[contacts["name"] == "Dana Smith"].iloc[0]
    assert "hiring a designer" in dana["notes"]
    assert dana["last_contact"] == pd.Timestamp(day)
    assert len(actions) == 2
    assert all(a.due_on == day + timedelta(days=2) for a in actions)
    assert "mention hiring a designer" in actions[0].title + actions[1].title
    # The same event logged twice adds nobody twice, and the plan keeps the follow-ups.
    log_event(workbook, "Product meet-up", ["Dana Smith"], day, today=TODAY)
    assert workbook.count_contacts() == 2
    plan = make_plan(workbook, TODAY)
    assert sum(a.kind == "event_follow_up" for a in plan) == 2


def test_an_event_finds_people_already_mapped_without_accents_or_capitals(
        workbook: Workbook) -> None:
    workbook.save_contacts(normalise_contacts(pd.DataFrame([
        {"name": "Zoë Müller-Smith", "company": "Acme", "notes": "Met at the 2025 summit."},
        {"name": "Sam Lee", "company": "Globex"}]), source="manual"))
    zoe = workbook.load_contacts().set_index("name").loc["Zoë Müller-Smith", "contact_id"]
    actions = log_event(workbook, "Design breakfast",
                        [Met("zoe muller smith", "her new studio"), "Sam"], TODAY,
                        today=TODAY)
    contacts = workbook.load_contacts()
    assert sorted(contacts["name"]) == ["Sam", "Sam Lee", "Zoë Müller-Smith"]  # "Sam" is new
    notes = contacts.set_index("contact_id").loc[zoe, "notes"]
    assert notes.startswith("Met at the 2025 summit. | Met at Design breakfast")
    assert "her new studio" in notes
    followed = {a.contact_ids[0]: a.title for a in actions}
    assert len(followed) == 2
    assert followed[zoe].endswith("You talked about: “her new studio”")


def test_an_event_logged_late_is_followed_up_in_this_week(workbook: Workbook) -> None:
    actions = log_event(workbook, "Design breakfast", ["Ada Lovelace"], date(2026, 11, 20),
                        today=MON_23)
    assert [a.due_on for a in actions] == [MON_23]
    plan = make_plan(workbook, MON_23)
    (follow,) = [a for a in plan if a.kind == "event_follow_up"]
    assert follow.due_on == MON_23
    assert week_start(follow.due_on) == week_start(MON_23)  # the schedule's first week


@pytest.mark.parametrize("goal", [
    sample_goal(TODAY),
    Goal(kind=GoalKind.BETTER_EQUIPPED, who="fintech people", targets=["fintech"])],
    ids=["sample goal", "better equipped"])
def test_on_the_sample_asking_comes_after_giving(workbook: Workbook, sample, goal) -> None:
    plan = make_plan(workbook, TODAY, goal)
    asks = {a.action_id for a in plan if a.kind == "ask_introduction" and a.due_on}
    assert asks
    assert gives_come_first(plan, asks) >= 1  # the sample has someone to give and ask


def test_the_plan_has_a_check_in_on_the_day_the_participant_chose(workbook, sample) -> None:
    goal = sample_goal(TODAY)
    plan = make_plan(workbook, TODAY, goal)
    assert goal.review_date in {a.due_on for a in plan if a.kind == "check_in"}
    assert sum(a.kind == "check_in" for a in plan) == 3


def test_what_was_talked_about_reads_as_a_sentence(workbook: Workbook) -> None:
    talk = "graphic designer, moving to Leeds in January"
    actions = log_event(workbook, "the print fair", [Met("Sam Cole", talk), Met("Ann Bo",
                        "bookkeeping")], TODAY, today=TODAY)
    assert sorted(a.title for a in actions) == [
        "Connect with Ann Bo (met at the print fair) and mention bookkeeping",
        f"Connect with Sam Cole (met at the print fair). You talked about: “{talk}”"]


def test_marking_one_action_done_moves_no_other_date(workbook: Workbook, sample) -> None:
    goal = sample_goal(TODAY)
    first = make_plan(workbook, TODAY, goal)
    later = [a for a in first if a.due_on and week_start(a.due_on) > week_start(TODAY)
             and a.contact_ids and a.kind != "event_follow_up"]
    done = later[0]
    mark_done(workbook, done, TODAY)
    again = {a.action_id: a for a in make_plan(workbook, TODAY, goal)}
    before = {a.action_id: a.due_on for a in first if a.due_on
              and a.action_id != done.action_id and a.action_id in again}
    assert len(before) >= 30
    assert {i: again[i].due_on for i in before} == before


def test_the_next_day_keeps_every_date_still_ahead(workbook: Workbook, sample) -> None:
    goal = sample_goal(TODAY)
    first = make_plan(workbook, TODAY, goal)
    assert make_plan(workbook, TODAY, goal) == make_plan(workbook, TODAY, goal)
    tomorrow = TODAY + timedelta(days=1)
    again = {a.action_id: a.due_on for a in make_plan(workbook, tomorrow, goal)}
    ahead = {a.action_id: a.due_on for a in first
             if a.due_on and a.due_on >= tomorrow and a.action_id in again}
    assert len(ahead) >= 30
    assert {i: again[i] for i in ahead} == ahead


def test_what_you_give_someone_you_will_ask_comes_early(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    goal = sample_goal(TODAY)
    plan = make_plan(workbook, TODAY, goal)
    asked = {p for a in plan if a.kind == "ask_introduction" and a.due_on for p in a.contact_ids}
    gives = [a for a in plan if a.kind in GIVE_FIRST and asked & set(a.contact_ids)]
    assert gives, "the sample should ask someone it also gives to"
    # Each give comes before the ask of the same person, and within three weeks (the goal
    # adds gives of its own, so more gives share the first weeks).
    ask_day = {p: a.due_on for a in plan if a.kind == "ask_introduction" and a.due_on
               for p in a.contact_ids}
    three_weeks = week_start(TODAY) + timedelta(weeks=3)
    for give in gives:
        assert give.due_on is not None
        assert give.due_on < three_weeks
        assert all(give.due_on < ask_day[p] for p in give.contact_ids if p in ask_day)
    others = [a for a in plan if a.kind in GIVE_FIRST and not asked & set(a.contact_ids)]
    same_kind = {a.kind: a.priority for a in others}
    assert all(g.priority > same_kind.get(g.kind, 0) for g in gives)
