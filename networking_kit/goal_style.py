"""How someone likes to network (:class:`Style`) and the advice that follows from it.

A participant's tie style, preferred setting, weekly hours and whether they are looking
for work change the advice (:func:`advice`) and the order of venue suggestions
(``venues.rank_venues``), never the worth of the person. No widgets, no store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from networking_kit.saved_values import enum_or_none, positive_float
from networking_kit.vocab import GoalKind


class TieStyle(StrEnum):
    CONNECTOR = "connector"
    DEEP_TIES = "deep_ties"

    @property
    def label(self) -> str:
        return {TieStyle.CONNECTOR: "I enjoy meeting lots of people",
                TieStyle.DEEP_TIES: "I prefer a few deeper relationships"}[self]


class Setting(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {Setting.IN_PERSON: "In person", Setting.ONLINE: "Online",
                Setting.BOTH: "Both are fine"}[self]


HOURS_CHOICES: tuple[tuple[str, float], ...] = (
    ("Less than an hour", 0.5),
    ("1–2 hours", 1.5),
    ("3–4 hours", 3.5),
    ("5 hours or more", 5.0),
)
WEEKS_PER_MONTH = 4.3  # 52 weeks / 12 months, for comparing a weekly budget with venues


@dataclass(frozen=True)
class Style:
    """How someone likes to network and what their week allows.

    These change the advice and the order of venue suggestions, never the worth of the
    person: a private researcher with an hour a week gets a plan that suits them.
    """

    ties: TieStyle = TieStyle.CONNECTOR
    setting: Setting = Setting.BOTH
    hours_per_week: float = 1.5
    # None until the participant answers: the form starts with neither answer chosen.
    looking_for_work: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ties": str(self.ties), "setting": str(self.setting),
                "hours_per_week": self.hours_per_week,
                "looking_for_work": self.looking_for_work}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Style:
        data = data or {}
        default = cls()
        return cls(
            ties=enum_or_none(TieStyle, data.get("ties")) or default.ties,
            setting=enum_or_none(Setting, data.get("setting")) or default.setting,
            hours_per_week=positive_float(data.get("hours_per_week"), default.hours_per_week),
            looking_for_work=(None if data.get("looking_for_work") is None
                              else bool(data["looking_for_work"])),
        )


_KIND_ADVICE = {
    GoalKind.BETTER_KNOWN: "Go where your audience already is, then contribute regularly: "
    "write, comment with substance, speak, start a discussion. Engage rather than advertise, "
    "and stick to one theme so people learn what you stand for.",
    GoalKind.BETTER_EQUIPPED: "Find the groups and people who have the experience you lack, "
    "ask them good, specific questions, and when you are stuck, say so and ask widely.",
    GoalKind.BETTER_CONNECTED: "Go for quality, not count. Start with people you already know, "
    "like and trust; with new people, find common ground first. Never send invitations in bulk.",
}


def advice(kind: GoalKind | None, style: Style) -> list[str]:
    """Plain sentences of advice for this goal and this person's style and situation."""
    tips = [_KIND_ADVICE[kind]] if kind is not None else []
    if style.ties is TieStyle.CONNECTOR:
        tips.append("You enjoy meeting people: use it, and make sure the best first "
                    "conversations get a second one.")
    else:
        tips.append("You prefer a few deeper ties, which is a real strength. Choose smaller "
                    "groups where you see the same faces, and aim for one good conversation "
                    "per visit rather than many short ones.")
    if style.setting is Setting.IN_PERSON:
        tips.append("You prefer meeting in person: after each event, connect online within a "
                    "day or two with the people you actually talked to.")
    elif style.setting is Setting.ONLINE:
        tips.append("You prefer online: move the best conversations to a call or a coffee, "
                    "because relationships deepen when people meet.")
    if style.hours_per_week < 1:
        tips.append("With less than an hour a week, pick one venue and keep going with it; "
                    "a little, kept up, beats a burst.")
    elif style.hours_per_week >= 5:
        tips.append("You have time to spare: still start with two venues at most, so you "
                    "can keep them up.")
    if style.looking_for_work:
        tips.append("You are looking for work now: start with people who already know your "
                    "work — former colleagues, clients, alumni — and tell them plainly what "
                    "you are looking for.")
    else:
        tips.append("You are not looking for work now, which is the best time to build your "
                    "network: build it before you need it.")
    return tips
