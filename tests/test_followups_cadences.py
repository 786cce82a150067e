"""Keep-warm rhythms: who is on track, due or overdue (``followups.cadences``)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from networking_kit.contacts import normalise_contacts
from networking_kit.followups import (
    DEFAULT_CADENCES,
    Cadence,
    keep_warm_status,
)

TODAY = date(2026, 11, 4)  # a Wednesday


def people(*rows: dict) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame(list(rows)), source="manual")


@pytest.mark.parametrize(("days", "expected"), [
    (0, "on track"), (30, "on track"), (31, "due"), (60, "due"), (61, "overdue")])
def test_status_at_the_exact_boundaries(days: int, expected: str) -> None:
    frame = people({"name": "Ann", "strength": "close",
                    "last_contact": TODAY - timedelta(days=days)})
    assert DEFAULT_CADENCES["close"] == Cadence(30, 60)
    status = keep_warm_status(frame, TODAY)
    assert status["status"].tolist() == [expected]
    assert status["days_since"].tolist() == [days]


def test_no_date_and_unsorted_people() -> None:
    frame = people({"name": "No date", "strength": "close"},
                   {"name": "Unsorted", "last_contact": TODAY})
    status = keep_warm_status(frame, TODAY)
    assert status["name"].tolist() == ["No date"]
    assert status["status"].tolist() == ["no date"]


def test_a_rhythm_needs_a_longest_gap_at_least_the_usual_one() -> None:
    with pytest.raises(ValueError, match="ideal"):
        Cadence(30, 10)
