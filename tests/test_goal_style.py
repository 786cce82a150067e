"""Step 1's advice for a participant's style and situation."""

from __future__ import annotations

from networking_kit.goal_style import Setting, Style, TieStyle, advice
from networking_kit.goals import GoalKind

KNOWN, CONNECTED = GoalKind.BETTER_KNOWN, GoalKind.BETTER_CONNECTED


def test_advice_says_build_it_before_you_need_it_unless_looking_for_work() -> None:
    relaxed = " ".join(advice(CONNECTED, Style(looking_for_work=False)))
    urgent = " ".join(advice(CONNECTED, Style(looking_for_work=True)))
    assert "before you need it" in relaxed
    assert "before you need it" not in urgent
    assert "people who already know your" in urgent


def test_advice_adapts_to_style_and_time_without_judging() -> None:
    deep = advice(KNOWN, Style(ties=TieStyle.DEEP_TIES, setting=Setting.ONLINE,
                               hours_per_week=0.5))
    text = " ".join(deep)
    assert "strength" in text
    assert "call or a coffee" in text
    assert "one venue" in text
    assert advice(None, Style())[0] != deep[0]  # no goal yet: no goal advice


def test_looking_for_work_starts_unanswered_and_keeps_a_no() -> None:
    assert Style().looking_for_work is None
    assert Style.from_dict({}).looking_for_work is None
    assert Style.from_dict(Style(looking_for_work=False).to_dict()).looking_for_work is False
    assert Style.from_dict({"looking_for_work": True}).looking_for_work is True
