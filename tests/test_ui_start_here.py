"""The welcome form, driven as a participant would: typing and choosing."""

from __future__ import annotations

from networking_kit.samples import generate_sample_contacts
from networking_kit.steps.start import StartSession
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui import start_here, step_bar


def test_name_is_saved_on_every_change_and_shown_again(workbook: Workbook) -> None:
    form = start_here(workbook)
    assert form.name.value == ""
    form.name.value = "Alex"
    assert workbook.get_profile("participant_name") == "Alex"
    assert "Welcome, Alex" in form.status.value
    assert "Saved." in form.status.value
    assert start_here(workbook).name.value == "Alex"


def test_choosing_the_sample_fills_the_workbook_and_switching_away_empties_it(
        workbook: Workbook) -> None:
    form = start_here(workbook)
    form.start.value = "sample"
    assert workbook.count_contacts() == len(generate_sample_contacts())
    assert "sample contacts are ready" in form.status.value
    assert f"holds {len(generate_sample_contacts())} contacts" in form.status.value
    form.start.value = "empty"
    assert workbook.count_contacts() == 0
    assert "holds 0 contacts" in form.status.value
    assert start_here(workbook).start.value == "empty"


def test_the_step_bar_ticks_once_there_is_a_name_and_a_choice(workbook: Workbook) -> None:
    bar = step_bar("start", open_workbook(workbook.path))
    form = start_here(workbook)
    form.name.value = "Alex"
    assert "Start here ✓" not in bar.value
    form.start.value = "empty"
    assert "Start here ✓" in bar.value


def test_a_failure_is_one_sentence(workbook: Workbook, monkeypatch) -> None:
    form = start_here(workbook)

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "set_profile", broken)
    form.name.value = "Alex"  # must not raise
    assert "could not be saved" in form.status.value
    assert "Traceback" not in form.status.value
    assert workbook.get_profile("participant_name") is None


def test_another_window_shows_up_with_the_next_change(workbook: Workbook) -> None:
    form = start_here(workbook)
    StartSession(open_workbook(workbook.path)).choose_start("sample")
    form.name.value = "Alex"
    assert f"holds {len(generate_sample_contacts())} contacts" in form.status.value
    assert "out of date" in form.status.value


def test_status_escapes_what_the_participant_typed(workbook: Workbook) -> None:
    form = start_here(workbook)
    form.name.value = "<script>alert(1)</script>"
    assert "<script>" not in form.status.value
    assert "&lt;script&gt;" in form.status.value


def test_status_says_where_the_data_is_kept(workbook: Workbook) -> None:
    assert str(workbook.path) in start_here(workbook).status.value


def test_the_package_hands_out_the_function_not_the_module_of_the_same_name() -> None:
    import networking_kit.ui as ui

    assert callable(start_here)
    assert ui.start_here is start_here
    assert callable(ui.goal_workbook)
