"""Step 2's guessed ties (``steps.map_census``): shown as guesses, one click confirms or
rejects each, in one transaction, and only confirmed ties count (issue 15, item 5)."""

from __future__ import annotations

import pandas as pd
import pytest

from networking_kit.contacts import normalise_contacts
from networking_kit.steps.map import MapSession
from networking_kit.steps.map_census import REJECTED_KEY
from networking_kit.store import Workbook, open_workbook


@pytest.fixture
def session(workbook: Workbook) -> MapSession:
    frame = normalise_contacts(pd.DataFrame([
        {"name": "Ann Roth", "company": "Roche", "strength": "closest"},
        {"name": "Ben Roux", "company": "Roche", "strength": "close"},
        {"name": "Cy Rao", "company": "Roche", "strength": "close"},
        {"name": "Dee Bay", "company": "Bayer", "strength": "close"}]))
    frame["contact_id"] = list("abcd")
    workbook.save_contacts(frame)
    return MapSession(workbook)


def test_guesses_are_confirmed_or_rejected_in_one_click_each(session: MapSession) -> None:
    assert session.census_default() == list("abcd")
    assert session.guessed_ties() == {("a", "b"): "both at Roche",
                                      ("a", "c"): "both at Roche",
                                      ("b", "c"): "both at Roche"}
    assert session.ties == []  # guesses are not ties
    assert session.circles_in_words() == [
        "As far as you have said, none of them know each other."]

    session.confirm_tie("b", "a")
    session.reject_tie("c", "a")
    assert session.guessed_ties() == {("b", "c"): "both at Roche"}
    assert session.ties == [("a", "b")]
    with open_workbook(session.workbook.path) as other:  # saved, and read back fresh
        assert other.load_ties() == [("a", "b")]
        assert other.get_profile(REJECTED_KEY) == [["a", "c"]]
        assert MapSession(other).guessed_ties() == {("b", "c"): "both at Roche"}
    session.confirm_tie("b", "c")
    assert session.circles_in_words() == [
        "Ann Roth, Ben Roux and Cy Rao are one circle.",
        "Ben Roux links people who would not otherwise be linked: a door between groups.",
        "Dee Bay knows none of the others."]
    session.reject_tie("b", "c")  # changing one's mind removes the tie
    assert session.ties == [("a", "b")]
    assert session.guessed_ties() == {}


def test_a_failed_rejection_saves_nothing(session: MapSession,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    session.confirm_tie("a", "b")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "set_tie", broken)
    with pytest.raises(OSError, match="disk full"):
        session.reject_tie("a", "b")
    monkeypatch.undo()
    with open_workbook(session.workbook.path) as other:
        assert other.get_profile(REJECTED_KEY) is None
        assert other.load_ties() == [("a", "b")]
