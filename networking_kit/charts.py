"""Plotly figures, each a pure function from plain data to a ``go.Figure``.

Charts carry their meaning in text as well as colour (labels on the bars, not a legend).
The palette, the look and the map's geometry are shared with the printed pictures in
``charts_base``; step 3's charts live in ``charts_followups`` and the facilitator's in
``charts_cohort`` (all re-exported here, so ``charts.timeline_chart`` keeps working).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from networking_kit.charts_base import CLOSENESS_NOT_SET as CLOSENESS_NOT_SET
from networking_kit.charts_base import (
    CLOSENESS_TICK_CHARS,
    FONT,
    LEGEND_AT_FOOT,
    RowMemo,
    plain_layout,
    plot_text,
    plot_texts,
    wrapped_label,
)
from networking_kit.charts_base import CONTEXT_COLOURS as CONTEXT_COLOURS
from networking_kit.charts_base import GOAL_KIND_COLOURS as GOAL_KIND_COLOURS
from networking_kit.charts_base import OKABE_ITO as OKABE_ITO
from networking_kit.charts_base import RING_OF as RING_OF
from networking_kit.charts_base import UNSORTED_COLOUR as UNSORTED_COLOUR
from networking_kit.charts_base import WHERE_FROM_NOT_SET as WHERE_FROM_NOT_SET
from networking_kit.charts_base import ego_positions as ego_positions
from networking_kit.charts_cohort import Quartiles as Quartiles
from networking_kit.charts_cohort import cohort_actions_chart as cohort_actions_chart
from networking_kit.charts_cohort import cohort_goal_mix_chart as cohort_goal_mix_chart
from networking_kit.charts_cohort import cohort_layers_chart as cohort_layers_chart
from networking_kit.charts_cohort import cohort_venues_chart as cohort_venues_chart
from networking_kit.charts_followups import ACTION_GROUPS as ACTION_GROUPS
from networking_kit.charts_followups import KEEP_WARM_COLOURS as KEEP_WARM_COLOURS
from networking_kit.charts_followups import keep_warm_chart as keep_warm_chart
from networking_kit.charts_followups import progress_chart as progress_chart
from networking_kit.charts_followups import timeline_chart as timeline_chart
from networking_kit.dates import short_day_month_year
from networking_kit.network import LayerRow, circles
from networking_kit.vocab import Context, GoalKind, TieStrength


def goal_scores(scores: Mapping[GoalKind, int],
                recommended: GoalKind | None = None) -> go.Figure:
    """Three horizontal bars, one per goal kind, with the score written on each bar.

    The suggested kind is marked in its label ("← suggested") rather than only by colour;
    the others are drawn paler so the eye lands on the suggestion first.
    """
    kinds = list(GoalKind)
    values = [int(scores.get(kind, 0)) for kind in kinds]
    labels = [plot_text(kind.label) + ("  ← suggested" if kind == recommended else "")
              for kind in kinds]
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
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis={"title": {"text": "points"}, "range": [0, top * 1.15], "dtick": 2,
               "gridcolor": "#e5e5e5", "zeroline": False, "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
    )
    return figure



# ------------------------------------------------------------------------ the map (step 2)

_RING_LABELS: dict[str | None, str] = {**{s.value: s.short_label for s in TieStrength},
                                       None: CLOSENESS_NOT_SET}
# Above this many people, hover text is trimmed to the name so the page stays light.
_FULL_HOVER_LIMIT = 3000


def ego_map(contacts: pd.DataFrame, ties: Sequence[tuple[str, str]] = (),
            title: str = "Your network map") -> go.Figure:
    """The map of :func:`ego_map_spec` as a figure (plotly checks it as it is made)."""
    return go.Figure(ego_map_spec(contacts, ties, title))


def ego_map_spec(contacts: pd.DataFrame, ties: Sequence[tuple[str, str]] = (),
                 title: str = "Your network map",
                 same_rows: Hashable | None = None) -> dict[str, Any]:
    """The map as plain data for plotly (``{"data": [trace dicts], "layout": {...}}``):
    you in the centre, people on rings by closeness, coloured by where you know them from.

    One WebGL trace per context keeps 30,000 people fast; hover shows the person's details
    (just the name above a few thousand people, to keep the page light). Ties from the
    who-knows-whom census are drawn as faint lines when given, and the people who link two
    of the circles those lines make (``network.circles``' bridges) get a dark ring, so the
    circles and their links show on the map; it works without them.

    The figure is made in one go (traces, then the layout) from numpy arrays, and what
    does not change between redraws (each person's place in their slice, and their name
    on a big map) is kept (``charts_base.RowMemo``): 30,000 people in about 50 ms.
    ``same_rows``: the caller's token that its ids and names only grew since its last
    call with that token (``RowMemo``): then they are not compared again.
    """
    positions = ego_positions(contacts, same_rows)
    big = len(contacts) > _FULL_HOVER_LIMIT
    xs = positions["x"].to_numpy(dtype="float32")
    ys = positions["y"].to_numpy(dtype="float32")
    # Plain dicts: plotly checks each trace once, as the figure is made.
    traces: list[dict[str, Any]] = []
    rows: dict[str, int] = {}
    if ties:
        rows = _rows_of(contacts["contact_id"], {c for tie in ties for c in tie})
        traces += _tie_lines(rows, xs, ys, ties)
    # every hover text at once, then each context's share of it (not 9 tables)
    hover = (_BIG_HOVER(contacts["name"], same_rows) if big
             else np.asarray(_hover(contacts), dtype=str))
    codes, order = _context_codes(positions["context"])
    for number, context in enumerate(order):
        chosen = np.flatnonzero(codes == number)
        if not len(chosen):
            continue
        label = Context(context).label if context != "unset" else WHERE_FROM_NOT_SET
        traces.append({
            "type": "scattergl", "x": xs[chosen], "y": ys[chosen], "mode": "markers",
            "name": f"{plot_text(label)} ({len(chosen)})",
            "marker": {"size": 5 if big else 9,
                       "color": CONTEXT_COLOURS.get(context, UNSORTED_COLOUR),
                       "line": {"width": 0 if big else 0.5, "color": "white"}},
            # a numpy string array, not a list or objects: plotly then checks it at once,
            # and copies it (the figure, then its widget) as one block, not string by
            # string (0.5 s less at 30,000 people)
            "hovertext": hover[chosen],
            "hoverinfo": "text",
        })
    if ties:
        traces += _bridge_rings(contacts, rows, xs, ys, ties)
    traces.append({
        "type": "scatter", "x": [0], "y": [0], "mode": "markers+text", "text": ["You"],
        "textposition": "middle center",
        "marker": {"size": 34, "color": "white", "line": {"color": "#333333", "width": 2}},
        "hoverinfo": "skip", "showlegend": False,
        "textfont": {"size": 13, "color": "#333333"}})
    limit = RING_OF[None] + 0.6
    shapes, labels = _rings(contacts)
    return {"data": traces, "layout": {
        "title": {"text": plot_text(title), "x": 0, "xanchor": "left"}, "font": FONT,
        "height": 720, "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "plot_bgcolor": "white", "shapes": shapes, "annotations": labels,
        # The legend under the rings, not beside them: beside, a phone's width cut it off.
        "paper_bgcolor": "white", "legend": {"title": {"text": "Where you know them from"},
                                             "itemsizing": "constant", "orientation": "h",
                                             "x": 0, "xanchor": "left", "y": 0,
                                             "yanchor": "top"},
        # Square, by narrowing the taller side rather than widening its range (which
        # plotly would write back into the layout): the page can then trim the blank band
        # a narrow box leaves (voila_template, lab_extension) and the rings still fill it.
        "xaxis": {"visible": False, "range": [-limit, limit], "fixedrange": False,
                  "constrain": "domain"},
        "yaxis": {"visible": False, "range": [-limit, limit], "scaleanchor": "x",
                  "constrain": "domain"},
        "hoverlabel": {"align": "left"},
    }}


def _context_codes(context: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each person's place in the order of contexts (``vocab.Context``, then "unset"), and
    that order: one integer comparison per trace rather than one of text."""
    order = [c.value for c in Context] + ["unset"]
    codes = pd.Categorical(context, categories=order).codes
    return np.asarray(codes), order


def _big_hover(names: pd.Series) -> np.ndarray:
    return np.asarray(plot_texts(names.fillna("").to_numpy(dtype=object)), dtype=str)


# On a big map the hover text is the name only: kept between redraws (the names rarely change).
_BIG_HOVER = RowMemo(_big_hover)


def _hover(people: pd.DataFrame) -> list[str]:
    names = people["name"].fillna("").map(plot_text)
    company = people["company"].fillna("").map(plot_text)
    position = people["position"].fillna("").map(plot_text)
    strength = people["strength"].astype("object").map(
        lambda s: TieStrength(s).short_label if isinstance(s, str)
        else CLOSENESS_NOT_SET)
    last = people["last_contact"].map(
        lambda moment: short_day_month_year(moment) if pd.notna(moment) else "not recorded")
    lines = ("<b>" + names + "</b><br>" + position.where(position == "", position + ", ")
             + company + "<br>" + strength + " · last in touch: " + last)
    return lines.tolist()


def _rings(contacts: pd.DataFrame) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rings, and a label on each ring that has people (the layout's shapes and
    annotations)."""
    strength = contacts["strength"]
    present = set(strength.dropna().astype("object").unique())
    if strength.isna().any():
        present.add(None)
    shapes, labels = [], []
    for value, radius in RING_OF.items():
        dormant_or_unsorted = value in (TieStrength.DORMANT, None)
        shapes.append({"type": "circle", "xref": "x", "yref": "y", "x0": -radius,
                       "y0": -radius, "x1": radius, "y1": radius, "layer": "below",
                       "line": {"color": "#d0d0d0", "width": 1,
                                "dash": "dot" if dormant_or_unsorted else "solid"}})
        if value in present:
            # A white backing, so a dot drawn where the label sits cannot hide the words.
            labels.append({"x": 0, "y": radius, "text": plot_text(_RING_LABELS[value]),
                           "showarrow": False, "yshift": 8,
                           "font": {"size": 11, "color": "#555555"},
                           "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 1})
    return shapes, labels


def _rows_of(ids: pd.Series, wanted: set[str]) -> dict[str, int]:
    """The row of each id in ``wanted`` (the few people in a tie, not all 30,000): found
    at C speed, and only those rows read one by one (1 ms, not 20, at 30,000)."""
    rows = np.flatnonzero(ids.isin(list(wanted)).to_numpy(dtype=bool))
    return {str(ids.iloc[n]): int(n) for n in rows}


def _tie_lines(where: dict[str, int], xs: np.ndarray, ys: np.ndarray,
               ties: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    line_x: list[float | None] = []
    line_y: list[float | None] = []
    for a, b in ties:
        if a in where and b in where:
            line_x += [float(xs[where[a]]), float(xs[where[b]]), None]
            line_y += [float(ys[where[a]]), float(ys[where[b]]), None]
    if not line_x:
        return []
    return [{"type": "scattergl", "x": line_x, "y": line_y, "mode": "lines",
             "hoverinfo": "skip", "line": {"color": "rgba(80,80,80,0.35)", "width": 1},
             "name": "Know each other", "showlegend": True}]


BRIDGES = "Links two of your circles"


def _bridge_rings(contacts: pd.DataFrame, where: dict[str, int], xs: np.ndarray,
                  ys: np.ndarray, ties: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """A dark ring round each person who is the only link between two circles of people
    who know each other (drawn over their dot, named in the legend)."""
    bridges = set(circles({c for tie in ties for c in tie}, ties).bridges)
    rows = sorted(n for c, n in where.items() if c in bridges)
    if not rows:
        return []
    names = plot_texts(contacts["name"].iloc[rows].astype("object").fillna("").tolist())
    return [{"type": "scatter", "x": xs[rows], "y": ys[rows], "mode": "markers",
             "name": f"{BRIDGES} ({len(rows)})",
             "marker": {"size": 17, "symbol": "circle-open", "color": "#222222",
                        "line": {"width": 2}},
             "hovertext": [f"{n}: {BRIDGES.lower()}" for n in names], "hoverinfo": "text"}]


def layers_chart(rows: Sequence[LayerRow]) -> go.Figure:
    """The chart of :func:`layers_spec` as a figure (plotly checks it as it is made)."""
    return go.Figure(layers_spec(rows))


def layers_spec(rows: Sequence[LayerRow]) -> dict[str, Any]:
    """People at each closeness (cumulative) beside Dunbar's typical 5/15/50/150, as plain
    data for plotly (``{"data": [trace dicts], "layout": {...}}``)."""
    shown = [r for r in rows if r.typical_cumulative is not None]
    # upright on two short lines, as on the facilitator's page: tilted, they took the foot
    labels = [wrapped_label(r.strength.short_label, CLOSENESS_TICK_CHARS) for r in shown]
    layout = plain_layout(height=400)
    layout["xaxis"] = {**layout["xaxis"], "tickangle": 0, "tickfont": {"size": 13}}
    return {"data": [
        {"type": "bar", "name": "You (counting inwards)", "x": labels,
         "y": [r.cumulative for r in shown], "marker": {"color": OKABE_ITO["blue"]},
         "text": [r.cumulative for r in shown], "textposition": "outside",
         "cliponaxis": False},
        {"type": "bar", "name": "Typical (Dunbar)", "x": labels,
         "y": [r.typical_cumulative for r in shown],
         "marker": {"color": OKABE_ITO["grey"], "pattern": {"shape": "/"}},
         "text": [r.typical_cumulative for r in shown], "textposition": "outside",
         "cliponaxis": False},
    ], "layout": {
        # The legend at the foot, under the closeness labels, so the bars keep the width:
        # beside them, it took half a phone's screen.
        "barmode": "group", "title": {"text": "How many people at each closeness", "x": 0,
                                      "xanchor": "left"},
        "legend": dict(LEGEND_AT_FOOT), **layout}}


def composition_chart(counts: Mapping[str, int], title: str, top: int = 12) -> go.Figure:
    """The chart of :func:`composition_spec` as a figure (plotly checks it as it is made)."""
    return go.Figure(composition_spec(counts, title, top))


def composition_spec(counts: Mapping[str, int], title: str, top: int = 12) -> dict[str, Any]:
    """Horizontal bars of how many contacts fall in each group, biggest first, as plain
    data for plotly (``{"data": [trace dicts], "layout": {...}}``).

    The groups are the participant's own words (companies, sectors), escaped for plotly.
    """
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    layout = plain_layout(height=60 + 28 * max(len(items), 3))
    layout["yaxis"] = {**layout["yaxis"], "autorange": "reversed", "automargin": True}
    return {"data": [{
        "type": "bar", "x": [v for _, v in items], "y": plot_texts(k for k, _ in items),
        "orientation": "h", "marker": {"color": OKABE_ITO["bluish_green"]},
        "text": [v for _, v in items], "textposition": "outside", "cliponaxis": False,
        "hovertemplate": "%{y}: %{x}<extra></extra>"}],
        "layout": {"title": {"text": plot_text(title), "x": 0, "xanchor": "left"},
                   "showlegend": False, **layout}}


def recency_chart(bands: pd.Series) -> go.Figure:
    """The chart of :func:`recency_spec` as a figure (plotly checks it as it is made)."""
    return go.Figure(recency_spec(bands))


def recency_spec(bands: pd.Series) -> dict[str, Any]:
    """How long since you were last in touch: the bars on the right have gone cold. Plain
    data for plotly (``{"data": [trace dicts], "layout": {...}}``)."""
    colours = [OKABE_ITO["bluish_green"], OKABE_ITO["sky_blue"], OKABE_ITO["yellow"],
               OKABE_ITO["orange"], OKABE_ITO["vermillion"], OKABE_ITO["grey"]]
    return {"data": [{
        "type": "bar", "x": plot_texts(bands.index), "y": bands.to_list(),
        "marker": {"color": colours[: len(bands)]}, "text": bands.to_list(),
        "textposition": "outside", "cliponaxis": False,
        "hovertemplate": "%{x}: %{y} people<extra></extra>"}],
        "layout": {"title": {"text": "When you were last in touch", "x": 0,
                             "xanchor": "left"}, "showlegend": False,
                   **plain_layout(height=320)}}

