"""The welcome page's session, driven directly: name and starting point, each one action."""

from __future__ import annotations

from datetime import date

import pytest

from networking_kit.samples import generate_sample_contacts
from networking_kit.steps._session import STALE_NOTE, Change, ChangeEvent
from networking_kit.steps.start import StartMode, StartSession
from networking_kit.store import Workbook, open_workbook

TODAY = date(2026, 11, 23)


@pytest.fixture
def session(workbook: Workbook) -> StartSession:
    return StartSession(workbook, TODAY)


def test_a_new_workbook_has_no_name_no_choice_and_no_contacts(session: StartSession) -> None:
    assert (session.name, session.mode, session.contacts) == ("", None, 0)
    assert not session.start_done()


def test_the_name_is_saved_trimmed_and_heard(session: StartSession, workbook: Workbook) -> None:
    heard: list[ChangeEvent] = []
    session.listen(heard.append, Change.PROFILE)
    session.set_name("  Alex ")
    assert workbook.get_profile("participant_name") == "Alex"
    assert session.name == "Alex"
    assert [e.topics for e in heard] == [frozenset({Change.PROFILE})]
    assert StartSession(workbook).name == "Alex"


def test_the_sample_fills_the_map_and_switching_away_empties_it(
        session: StartSession, workbook: Workbook) -> None:
    heard: list[ChangeEvent] = []
    session.listen(heard.append)
    note = session.choose_start("sample")
    size = len(generate_sample_contacts())
    assert (workbook.count_contacts(), session.contacts) == (size, size)
    assert f"{size} sample contacts are ready" in note
    assert heard[-1].topics == frozenset({Change.PROFILE, Change.CONTACTS})
    session.set_name("Alex")
    assert session.start_done()
    note = session.choose_start(StartMode.EMPTY)
    assert (workbook.count_contacts(), session.contacts) == (0, 0)
    assert "sample contacts were removed" in note
    assert StartSession(workbook).mode is StartMode.EMPTY
    assert "ready for your own contacts" in session.choose_start("empty")


def test_the_sample_never_mixes_into_a_real_network(session: StartSession,
                                                    workbook: Workbook) -> None:
    workbook.save_contacts(generate_sample_contacts().head(3).assign(source="linkedin"))
    session = StartSession(workbook, TODAY)
    assert "already has contacts" in session.choose_start("sample")
    assert workbook.count_contacts() == 3
    assert "ready for your own contacts" in session.choose_start("empty")
    assert workbook.count_contacts() == 3  # only the sample's own are ever removed


@pytest.mark.parametrize(("first", "then", "broken"), [
    (None, "sample", "save_contacts"), ("sample", "empty", "delete_contacts")])
def test_a_failure_half_way_keeps_neither_the_choice_nor_the_contacts(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch, first: str | None, then: str,
        broken: str) -> None:
    session = StartSession(workbook, TODAY)
    if first:
        session.choose_start(first)
    before_file = workbook.snapshot()
    before_memory = (session.name, session.mode, session.contacts)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, broken, fail)  # after the choice was written
    with pytest.raises(OSError, match="disk full"):
        session.choose_start(then)
    assert workbook.snapshot() == before_file
    assert (session.name, session.mode, session.contacts) == before_memory


def test_another_window_is_caught_up_with_inside_the_next_action(workbook: Workbook) -> None:
    session = StartSession(workbook, TODAY)
    other = StartSession(open_workbook(workbook.path), TODAY)
    other.choose_start("sample")
    heard: list[ChangeEvent] = []
    session.listen(heard.append)
    session.set_name("Alex")
    assert session.contacts == len(generate_sample_contacts())
    assert session.mode is StartMode.SAMPLE
    assert STALE_NOTE in heard[-1].note
    assert Change.CONTACTS in heard[-1].topics
