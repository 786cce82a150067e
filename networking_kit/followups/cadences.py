"""Keep-warm rhythms: how often to be in touch with each closeness layer (and any one
person), counted from the last interaction, and whether each contact is on track, due or
overdue. Plain data in, plain data out; the session saves them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.settings import DEFAULT_CADENCE_DAYS, LAST_IN_TOUCH_DAYS
from networking_kit.vocab import KeepWarmStatus, LastInTouch

CADENCE_PROFILE_KEY = "cadences"  # where the rhythms are saved in the workbook's profile


@dataclass(frozen=True)
class Cadence:
    """Be in touch every ``ideal_days``; after ``max_days`` the tie starts to go cold.

    Raises ``ValueError`` unless ``0 < ideal_days <= max_days``.
    """

    ideal_days: int
    max_days: int

    def __post_init__(self) -> None:
        if not 0 < self.ideal_days <= self.max_days:
            raise ValueError("a rhythm needs 0 < ideal days <= maximum days")


# The rhythms in use until the participant changes one (numbers: ``settings``).
DEFAULT_CADENCES: dict[str, Cadence] = {
    strength.value: Cadence(*days) for strength, days in DEFAULT_CADENCE_DAYS.items()}


@dataclass(frozen=True)
class RoughContact:
    """The participant's rough answer for one person: ``answer`` given on ``given_on``."""

    answer: LastInTouch
    given_on: date

    def day(self) -> date:
        """The day the answer stands for (``settings.LAST_IN_TOUCH_DAYS`` before it was
        given), so an answer ages with the calendar like a real date."""
        return self.given_on - timedelta(days=LAST_IN_TOUCH_DAYS[self.answer])


@dataclass
class Cadences:
    """What keep-in-touch reads besides the map: the rhythms in use, one per layer (by
    tie-strength value), the participant's per-person exceptions (by contact id), and
    ``rough``: their rough "when were you last in touch?" answers (by contact id), used
    only where no last contact is recorded."""

    layers: dict[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_CADENCES))
    people: dict[str, Cadence] = field(default_factory=dict)
    rough: dict[str, RoughContact] = field(default_factory=dict)

    def for_contact(self, contact_id: str, strength: str | None) -> Cadence | None:
        if contact_id in self.people:
            return self.people[contact_id]
        return self.layers.get(strength) if strength else None

    def to_dict(self) -> dict[str, Any]:
        return {"layers": {k: [c.ideal_days, c.max_days] for k, c in self.layers.items()},
                "people": {k: [c.ideal_days, c.max_days] for k, c in self.people.items()},
                "rough": {k: [r.answer.value, r.given_on.isoformat()]
                          for k, r in self.rough.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Cadences:
        """Saved rhythms; anything unreadable falls back to the default for that layer."""
        data = data or {}
        layers = dict(DEFAULT_CADENCES)
        layers.update(_read_cadences(data.get("layers"), allowed=set(DEFAULT_CADENCES)))
        return cls(layers, _read_cadences(data.get("people")), _read_rough(data.get("rough")))

    def copy(self) -> Cadences:
        return Cadences(dict(self.layers), dict(self.people), dict(self.rough))


def _read_cadences(raw: Any, allowed: set[str] | None = None) -> dict[str, Cadence]:
    out = {}
    for key, value in (raw or {}).items() if isinstance(raw, Mapping) else ():
        try:
            cadence = Cadence(int(value[0]), int(value[1]))
        except (TypeError, ValueError, IndexError):
            continue
        if allowed is None or key in allowed:
            out[str(key)] = cadence
    return out


def name_order(contacts: pd.DataFrame) -> np.ndarray:
    """Each contact's place when the map is sorted by name (an int64 array, one per row,
    all different; people with no name last, equal names in map order): what
    :func:`keep_warm_status` sorts by after the rhythm. Sorting 30,000 names costs tens of
    milliseconds, so a step session keeps it while nobody's name changes."""
    names = contacts["name"].astype("object").reset_index(drop=True)
    order = names.sort_values(kind="stable", na_position="last").index.to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def name_order_extended(rank: np.ndarray, contacts: pd.DataFrame) -> np.ndarray:
    """:func:`name_order` of ``contacts`` from ``rank``, that of its first ``len(rank)``
    rows (people were appended, nobody else changed): the new named rows are merged into
    the kept order as the stable sort places them (after every equal name before them),
    the new rows with no name go last, in map order. A millisecond for a few new people,
    where sorting 30,000 names again costs tens."""
    column = contacts["name"].array  # read at a few places only, never copied whole
    old, total = len(rank), len(contacts)
    order = np.empty(old, dtype=np.int64)
    order[rank] = np.arange(old)  # rows by place: the named ones first, then the rest

    def name_at(place: int) -> str | None:
        value = column[int(order[place])]
        return value if isinstance(value, str) else None

    def named_at(place: int) -> str:  # a place among the named ones
        return str(column[int(order[place])])

    low, high = 0, old  # how many have a name: found by halving, not by reading all
    while low < high:
        middle = (low + high) // 2
        if name_at(middle) is not None:
            low = middle + 1
        else:
            high = middle
    new = [(at, column[at]) for at in range(old, total)]
    named = sorted(((at, n) for at, n in new if isinstance(n, str)), key=lambda an: an[1])
    # where each new name goes among the kept named places (after every equal name)
    points = np.array([bisect_right(range(low), n, key=named_at) for _, n in named],
                      dtype=np.int64)
    extended = np.empty(total, dtype=np.int64)
    extended[:old] = np.where(rank < low, rank + np.searchsorted(points, rank, side="right"),
                              rank + len(named))
    extended[[at for at, _ in named]] = points + np.arange(len(named), dtype=np.int64)
    blank = [at for at, n in new if not isinstance(n, str)]
    extended[blank] = old + len(named) + np.arange(len(blank), dtype=np.int64)
    return extended


def _read_rough(raw: Any) -> dict[str, RoughContact]:
    out = {}
    for key, value in (raw or {}).items() if isinstance(raw, Mapping) else ():
        try:
            out[str(key)] = RoughContact(LastInTouch(value[0]), date.fromisoformat(value[1]))
        except (TypeError, ValueError, IndexError, KeyError):
            continue
    return out


def cadence_words(days: int) -> str:
    """The gap after "every", as a person would say it: ``30`` → "month", ``14`` → "2 weeks"."""
    for length, one in ((365, "year"), (30, "month"), (7, "week")):
        number = days / length
        near = round(number)
        if near >= 1 and abs(number - near) <= 0.06 * near and (one != "month" or days >= 28):
            return one if near == 1 else f"{near} {one}s"
    if days >= 180 and days <= 185:
        return "6 months"
    return "day" if days == 1 else f"{days} days"


def keep_warm_why(row: Mapping[Any, Any]) -> str:
    """The one plain sentence saying why a keep-warm touch is suggested, from a row of
    :func:`keep_warm_status`: how long since the last contact (or since connecting, when
    no contact is noted), and the rhythm for this closeness."""
    rhythm = (f"for this closeness, about every {cadence_words(int(row['ideal_days']))} "
              "keeps you in mind.")
    days = row.get("days_since")
    if days is None or pd.isna(days):
        return f"You have not noted when you were last in touch; {rhythm}"
    days = int(days)
    rough = row.get("rough")
    if isinstance(rough, str) and rough:
        return (f"You said you were last in touch {_rough_words(rough)}; "
                f"{rhythm}")
    if row.get("estimated"):
        return (f"You have not noted when you were last in touch, and you connected "
                f"{span_words(days)} ago; {rhythm}")
    if row.get("status") == KeepWarmStatus.ON_TRACK.value:
        return (f"Last in touch {days} days ago: you are on track, and the people closest "
                f"to you stay in your plan; {rhythm}")
    return f"Last in touch {days} days ago; {rhythm[0].upper()}{rhythm[1:]}"


def span_words(days: int) -> str:
    """A span of days as a person says it: "12 years", "5 months", "1 day"."""
    if days >= 365:
        return f"{days // 365} year{'s' if days >= 730 else ''}"
    if days >= 30:
        return f"{max(1, days // 30)} month{'s' if days >= 60 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def last_in_touch_words(row: Mapping[Any, Any]) -> str:
    """The "Last in touch" cell of the keep-warm list, from a row of
    :func:`keep_warm_status`: the rough answer, or "not noted" with the day they connected
    when only that stands in for it, or how long ago, in the words a person uses."""
    days = row.get("days_since")
    if days is None or pd.isna(days):
        return "never recorded"
    rough = row.get("rough")
    if isinstance(rough, str) and rough:
        return f"{rough} (your guess)"
    if row.get("estimated"):
        return f"not noted (connected {span_words(int(days))} ago)"
    return "today" if int(days) == 0 else f"{span_words(int(days))} ago"


def _rough_words(answer: str) -> str:
    """"this month", "this year", "longer ago", or "never really" said as a time."""
    return "a long time ago, if ever" if answer == LastInTouch.NEVER.value else answer
