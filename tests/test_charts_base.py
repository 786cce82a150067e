"""What the plotly charts and the printed pictures share, without plotly."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys

import pytest

from networking_kit import charts
from networking_kit.charts_base import (
    CONTEXT_COLOURS,
    GOAL_KIND_COLOURS,
    OKABE_ITO,
    RING_OF,
    UNSORTED_COLOUR,
    wrapped_label,
)
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


# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
# color vision deficiency", severity 1.0: linear-RGB matrices for the three kinds.
_CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
# CIE76 ΔE: about 2.3 is just noticeable; 10 is plainly different at a glance.
_APART = 10.0


def _linear(hex_colour: str) -> tuple[float, ...]:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return tuple(channel(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = (min(max(v, 0.0), 1.0) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen_as(hex_colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, ...]:
    rgb = _linear(hex_colour)
    return _lab(tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix))


@pytest.mark.parametrize("kind", sorted(_CVD))
@pytest.mark.parametrize(("chart", "colours"), [
    ("the map's contexts, and not set", [*CONTEXT_COLOURS.values(), UNSORTED_COLOUR]),
    ("the goals, and not chosen", [*GOAL_KIND_COLOURS.values(), OKABE_ITO["grey"]]),
])
def test_colours_in_one_chart_stay_apart_for_colour_blind_readers(
        chart: str, colours: list[str], kind: str) -> None:
    assert len(colours) >= 4
    seen = {c: _seen_as(c, _CVD[kind]) for c in colours}
    for first, second in itertools.combinations(colours, 2):
        apart = math.dist(seen[first], seen[second])
        assert apart >= _APART, f"{chart}: {first} and {second} look alike with {kind}"


def test_the_simulation_can_tell_colours_apart_and_alike() -> None:
    # A brick red and an olive green, plainly different to most eyes, look alike to a
    # deuteranope; black and white never do.
    deutan = _CVD["deuteranopia"]
    assert math.dist(_lab(_linear("#CC3311")), _lab(_linear("#778800"))) > 50
    assert math.dist(_seen_as("#CC3311", deutan), _seen_as("#778800", deutan)) < _APART
    assert math.dist(_seen_as("#000000", deutan), _seen_as("#FFFFFF", deutan)) > 90


def test_a_long_label_is_wrapped_at_spaces_and_escaped_line_by_line() -> None:
    assert wrapped_label("An alumni group (school, university)", 16) == (
        "An alumni group<br>(school,<br>university)")
    assert wrapped_label("Closest", 10) == "Closest"
    assert wrapped_label("Supercalifragilistic", 5) == "Supercalifragilistic"  # whole word
    # escaped after the cut: "&amp;" is never broken, "<b>" never read as HTML
    assert wrapped_label("Research & <b>Development</b>", 10) == (
        "Research &amp;<br>&lt;b&gt;Development&lt;/b&gt;")
    assert wrapped_label("", 10) == ""


def test_a_row_memo_works_out_only_rows_it_has_not_seen() -> None:
    import numpy as np
    import pandas as pd

    from networking_kit.charts_base import RowMemo

    seen: list[list[str]] = []

    def lengths(column: pd.Series) -> np.ndarray:
        seen.append(column.tolist())
        return column.fillna("").str.len().to_numpy(dtype=int)

    memo = RowMemo(lengths)
    names = pd.Series(["Ann", "Bo", "Cyd"], dtype="string")
    assert memo(names).tolist() == [3, 2, 3]
    assert memo(names.copy()).tolist() == [3, 2, 3]  # the same names: nothing worked out
    assert seen == [["Ann", "Bo", "Cyd"]]
    grown = pd.Series(["Ann", "Bo", "Cyd", "Dora"], dtype="string", index=[7, 8, 9, 10])
    assert memo(grown).tolist() == [3, 2, 3, 4]  # someone added: only their row
    assert seen[-1] == ["Dora"]
    renamed = pd.Series(["Ann", "Bob", "Cyd", "Dora"], dtype="string")
    assert memo(renamed).tolist() == [3, 3, 3, 4]  # a name edited: all again
    assert seen[-1] == ["Ann", "Bob", "Cyd", "Dora"]
    assert memo(renamed.iloc[:2]).tolist() == [3, 3]  # fewer people: all again
    assert memo(pd.Series(["Ann", None], dtype="string")).tolist()[0] == 3


def test_a_row_memo_sees_a_table_changed_in_place() -> None:
    """The same column of the same table is not compared again, but a name changed in
    the table (as a session's edit does, in place) is seen: worked out again."""
    import numpy as np
    import pandas as pd

    from networking_kit.charts_base import RowMemo

    calls: list[int] = []

    def lengths(column: pd.Series) -> np.ndarray:
        calls.append(len(column))
        return column.fillna("").str.len().to_numpy(dtype=int)

    memo = RowMemo(lengths)
    table = pd.DataFrame({"name": pd.Series(["Ann", "Bo"], dtype="string"),
                          "strength": ["close", None]})
    assert memo(table["name"]).tolist() == [3, 2]
    table.iloc[[1], 1] = "known"  # another column: the names are the same array
    assert memo(table["name"]).tolist() == [3, 2]
    assert calls == [2]
    table.iloc[[1], 0] = "Bobby"  # in place, in the table the memo read
    assert memo(table["name"]).tolist() == [3, 5]
    assert calls == [2, 2]


def test_a_row_memo_given_the_same_token_reads_only_the_added_rows() -> None:
    """A caller's token saying its rows only grew: the rows read are not compared again
    (here deliberately differing, to show no comparison was made); another token, or
    none, compares as before."""
    import numpy as np
    import pandas as pd

    from networking_kit.charts_base import RowMemo

    seen: list[list[str]] = []

    def lengths(column: pd.Series) -> np.ndarray:
        seen.append(column.tolist())
        return column.fillna("").str.len().to_numpy(dtype=int)

    memo = RowMemo(lengths)
    assert memo(pd.Series(["Ann", "Bo"], dtype="string"), (1, 0)).tolist() == [3, 2]
    grown = pd.Series(["Ann", "Bo", "Cyd"], dtype="string")
    assert memo(grown, (1, 0)).tolist() == [3, 2, 3]
    assert seen[-1] == ["Cyd"]  # only the added row
    trusted = pd.Series(["Annabel", "Bo", "Cyd", "Dora"], dtype="string")
    assert memo(trusted, (1, 0)).tolist() == [3, 2, 3, 4]  # taken on trust
    assert seen[-1] == ["Dora"]
    assert memo(trusted.copy(), (1, 1)).tolist() == [7, 2, 3, 4]  # a new token: compared
    assert seen[-1] == ["Annabel", "Bo", "Cyd", "Dora"]
    assert memo(grown, None).tolist() == [3, 2, 3]  # no token, fewer rows: all again


def test_the_map_keeps_each_person_in_place_when_others_are_added() -> None:
    import numpy as np
    import pandas as pd

    from networking_kit.charts_base import ego_positions
    from networking_kit.contacts import normalise_contacts

    first = normalise_contacts(pd.DataFrame({"name": ["Ann", "Bo", "Cy"],
                                             "context": ["client"] * 3}))
    more = pd.concat([first, normalise_contacts(pd.DataFrame(
        {"name": ["Di"], "context": ["client"]}))], ignore_index=True)
    before, after = ego_positions(first), ego_positions(more)
    fresh = ego_positions(more.copy())
    assert np.allclose(after[["x", "y"]], fresh[["x", "y"]])  # kept = worked out afresh
    assert np.allclose(np.hypot(before["x"], before["y"]), np.hypot(after["x"],
                                                                   after["y"])[:3])
