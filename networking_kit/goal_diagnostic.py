"""Step 1's diagnostic: ten questions that suggest which kind of goal fits now.

Each answer (:class:`Option`) adds points to one or more :class:`~networking_kit.vocab.GoalKind`;
:func:`score_diagnostic` adds them up into a :class:`DiagnosticResult` (scores per kind,
the suggested kind, ties broken by :data:`TIE_ORDER`, and one plain reason per kind).
The participant decides; this only suggests. No widgets, no store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from networking_kit.vocab import GoalKind
from networking_kit.words import and_list

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
        # Knowing few people where you are heading is a reason to get better connected
        # only: "better equipped because you know few people" does not follow.
        Option("few_people", "Yes, into something where I know few people", {_C: 2},
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
    recommended: GoalKind | None
    tied: tuple[GoalKind, ...]
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
