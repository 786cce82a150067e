"""The check-in's one small chart: people per closeness when the plan was made and now,
side by side, so moving closer and sorting more people show at a glance."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from networking_kit.charts_base import OKABE_ITO, plain_layout, plot_text, plot_texts

CHECKIN_CHART_HEIGHT = 260  # px: a small picture under the sentences


def checkin_chart(before: Mapping[str, int], after: Mapping[str, int],
                  before_label: str = "When you made your plan",
                  after_label: str = "Now") -> go.Figure:
    """Grouped bars: people per closeness (``before``/``after``: label → people, closest
    first), colour-blind-safe colours, labels through ``plot_text`` (plotly reads a subset
    of HTML in text)."""
    layers = plot_texts(before)
    figure = go.Figure([
        go.Bar(name=plot_text(before_label), x=layers, y=[before[k] for k in before],
               marker_color=OKABE_ITO["sky_blue"]),
        go.Bar(name=plot_text(after_label), x=layers,
               y=[after.get(k, 0) for k in before], marker_color=OKABE_ITO["blue"]),
    ])
    figure.update_layout(**plain_layout(CHECKIN_CHART_HEIGHT), barmode="group",
                         yaxis_title="People",
                         # above the bars: slanted closeness labels below would run into it
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return figure
