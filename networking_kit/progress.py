"""Which workshop steps a participant has finished, read from their workbook file.

The navigation bar shows it, so someone coming back after a break (or a facilitator
walking the room) sees at a glance where they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from networking_kit.goals import check_goal, load_goal
from networking_kit.store import Workbook

# Enough sorted people for the map to say something about a big import; a small map needs
# half its people sorted. (Asking for all of a small map kept the tick away from someone
# who had sorted the people who matter and left a few strangers.)
MAP_SORTED_ENOUGH = 20


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


def map_done(people: int, sorted_people: int) -> bool:
    """Whether step 2 counts as done: the map has people and enough have a closeness.

    Enough is half of them, or ``MAP_SORTED_ENOUGH`` for a big import: nobody sorts
    3,000 LinkedIn contacts in a workshop, and the map says something with twenty.
    Pure, so the step 2 form can ask it of the table in memory after every click.
    """
    return people > 0 and sorted_people >= min(MAP_SORTED_ENOUGH, math.ceil(people / 2))


def steps_done(workbook: Workbook, today: date | None = None) -> dict[str, bool]:
    """For each step, whether what it asks for is saved."""
    goal = load_goal(workbook)
    contacts = workbook.count_contacts()
    sorted_people = int(workbook.load_contacts()["strength"].notna().sum()) if contacts else 0
    followups = workbook.load_followups()
    return {
        "start": bool(workbook.get_profile("participant_name"))
        and workbook.get_profile("start_mode") is not None,
        "goal": goal is not None and goal.kind is not None and not check_goal(goal, today),
        "map": map_done(contacts, sorted_people),
        "followups": any(f["status"] in ("accepted", "done") for f in followups)
        or bool(workbook.get_profile("plan_saved")),
        "plan": bool(workbook.get_profile("last_export")),
    }
