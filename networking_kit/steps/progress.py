"""Which steps are done, read from the workbook file once (the step bar's first drawing).

The definitions live in ``networking_kit.progress`` (and ``goals.goal_done``) and take
plain data; this module only gathers that data from the store. After its first drawing a
page's step bar follows the page's session (``mark``) instead of reading the file again.
"""

from __future__ import annotations

from datetime import date

from networking_kit import progress
from networking_kit.goals import Goal
from networking_kit.steps._session import Change, StepSession
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import load_goal


def read_steps_done(workbook: Workbook, today: date | None = None) -> dict[str, bool]:
    """For each step key (``progress.STEP_KEYS``), whether what it asks for is saved."""
    # Key by key, not ``workbook.profile()``: the profile also holds step 3's check-in
    # snapshots, over a megabyte to decode at 30,000 people (about 40 ms of every page).
    profile = {key: workbook.get_profile(key) for key in (
        "participant_name", "start_mode", "plan_saved", "last_export")}
    people = workbook.count_contacts()
    sorted_people = workbook.count_contacts(with_strength=True) if people else 0
    return progress.steps_done(
        name=profile.get("participant_name"),
        start_mode=profile.get("start_mode"),
        goal=_goal(workbook),
        people=people,
        sorted_people=sorted_people,
        statuses=[f["status"] for f in workbook.load_followups()],
        plan_saved=bool(profile.get("plan_saved")),
        exported=bool(profile.get("last_export")),
        today=today,
    )


def _goal(workbook: Workbook) -> Goal | None:
    try:
        return load_goal(workbook)
    except ValueError:  # a goal from a newer toolkit: this one cannot tell if it is done
        return None


class ProgressSession(StepSession):
    """The step bar's state: which steps are done, read once, then told by the pages.

    ``mark(key, done)`` is how a page's session reports its own step (no file read);
    ``reread()`` reads everything again (for a page without a session yet);
    ``refresh()`` (the base class) catches up when another window wrote.
    """

    def __init__(self, workbook: Workbook | None = None, today: date | None = None) -> None:
        super().__init__(workbook if workbook is not None else open_workbook(), today)
        self.done: dict[str, bool] = read_steps_done(self.workbook, today)

    def mark(self, key: str, done: bool) -> bool:
        """Set one step's tick from a page that knows it; returns whether it changed."""
        if key not in progress.STEP_KEYS:
            raise ValueError(f"unknown step {key!r}; one of {', '.join(progress.STEP_KEYS)}")
        changed = self.done.get(key) != done
        self.done[key] = done
        return changed

    def reread(self) -> bool:
        """Read every step's tick from the file again; returns whether any changed."""
        fresh = read_steps_done(self.workbook, self.today)
        changed = fresh != self.done
        self.done = fresh
        return changed

    def _reload(self) -> set[Change]:
        return set(Change) if self.reread() else set()
