"""Venues to try for a goal, and the dated commitments to visit them.

The catalogue (``venues.json``, package data a facilitator can edit) is read by
:func:`load_venue_catalogue`; :func:`rank_venues` orders it for a goal kind and a
:class:`~networking_kit.goal_style.Style`; a :class:`Commitment` is one venue visited
``settings.VENUE_VISITS`` times on set dates, checked by :func:`check_commitment`.
No widgets, no store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Any

from networking_kit.goal_style import WEEKS_PER_MONTH, Setting, Style, TieStyle
from networking_kit.saved_values import iso_day, parse_day
from networking_kit.settings import VENUE_VISITS as VISITS
from networking_kit.vocab import GoalKind

# --------------------------------------------------------------------------- venues


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    kind: str
    serves: Mapping[GoalKind, int]
    in_person: bool
    online: bool
    hours_per_month: float
    fits: frozenset[TieStyle]
    warm_start: bool
    every_weeks: int
    visit_target: str
    why: Mapping[GoalKind, str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Venue:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=str(data.get("kind", "")),
            serves={GoalKind(k): int(v) for k, v in data.get("serves", {}).items()},
            in_person=bool(data.get("in_person", False)),
            online=bool(data.get("online", False)),
            hours_per_month=float(data.get("hours_per_month", 0)),
            fits=frozenset(TieStyle(s) for s in data.get("fits", ())),
            warm_start=bool(data.get("warm_start", False)),
            every_weeks=max(1, int(data.get("every_weeks", 3))),
            visit_target=str(data.get("visit_target", "")),
            why={GoalKind(k): str(v) for k, v in data.get("why", {}).items()},
        )


@dataclass(frozen=True)
class VenueSuggestion:
    venue: Venue
    score: int
    reason: str


def load_venue_catalogue(path: str | None = None) -> tuple[Venue, ...]:
    """The venues in ``venues.json`` (package data), or in the JSON file at ``path``.

    The catalogue is data so that a facilitator can edit it for their audience without
    touching code.
    """
    if path is None:
        text = resources.files("networking_kit").joinpath("venues.json").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return tuple(Venue.from_dict(v) for v in json.loads(text)["venues"])


def rank_venues(kind: GoalKind, style: Style,
                catalogue: Sequence[Venue] | None = None) -> list[VenueSuggestion]:
    """Venues that serve ``kind``, best fit first, each with a plain reason.

    Points: how well the venue serves the goal (x3), whether it suits the person's style
    (+2 or -1), whether it happens where they like to meet (+1, or -3 when it cannot),
    whether it fits the hours they have (+2, +1, or -1 to -4 by how far it goes over),
    and, for someone looking for work, places where people already know them (+2).
    Equal scores keep catalogue order.
    """
    venues = load_venue_catalogue() if catalogue is None else catalogue
    budget = style.hours_per_week * WEEKS_PER_MONTH
    ranked = []
    for venue in venues:
        serves = venue.serves.get(kind, 0)
        if serves <= 0:
            continue
        score = 3 * serves
        notes = [venue.why.get(kind, f"It helps you become {kind.label.lower()}.")]
        if style.ties in venue.fits:
            score += 2
            notes.append("It suits people who " + (
                "enjoy meeting many people." if style.ties is TieStyle.CONNECTOR
                else "prefer a few deeper conversations."))
        else:
            score -= 1
        where_ok = {Setting.IN_PERSON: venue.in_person, Setting.ONLINE: venue.online,
                    Setting.BOTH: True}[style.setting]
        if not where_ok:
            score -= 3
            notes.append("It does not happen " + (
                "in person" if style.setting is Setting.IN_PERSON else "online") + " much.")
        elif style.setting is not Setting.BOTH:
            score += 1
        if venue.hours_per_month <= budget / 2:
            score += 2
            notes.append(f"About {_hours(venue.hours_per_month)} a month fits your week easily.")
        elif venue.hours_per_month <= budget:
            score += 1
            notes.append(f"About {_hours(venue.hours_per_month)} a month fits your week.")
        else:
            score -= min(4, max(1, round(venue.hours_per_month / budget)))
            notes.append(f"About {_hours(venue.hours_per_month)} a month is more than you "
                         "said you have, so keep each visit short.")
        if style.looking_for_work and venue.warm_start:
            score += 2
            notes.append("People here already know your work.")
        ranked.append(VenueSuggestion(venue, score, " ".join(notes)))
    ranked.sort(key=lambda s: -s.score)  # stable: ties keep catalogue order
    return ranked


# ---------------------------------------------------------------------- commitments

DEFAULT_TARGETS = {
    GoalKind.BETTER_KNOWN: "share one useful thing",
    GoalKind.BETTER_EQUIPPED: "ask one good question",
    GoalKind.BETTER_CONNECTED: "talk to two new people",
}


@dataclass
class Commitment:
    """Try one venue three times, on set dates, with a small target each time."""

    venue_id: str
    venue_name: str
    visits: list[date | None] = field(default_factory=lambda: [None] * VISITS)
    target: str = ""
    place: str = ""  # the participant's own name for it, e.g. "Leeds ProductTank"

    @classmethod
    def plan(cls, venue: Venue, start: date, kind: GoalKind | None = None) -> Commitment:
        """Three visits from ``start``, ``venue.every_weeks`` apart, with a starter target."""
        step = timedelta(weeks=venue.every_weeks)
        target = venue.visit_target or (DEFAULT_TARGETS[kind] if kind else "")
        return cls(venue.id, venue.name, [start + i * step for i in range(VISITS)], target)

    @property
    def display_name(self) -> str:
        return self.place.strip() or self.venue_name

    def to_dict(self) -> dict[str, Any]:
        return {"venue_id": self.venue_id, "venue_name": self.venue_name,
                "visits": [iso_day(v) for v in self.visits], "target": self.target,
                "place": self.place}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Commitment:
        visits = [parse_day(v) for v in list(data.get("visits") or [])[:VISITS]]
        visits += [None] * (VISITS - len(visits))
        return cls(str(data.get("venue_id", "")), str(data.get("venue_name", "")), visits,
                   str(data.get("target", "")), str(data.get("place", "")))


def check_commitment(commitment: Commitment, today: date) -> list[str]:
    """What is missing from one commitment, in plain words (empty when it is complete)."""
    name = commitment.display_name
    problems = []
    dates = [v for v in commitment.visits if v is not None]
    if len(dates) < VISITS:
        problems.append(f"Add dates for all three visits to {name}.")
    elif dates != sorted(dates) or len(set(dates)) < VISITS:
        problems.append(f"Put the three visits to {name} on different days, earliest first.")
    if any(d < today for d in dates):
        problems.append(f"Choose visit dates from today on for {name}.")
    if not commitment.target.strip():
        problems.append(f'Add a small target for each visit to {name}, like "talk to two '
                        'new people".')
    return problems


def _hours(hours: float) -> str:
    whole = int(hours) if float(hours).is_integer() else hours
    return f"{whole} hour{'' if whole == 1 else 's'}"


def mid_sentence(name: str) -> str:
    """A catalogue name inside a sentence: "Coffees with…" → "coffees with…" (not "IT…")."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name
