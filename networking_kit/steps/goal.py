"""Step 1's session: the participant's goal in memory, every answer one saved action.

:class:`GoalSession` loads the goal (and the profile) once. Each thing a participant does
on the goal page (answer a question, choose the goal, describe their situation, fill in
who/where/how many/by when, start from an example, pick a venue, date a visit) is one
public method: one transaction that first catches up with any other window, applies the
change to the newest goal, saves it, then updates memory and announces
:attr:`Change.GOAL`. A tab opened earlier therefore never writes its stale goal over a
newer answer: it merges its one change on top, and its event carries
:data:`~networking_kit.steps._session.STALE_NOTE`.

Everything the page shows (the diagnostic, what is missing, the venues in order, the
summary card, whether step 1 is done) is a method here, derived from memory.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from networking_kit.dates import weekday_day_month_year
from networking_kit.goal_diagnostic import QUESTIONS_BY_KEY, DiagnosticResult, score_diagnostic
from networking_kit.goal_style import Setting, TieStyle, advice
from networking_kit.goals import EXAMPLES, Goal, check_goal, goal_done
from networking_kit.settings import VENUE_VISITS as VISITS
from networking_kit.steps._session import Change, StepSession
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import load_goal
from networking_kit.venues import Commitment, Venue, load_venue_catalogue, rank_venues
from networking_kit.vocab import GoalKind

# A week to find the first date of a venue and put it in a diary.
FIRST_VISIT_AFTER = timedelta(days=7)
NEWER_GOAL = ("Your saved goal was written by a newer version of this toolkit, so it cannot "
              "be shown here. Ask your facilitator to update it; nothing you type now will be "
              "saved over it.")
NOT_SAVED_NEWER = "Not saved: this goal belongs to a newer toolkit."
KIND_FIRST = "Choose your main goal first; the examples follow it."
PICKED_EARLIER = "You picked this earlier; untick it if it no longer fits."


# ----------------------------------------------------------------- the workbook file


def suggested_review_date(today: date, by_when: date) -> date | None:
    """A check-in half-way to the goal's date, so there is time to change course; None
    when the goal's date is not in the future."""
    return today + (by_when - today) / 2 if by_when > today else None


def parse_targets(text: str) -> list[str]:
    """Fields, sectors or communities typed as one line: "fintech,  Leeds , " → the
    list ["fintech", "Leeds"]."""
    return [t.strip() for t in text.split(",") if t.strip()]


class GoalActionRefused(ValueError):
    """An action that cannot be done now; ``str(error)`` is the sentence to show."""


# ------------------------------------------------------------------ derived views


@dataclass(frozen=True)
class VenueChoice:
    """One venue row: the venue, why it is suggested (or that it was picked earlier),
    and whether it is picked."""

    venue: Venue
    reason: str
    picked: bool


@dataclass(frozen=True)
class GoalCard:
    """The whole goal on one card, as plain text (the form escapes it)."""

    title: str
    statement: str
    targets: str
    visits: tuple[str, ...]
    review: str
    problems: tuple[str, ...]


# ---------------------------------------------------------------------- session


class GoalSession(StepSession):
    """The goal page's state and actions; see the module docstring."""

    def __init__(self, workbook: Workbook, today: date | None = None) -> None:
        super().__init__(workbook, today)
        self.catalogue: dict[str, Venue] = {v.id: v for v in load_venue_catalogue()}
        self.read_only = False
        self.load_note = ""
        self.goal = self._read_goal()

    @classmethod
    def open(cls, workbook: Workbook | None = None, today: date | None = None) -> GoalSession:
        """A session on ``workbook``, or on the participant's own file when None."""
        return cls(workbook if workbook is not None else open_workbook(), today)

    def _read_goal(self) -> Goal:
        try:
            goal = load_goal(self.workbook) or Goal()
        except ValueError as error:
            # A goal from a newer toolkit: show an empty form, and never overwrite it.
            self.read_only, self.load_note, self.last_error = True, NEWER_GOAL, error
            return Goal()
        self.read_only, self.load_note = False, ""
        return goal

    def _reload(self) -> set[Change]:
        changed: set[Change] = set()
        goal = self._read_goal()
        if goal.to_dict() != self.goal.to_dict():
            self.goal = goal
            changed.add(Change.GOAL)
        # The profile is not kept: the page shows none of it, and it holds step 3's
        # check-in snapshots (over a megabyte at 30,000 people), read for nothing.
        if "profile" in self._moved:
            changed.add(Change.PROFILE)
        return changed

    def _update(self, change: Callable[[Goal], None]) -> None:
        """One goal action: inside one transaction (after catching up with other windows),
        apply ``change`` to a copy of the newest goal, save it, then keep it in memory."""
        if self.read_only:
            raise GoalActionRefused(NOT_SAVED_NEWER)
        with self._action(Change.GOAL):
            goal = copy.deepcopy(self.goal)
            change(goal)
            before, after = self.goal.to_dict(), goal.to_dict()
            saved = self.workbook.load_goal()
            if saved is None or saved.get("version") != after["version"]:
                changes = after  # nothing saved yet, or in an older shape: the whole goal
            else:  # only the fields this action changed, over whatever is saved
                changes = {k: v for k, v in after.items() if k not in before or before[k] != v}
            if changes:
                self.workbook.update_goal(changes)
            self.goal = goal

    # ------------------------------------------------------------- diagnostic

    def answer(self, question: str, option: str | None) -> None:
        """Answer diagnostic ``question`` (a key of ``goal_diagnostic.QUESTIONS``) with ``option``'s
        key, or clear the answer with None. KeyError for an unknown question or option."""
        asked = QUESTIONS_BY_KEY[question]
        if option is not None and asked.option(option) is None:
            raise KeyError(option)

        def change(goal: Goal) -> None:
            if option is None:
                goal.answers.pop(question, None)
            else:
                goal.answers[question] = option
        self._update(change)

    def diagnostic(self) -> DiagnosticResult:
        """The scores, the suggestion and the reasons, from the answers in memory."""
        return score_diagnostic(self.goal.answers)

    # ----------------------------------------------------------------- choice

    def choose_kind(self, kind: GoalKind | str | None) -> None:
        """The participant's main goal (None clears it)."""
        chosen = None if kind is None else GoalKind(kind)
        self._update(lambda goal: setattr(goal, "kind", chosen))

    def use_suggestion(self) -> GoalKind | None:
        """Choose the kind the diagnostic suggests; returns it (None: nothing to suggest,
        and nothing is saved)."""
        suggested = self.diagnostic().recommended
        if suggested is not None:
            self.choose_kind(suggested)
        return suggested

    # -------------------------------------------------------------- situation

    def set_style(self, *, ties: TieStyle | str | None = None,
                  setting: Setting | str | None = None, hours_per_week: float | None = None,
                  looking_for_work: bool | None = None) -> None:
        """How they like to meet people, where, the hours a week they have, and whether
        they are looking for work; a part left None stays as it was."""
        changes: dict[str, Any] = {}
        if ties is not None:
            changes["ties"] = TieStyle(ties)
        if setting is not None:
            changes["setting"] = Setting(setting)
        if hours_per_week is not None:
            if not hours_per_week > 0:
                raise ValueError("hours_per_week must be above 0")
            changes["hours_per_week"] = float(hours_per_week)
        if looking_for_work is not None:
            changes["looking_for_work"] = bool(looking_for_work)
        self._update(lambda goal: setattr(goal, "style",
                                          dataclasses.replace(goal.style, **changes)))

    def advice(self) -> list[str]:
        """Advice sentences for the chosen goal and this person's situation."""
        return advice(self.goal.kind, self.goal.style)

    # ---------------------------------------------------------------- builder

    def set_who(self, who: str) -> None:
        self._update(lambda goal: setattr(goal, "who", who))

    def set_where(self, where: str) -> None:
        self._update(lambda goal: setattr(goal, "where", where))

    def set_how_many(self, how_many: int | None) -> None:
        """How many (0 or None clears it)."""
        self._update(lambda goal: setattr(goal, "how_many", int(how_many or 0) or None))

    def set_by_when(self, by_when: date | None) -> None:
        """The goal's date; the first time it is set, a check-in is suggested half-way."""
        def change(goal: Goal) -> None:
            goal.by_when = by_when
            if by_when is not None and goal.review_date is None:
                goal.review_date = suggested_review_date(self.today, by_when)
        self._update(change)

    def set_targets(self, targets: str | list[str]) -> None:
        """Fields, sectors or communities: a list, or text separated by commas."""
        cleaned = (parse_targets(targets) if isinstance(targets, str)
                   else [t.strip() for t in targets if t.strip()])
        self._update(lambda goal: setattr(goal, "targets", cleaned))

    def set_review_date(self, review_date: date | None) -> None:
        self._update(lambda goal: setattr(goal, "review_date", review_date))

    def examples(self) -> list[str]:
        """The example goals for the chosen kind, as sentences (none before a kind)."""
        kind = self.goal.kind
        return [] if kind is None else [e.statement(kind, self.today) for e in EXAMPLES[kind]]

    def use_example(self, number: int) -> None:
        """Fill who, where, how many and by when from example ``number`` (from 0) of the
        chosen kind; GoalActionRefused before a kind is chosen, IndexError for no such one."""
        kind = self.goal.kind
        if kind is None:
            raise GoalActionRefused(KIND_FIRST)
        example = EXAMPLES[kind][number]

        def change(goal: Goal) -> None:
            example.apply(goal, self.today)
            if goal.by_when is not None and goal.review_date is None:
                goal.review_date = suggested_review_date(self.today, goal.by_when)
        self._update(change)

    def problems(self) -> list[str]:
        """What is still missing or unworkable, as plain instructions (empty when done)."""
        return check_goal(self.goal, self.today)

    def goal_done(self) -> bool:
        """Whether step 1 is done (``goals.goal_done``, the one definition)."""
        return goal_done(self.goal, self.today)

    # ----------------------------------------------------------------- venues

    def venue_choices(self) -> list[VenueChoice]:
        """The venues that serve the chosen goal, best fit first, then any picked earlier
        for another goal (so they can be unticked). Empty before a kind is chosen."""
        goal = self.goal
        ranked = [] if goal.kind is None else rank_venues(goal.kind, goal.style,
                                                          list(self.catalogue.values()))
        rows = [VenueChoice(s.venue, s.reason, s.venue.id in goal.venues) for s in ranked]
        shown = {row.venue.id for row in rows}
        rows += [VenueChoice(self.catalogue[v], PICKED_EARLIER, True) for v in goal.venues
                 if v in self.catalogue and v not in shown]
        return rows

    def pick_venue(self, venue_id: str, picked: bool = True) -> None:
        """Pick a catalogue venue (three dated visits are planned, the first a week from
        today) or unpick it (its visits go). KeyError for a venue not in the catalogue."""
        venue = self.catalogue[venue_id]

        def change(goal: Goal) -> None:
            if picked and venue_id not in goal.venues:
                goal.venues.append(venue_id)
                goal.commitments.append(
                    Commitment.plan(venue, self.today + FIRST_VISIT_AFTER, goal.kind))
            elif not picked:
                goal.venues = [v for v in goal.venues if v != venue_id]
                goal.commitments = [c for c in goal.commitments if c.venue_id != venue_id]
        self._update(change)

    def commitment(self, venue_id: str) -> Commitment | None:
        return next((c for c in self.goal.commitments if c.venue_id == venue_id), None)

    def set_visit(self, venue_id: str, number: int, day: date | None) -> None:
        """Date visit ``number`` (1 to 3) to a picked venue. KeyError when not picked."""
        if not 1 <= number <= VISITS:
            raise ValueError(f"visit number must be 1 to {VISITS}")
        self._update_commitment(venue_id, lambda c: c.visits.__setitem__(number - 1, day))

    def set_visit_target(self, venue_id: str, target: str) -> None:
        """The small target for each visit to a picked venue."""
        self._update_commitment(venue_id, lambda c: setattr(c, "target", target))

    def set_venue_place(self, venue_id: str, place: str) -> None:
        """The participant's own name for a picked venue ("Leeds ProductTank")."""
        self._update_commitment(venue_id, lambda c: setattr(c, "place", place))

    def _update_commitment(self, venue_id: str, change: Callable[[Commitment], None]) -> None:
        if self.commitment(venue_id) is None:
            raise KeyError(venue_id)

        def apply(goal: Goal) -> None:
            found = next((c for c in goal.commitments if c.venue_id == venue_id), None)
            if found is None:  # another window unpicked it meanwhile
                raise GoalActionRefused(
                    "That venue was taken off your goal in another window; tick it again "
                    "to plan visits to it.")
            change(found)
        self._update(apply)

    # ---------------------------------------------------------------- summary

    def card(self) -> GoalCard:
        """The whole goal on one card: statement, fields, visits, check-in, what's left."""
        goal = self.goal
        visits = tuple(f"{weekday_day_month_year(v.on)}: {v.name} (visit {v.number} of "
                       f"{VISITS}): {v.target}" for v in goal.schedule())
        review = (f"Check-in: {weekday_day_month_year(goal.review_date)}, to review how it "
                  "is going." if goal.review_date else "")
        return GoalCard(
            title=goal.kind.label if goal.kind else "Your goal",
            statement=goal.statement(),
            targets="Fields to reach: " + ", ".join(goal.targets) if goal.targets else "",
            visits=visits, review=review, problems=tuple(self.problems()))
