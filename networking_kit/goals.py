"""Step 1: choose one main networking goal and make it concrete.

People network to be *better known*, *better equipped* or *better connected*; a short
diagnostic suggests which one matters most now, the participant decides, and the goal
builder turns the choice into something checkable (who, where, how many, by when) with
venues to try and dated commitments. Nothing here knows about widgets: ``ui/goal.py``
shows these objects, and the map and follow-up steps read the saved :class:`Goal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from networking_kit.goal_style import Style
from networking_kit.saved_values import enum_or_none, iso_day, parse_day
from networking_kit.settings import GOAL_MAX_DAYS_AHEAD as MAX_DAYS_AHEAD
from networking_kit.venues import Commitment, check_commitment, mid_sentence
from networking_kit.venues import load_venue_catalogue as load_venue_catalogue
from networking_kit.vocab import (
    GoalKind as GoalKind,  # re-exported: Goal and its kind read together
)
from networking_kit.words import and_list

# ----------------------------------------------------------------------------- goal

GOAL_VERSION = 1


@dataclass(frozen=True)
class Visit:
    """One dated visit of a commitment: what the follow-up plan and calendar need."""

    on: date
    venue_id: str
    name: str
    number: int
    target: str


@dataclass
class Goal:
    """The participant's one main goal, as the rest of the toolkit reads it.

    Stable fields for the map and follow-up steps: ``kind``, the statement parts
    (``who``, ``where``, ``how_many``, ``by_when``), ``targets`` (fields, sectors or
    communities to look for gaps in), ``venues`` (catalogue ids), ``commitments`` and
    ``review_date``. ``answers`` and ``style`` keep the diagnostic so the form can be
    rebuilt exactly.
    """

    kind: GoalKind | None = None
    who: str = ""
    where: str = ""
    how_many: int | None = None
    by_when: date | None = None
    targets: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    review_date: date | None = None
    answers: dict[str, str] = field(default_factory=dict)
    style: Style = field(default_factory=Style)

    def where_text(self) -> str:
        """``where`` as typed, else the places named in the commitments."""
        if self.where.strip():
            return self.where.strip()
        return and_list([c.place.strip() or mid_sentence(c.venue_name)
                          for c in self.commitments])

    def statement(self, blank: str = "…") -> str:
        """The goal as one sentence the participant could say aloud.

        Missing parts show as ``blank`` so a half-built goal still reads as a sentence.
        """
        when = _long_date(self.by_when) if self.by_when else f"{blank} (a date)"
        count = str(self.how_many) if self.how_many else f"{blank} (how many)"
        who = self.who.strip() or f"{blank} (who)"
        where = self.where_text() or f"{blank} (where)"
        template = _STATEMENTS.get(self.kind, _STATEMENTS[None])
        return template.format(when=when, count=count, who=who, where=where)

    def schedule(self) -> list[Visit]:
        """Every dated visit of every commitment, earliest first."""
        visits = [Visit(on, c.venue_id, c.display_name, number, c.target)
                  for c in self.commitments
                  for number, on in enumerate(c.visits, start=1) if on is not None]
        return sorted(visits, key=lambda v: (v.on, v.name, v.number))

    def is_complete(self, today: date | None = None) -> bool:
        return goal_done(self, today)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-safe data with a ``version`` key, for the workbook file and exports."""
        return {
            "version": GOAL_VERSION,
            "kind": None if self.kind is None else str(self.kind),
            "who": self.who,
            "where": self.where,
            "how_many": self.how_many,
            "by_when": iso_day(self.by_when),
            "targets": list(self.targets),
            "venues": list(self.venues),
            "commitments": [c.to_dict() for c in self.commitments],
            "review_date": iso_day(self.review_date),
            "answers": dict(self.answers),
            "style": self.style.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Goal:
        """Read saved data; a missing or unreadable part comes back empty, not as an error.

        Only a goal written by a newer toolkit is refused, since guessing could lose it.
        """
        version = data.get("version", GOAL_VERSION)
        if not isinstance(version, int) or version > GOAL_VERSION:
            raise ValueError(f"this goal was saved by a newer networking_kit (version "
                             f"{version}); update the toolkit to read it")
        how_many = data.get("how_many")
        return cls(
            kind=enum_or_none(GoalKind, data.get("kind")),
            who=str(data.get("who") or ""),
            where=str(data.get("where") or ""),
            how_many=how_many if isinstance(how_many, int) and how_many > 0 else None,
            by_when=parse_day(data.get("by_when")),
            targets=[str(t) for t in data.get("targets") or []],
            venues=[str(v) for v in data.get("venues") or []],
            commitments=[Commitment.from_dict(c) for c in data.get("commitments") or []],
            review_date=parse_day(data.get("review_date")),
            answers={str(k): str(v) for k, v in (data.get("answers") or {}).items() if v},
            style=Style.from_dict(data.get("style")),
        )


_STATEMENTS: dict[GoalKind | None, str] = {
    GoalKind.BETTER_KNOWN: "By {when}, I will share something useful with {who} {count} times, "
    "at {where}.",
    GoalKind.BETTER_EQUIPPED: "By {when}, I will ask {count} {who} for advice, at {where}.",
    GoalKind.BETTER_CONNECTED: "By {when}, I will have real conversations with {count} {who}, "
    "at {where}.",
    None: "By {when}, I will reach {count} {who}, at {where}.",
}


def check_goal(goal: Goal, today: date | None = None) -> list[str]:
    """Each missing or unworkable part of the goal, as a plain instruction.

    ``today`` is injected so the date checks hold next year too.
    """
    today = today or date.today()
    problems = []
    if goal.kind is None:
        problems.append("Choose your main goal: better known, better equipped or better "
                        "connected.")
    if not goal.who.strip():
        problems.append("Add who: the people, field or community you want to reach.")
    if not goal.where_text():
        problems.append("Add where: type a place, or pick a venue below.")
    if not goal.how_many:
        problems.append("Add how many: a number you can count, like 6.")
    elif goal.how_many > 100:
        problems.append("Choose a smaller number: a goal you can reach beats a big one.")
    by_when_ok = False
    if goal.by_when is None:
        problems.append("Add a date: by when you want to have done it.")
    elif goal.by_when <= today:
        problems.append("Choose a date in the future for your goal.")
    elif goal.by_when > today + timedelta(days=MAX_DAYS_AHEAD):
        problems.append("Choose a date within the next year, so you can check it soon.")
    else:
        by_when_ok = True
    if goal.review_date is not None:
        if goal.review_date < today:
            problems.append("Choose a check-in date from today on.")
        elif by_when_ok and goal.by_when is not None and goal.review_date > goal.by_when:
            problems.append("Set your check-in date before your goal's date.")
    for commitment in goal.commitments:
        problems.extend(check_commitment(commitment, today))
    return problems


def goal_done(goal: Goal | None, today: date | None = None) -> bool:
    """Whether step 1 is done: a goal is saved and :func:`check_goal` finds nothing missing.

    The one definition the goal page, the step bar and the shared summary all ask.
    """
    return goal is not None and not check_goal(goal, today)


# ------------------------------------------------------------------------- examples


@dataclass(frozen=True)
class GoalExample:
    who: str
    where: str
    how_many: int
    weeks: int

    def apply(self, goal: Goal, today: date) -> None:
        """Fill the goal's statement parts from this example (the date from ``today``)."""
        goal.who, goal.where, goal.how_many = self.who, self.where, self.how_many
        goal.by_when = today + timedelta(weeks=self.weeks)

    def statement(self, kind: GoalKind, today: date) -> str:
        goal = Goal(kind=kind)
        self.apply(goal, today)
        return goal.statement()


EXAMPLES: dict[GoalKind, tuple[GoalExample, ...]] = {
    GoalKind.BETTER_KNOWN: (
        GoalExample("people in local food businesses", "the city business network (its "
                    "newsletter and monthly breakfast)", 6, 12),
        GoalExample("product managers in my region", "the regional product group's "
                    "online forum", 8, 10),
    ),
    GoalKind.BETTER_EQUIPPED: (
        GoalExample("experienced payments lawyers", "the fintech peer group", 3, 8),
        GoalExample("people who have started a consultancy", "the freelancers' association "
                    "and a mentoring programme", 4, 12),
    ),
    GoalKind.BETTER_CONNECTED: (
        GoalExample("new people in hospital operations", "the next three meetings of the local "
                    "health-tech meet-up", 6, 12),
        GoalExample("former colleagues and clients I have lost touch with", "one-to-one "
                    "coffees and calls", 10, 8),
    ),
}


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
