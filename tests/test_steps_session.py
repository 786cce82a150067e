"""The session base: one transaction per action, change events, catching up with other
windows."""

from __future__ import annotations

import pytest

from networking_kit.steps._session import STALE_NOTE, Change, ChangeEvent, StepSession
from networking_kit.store import open_workbook


class Counter(StepSession):
    """A tiny session: a number kept in the profile."""

    def __init__(self, workbook):
        super().__init__(workbook)
        self.value = workbook.get_profile("n", 0)

    def add(self, amount: int, *, fail_after_first: bool = False) -> None:
        with self._action(Change.PROFILE):
            self.workbook.set_profile("n", self.value + amount)
            if fail_after_first:
                raise RuntimeError("killed half-way")
            self.workbook.set_profile("m", amount)
            self.value += amount

    def _reload(self) -> set[Change]:
        fresh = self.workbook.get_profile("n", 0)
        changed = fresh != self.value
        self.value = fresh
        return {Change.PROFILE} if changed else set()


def test_an_action_is_one_transaction(tmp_path):
    workbook = open_workbook(tmp_path / "w.sqlite")
    session = Counter(workbook)
    with pytest.raises(RuntimeError):
        session.add(5, fail_after_first=True)
    assert workbook.get_profile("n") is None
    assert session.value == 0
    session.add(2)
    assert (workbook.get_profile("n"), workbook.get_profile("m"), session.value) == (2, 2, 2)


def test_listeners_hear_only_their_topics_and_a_broken_one_does_not_undo(tmp_path):
    session = Counter(open_workbook(tmp_path / "w.sqlite"))
    heard: list[ChangeEvent] = []
    session.listen(heard.append, Change.PROFILE)
    session.listen(lambda e: heard.append(e), Change.PLAN)

    def broken(_event):
        raise ValueError("broken section")

    session.listen(broken)
    session.add(1)
    assert [e.topics for e in heard] == [frozenset({Change.PROFILE})]
    assert isinstance(session.last_error, ValueError)
    assert session.workbook.get_profile("n") == 1


def test_stop_listening(tmp_path):
    session = Counter(open_workbook(tmp_path / "w.sqlite"))
    heard: list[ChangeEvent] = []
    stop = session.listen(heard.append)
    stop()
    session.add(1)
    assert heard == []


def test_a_stale_session_catches_up_before_it_writes(tmp_path):
    path = tmp_path / "w.sqlite"
    tab_a, tab_b = Counter(open_workbook(path)), Counter(open_workbook(path))
    tab_a.add(10)
    heard: list[ChangeEvent] = []
    tab_b.listen(heard.append)
    tab_b.add(1)  # tab B still holds 0 in memory: it must add to 10, not write 1
    assert open_workbook(path).get_profile("n") == 11
    assert tab_b.value == 11
    assert heard[-1].note == STALE_NOTE
    tab_b.add(1)
    assert heard[-1].note == ""


def test_refresh_announces_what_another_window_changed(tmp_path):
    path = tmp_path / "w.sqlite"
    tab_a, tab_b = Counter(open_workbook(path)), Counter(open_workbook(path))
    heard: list[ChangeEvent] = []
    tab_b.listen(heard.append, Change.PROFILE)
    assert tab_b.refresh() is False
    tab_a.add(3)
    assert tab_b.refresh() is True
    assert (tab_b.value, heard[-1].note) == (3, STALE_NOTE)
