"""Charts are pure functions from data to a figure: assert on the traces."""

from __future__ import annotations

import plotly.graph_objects as go

from networking_kit.charts import GOAL_KIND_COLOURS, OKABE_ITO, goal_scores
from networking_kit.goals import GoalKind

KNOWN, EQUIPPED, CONNECTED = (GoalKind.BETTER_KNOWN, GoalKind.BETTER_EQUIPPED,
                              GoalKind.BETTER_CONNECTED)


def test_goal_scores_draws_one_labelled_bar_per_kind() -> None:
    figure = goal_scores({KNOWN: 4, EQUIPPED: 2, CONNECTED: 7}, CONNECTED)
    assert isinstance(figure, go.Figure)
    (bars,) = figure.data
    assert bars.type == "bar"
    assert bars.orientation == "h"
    assert list(bars.x) == [4, 2, 7]
    assert list(bars.text) == ["4", "2", "7"]
    assert list(bars.y) == ["Better known", "Better equipped",
                            "Better connected  ← suggested"]
    assert figure.layout.showlegend is False
    assert figure.layout.xaxis.range[1] > 7  # room for the label outside the longest bar


def test_goal_scores_uses_distinct_okabe_ito_colours_and_marks_the_suggestion() -> None:
    figure = goal_scores({KNOWN: 1, EQUIPPED: 5, CONNECTED: 0}, EQUIPPED)
    colours = list(figure.data[0].marker.color)
    assert colours == [GOAL_KIND_COLOURS[k] for k in GoalKind]
    assert len(set(colours)) == 3
    assert set(colours) <= set(OKABE_ITO.values())
    assert list(figure.data[0].marker.opacity) == [0.45, 1.0, 0.45]


def test_goal_scores_before_any_answer() -> None:
    figure = goal_scores({})
    assert list(figure.data[0].x) == [0, 0, 0]
    assert not any("suggested" in label for label in figure.data[0].y)
    assert list(figure.data[0].marker.opacity) == [1.0, 1.0, 1.0]
    assert figure.layout.xaxis.range[1] > 0
