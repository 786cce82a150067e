"""Which steps are done, read from the workbook as a participant fills it in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from networking_kit.export.formats import export_to
from networking_kit.goals import Goal, GoalKind, save_goal
from networking_kit.progress import MAP_SORTED_ENOUGH, STEPS, map_done, steps_done
from networking_kit.samples import sample_goal, use_sample
from networking_kit.store import Workbook
from networking_kit.ui.nav import step_bar, step_bar_html

TODAY = date(2026, 11, 23)


def test_a_new_workbook_has_nothing_done(workbook: Workbook) -> None:
    assert steps_done(workbook, TODAY) == {
        "start": False, "goal": False, "map": False, "followups": False, "plan": False}


def test_each_step_ticks_when_its_part_is_saved(workbook: Workbook, tmp_path: Path) -> None:
    workbook.set_profile("participant_name", "Alex")
    workbook.set_profile("start_mode", "sample")
    use_sample(workbook, TODAY)
    save_goal(workbook, Goal(kind=GoalKind.BETTER_KNOWN))  # chosen, not yet checkable
    done = steps_done(workbook, TODAY)
    assert done["start"]
    assert done["map"]  # the sample is sorted
    assert not done["goal"]
    save_goal(workbook, sample_goal(TODAY))
    assert steps_done(workbook, TODAY)["goal"]
    workbook.add_followup(kind="catch_up", title="Coffee", status="accepted")
    assert steps_done(workbook, TODAY)["followups"]
    export_to(workbook, tmp_path / "plan.md", today=TODAY)
    assert steps_done(workbook, TODAY)["plan"]


def test_a_map_of_unsorted_people_is_not_done_yet(workbook: Workbook) -> None:
    from networking_kit.samples import load_sample_contacts

    unsorted = load_sample_contacts(TODAY).assign(strength=None)
    workbook.save_contacts(unsorted)
    assert not steps_done(workbook, TODAY)["map"]


def test_step_bar_links_every_other_step_and_marks_the_current_one() -> None:
    html = step_bar_html("map", {"start": True, "goal": True})
    assert html.count("<a ") == len(STEPS) - 1
    assert 'aria-current="step">2. Map your network</span>' in html
    assert 'href="01_set_your_goal.ipynb"' in html
    assert "1. Set your goal ✓" in html
    assert "3. Plan follow-ups ✓" not in html


def test_step_bar_refuses_an_unknown_step(workbook: Workbook) -> None:
    with pytest.raises(ValueError, match="unknown step"):
        step_bar("lunch", workbook)


def test_the_map_counts_as_done_with_half_sorted_or_enough_of_a_big_import() -> None:
    assert not map_done(0, 0)
    assert not map_done(16, 3)  # the walkthrough: 3 of 16 sorted is a start, not done
    assert map_done(16, 8)  # half of a small map is enough; all of it is not needed
    assert not map_done(16, 7)
    assert map_done(1, 1)
    assert map_done(3_000, MAP_SORTED_ENOUGH)
    assert not map_done(3_000, MAP_SORTED_ENOUGH - 1)


def test_a_small_map_half_sorted_ticks_step_two(workbook: Workbook) -> None:
    from networking_kit.samples import load_sample_contacts

    people = load_sample_contacts(TODAY).head(16).assign(strength=None)
    people.loc[people.index[:8], "strength"] = "acquaintance"
    workbook.save_contacts(people)
    assert steps_done(workbook, TODAY)["map"]


def test_the_step_bar_ticks_step_two_as_soon_as_enough_people_are_sorted(
        workbook: Workbook) -> None:
    from networking_kit.samples import load_sample_contacts
    from networking_kit.store import open_workbook
    from networking_kit.ui.map import map_workbook

    workbook.save_contacts(load_sample_contacts(TODAY).head(4).assign(strength=None))
    bar = step_bar("map", open_workbook(workbook.path), TODAY)  # as the notebook opens it
    assert "Map your network ✓" not in bar.value
    step = map_workbook(workbook, today=TODAY)
    step.triage()
    rows = step.triage_form.rows
    rows[0].closeness.value = "close"
    assert "Map your network ✓" not in bar.value
    rows[1].closeness.value = "known"  # 2 of 4: done, without reloading the page
    assert 'aria-current="step">2. Map your network ✓</span>' in bar.value
