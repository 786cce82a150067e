"""One-key sorting: the key shown on the page, and the rows the keys act on."""

from __future__ import annotations

import re

from networking_kit.steps.map import MapSession
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.ui.sort_keys import ROW_CLASS, SortKeys, legend_html
from networking_kit.ui.triage import TriageForm, strength_options
from networking_kit.vocab import TieStrength


def test_the_key_names_each_number_in_the_order_of_the_buttons() -> None:
    keys = re.findall(r"<li><kbd>(\d)</kbd>([^<]+)</li>", legend_html())
    assert [int(n) for n, _ in keys] == list(range(1, 7))
    assert [label for _, label in keys] == [s.label for s in TieStrength]
    # The buttons the keys press are in the same order.
    assert [value for _, value in strength_options()] == [s.value for s in TieStrength]
    assert SortKeys().legend == legend_html()


def test_every_row_is_a_sorting_row_with_labelled_controls(
        workbook: Workbook) -> None:
    use_sample(workbook)
    form = TriageForm(MapSession(workbook))
    assert form.keys in form.widget.children
    shown = [row for row in form.rows if row.contact_id is not None]
    assert len(shown) == len(form.rows)
    for row in shown:
        assert row.line in form.list.children
        assert ROW_CLASS in row.line._dom_classes
        assert row.context.description == "Where from"
        assert "nk-sr-label" in row.context._dom_classes
        assert not any(row.closeness.tooltips or ())
        assert not row.details.tooltip
    assert form.batch_strength.description == "Closeness"
    assert form.batch_context.description == "Where from"
