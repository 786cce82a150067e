"""The welcome form, driven as a participant would: typing and choosing."""

from __future__ import annotations

from networking_kit.samples import generate_sample_contacts
from networking_kit.store import Workbook
from networking_kit.ui import StartHereForm


def test_name_is_saved_on_every_change_and_shown_again(workbook: Workbook) -> None:
    form = StartHereForm(workbook)
    assert form.name.value == ""
    form.name.value = "Alex"
    assert workbook.get_profile("participant_name") == "Alex"
    assert "Welcome, Alex" in form.status.value
    assert StartHereForm(workbook).name.value == "Alex"


def test_choosing_the_sample_fills_the_workbook_and_switching_away_empties_it(
        workbook: Workbook) -> None:
    form = StartHereForm(workbook)
    form.start.value = "sample"
    assert workbook.count_contacts() == len(generate_sample_contacts())
    assert "sample contacts are ready" in form.status.value
    form.start.value = "empty"
    assert workbook.count_contacts() == 0
    assert StartHereForm(workbook).start.value == "empty"


def test_status_escapes_what_the_participant_typed(workbook: Workbook) -> None:
    form = StartHereForm(workbook)
    form.name.value = "<script>alert(1)</script>"
    assert "<script>" not in form.status.value
    assert "&lt;script&gt;" in form.status.value


def test_status_says_where_the_data_is_kept(workbook: Workbook) -> None:
    assert str(workbook.path) in StartHereForm(workbook).status.value


def test_the_package_hands_out_the_function_not_the_module_of_the_same_name() -> None:
    import networking_kit.ui as ui
    from networking_kit.ui import start_here

    assert callable(start_here)
    assert ui.start_here is start_here
    assert callable(ui.goal_workbook)
