"""The facilitator's charts: pure functions from the room's aggregate to plotly figures.

``cohort`` adds the shared summaries up; these draw its numbers in the look every chart
shares (``charts_base``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import plotly.graph_objects as go

from networking_kit.charts_base import (
    CLOSENESS_TICK_CHARS,
    GOAL_KIND_COLOURS,
    LEGEND_AT_FOOT,
    OKABE_ITO,
    plain_layout,
    plot_texts,
    wrapped_label,
)
from networking_kit.settings import DUNBAR_LAYERS
from networking_kit.vocab import GoalKind, TieStrength

_COHORT_GOAL_COLOURS = {**{str(k): c for k, c in GOAL_KIND_COLOURS.items()},
                        "not chosen": OKABE_ITO["grey"]}


def cohort_goal_mix_chart(goal_mix: Mapping[str, int]) -> go.Figure:
    """How many people chose each goal kind (plus "not chosen"), the count on each bar."""
    keys = list(goal_mix)
    labels = plot_texts(GoalKind(k).label if k in set(GoalKind) else str(k).capitalize()
                        for k in keys)
    values = [int(goal_mix[k]) for k in keys]
    figure = go.Figure(go.Bar(
        x=values, y=labels, orientation="h",
        marker={"color": [_COHORT_GOAL_COLOURS.get(k, OKABE_ITO["grey"]) for k in keys],
                "line": {"color": "#333333", "width": 1}},
        text=[str(v) for v in values], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x} people<extra></extra>"))
    figure.update_layout(title={"text": "Which goal people chose", "x": 0, "xanchor": "left"},
                         showlegend=False, **plain_layout(height=260))
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title={"text": "people"}, range=[0, max([*values, 1]) * 1.15],
                        **_whole_people(values))
    return figure


class Quartiles(Protocol):
    """A spread of numbers (``cohort.Spread``): lower quartile, median, upper quartile."""

    @property
    def low(self) -> float: ...
    @property
    def median(self) -> float: ...
    @property
    def high(self) -> float: ...


def cohort_layers_chart(cumulative: Mapping[str, Quartiles]) -> go.Figure:
    """The room's median at each closeness (counting inwards, quartiles as whiskers),
    beside Dunbar's typical 5/15/50/150.

    ``cumulative`` maps a closeness to its ``cohort.Spread`` (any :class:`Quartiles`, so
    this module does not depend on the cohort one).
    """
    shown = [s for s in TieStrength if s in DUNBAR_LAYERS and s.value in cumulative]
    # upright on two short lines: tilted on a phone, they ran into the legend
    labels = [wrapped_label(s.short_label, CLOSENESS_TICK_CHARS) for s in shown]
    spreads = [cumulative[s.value] for s in shown]
    medians = [float(x.median) for x in spreads]
    figure = go.Figure([
        go.Bar(name="This room (median, quartiles)", x=labels, y=medians,
               marker={"color": OKABE_ITO["blue"]},
               error_y={"type": "data", "symmetric": False, "color": "#333333",
                        "array": [float(x.high) - m
                                  for x, m in zip(spreads, medians, strict=True)],
                        "arrayminus": [m - float(x.low)
                                       for x, m in zip(spreads, medians, strict=True)]},
               text=[f"{m:g}" for m in medians], textposition="outside", cliponaxis=False,
               hovertemplate="%{x}: median %{y}<extra></extra>"),
        go.Bar(name="Typical (Dunbar)", x=labels, y=[DUNBAR_LAYERS[s] for s in shown],
               marker={"color": OKABE_ITO["grey"], "pattern": {"shape": "/"}},
               text=[DUNBAR_LAYERS[s] for s in shown], textposition="outside",
               cliponaxis=False),
    ])
    figure.update_layout(barmode="group", title={
        "text": "How many people at each closeness, counting inwards", "x": 0,
        "xanchor": "left"}, legend=LEGEND_AT_FOOT, **plain_layout(height=400))
    figure.update_xaxes(tickangle=0, tickfont={"size": 13})
    return figure



def cohort_venues_chart(venues: Mapping[str, int], participants: int,
                        names: Mapping[str, str] | None = None, top: int = 12) -> go.Figure:
    """The venues people chose, most popular first, with the share of the room on each bar."""
    names = names or {}
    items = list(venues.items())[:top]
    # The room's own words, on short lines: plotly gives labels at most part of the width,
    # so a long name on one line was cut by the picture's left edge on a phone.
    labels = [wrapped_label(names.get(v, v), _VENUE_CHARS) for v, _ in items]
    lines = max([label.count("<br>") + 1 for label in labels] + [1])
    counts = [n for _, n in items]
    text = [f"{n} ({n / participants:.0%})" if participants else str(n) for n in counts]
    figure = go.Figure(go.Bar(
        x=counts, y=labels, orientation="h", marker={"color": OKABE_ITO["orange"]},
        text=text, textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x} people<extra></extra>"))
    layout = plain_layout(height=80 + (12 + _LINE_PX * lines) * max(len(items), 3))
    # The right margin holds the "11 (28%)" written beside the longest bar, whatever the
    # width (a share of the axis was too little on a phone, and the text was cut).
    layout["margin"] = {**layout["margin"],
                        "r": 10 + _TEXT_CHAR_PX * max([len(t) for t in text] + [1])}
    figure.update_layout(title={"text": "Venues people chose", "x": 0, "xanchor": "left"},
                         showlegend=False, **layout)
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title={"text": "people"}, range=[0, max([*counts, 1]) * 1.05],
                        **_whole_people(counts))
    return figure


_VENUE_CHARS = 22  # characters on a line of a venue's name
_LINE_PX = 18  # a line of 15 px text
_TEXT_CHAR_PX = 9  # about the widest a character of 15 px text is drawn
_WHOLE_TICKS = 8  # up to this many people, a tick at every whole person


def _whole_people(counts: Sequence[int]) -> dict[str, Any]:
    """An axis of people in whole numbers: plotly put a tick at 0.5 people for a room of
    two."""
    return {"tickformat": ",d", "dtick": 1 if max([*counts, 1]) <= _WHOLE_TICKS else None}


def cohort_actions_chart(planned_each: Sequence[int]) -> go.Figure:
    """How many actions each person planned: one bar per band of five."""
    values = [int(v) for v in planned_each]
    figure = go.Figure(go.Histogram(
        x=values, xbins={"start": 0, "size": 5}, marker={
            "color": OKABE_ITO["bluish_green"], "line": {"color": "#333333", "width": 1}},
        hovertemplate="%{x} actions: %{y} people<extra></extra>"))
    figure.update_layout(title={"text": "How many actions people planned", "x": 0,
                                "xanchor": "left"}, showlegend=False,
                         **plain_layout(height=300))
    figure.update_xaxes(title={"text": "actions in the plan"})
    figure.update_yaxes(title={"text": "people"}, **_whole_people(
        list(Counter(v // 5 for v in values).values())))
    return figure
