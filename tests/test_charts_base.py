"""What the plotly charts and the printed pictures share, without plotly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from networking_kit import charts
from networking_kit.charts_base import CONTEXT_COLOURS, GOAL_KIND_COLOURS, OKABE_ITO, RING_OF
from networking_kit.export import svg
from networking_kit.vocab import Context, GoalKind, TieStrength


@pytest.mark.parametrize("module", ["networking_kit.charts_base", "networking_kit.export.svg",
                                    "networking_kit.export.formats",
                                    "networking_kit.cohort_report"])
def test_the_exports_and_the_cohort_page_draw_without_loading_plotly(module: str) -> None:
    """plotly is only for the interactive charts: a plan or a cohort page is made without it."""
    code = f"import sys, {module}; print('plotly' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "False"


def test_every_context_and_goal_has_its_own_colour() -> None:
    assert set(CONTEXT_COLOURS) == {c.value for c in Context}
    assert len(set(CONTEXT_COLOURS.values())) == len(Context)
    assert set(GOAL_KIND_COLOURS) == set(GoalKind)
    assert set(GOAL_KIND_COLOURS.values()) <= set(OKABE_ITO.values())


def test_rings_go_outwards_from_the_closest_with_unsorted_outermost() -> None:
    assert [RING_OF[s.value] for s in TieStrength] == list(range(1, len(TieStrength) + 1))
    assert RING_OF[None] == max(RING_OF.values())


def test_the_plotly_module_and_the_svg_pictures_share_one_palette() -> None:
    assert charts.OKABE_ITO is OKABE_ITO
    assert svg.CONTEXT_COLOURS is CONTEXT_COLOURS
