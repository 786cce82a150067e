"""Step 3's pictures: the coming weeks, keeping in touch, and what was done week by week.

Pure functions from the plan, the keep-warm statuses and the log to plotly figures, in the
look ``charts_base`` defines for every chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
import plotly.graph_objects as go

from networking_kit.charts_base import (
    LEGEND_AT_FOOT,
    OKABE_ITO,
    plain_layout,
    plot_text,
    plot_texts,
    wrapped_label,
)
from networking_kit.dates import short_day_month
from networking_kit.settings import PLAN_WEEKS
from networking_kit.vocab import ActionGroup, ActionKind, ActionStatus, KeepWarmStatus, TieStrength

if TYPE_CHECKING:
    from networking_kit.followups import Action

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
    traces: list[dict[str, Any]] = []  # plain dicts: plotly checks the figure once, whole
    for group, (colour, symbol) in ACTION_GROUPS.items():
        chosen = [a for a in actions if a.due_on is not None
                  and _GROUP_OF.get(a.kind) is group and a.status not in _NOT_DRAWN
                  and start <= pd.Timestamp(a.due_on) < end]
        done = [a.status == ActionStatus.DONE for a in chosen]
        traces.append({
            "type": "scatter",
            "x": [pd.Timestamp(a.due_on) for a in chosen if a.due_on is not None],
            "y": [plot_text(group.label)] * len(chosen), "mode": "markers",
            "name": f"{plot_text(group.label)} ({len(chosen)})",
            "marker": {"color": ["white" if d else colour for d in done], "symbol": symbol,
                       "size": 15, "line": {"color": colour, "width": 2}},
            "hovertext": [plot_text(a.title) + (" (done)" if d else "")
                          for a, d in zip(chosen, done, strict=True)],
            "hoverinfo": "text+x"})
    now = pd.Timestamp(today)
    layout = plain_layout(height=_TIMELINE_HEIGHT)
    layout["xaxis"] = {"fixedrange": True, "range": [start - pd.Timedelta(days=3), end],
                       "dtick": _TICK_WEEKS * 7 * 24 * 3600 * 1000, "tick0": start,
                       "tickformat": _WEEK_TICKS, "tickangle": 0, "gridcolor": "#e5e5e5",
                       "title": {"text": "week starting"}}
    layout["yaxis"] = {"fixedrange": True, "categoryorder": "array",
                       "categoryarray": plot_texts(g.label for g in reversed(ACTION_GROUPS)),
                       "automargin": True}
    layout["margin"] = {"l": 10, "r": 30, "t": 70, "b": 140}
    layout.update(
        title={"text": "Your coming weeks", "x": 0, "xanchor": "left", "y": 0.97,
               "yanchor": "top"},
        legend=_TIMELINE_LEGEND,
        # today: a dotted line across the plot, and its label above it
        shapes=[{"type": "line", "x0": now, "x1": now, "xref": "x", "y0": 0, "y1": 1,
                 "yref": "y domain", "line": {"color": "#555555", "dash": "dot"}}],
        annotations=[{**_TODAY_LABEL, "x": now}])
    return go.Figure({"data": traces, "layout": layout})


# The timeline's legend sits at the foot of the figure, under the week axis, so it is
# clear of the title whatever the page width (a legend above the plot wrapped onto the
# title in a narrow Voila column); the bottom margin holds two-line dates that never
# tilt, the axis title and a legend wrapped onto two rows. The "today" label sits just
# right of its line, above the plot, on a white ground, so it covers neither the first
# week's markers nor the row names on the left.
_TIMELINE_HEIGHT = 420
# A date under every other Monday: under every one, fourteen two-line dates ran into one
# another on a phone (the list under the chart names every week).
_TICK_WEEKS = 2
# Read by plotly.js in the browser, whose d3-time-format knows "-" (no padding) on every
# system; Python's strftime is another matter (see dates.py).
_WEEK_TICKS = "%-d<br>%b"  # d3-time-format: "7<br>Dec"
_TIMELINE_LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0,
                    "yref": "container", "yanchor": "bottom"}
_TODAY_LABEL = {"y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": "left", "xshift": 4,
                "text": "today", "showarrow": False, "bgcolor": "white",
                "font": {"size": 13, "color": "#333333"}}


_KEEP_WARM_HEIGHT = 400  # px


def keep_warm_chart(status: pd.DataFrame) -> go.Figure:
    """Per closeness layer, how many people are on track, due, overdue or have no date.

    Takes ``followups.keep_warm_status``. Stacked bars, closest at the top, each segment
    labelled with its count; always four traces, one per status.
    """
    layers = list(TieStrength)
    counts = (status.groupby(["strength", "status"]).size().unstack(fill_value=0)
              if len(status) else pd.DataFrame())
    traces: list[dict[str, Any]] = []  # plain dicts: plotly checks the figure once, whole
    for state, colour in KEEP_WARM_COLOURS.items():
        values = [int(cast("int", counts.loc[layer, state]))
                  if layer in counts.index and state in counts else 0 for layer in layers]
        traces.append({
            "type": "bar", "y": plot_texts(layer.short_label for layer in layers),
            "x": values, "orientation": "h", "name": plot_text(state.label),
            "marker": {"color": colour, "line": {"color": "white", "width": 1}},
            "text": [str(v) if v else "" for v in values], "textposition": "inside",
            "hovertemplate": "%{y}: %{x} " + plot_text(state.label.lower())
            + "<extra></extra>"})
    layout = plain_layout(height=_KEEP_WARM_HEIGHT)
    layout.update(barmode="stack", title={"text": "Keeping in touch, by closeness", "x": 0,
                                          "xanchor": "left"},
                  # at the foot, under the axis title (at y=-0.2 it covered it);
                  # taller than the bars need, for a legend in four rows on a phone
                  legend=LEGEND_AT_FOOT)
    layout["yaxis"] = {**layout["yaxis"], "autorange": "reversed", "automargin": True}
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": "people"}}
    return go.Figure({"data": traces, "layout": layout})


_NOTHING_LOGGED = ("Nothing logged yet: tick an action done, or log a call, a coffee or a "
                   "message.")
_NOTE_CHARS = 30  # characters on a line of the empty chart's note


def progress_chart(interactions: Sequence[Mapping[str, object]], today: date,
                   weeks: int = PLAN_WEEKS, empty_note: str = _NOTHING_LOGGED) -> go.Figure:
    """Calls, coffees and messages logged per week over the last ``weeks`` weeks.

    Takes ``Workbook.load_interactions()`` rows (``happened_on`` a date). One bar trace.
    With nothing logged, ``empty_note`` is written across the empty chart on short lines
    (on one line, a phone's picture cut it at both ends).
    """
    start = pd.Timestamp(today) - pd.Timedelta(days=today.weekday()) - pd.Timedelta(
        weeks=weeks - 1)
    bins = [start + pd.Timedelta(weeks=n) for n in range(weeks)]
    days = pd.to_datetime(pd.Series([r.get("happened_on") for r in interactions],
                                    dtype="object"))
    counts = [int(((days >= b) & (days < b + pd.Timedelta(weeks=1))).sum()) for b in bins]
    # One label per bar, its Monday, written out: a date axis picks Sundays for its ticks.
    labels = [short_day_month(b.date()) for b in bins[:-1]] + ["this week"]
    weeks_x = [plot_text(label).replace(" ", "<br>") for label in labels]  # two short lines
    layout = plain_layout(height=300)
    # A label under every other week, counting back from this one: under all of them, the
    # dates ran into one another on a phone (the table under the chart names every week).
    shown = weeks_x[::-_TICK_WEEKS][::-1]
    layout["xaxis"] = {"fixedrange": True, "type": "category", "tickangle": 0,
                       "tickmode": "array", "tickvals": shown, "ticktext": shown,
                       "title": {"text": "week starting (Monday)"}}
    layout["yaxis"] = {"fixedrange": True, "gridcolor": "#e5e5e5", "rangemode": "tozero",
                       "title": {"text": "contacts logged"}, "tickformat": ",d",
                       "dtick": 1 if max(counts, default=0) <= 10 else None}
    layout.update(title={"text": "What you have done, week by week", "x": 0,
                         "xanchor": "left"}, showlegend=False)
    if not any(counts):
        layout["yaxis"]["range"] = [0, 3]
        layout["annotations"] = [{
            "text": wrapped_label(empty_note, _NOTE_CHARS), "xref": "paper", "yref": "paper",
            "x": 0.5, "y": 0.6, "showarrow": False, "align": "center",
            "font": {"size": 13, "color": "#52606d"}}]
    # plain dicts: plotly checks the figure once, whole
    return go.Figure({"data": [{
        "type": "bar", "x": weeks_x,
        "y": counts, "customdata": plot_texts(labels), "marker": {"color": OKABE_ITO["blue"]},
        "text": [str(c) if c else "" for c in counts], "textposition": "outside",
        "cliponaxis": False, "hovertemplate": "week of %{customdata}: %{y}<extra></extra>"}],
        "layout": layout})
