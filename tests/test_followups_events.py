"""After an event: the people met and a follow-up with each (``followups.events``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from followup_data import people
from hypothesis import given
from hypothesis import strategies as st

from networking_kit.followups import (
    Met,
    contacts_named,
    follow_up_day,
    parse_people,
)

MON_23 = date(2026, 11, 23)


def test_parse_people_reads_one_person_a_line() -> None:
    text = "Dana Smith — hiring a designer\nEli Moss\n\n  Fay Li: pricing  \nGus - solar"
    assert parse_people(text) == [Met("Dana Smith", "hiring a designer"), Met("Eli Moss"),
                                  Met("Fay Li", "pricing"), Met("Gus", "solar")]


@pytest.mark.parametrize(("met", "today", "due"), [
    (date(2026, 11, 17), date(2026, 11, 17), date(2026, 11, 19)),  # Tue: Thu, as ever
    (date(2026, 11, 20), MON_23, MON_23),  # logged on Monday: today, not Sunday gone by
    (date(2026, 11, 2), MON_23, MON_23),  # weeks late: today
    (date(2026, 11, 19), date(2026, 11, 19), date(2026, 11, 20)),  # Sat: the Friday before
    (date(2026, 11, 20), date(2026, 11, 21), MON_23),  # Sun, and Friday has gone: Monday
    (date(2026, 11, 21), date(2026, 11, 21), MON_23),  # met on a Saturday: Monday
])
def test_a_follow_up_is_never_due_in_the_past_nor_at_a_weekend(met, today, due) -> None:
    assert follow_up_day(met, today) == due


@given(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.integers(-30, 30))
def test_every_follow_up_day_is_a_coming_weekday_within_days(met: date, late: int) -> None:
    today = met + timedelta(days=late)
    due = follow_up_day(met, today)
    assert due >= today
    assert due.weekday() < 5
    assert (due - max(today, met)).days <= 3


def test_a_typed_name_finds_everyone_of_that_name() -> None:
    frame = people({"name": "Grace Hopper", "company": "Compiler Corp"},
                   {"name": "Zoë Müller", "company": "Acme"},
                   {"name": "zoe muller", "company": "Globex"})
    grace = frame.loc[frame["name"] == "Grace Hopper", "contact_id"].item()
    assert contacts_named(frame, "  grace   HOPPER ") == [grace]
    assert len(contacts_named(frame, "Zoe Muller")) == 2
    assert contacts_named(frame, "Grace") == []
    assert contacts_named(frame, "") == []
    assert contacts_named(frame.iloc[0:0], "Grace Hopper") == []
