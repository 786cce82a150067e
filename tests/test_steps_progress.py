"""Which steps are done, read from the workbook file as a participant fills it in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from networking_kit.export.formats import export_to
from networking_kit.goals import GOAL_VERSION, Goal, GoalKind
from networking_kit.samples import load_sample_contacts, sample_goal
from networking_kit.steps.progress import ProgressSession, read_steps_done
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import save_goal

TODAY = date(2026, 11, 23)


def test_a_new_workbook_has_nothing_done(workbook: Workbook) -> None:
    assert read_steps_done(workbook, TODAY) == {
        "start": False, "goal": False, "map": False, "followups": False, "plan": False}


def test_each_step_ticks_when_its_part_is_saved(workbook: Workbook, tmp_path: Path) -> None:
    workbook.set_profile("participant_name", "Alex")
    workbook.set_profile("start_mode", "sample")
    use_sample(workbook, TODAY)
    save_goal(workbook, Goal(kind=GoalKind.BETTER_KNOWN))  # chosen, not yet checkable
    done = read_steps_done(workbook, TODAY)
    assert done["start"]
    assert done["map"]  # the sample is sorted
    assert not done["goal"]
    save_goal(workbook, sample_goal(TODAY))
    assert read_steps_done(workbook, TODAY)["goal"]
    workbook.add_followup(kind="catch_up", title="Coffee", status="accepted")
    assert read_steps_done(workbook, TODAY)["followups"]
    export_to(workbook, tmp_path / "plan.md", today=TODAY)
    assert read_steps_done(workbook, TODAY)["plan"]


def test_a_map_of_unsorted_people_is_not_done_yet(workbook: Workbook) -> None:
    workbook.save_contacts(load_sample_contacts(TODAY).assign(strength=None))
    assert not read_steps_done(workbook, TODAY)["map"]


def test_a_small_map_half_sorted_ticks_step_two(workbook: Workbook) -> None:
    people = load_sample_contacts(TODAY).head(16).assign(strength=None)
    people.loc[people.index[:8], "strength"] = "acquaintance"
    workbook.save_contacts(people)
    assert read_steps_done(workbook, TODAY)["map"]


def test_a_goal_from_a_newer_toolkit_is_not_counted_and_not_an_error(
        workbook: Workbook) -> None:
    workbook.save_goal({"version": GOAL_VERSION + 1, "kind": "better_known"})
    assert read_steps_done(workbook, TODAY)["goal"] is False


def test_the_progress_session_is_told_by_pages_and_catches_up_with_other_windows(
        workbook: Workbook) -> None:
    progress = ProgressSession(workbook, TODAY)
    assert progress.mark("goal", True)
    assert not progress.mark("goal", True)  # no change, nothing to redraw
    with pytest.raises(ValueError, match="unknown step"):
        progress.mark("lunch", True)
    other = open_workbook(workbook.path)
    other.set_profile("participant_name", "Alex")
    other.set_profile("start_mode", "empty")
    assert progress.refresh()  # another window wrote: read again
    assert progress.done["start"]
    assert progress.done["goal"] is False  # the file's truth replaces the page's word
