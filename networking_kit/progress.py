"""Which workshop steps a participant has finished, from plain data.

The navigation bar shows it, so someone coming back after a break (or a facilitator
walking the room) sees at a glance where they are. Each step's "done" has one definition
here (or, for the goal, in ``goals.goal_done``), which the step bar, the pages and the
shared summary all ask. Reading the workbook file is ``steps.progress``'s job: nothing
here touches the store.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from networking_kit.goals import Goal, goal_done
from networking_kit.settings import MAP_SORTED_ENOUGH
from networking_kit.vocab import ActionStatus

__all__ = ["MAP_SORTED_ENOUGH", "STEPS", "STEP_KEYS", "Step", "counts_in_plan", "map_done",
           "plan_active", "start_done", "steps_done", "still_to_sort"]


@dataclass(frozen=True)
class Step:
    key: str
    number: str
    title: str
    notebook: str


STEPS: tuple[Step, ...] = (
    Step("start", "", "Start here", "00_start_here.ipynb"),
    Step("goal", "1", "Set your goal", "01_set_your_goal.ipynb"),
    Step("map", "2", "Map your network", "02_map_your_network.ipynb"),
    Step("followups", "3", "Plan follow-ups", "03_plan_your_follow_ups.ipynb"),
    Step("plan", "4", "Your action plan", "04_your_action_plan.ipynb"),
)
STEP_KEYS = tuple(step.key for step in STEPS)


def start_done(name: str | None, start_mode: str | None) -> bool:
    """The welcome page is done once the participant gave a name and chose how to begin."""
    return bool(name and name.strip()) and start_mode is not None


def map_done(people: int, sorted_people: int) -> bool:
    """Whether step 2 counts as done: the map has people and enough have a closeness.

    Enough is half of them, or ``settings.MAP_SORTED_ENOUGH`` for a big import: nobody
    sorts 3,000 LinkedIn contacts in a workshop, and the map says something with twenty.
    Pure, so the step 2 page can ask it of the table in memory after every click.
    """
    return people > 0 and sorted_people >= _enough(people)


def still_to_sort(people: int, sorted_people: int) -> int:
    """How many more people need a closeness before step 2 counts as done
    (:func:`map_done`); 0 once it is, or for an empty map."""
    return max(0, _enough(people) - sorted_people) if people > 0 else 0


def _enough(people: int) -> int:
    return min(MAP_SORTED_ENOUGH, math.ceil(people / 2))


def plan_active(statuses: Iterable[ActionStatus | str], plan_saved: bool = False) -> bool:
    """Whether step 3 is done: the participant kept or did at least one action (the
    statuses of their saved plan), or saved their plan as it was suggested."""
    chosen = (ActionStatus.ACCEPTED, ActionStatus.DONE)
    return plan_saved or any(status in chosen for status in statuses)


def counts_in_plan(status: ActionStatus | str, due_on: date | None) -> bool:
    """Whether an action is part of the plan a participant reads and shares: done, or
    still to do with a date. Ideas with no date yet ("later") are not a plan yet."""
    try:
        known = ActionStatus(status)
    except ValueError:
        return False
    return known is ActionStatus.DONE or (known.open and due_on is not None)


def steps_done(*, name: str | None, start_mode: str | None, goal: Goal | None,
               people: int, sorted_people: int, statuses: Iterable[ActionStatus | str],
               plan_saved: bool, exported: bool, today: date | None = None,
               ) -> dict[str, bool]:
    """For each step key (``STEP_KEYS``), whether what it asks for is saved.

    ``people``/``sorted_people``: how many contacts, and how many have a closeness;
    ``statuses``: the status of every saved follow-up; ``exported``: the plan was
    exported at least once.
    """
    return {
        "start": start_done(name, start_mode),
        "goal": goal_done(goal, today),
        "map": map_done(people, sorted_people),
        "followups": plan_active(statuses, plan_saved),
        "plan": exported,
    }
