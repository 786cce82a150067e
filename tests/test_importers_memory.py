"""Tests for ``importers._memory``: giving an import's freed memory back never breaks,
and a long stage trims only once it has let go of enough."""

from __future__ import annotations

import pytest

from networking_kit.importers import _memory


def test_give_back_returns_after_trimming_or_doing_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(_memory, "_TRIM", calls.append)
    _memory.give_back()
    assert calls == [0]  # no padding kept at the top of the heap
    monkeypatch.setattr(_memory, "_TRIM", None)  # not glibc: nothing to call
    _memory.give_back()
    assert calls == [0]


def test_give_back_over_trims_only_once_enough_was_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    free = [5_000]
    monkeypatch.setattr(_memory, "_TRIM", calls.append)
    monkeypatch.setattr(_memory, "_FREE", lambda: free[0])
    monkeypatch.setattr(_memory, "_ASK_EVERY_S", 0.0)
    _memory.give_back()  # 5,000 bytes stay free after a trim: what it cannot give back
    _memory.give_back_over(1_000)
    assert calls == [0]  # nothing let go since
    free[0] = 5_900
    _memory.give_back_over(1_000)
    assert calls == [0]
    free[0] = 6_100  # over 1,000 bytes more than the trim left
    _memory.give_back_over(1_000)
    assert calls == [0, 0]
    monkeypatch.setattr(_memory, "_ASK_EVERY_S", 3600.0)  # asked a moment ago: not again
    free[0] = 9_000
    _memory.give_back_over(1_000)
    assert calls == [0, 0]
    _memory.give_back_over(1_000, ask=True)  # the caller's own reason: asked all the same
    assert calls == [0, 0, 0]
    monkeypatch.setattr(_memory, "_FREE", None)  # the heap cannot be asked: never trims
    free[0] = 10**9
    _memory.give_back_over(1_000)
    _memory.give_back_over(1_000, ask=True)
    assert calls == [0, 0, 0]


def test_a_long_stage_asks_the_heap_after_each_tenth_of_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """However quickly a stage goes, the heap is asked after each tenth of it (asking by
    time alone let a 3 MB file's read peak anywhere from 4.8 to 5.7x its size, issue 14)."""
    from networking_kit.importers import reading
    asked: list[bool] = []
    monkeypatch.setattr(reading, "give_back_over",
                        lambda size, *, ask=False: asked.append(ask))
    tick = reading._ticks(lambda stage, fraction: None, 5, 1_000)
    for fraction in (0.05, 0.1, 0.15, 0.19, 0.2, 0.35, 0.4, 1.0):
        tick(fraction)
    assert asked == [False, True, False, False, True, True, False, True]
