"""Tests for ``importers._memory``: giving an import's freed memory back never breaks."""

from __future__ import annotations

from networking_kit.importers import _memory


def test_give_back_returns_after_trimming_or_doing_nothing(monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(_memory, "_TRIM", calls.append)
    _memory.give_back()
    assert calls == [0]  # no padding kept at the top of the heap
    monkeypatch.setattr(_memory, "_TRIM", None)  # not glibc: nothing to call
    _memory.give_back()
    assert calls == [0]
