"""Which workshop steps a participant has finished, read from their workbook file.

The navigation bar shows it, so someone coming back after a break (or a facilitator
walking the room) sees at a glance where they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from networking_kit.goals import check_goal, load_goal
from networking_kit.store import Workbook

# Enough sorted people for the map to say something; all of them when there are fewer.
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
        "map": contacts > 0 and sorted_people >= min(MAP_SORTED_ENOUGH, contacts),
        "followups": any(f["status"] in ("accepted", "done") for f in followups)
        or bool(workbook.get_profile("plan_saved")),
        "plan": bool(workbook.get_profile("last_export")),
    }
