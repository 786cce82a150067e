"""Plotly figures, each a pure function from plain data to a ``go.Figure``.

Charts carry their meaning in text as well as colour (labels on the bars, not a legend),
and use the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness (Okabe & Ito 2008, "Color Universal Design").
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from networking_kit.goals import GoalKind

# Okabe & Ito (2008). One home for the palette, so every chart agrees.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
GOAL_KIND_COLOURS = {
    GoalKind.BETTER_KNOWN: OKABE_ITO["orange"],
    GoalKind.BETTER_EQUIPPED: OKABE_ITO["sky_blue"],
    GoalKind.BETTER_CONNECTED: OKABE_ITO["bluish_green"],
}
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 15}


def goal_scores(scores: Mapping[GoalKind, int],
                recommended: GoalKind | None = None) -> go.Figure:
    """Three horizontal bars, one per goal kind, with the score written on each bar.

    The suggested kind is marked in its label ("← suggested") rather than only by colour;
    the others are drawn paler so the eye lands on the suggestion first.
    """
    kinds = list(GoalKind)
    values = [int(scores.get(kind, 0)) for kind in kinds]
    labels = [kind.label + ("  ← suggested" if kind == recommended else "") for kind in kinds]
    opacity = [1.0 if recommended in (None, kind) else 0.45 for kind in kinds]
    top = max([*values, 1])
    figure = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker={"color": [GOAL_KIND_COLOURS[k] for k in kinds], "opacity": opacity,
                    "line": {"color": "#333333", "width": 1}},
            text=[str(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} points<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": "How your answers lean", "x": 0, "xanchor": "left"},
        showlegend=False,
        height=230,
        margin={"l": 10, "r": 40, "t": 50, "b": 40},
        font=_FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis={"title": {"text": "points"}, "range": [0, top * 1.15], "dtick": 2,
               "gridcolor": "#e5e5e5", "zeroline": False, "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
    )
    return figure
