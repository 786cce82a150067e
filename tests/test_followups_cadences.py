"""Keep-warm rhythms: who is on track, due or overdue (``followups.cadences``)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from followup_data import TODAY, people
from hypothesis import given, settings
from hypothesis import strategies as st

from networking_kit.followups import (
    DEFAULT_CADENCES,
    Cadence,
    keep_warm_status,
)
from networking_kit.followups.cadences import name_order, name_order_extended


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


def test_a_rough_answer_stands_in_where_no_last_contact_is_recorded() -> None:
    from networking_kit.followups import Cadences, RoughContact
    from networking_kit.followups.cadences import keep_warm_why
    from networking_kit.vocab import LastInTouch

    frame = people(
        {"contact_id": "a", "name": "Ann", "strength": "close"},
        {"contact_id": "b", "name": "Ben", "strength": "close",
         "connected_on": TODAY - timedelta(days=3)},
        {"contact_id": "c", "name": "Cy", "strength": "close",
         "last_contact": TODAY - timedelta(days=1)})
    said = RoughContact(LastInTouch.LONGER_AGO, TODAY - timedelta(days=10))
    cadences = Cadences(rough={"a": said, "b": said, "c": said})
    status = keep_warm_status(frame, TODAY, cadences).set_index("contact_id")
    # Ann: two years (730 days) before the day she answered, ten days ago.
    assert status.at["a", "days_since"] == 740
    assert status.at["a", "status"] == "overdue"
    assert status.at["a", "estimated"]
    assert status.at["a", "rough"] == "longer ago"
    assert "You said you were last in touch longer ago" in keep_warm_why(status.loc["a"])
    # Ben connected three days ago: a later day known for sure wins over the guess.
    assert status.at["b", "days_since"] == 3
    assert pd.isna(status.at["b", "rough"])
    # Cy's recorded day wins over any guess.
    assert status.at["c", "days_since"] == 1
    assert not status.at["c", "estimated"]
    # Without the answers Ann has no date at all.
    assert keep_warm_status(frame, TODAY).set_index("contact_id").at["a", "status"] == (
        "no date")


def test_rough_answers_are_saved_and_read_back_and_bad_ones_dropped() -> None:
    from networking_kit.followups import Cadences, RoughContact
    from networking_kit.vocab import LastInTouch

    kept = Cadences(rough={"a": RoughContact(LastInTouch.NEVER, TODAY)})
    data = kept.to_dict()
    assert Cadences.from_dict(data) == kept
    data["rough"]["b"] = ["sometime", "2026-01-01"]
    data["rough"]["c"] = ["this year", "not a day"]
    assert Cadences.from_dict(data) == kept


def test_the_name_order_extended_with_new_people_is_the_order_sorted_again() -> None:
    """A session keeps the order by name and places the people an event adds in it
    (issue 11): it must be the order sorting everyone again gives, equal names in map
    order and people with no name last. An order not moved down for a new name fails."""
    names = ["Mia", None, "Ann", "Zed", "Mia", "Bo", None, "Ann"]
    added = ["Aaron", "Mia", None, "Zz", "Ann", "Mo"]
    contacts = pd.DataFrame({"name": pd.array(names + added, dtype="string")})
    kept = name_order(contacts.iloc[:len(names)])
    extended = name_order_extended(kept, contacts)
    assert extended.tolist() == name_order(contacts).tolist()
    assert sorted(extended.tolist()) == list(range(len(contacts)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([None, "Ann", "ann", "Bo", "Mia", "Zed", "Émile", ""]),
                max_size=30),
       st.lists(st.sampled_from([None, "Aaron", "Ann", "Mia", "Zz", "", "ann"]), max_size=6))
def test_any_order_by_name_extended_is_the_order_sorted_again(names, added) -> None:
    """The same for any names kept and added: equal names, blanks, no one kept or added."""
    contacts = pd.DataFrame({"name": pd.array(names + added, dtype="string")})
    kept = name_order(contacts.iloc[:len(names)])
    assert name_order_extended(kept, contacts).tolist() == name_order(contacts).tolist()
