"""The calendar file: valid RFC 5545 that parses back, with stable UIDs and safe text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networking_kit.export import schedule_to_ics
from networking_kit.export.ics import escape_text, fold
from networking_kit.followups import Action
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import make_plan

TODAY = date(2026, 11, 4)
NOW = datetime(2026, 11, 4, 9, 30, tzinfo=UTC)
NASTY = ('<script>alert(1)</script>, =HYPERLINK("http://x"); back\\slash\nnew line 🎉 '
         + "é" * 200)


def act(n: int, title: str = "Call Ann", status: str = "planned", why: str = "why") -> Action:
    return Action(f"share-{n:04d}", "share", title, why, ("c1",), 50,
                  TODAY + timedelta(days=n), status)


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def test_the_sample_plan_parses_back_with_one_event_per_dated_action(
        workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    plan = make_plan(workbook, TODAY)
    text = schedule_to_ics(plan, "Sam Rivera (sample)", NOW)
    calendar = parse(text)
    events = calendar.walk("VEVENT")
    dated = [a for a in plan if a.due_on is not None]
    assert dated
    assert len(events) == len(dated)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert calendar["PRODID"]
    check_ins = [e for e in events if str(e["SUMMARY"]).startswith("Check-in")]
    assert len(check_ins) == 3
    first = min(dated, key=lambda a: (a.due_on, a.action_id))
    event = next(e for e in events if str(e["UID"]) == f"{first.action_id}@networking-kit")
    assert event.decoded("DTSTART") == first.due_on
    assert event.decoded("DTEND") == first.due_on + timedelta(days=1)
    assert str(event["SUMMARY"]) == first.title
    assert str(event["DESCRIPTION"]) == first.why


def test_uids_are_stable_across_exports_and_a_change_raises_the_sequence() -> None:
    actions = [act(1), act(2)]
    first = parse(schedule_to_ics(actions, now=NOW))
    actions[0].title, actions[0].revision = "Ring Ann instead", 3
    second = parse(schedule_to_ics(actions, now=NOW + timedelta(days=3)))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert uids == ["share-0001@networking-kit", "share-0002@networking-kit"]
    assert [int(e["SEQUENCE"]) for e in second.walk("VEVENT")] == [3, 0]


def test_skipped_actions_are_cancelled_and_undated_ones_left_out() -> None:
    actions = [act(1), act(2, status="skipped"), act(3, status="done"),
               Action("share-x", "share", "Later", "w")]
    events = parse(schedule_to_ics(actions, now=NOW)).walk("VEVENT")
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert str(events[2]["SUMMARY"]).startswith("Done: ")


def test_untrusted_text_is_escaped_and_comes_back_unchanged() -> None:
    text = schedule_to_ics([act(1, title=NASTY, why=NASTY)], participant_name=NASTY, now=NOW)
    (event,) = parse(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == NASTY
    assert str(event["DESCRIPTION"]) == NASTY
    for escaped in ("\\;", "\\,", "\\n", "\\\\"):
        assert escaped in text
    assert "\nnew line" not in text.replace("\r\n", "")  # the newline is escaped, not raw


def test_lines_are_folded_at_75_octets_with_crlf_and_whole_characters() -> None:
    text = schedule_to_ics([act(1, title="🎉é" * 100)], now=NOW)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    for line in lines:
        line.encode("utf-8").decode("utf-8")  # no character was cut in half


def test_escape_and_fold_by_hand() -> None:
    assert escape_text("a\\b;c,d\r\ne\x07") == "a\\\\b\\;c\\,d\\ne"
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"
    folded = fold("é" * 40)  # 80 octets: 37 characters (74 octets) fit on the first line
    assert folded.split("\r\n ")[0] == "é" * 37


@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip()))
@settings(max_examples=120, deadline=None)
def test_any_title_survives_the_round_trip(title: str) -> None:
    text = schedule_to_ics([act(1, title=title)], now=NOW)
    (event,) = parse(text).walk("VEVENT")
    expected = (title.replace("\r\n", "\n").replace("\r", "\n"))
    expected = "".join(ch for ch in expected
                       if ch in "\t\n" or not (ord(ch) < 32 or ord(ch) == 127))
    assert str(event["SUMMARY"]) == expected


@pytest.mark.parametrize("count", [0, 1, 5])
def test_the_calendar_is_valid_whatever_the_number_of_events(count: int) -> None:
    calendar = parse(schedule_to_ics([act(n) for n in range(count)], now=NOW))
    assert len(calendar.walk("VEVENT")) == count
