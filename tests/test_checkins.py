"""Snapshots and what changed between two of them (issue 15, item 6)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from networking_kit.checkins import Snapshot, compare, read_snapshots, take_snapshot
from networking_kit.contacts import normalise_contacts

BEFORE, AFTER = date(2026, 11, 1), date(2026, 12, 1)


def _map(**changes: dict) -> pd.DataFrame:
    rows = {
        "a": {"name": "Ada Dormant", "strength": "dormant", "last_contact": "2021-01-01"},
        "b": {"name": "Bo Cold", "strength": "known", "last_contact": "2024-01-01"},
        "c": {"name": "Cy Known", "strength": "known", "last_contact": "2026-10-01"},
    }
    for key, change in changes.items():
        rows[key] = {**rows.get(key, {}), **change}
    frame = normalise_contacts(pd.DataFrame(list(rows.values())))
    frame["contact_id"] = list(rows)
    return frame


def test_compare_names_each_kind_of_change() -> None:
    before = take_snapshot(_map(), {"pharma": 0, "fintech": 2}, ["planned"] * 4, BEFORE,
                           "plan made")
    after_map = _map(a={"last_contact": "2026-11-20"}, b={"last_contact": "2026-11-21"},
                     c={"strength": "close", "last_contact": "2026-11-22"},
                     d={"name": "Di New", "company": "Roche"})
    after = take_snapshot(after_map, {"pharma": 1, "fintech": 2},
                          ["done", "done", "planned", "skipped", "dropped"], AFTER, "today")
    names = dict(zip(after_map["contact_id"], after_map["name"], strict=True))
    changes = compare(before, after, names)
    assert changes.added == 1
    assert changes.rewarmed == ["Ada Dormant", "Bo Cold"]
    assert changes.in_touch == ["Cy Known"]
    assert changes.closer == ["Cy Known"]
    assert changes.gaps_filled == ["pharma"]
    text = " ".join(changes.sentences())
    assert "1 person added" in text
    assert "Back in touch with Ada Dormant and Bo Cold" in text
    assert "You now know someone in pharma" in text
    assert "Done: 2 of 3 planned actions, 2 since then." in text


def test_snapshots_round_trip_and_junk_is_left_out() -> None:
    snapshot = take_snapshot(_map(), {"x": 1}, ["planned"], BEFORE, "plan made")
    assert Snapshot.from_dict(snapshot.to_dict()) == snapshot
    assert read_snapshots([{"taken_on": "not a day"}, snapshot.to_dict(), 3]) == [snapshot]
    assert read_snapshots("nonsense") == []


def test_long_lists_of_names_end_with_how_many_more() -> None:
    before = Snapshot(BEFORE, "plan made", {f"p{i}": "known" for i in range(7)})
    after = Snapshot(AFTER, "today", {f"p{i}": "close" for i in range(7)})
    changes = compare(before, after, {f"p{i}": f"P{i}" for i in range(7)})
    assert "Closer now: P0, P1, P2, P3 and 3 more." in changes.sentences()


def test_the_check_in_due_is_the_latest_day_reached_not_yet_saved() -> None:
    from datetime import timedelta

    from networking_kit.checkins import PLAN_MADE, REVIEW, due_check_in

    made = [Snapshot(BEFORE, PLAN_MADE)]
    assert due_check_in(BEFORE, BEFORE + timedelta(days=29), None, made) is None
    assert due_check_in(BEFORE, BEFORE + timedelta(days=30), None, made) == (
        "the 30-day check-in")
    assert due_check_in(BEFORE, BEFORE + timedelta(days=70), None, made) == (
        "the 60-day check-in")
    day_31 = BEFORE + timedelta(days=31)
    taken = [*made, Snapshot(day_31, "the 30-day check-in")]
    assert due_check_in(BEFORE, day_31 + timedelta(days=5), None, taken) is None
    review = BEFORE + timedelta(days=40)
    assert due_check_in(BEFORE, review, review, taken) == REVIEW
    assert due_check_in(BEFORE, review, None, []) is None  # no plan, no check-in
