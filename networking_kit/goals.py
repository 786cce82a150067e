"""Step 1: choose one main networking goal and make it concrete.

People network to be *better known*, *better equipped* or *better connected*; a short
diagnostic suggests which one matters most now, the participant decides, and the goal
builder turns the choice into something checkable (who, where, how many, by when) with
venues to try and dated commitments. Nothing here knows about widgets: ``ui/goal.py``
shows these objects, and the map and follow-up steps read the saved :class:`Goal`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from typing import Any, TypeVar

from networking_kit.settings import GOAL_MAX_DAYS_AHEAD as MAX_DAYS_AHEAD
from networking_kit.settings import VENUE_VISITS as VISITS
from networking_kit.vocab import (
    GoalKind as GoalKind,  # re-exported: Goal and its kind read together
)
from networking_kit.words import and_list

# ------------------------------------------------------------------------ goal kinds


# When two kinds score the same, the suggestion follows this order. Better connected comes
# first because it starts with people you already know (the smallest first step); better
# known comes last because contributing regularly asks the most time.
TIE_ORDER: tuple[GoalKind, ...] = (
    GoalKind.BETTER_CONNECTED,
    GoalKind.BETTER_EQUIPPED,
    GoalKind.BETTER_KNOWN,
)

_TIE_REASONS = {
    GoalKind.BETTER_CONNECTED: "it starts with people you already know",
    GoalKind.BETTER_EQUIPPED: "what you learn helps whichever way you go next",
    GoalKind.BETTER_KNOWN: "it builds on what you already do well",
}

# ------------------------------------------------------------------------ diagnostic


@dataclass(frozen=True)
class Option:
    """One answer: the points it adds to each kind, and the words that explain them."""

    key: str
    text: str
    points: Mapping[GoalKind, int] = field(default_factory=dict)
    because: str = ""


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    options: tuple[Option, ...]

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)


_K, _E, _C = GoalKind.BETTER_KNOWN, GoalKind.BETTER_EQUIPPED, GoalKind.BETTER_CONNECTED

QUESTIONS: tuple[Question, ...] = (
    Question("year_ahead",
             "A year from now, what would make the biggest difference to your work?", (
        Option("known", "More people in my field knowing what I do", {_K: 2},
               "you want more people in your field to know what you do"),
        Option("equipped", "Being able to do something I cannot do yet", {_E: 2},
               "you want to learn something you cannot do yet"),
        Option("connected", "More people who would recommend or introduce me", {_C: 2},
               "you want more people who would recommend you"),
    )),
    Question("stuck", "When you get stuck at work, what usually happens?", (
        Option("alone", "I work it out alone, and it takes a long time", {_E: 2},
               "you often work things out alone when stuck"),
        Option("no_one", "I would ask, but I don't know who has the answer", {_E: 1, _C: 1},
               "you do not always know who could help"),
        Option("ask", "I know someone to ask"),
    )),
    Question("outside",
             "How often do people outside your organisation bring you questions or work?", (
        Option("rarely", "Rarely: most of them don't know what I do", {_K: 2},
               "few people outside your organisation know what you do"),
        Option("through_people", "Sometimes, through people I already know", {_C: 1, _K: 1},
               "work reaches you only through people who already know you"),
        Option("often", "Often"),
    )),
    Question("last_chance",
             "Think of the last good opportunity that came your way. How did it reach you?", (
        Option("someone_close", "Through someone who knows me well", {_C: 2},
               "good chances reach you through people who know you well"),
        Option("seen_work", "Someone had seen my work or heard me speak", {_K: 2},
               "good chances came when people saw your work"),
        Option("none", "I found it myself, or I can't think of one", {_C: 1, _K: 1},
               "few opportunities come to you through other people yet"),
    )),
    Question("get_better", "What would you most like to get better at in the next six months?", (
        Option("subject", "A skill or subject that is new to me", {_E: 2},
               "you want to get good at something new"),
        Option("explain", "Explaining what I do so the right people remember it", {_K: 2},
               "you want the right people to remember what you do"),
        Option("keep_touch", "Keeping in touch with people I like but rarely see", {_C: 2},
               "you want to keep in touch with people you rarely see"),
    )),
    Question("share", "How often do you share what you know: talks, posts, answers in groups?", (
        Option("never", "Almost never, though I have things worth saying", {_K: 2},
               "you have things worth saying that few people hear"),
        Option("sometimes", "Now and then", {_K: 1},
               "you share what you know only now and then"),
        Option("regularly", "Regularly already", {_C: 1},
               "you already share what you know and can build on it"),
    )),
    Question("change", "Is a change coming: a new role, sector, business or place?", (
        Option("few_people", "Yes, into something where I know few people", {_C: 2, _E: 1},
               "you are heading somewhere you know few people"),
        Option("much_to_learn", "Yes, and I will have a lot to learn", {_E: 2},
               "a change ahead means a lot to learn"),
        Option("no_change", "No big change planned"),
    )),
    Question("catch_up",
             "When did you last contact someone from an earlier job just to catch up?", (
        Option("month", "In the last month"),
        Option("year", "A few times this year", {_C: 1},
               "you catch up with old colleagues only now and then"),
        Option("cannot_remember", "I can't remember", {_C: 2},
               "you have lost touch with people from earlier jobs"),
    )),
    Question("mentor_hour",
             "If someone experienced offered you one free hour, what would you ask for?", (
        Option("advice", "Advice on a problem I am facing", {_E: 2},
               "you would spend a mentor's hour on advice"),
        Option("introductions", "Introductions to people I should know", {_C: 2},
               "you would ask a mentor for introductions"),
        Option("feedback", "Feedback on how I come across and how to be noticed", {_K: 2},
               "you would ask how to get noticed"),
    )),
    Question("sounds_like_you", "Which sentence sounds most like you right now?", (
        Option("good_unknown", "I'm good at what I do, but too few people know it", {_K: 2},
               "you feel good at your work but too little known"),
        Option("out_of_depth", "Parts of my work stretch me beyond what I know", {_E: 2},
               "parts of your work stretch you beyond what you know"),
        Option("wrong_people", "I know people, but not the ones who could open doors", {_C: 2},
               "you know people, but not the ones who open doors"),
    )),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}


@dataclass(frozen=True)
class DiagnosticResult:
    """Scores per kind, the suggested kind and a one-sentence reason for each score."""

    scores: Mapping[GoalKind, int]
    recommended: GoalKind | None
    tied: tuple[GoalKind, ...]
    reasons: Mapping[GoalKind, str]
    answered: int
    grounds: Mapping[GoalKind, str] = field(default_factory=dict)

    def summary(self) -> str:
        """The suggestion in plain words, saying so when it was a tie."""
        if self.recommended is None:
            return "Answer a few questions to see which goal fits you best."
        label = self.recommended.label.lower()
        if len(self.tied) > 1:
            names = and_list([k.label.lower() for k in self.tied])
            return (f"It's a tie: {names} score the same ({self.scores[self.recommended]}). "
                    f"We suggest {label} to start, because {_TIE_REASONS[self.recommended]} "
                    f"— but {'either' if len(self.tied) == 2 else 'any of them'} fits, so pick "
                    "the one that feels right.")
        return (f"Your answers lean towards {label}. That is a suggestion: "
                "you can choose another goal if it fits you better.")


def score_diagnostic(answers: Mapping[str, str | None]) -> DiagnosticResult:
    """Add up the points of the chosen answers; unknown or empty answers are skipped.

    Deterministic: the same answers always give the same result, and ties are broken by
    ``TIE_ORDER`` rather than by dictionary order.
    """
    scores = dict.fromkeys(GoalKind, 0)
    drivers: dict[GoalKind, list[tuple[int, int, str]]] = {k: [] for k in GoalKind}
    answered = 0
    for position, question in enumerate(QUESTIONS):
        choice = answers.get(question.key)
        option = question.option(choice) if choice else None
        if option is None:
            continue
        answered += 1
        for kind, points in option.points.items():
            scores[kind] += points
            if points > 0 and option.because:
                drivers[kind].append((-points, position, option.because))
    top = max(scores.values())
    if answered == 0 or top == 0:
        recommended, tied = None, ()
    else:
        tied = tuple(k for k in TIE_ORDER if scores[k] == top)
        recommended = tied[0]
    reasons = {kind: _reason(kind, scores[kind], drivers[kind]) for kind in GoalKind}
    grounds = {kind: "your answers showed that " + and_list(_strongest(drivers[kind])) + "."
               for kind in GoalKind if drivers[kind]}
    return DiagnosticResult(scores, recommended, tied, reasons, answered, grounds)


def _reason(kind: GoalKind, score: int, drivers: list[tuple[int, int, str]]) -> str:
    """One sentence: the score and the (at most two) answers that gave it the most points."""
    if score == 0:
        return f"{kind.label} scores 0: none of your answers pointed this way."
    return f"{kind.label} scores {score} because {' and '.join(_strongest(drivers))}."


def _strongest(drivers: list[tuple[int, int, str]]) -> list[str]:
    """The (at most two) answers that gave a kind the most points, first asked first."""
    return [because for _, _, because in sorted(drivers)[:2]]


# ------------------------------------------------------------------ style and situation


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
    looking_for_work: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"ties": str(self.ties), "setting": str(self.setting),
                "hours_per_week": self.hours_per_week,
                "looking_for_work": self.looking_for_work}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Style:
        data = data or {}
        default = cls()
        return cls(
            ties=_enum(TieStyle, data.get("ties")) or default.ties,
            setting=_enum(Setting, data.get("setting")) or default.setting,
            hours_per_week=_positive_float(data.get("hours_per_week"), default.hours_per_week),
            looking_for_work=bool(data.get("looking_for_work", default.looking_for_work)),
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
                "visits": [_iso(v) for v in self.visits], "target": self.target,
                "place": self.place}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Commitment:
        visits = [_parse_date(v) for v in list(data.get("visits") or [])[:VISITS]]
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
            "by_when": _iso(self.by_when),
            "targets": list(self.targets),
            "venues": list(self.venues),
            "commitments": [c.to_dict() for c in self.commitments],
            "review_date": _iso(self.review_date),
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
            kind=_enum(GoalKind, data.get("kind")),
            who=str(data.get("who") or ""),
            where=str(data.get("where") or ""),
            how_many=how_many if isinstance(how_many, int) and how_many > 0 else None,
            by_when=_parse_date(data.get("by_when")),
            targets=[str(t) for t in data.get("targets") or []],
            venues=[str(v) for v in data.get("venues") or []],
            commitments=[Commitment.from_dict(c) for c in data.get("commitments") or []],
            review_date=_parse_date(data.get("review_date")),
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
        elif by_when_ok and goal.review_date > goal.by_when:
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


# -------------------------------------------------------------------------- helpers

_E = TypeVar("_E", bound=StrEnum)


def _enum(kind: type[_E], value: Any) -> _E | None:
    try:
        return kind(value)
    except ValueError:
        return None


def _positive_float(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _hours(hours: float) -> str:
    whole = int(hours) if float(hours).is_integer() else hours
    return f"{whole} hour{'' if whole == 1 else 's'}"


def mid_sentence(name: str) -> str:
    """A catalogue name inside a sentence: "Coffees with…" → "coffees with…" (not "IT…")."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name
