"""Plotly figures, each a pure function from plain data to a ``go.Figure``.

Charts carry their meaning in text as well as colour (labels on the bars, not a legend),
and use the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness (Okabe & Ito 2008, "Color Universal Design").
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from networking_kit.dates import short_day_month, short_day_month_year
from networking_kit.network import LayerRow
from networking_kit.settings import DUNBAR_LAYERS, PLAN_WEEKS
from networking_kit.vocab import (
    ActionGroup,
    ActionKind,
    ActionStatus,
    Context,
    GoalKind,
    KeepWarmStatus,
    TieStrength,
)

if TYPE_CHECKING:
    from networking_kit.followups import Action

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


# ------------------------------------------------------------------------ the map (step 2)

# Paul Tol's "muted" scheme: nine colours that stay apart for colour-blind readers, one per
# context, and pale grey where "where from" is not set (Tol 2021, "Colour Schemes", SRON).
CONTEXT_COLOURS: dict[str, str] = dict(zip(
    [c.value for c in Context],
    ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
     "#882255", "#AA4499"], strict=True))
UNSORTED_COLOUR = "#BBBBBB"
# Ring radius per closeness: closest nearest to "you"; dormant and unsorted outermost.
RING_OF: dict[str | None, int] = {
    **{s.value: i for i, s in enumerate(TieStrength, start=1)}, None: len(TieStrength) + 1}
# The ring and the colour each say which of the two is missing: one "not sorted yet" for
# both once showed 16 grey dots beside a summary of 13 unsorted people.
CLOSENESS_NOT_SET = "Closeness not set"
WHERE_FROM_NOT_SET = "Where from not set"
_RING_LABELS = {**{s.value: s.short_label for s in TieStrength}, None: CLOSENESS_NOT_SET}
# Above this many people, hover text is trimmed to the name so the page stays light.
_FULL_HOVER_LIMIT = 3000


def _stable_fraction(ids: pd.Series) -> np.ndarray:
    """A number in [0, 1) per contact id that never changes, so the map does not jump."""
    hashed = pd.util.hash_pandas_object(ids.astype("object").fillna(""), index=False)
    return (hashed.to_numpy() % 10_000_019) / 10_000_019


def ego_positions(contacts: pd.DataFrame) -> pd.DataFrame:
    """x, y for every contact: ring by closeness, a slice of the circle per context.

    Slices are sized by how many people each context holds, so a big group gets room;
    within a slice people are spread by a stable hash of their id.
    """
    context = contacts["context"].astype("object").where(contacts["context"].notna(), "unset")
    strength = contacts["strength"].astype("object").where(contacts["strength"].notna(), None)
    ring = strength.map(RING_OF).fillna(RING_OF[None]).to_numpy(dtype=float)
    order = [c.value for c in Context] + ["unset"]
    counts = context.value_counts().reindex(order, fill_value=0)
    total = max(int(counts.sum()), 1)
    starts = (counts.cumsum() - counts) / total * 2 * np.pi
    widths = counts / total * 2 * np.pi
    spread = _stable_fraction(contacts["contact_id"])
    angle = context.map(starts).to_numpy(dtype=float) + (
        0.08 + 0.84 * spread) * context.map(widths).to_numpy(dtype=float)
    radius = ring + (_stable_fraction(contacts["name"]) - 0.5) * 0.5
    return pd.DataFrame({"x": radius * np.cos(angle), "y": radius * np.sin(angle),
                         "ring": ring, "context": context}, index=contacts.index)


def ego_map(contacts: pd.DataFrame, ties: Sequence[tuple[str, str]] = (),
            title: str = "Your network map") -> go.Figure:
    """You in the centre, people on rings by closeness, coloured by where you know them from.

    One WebGL trace per context keeps 30,000 people fast; hover shows the person's details
    (just the name above a few thousand people, to keep the page light). Ties from the
    who-knows-whom census are drawn as faint lines when given; the map works without them.
    """
    positions = ego_positions(contacts)
    big = len(contacts) > _FULL_HOVER_LIMIT
    figure = go.Figure()
    _draw_rings(figure, contacts)
    if ties:
        _draw_ties(figure, contacts, positions, ties)
    for context in [c.value for c in Context] + ["unset"]:
        chosen = positions["context"] == context
        if not chosen.any():
            continue
        people = contacts[chosen]
        label = Context(context).label if context != "unset" else WHERE_FROM_NOT_SET
        figure.add_trace(go.Scattergl(
            x=positions.loc[chosen, "x"].to_numpy(dtype="float32"),
            y=positions.loc[chosen, "y"].to_numpy(dtype="float32"),
            mode="markers",
            name=f"{label} ({int(chosen.sum())})",
            marker={"size": 5 if big else 9, "color": CONTEXT_COLOURS.get(context, UNSORTED_COLOUR),
                    "line": {"width": 0 if big else 0.5, "color": "white"}},
            hovertext=_hover(people, big),
            hoverinfo="text",
        ))
    figure.add_trace(go.Scatter(
        x=[0], y=[0], mode="markers+text", text=["You"], textposition="middle center",
        marker={"size": 34, "color": "white", "line": {"color": "#333333", "width": 2}},
        hoverinfo="skip", showlegend=False, textfont={"size": 13, "color": "#333333"}))
    limit = RING_OF[None] + 0.6
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"}, font=_FONT, height=620,
        margin={"l": 10, "r": 10, "t": 50, "b": 10}, plot_bgcolor="white",
        paper_bgcolor="white", legend={"title": {"text": "Where you know them from"},
                                       "itemsizing": "constant"},
        xaxis={"visible": False, "range": [-limit, limit], "fixedrange": False},
        yaxis={"visible": False, "range": [-limit, limit], "scaleanchor": "x"},
        hoverlabel={"align": "left"},
    )
    return figure


def _hover(people: pd.DataFrame, big: bool) -> list[str]:
    names = people["name"].fillna("").map(html.escape)
    if big:
        return names.tolist()
    company = people["company"].fillna("").map(html.escape)
    position = people["position"].fillna("").map(html.escape)
    strength = people["strength"].astype("object").map(
        lambda s: TieStrength(s).short_label if isinstance(s, str)
        else CLOSENESS_NOT_SET)
    last = people["last_contact"].map(
        lambda moment: short_day_month_year(moment) if pd.notna(moment) else "not recorded")
    lines = ("<b>" + names + "</b><br>" + position.where(position == "", position + ", ")
             + company + "<br>" + strength + " · last in touch: " + last)
    return lines.tolist()


def _draw_rings(figure: go.Figure, contacts: pd.DataFrame) -> None:
    present = set(contacts["strength"].astype("object").dropna())
    if contacts["strength"].isna().any():
        present.add(None)
    for value, radius in RING_OF.items():
        dormant_or_unsorted = value in (TieStrength.DORMANT, None)
        figure.add_shape(type="circle", xref="x", yref="y", x0=-radius, y0=-radius,
                         x1=radius, y1=radius, layer="below",
                         line={"color": "#d0d0d0", "width": 1,
                               "dash": "dot" if dormant_or_unsorted else "solid"})
        if value in present:
            # A white backing, so a dot drawn where the label sits cannot hide the words.
            figure.add_annotation(x=0, y=radius, text=_RING_LABELS[value], showarrow=False,
                                  yshift=8, font={"size": 11, "color": "#555555"},
                                  bgcolor="rgba(255,255,255,0.85)", borderpad=1)


def _draw_ties(figure: go.Figure, contacts: pd.DataFrame, positions: pd.DataFrame,
               ties: Sequence[tuple[str, str]]) -> None:
    where = dict(zip(contacts["contact_id"], zip(positions["x"], positions["y"],
                                                 strict=True), strict=True))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for a, b in ties:
        if a in where and b in where:
            xs += [where[a][0], where[b][0], None]
            ys += [where[a][1], where[b][1], None]
    if xs:
        figure.add_trace(go.Scattergl(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                      line={"color": "rgba(80,80,80,0.35)", "width": 1},
                                      name="Know each other", showlegend=True))


def layers_chart(rows: Sequence[LayerRow]) -> go.Figure:
    """People at each closeness (cumulative) beside Dunbar's typical 5/15/50/150."""
    shown = [r for r in rows if r.typical_cumulative is not None]
    labels = [r.strength.short_label for r in shown]
    figure = go.Figure([
        go.Bar(name="You (counting inwards)", x=labels, y=[r.cumulative for r in shown],
               marker={"color": OKABE_ITO["blue"]}, text=[r.cumulative for r in shown],
               textposition="outside", cliponaxis=False),
        go.Bar(name="Typical (Dunbar)", x=labels, y=[r.typical_cumulative for r in shown],
               marker={"color": OKABE_ITO["grey"], "pattern": {"shape": "/"}},
               text=[r.typical_cumulative for r in shown], textposition="outside",
               cliponaxis=False),
    ])
    figure.update_layout(barmode="group", title={"text": "How many people at each closeness",
                                                 "x": 0, "xanchor": "left"},
                         **_plain_layout(height=330))
    return figure


def composition_chart(counts: Mapping[str, int], title: str, top: int = 12) -> go.Figure:
    """Horizontal bars of how many contacts fall in each group, biggest first."""
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    figure = go.Figure(go.Bar(
        x=[v for _, v in items], y=[k for k, _ in items], orientation="h",
        marker={"color": OKABE_ITO["bluish_green"]}, text=[v for _, v in items],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>"))
    figure.update_layout(title={"text": title, "x": 0, "xanchor": "left"},
                         showlegend=False, **_plain_layout(height=60 + 28 * max(len(items), 3)))
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def recency_chart(bands: pd.Series) -> go.Figure:
    """How long since you were last in touch: the bars on the right have gone cold."""
    colours = [OKABE_ITO["bluish_green"], OKABE_ITO["sky_blue"], OKABE_ITO["yellow"],
               OKABE_ITO["orange"], OKABE_ITO["vermillion"], OKABE_ITO["grey"]]
    figure = go.Figure(go.Bar(
        x=list(bands.index), y=bands.to_list(), marker={"color": colours[: len(bands)]},
        text=bands.to_list(), textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: %{y} people<extra></extra>"))
    figure.update_layout(title={"text": "When you were last in touch", "x": 0,
                                "xanchor": "left"}, showlegend=False,
                         **_plain_layout(height=320))
    return figure


def _plain_layout(height: int) -> dict:
    return {"font": _FONT, "height": height, "plot_bgcolor": "white",
            "paper_bgcolor": "white", "margin": {"l": 10, "r": 30, "t": 50, "b": 40},
            "yaxis": {"gridcolor": "#e5e5e5", "fixedrange": True},
            "xaxis": {"fixedrange": True}}


# -------------------------------------------------------------- follow-ups (step 3)

# Actions drawn in their five groups (``vocab.ActionGroup``; which kind is in which group
# is ``ActionKind.group``), each with its own colour and marker shape, so the timeline
# reads without colour too.
ACTION_GROUPS: dict[ActionGroup, tuple[str, str]] = {  # group: (colour, marker symbol)
    ActionGroup.GIVE_FIRST: (OKABE_ITO["bluish_green"], "diamond"),
    ActionGroup.KEEP_IN_TOUCH: (OKABE_ITO["sky_blue"], "circle"),
    ActionGroup.GOAL: (OKABE_ITO["orange"], "square"),
    ActionGroup.AFTER_EVENT: (OKABE_ITO["reddish_purple"], "triangle-up"),
    ActionGroup.CHECK_IN: (OKABE_ITO["vermillion"], "star"),
}
# A stored kind (a plain string or an ActionKind) to its group; unknown kinds have none.
_GROUP_OF: dict[str, ActionGroup] = {kind.value: kind.group for kind in ActionKind}
_NOT_DRAWN = (ActionStatus.SKIPPED, ActionStatus.DROPPED)
KEEP_WARM_COLOURS: dict[KeepWarmStatus, str] = {
    KeepWarmStatus.ON_TRACK: OKABE_ITO["bluish_green"],
    KeepWarmStatus.DUE: OKABE_ITO["yellow"],
    KeepWarmStatus.OVERDUE: OKABE_ITO["vermillion"],
    KeepWarmStatus.NO_DATE: OKABE_ITO["grey"],
}


def timeline_chart(actions: Sequence[Action], today: date,
                   weeks: int = PLAN_WEEKS) -> go.Figure:
    """The coming weeks' actions: one marker per action, a row per group of actions.

    Skipped, dropped and undated actions are left out. Always one trace per group (named
    by its label), so a form can update the figure in place. Done actions are drawn hollow.
    """
    start = pd.Timestamp(today - pd.Timedelta(days=today.weekday()))
    # One week more than the plan, so the 90-day check-in shows beside the twelve weeks.
    end = start + pd.Timedelta(weeks=weeks + 1)
    figure = go.Figure()
    for group, (colour, symbol) in ACTION_GROUPS.items():
        chosen = [a for a in actions if a.due_on is not None
                  and _GROUP_OF.get(a.kind) is group and a.status not in _NOT_DRAWN
                  and start <= pd.Timestamp(a.due_on) < end]
        done = [a.status == ActionStatus.DONE for a in chosen]
        figure.add_trace(go.Scatter(
            x=[pd.Timestamp(a.due_on) for a in chosen],
            y=[group.label] * len(chosen), mode="markers",
            name=f"{group.label} ({len(chosen)})",
            marker={"color": ["white" if d else colour for d in done], "symbol": symbol,
                    "size": 15, "line": {"color": colour, "width": 2}},
            hovertext=[html.escape(a.title) + (" (done)" if d else "")
                       for a, d in zip(chosen, done, strict=True)],
            hoverinfo="text+x"))
    figure.add_vline(x=pd.Timestamp(today), line={"color": "#555555", "dash": "dot"})
    figure.add_annotation(**_TODAY_LABEL, x=pd.Timestamp(today))
    layout = _plain_layout(height=_TIMELINE_HEIGHT)
    layout["xaxis"] = {"fixedrange": True, "range": [start - pd.Timedelta(days=3), end],
                       "dtick": 7 * 24 * 3600 * 1000, "tick0": start,
                       "tickformat": _WEEK_TICKS, "tickangle": 0, "gridcolor": "#e5e5e5",
                       "title": {"text": "week starting"}}
    layout["yaxis"] = {"fixedrange": True, "categoryorder": "array",
                       "categoryarray": [g.label for g in reversed(ACTION_GROUPS)],
                       "automargin": True}
    layout["margin"] = {"l": 10, "r": 30, "t": 70, "b": 140}
    figure.update_layout(title={"text": "Your coming weeks", "x": 0, "xanchor": "left",
                                "y": 0.97, "yanchor": "top"},
                         legend=_TIMELINE_LEGEND, **layout)
    return figure


# The timeline's legend sits at the foot of the figure, under the week axis, so it is
# clear of the title whatever the page width (a legend above the plot wrapped onto the
# title in a narrow Voila column); the bottom margin holds two-line dates that never
# tilt, the axis title and a legend wrapped onto two rows. The "today" label sits just
# right of its line, above the plot, on a white ground, so it covers neither the first
# week's markers nor the row names on the left.
_TIMELINE_HEIGHT = 420
# Read by plotly.js in the browser, whose d3-time-format knows "-" (no padding) on every
# system; Python's strftime is another matter (see dates.py).
_WEEK_TICKS = "%-d<br>%b"  # d3-time-format: "7<br>Dec"
_TIMELINE_LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0,
                    "yref": "container", "yanchor": "bottom"}
_TODAY_LABEL = {"y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": "left", "xshift": 4,
                "text": "today", "showarrow": False, "bgcolor": "white",
                "font": {"size": 13, "color": "#333333"}}


def keep_warm_chart(status: pd.DataFrame) -> go.Figure:
    """Per closeness layer, how many people are on track, due, overdue or have no date.

    Takes ``followups.keep_warm_status``. Stacked bars, closest at the top, each segment
    labelled with its count; always four traces, one per status.
    """
    layers = list(TieStrength)
    counts = (status.groupby(["strength", "status"]).size().unstack(fill_value=0)
              if len(status) else pd.DataFrame())
    figure = go.Figure()
    for state, colour in KEEP_WARM_COLOURS.items():
        values = [int(counts.loc[layer, state]) if layer in counts.index and state in counts
                  else 0 for layer in layers]
        figure.add_trace(go.Bar(
            y=[layer.short_label for layer in layers], x=values, orientation="h",
            name=state.label, marker={"color": colour, "line": {"color": "white",
                                                                "width": 1}},
            text=[str(v) if v else "" for v in values], textposition="inside",
            hovertemplate="%{y}: %{x} " + state.label.lower() + "<extra></extra>"))
    figure.update_layout(barmode="stack", title={"text": "Keeping in touch, by closeness",
                                                 "x": 0, "xanchor": "left"},
                         legend={"orientation": "h", "y": -0.2}, **_plain_layout(height=340))
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title={"text": "people"})
    return figure


def progress_chart(interactions: Sequence[Mapping[str, object]], today: date,
                   weeks: int = PLAN_WEEKS) -> go.Figure:
    """Calls, coffees and messages logged per week over the last ``weeks`` weeks.

    Takes ``Workbook.load_interactions()`` rows (``happened_on`` a date). One bar trace.
    """
    start = pd.Timestamp(today) - pd.Timedelta(days=today.weekday()) - pd.Timedelta(
        weeks=weeks - 1)
    bins = [start + pd.Timedelta(weeks=n) for n in range(weeks)]
    days = pd.to_datetime(pd.Series([r.get("happened_on") for r in interactions],
                                    dtype="object"))
    counts = [int(((days >= b) & (days < b + pd.Timedelta(weeks=1))).sum()) for b in bins]
    # One label per bar, its Monday, written out: a date axis picks Sundays for its ticks.
    labels = [short_day_month(b.date()) for b in bins[:-1]] + ["this week"]
    figure = go.Figure(go.Bar(
        x=[label.replace(" ", "<br>") for label in labels], y=counts,  # two short lines each
        customdata=labels, marker={"color": OKABE_ITO["blue"]},
        text=[str(c) if c else "" for c in counts], textposition="outside", cliponaxis=False,
        hovertemplate="week of %{customdata}: %{y}<extra></extra>"))
    layout = _plain_layout(height=300)
    layout["xaxis"] = {"fixedrange": True, "type": "category", "tickangle": 0,
                       "title": {"text": "week starting (Monday)"}}
    layout["yaxis"] = {"fixedrange": True, "gridcolor": "#e5e5e5", "rangemode": "tozero",
                       "title": {"text": "contacts logged"}, "tickformat": ",d",
                       "dtick": 1 if max(counts, default=0) <= 10 else None}
    figure.update_layout(title={"text": "What you have done, week by week", "x": 0,
                                "xanchor": "left"}, showlegend=False, **layout)
    if not any(counts):
        figure.update_yaxes(range=[0, 3])
        figure.add_annotation(text="Nothing logged yet:<br>tick an action done, or log a "
                                   "call, a coffee or a message.", xref="paper", yref="paper",
                              x=0.5, y=0.6, showarrow=False, align="center",
                              font={"size": 13, "color": "#52606d"})
    return figure


# --------------------------------------------------------- the cohort (facilitator)

_COHORT_GOAL_COLOURS = {**{str(k): c for k, c in GOAL_KIND_COLOURS.items()},
                        "not chosen": OKABE_ITO["grey"]}


def cohort_goal_mix_chart(goal_mix: Mapping[str, int]) -> go.Figure:
    """How many people chose each goal kind (plus "not chosen"), the count on each bar."""
    keys = list(goal_mix)
    labels = [GoalKind(k).label if k in set(GoalKind) else k.capitalize() for k in keys]
    values = [int(goal_mix[k]) for k in keys]
    figure = go.Figure(go.Bar(
        x=values, y=labels, orientation="h",
        marker={"color": [_COHORT_GOAL_COLOURS.get(k, OKABE_ITO["grey"]) for k in keys],
                "line": {"color": "#333333", "width": 1}},
        text=[str(v) for v in values], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x} people<extra></extra>"))
    figure.update_layout(title={"text": "Which goal people chose", "x": 0, "xanchor": "left"},
                         showlegend=False, **_plain_layout(height=260))
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title={"text": "people"}, range=[0, max([*values, 1]) * 1.15])
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
    labels = [s.short_label for s in shown]
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
        "xanchor": "left"}, legend={"orientation": "h", "y": -0.15},
        **_plain_layout(height=360))
    return figure


def cohort_venues_chart(venues: Mapping[str, int], participants: int,
                        names: Mapping[str, str] | None = None, top: int = 12) -> go.Figure:
    """The venues people chose, most popular first, with the share of the room on each bar."""
    names = names or {}
    items = list(venues.items())[:top]
    labels = [names.get(v, v) for v, _ in items]
    counts = [n for _, n in items]
    text = [f"{n} ({n / participants:.0%})" if participants else str(n) for n in counts]
    figure = go.Figure(go.Bar(
        x=counts, y=labels, orientation="h", marker={"color": OKABE_ITO["orange"]},
        text=text, textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x} people<extra></extra>"))
    figure.update_layout(title={"text": "Venues people chose", "x": 0, "xanchor": "left"},
                         showlegend=False, **_plain_layout(height=80 + 30 * max(len(items), 3)))
    figure.update_yaxes(autorange="reversed", automargin=True)
    # Room on the right for the "11 (28%)" written beside the longest bar.
    figure.update_xaxes(title={"text": "people"}, range=[0, max([*counts, 1]) * 1.3])
    return figure


def cohort_actions_chart(planned_each: Sequence[int]) -> go.Figure:
    """How many actions each person planned: one bar per band of five."""
    values = [int(v) for v in planned_each]
    figure = go.Figure(go.Histogram(
        x=values, xbins={"start": 0, "size": 5}, marker={
            "color": OKABE_ITO["bluish_green"], "line": {"color": "#333333", "width": 1}},
        hovertemplate="%{x} actions: %{y} people<extra></extra>"))
    figure.update_layout(title={"text": "How many actions people planned", "x": 0,
                                "xanchor": "left"}, showlegend=False,
                         **_plain_layout(height=300))
    figure.update_xaxes(title={"text": "actions in the plan"})
    figure.update_yaxes(title={"text": "people"})
    return figure
