"""Step 3's pictures: pure functions from the plan, the rhythms and the log to figures."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from networking_kit.charts_followups import (
    ACTION_GROUPS,
    KEEP_WARM_COLOURS,
    keep_warm_chart,
    progress_chart,
    timeline_chart,
)
from networking_kit.followups import Action
from networking_kit.vocab import ActionGroup, ActionKind, KeepWarmStatus, TieStrength

TODAY = date(2026, 11, 4)


def test_timeline_has_one_trace_per_group_and_one_marker_per_action() -> None:
    actions = [
        Action("a", "share", "Send Ann notes", "w", due_on=TODAY),
        Action("b", "introduce", "Introduce", "w", due_on=TODAY + timedelta(days=9)),
        Action("c", "check_in", "Check-in", "w", due_on=TODAY + timedelta(days=30)),
        Action("d", "keep_warm", "Skipped", "w", due_on=TODAY, status="skipped"),
        Action("e", "keep_warm", "Later", "w"),
        Action("f", "keep_warm", "Done", "w", due_on=TODAY, status="done"),
        Action("g", "share", "Too far", "w", due_on=TODAY + timedelta(weeks=20)),
    ]
    figure = timeline_chart(actions, TODAY)
    assert [t.name.split(" (")[0] for t in figure.data] == [g.label for g in ACTION_GROUPS]
    by_group = {t.name.split(" (")[0]: t for t in figure.data}
    assert len(by_group["Give first"].x) == 2
    assert list(by_group["Give first"].hovertext) == ["Send Ann notes", "Introduce"]
    assert len(by_group["Check-in"].x) == 1
    assert list(by_group["Keep in touch"].marker.color) == ["white"]  # done: hollow
    assert by_group["Keep in touch"].name == "Keep in touch (1)"


def test_every_kind_is_drawn_in_the_row_of_its_group() -> None:
    actions = [Action(kind.value, kind.value, kind.label, "w", due_on=TODAY)
               for kind in ActionKind]
    figure = timeline_chart(actions, TODAY)
    rows = {t.name.split(" (")[0]: list(t.hovertext) for t in figure.data}
    for kind in ActionKind:
        assert kind.label in rows[kind.group.label]
    assert rows[ActionGroup.AFTER_EVENT.label] == [ActionKind.EVENT_FOLLOW_UP.label]
    assert list(figure.layout.yaxis.categoryarray) == [
        g.label for g in reversed(ACTION_GROUPS)]


def test_timeline_escapes_titles_in_hover_text() -> None:
    figure = timeline_chart([Action("a", "share", "<b>x</b>", "w", due_on=TODAY)], TODAY)
    assert figure.data[0].hovertext[0] == "&lt;b&gt;x&lt;/b&gt;"


def test_keep_warm_chart_stacks_the_four_statuses_per_layer() -> None:
    status = pd.DataFrame({"strength": ["close", "close", "close", "known"],
                           "status": ["on track", "overdue", "overdue", "due"]})
    figure = keep_warm_chart(status)
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data] == [s.label for s in KEEP_WARM_COLOURS]
    traces = {KeepWarmStatus(t.name.lower()): t for t in figure.data}
    layers = list(traces[KeepWarmStatus.OVERDUE].y)
    assert layers == [s.short_label for s in TieStrength]
    close, known = TieStrength.CLOSE.short_label, TieStrength.KNOWN.short_label
    assert list(traces[KeepWarmStatus.OVERDUE].x)[layers.index(close)] == 2
    assert list(traces[KeepWarmStatus.ON_TRACK].x)[layers.index(close)] == 1
    assert list(traces[KeepWarmStatus.DUE].x)[layers.index(known)] == 1
    assert sum(traces[KeepWarmStatus.NO_DATE].x) == 0
    assert len(keep_warm_chart(status.iloc[0:0]).data) == 4
    # the legend under the axis title (at a share of the plot's height it covered it), its
    # entries in the order the segments run
    legend = figure.layout.legend
    assert (legend.yref, legend.y, legend.yanchor, legend.traceorder) == (
        "container", 0, "bottom", "normal")


def test_progress_chart_counts_interactions_per_week() -> None:
    rows = [{"happened_on": TODAY}, {"happened_on": TODAY - timedelta(days=1)},
            {"happened_on": TODAY - timedelta(days=7)},
            {"happened_on": TODAY - timedelta(weeks=30)}]
    (bars,) = progress_chart(rows, TODAY).data
    assert len(bars.y) == 12
    assert list(bars.y)[-2:] == [1, 2]
    assert sum(bars.y) == 3
    assert sum(progress_chart([], TODAY).data[0].y) == 0
    # Each bar is named by its own Monday; the last is this week.
    monday = TODAY - timedelta(days=TODAY.weekday())
    previous = monday - timedelta(weeks=1)
    assert list(bars.customdata)[-2:] == [f"{previous.day} {previous:%b}", "this week"]
    assert list(bars.x)[-1] == "this<br>week"
    assert len(set(bars.x)) == 12
    # every other week labelled, this week always: all twelve ran together on a phone
    figure = progress_chart(rows, TODAY)
    assert list(figure.layout.xaxis.tickvals) == list(bars.x)[1::2]


def test_the_empty_progress_note_is_on_short_lines() -> None:
    note = "Nothing logged yet: tick an action done in your weeks, or use “Log a call”."
    (annotation,) = progress_chart([], TODAY, empty_note=note).layout.annotations
    lines = annotation.text.split("<br>")
    assert " ".join(lines) == note
    assert max(len(line) for line in lines) <= 30  # on one line a phone cut it at both ends


def test_timeline_keeps_title_legend_and_today_label_apart() -> None:
    figure = timeline_chart([Action("a", "share", "Send Ann notes", "w", due_on=TODAY)], TODAY)
    layout = figure.layout
    # The title stays in the top margin; the legend sits at the foot of the figure, under
    # the week axis, with room kept for it: they cannot meet whatever the page width.
    assert layout.title.yanchor == "top"
    assert layout.title.y * layout.height > layout.height - layout.margin.t
    assert (layout.legend.yref, layout.legend.y, layout.legend.yanchor) == (
        "container", 0, "bottom")
    assert layout.margin.b >= 120
    assert layout.xaxis.tickangle == 0  # two-line dates, never tilted into the legend
    (today,) = [a for a in layout.annotations if a.text == "today"]
    # Above the plot and to the right of its line: clear of the row names and the axis.
    assert (today.yref, today.y, today.yanchor, today.xanchor) == ("paper", 1, "bottom",
                                                                    "left")
    assert today.xshift > 0
    assert today.bgcolor == "white"
    assert today.font.size >= 12


def test_timeline_weeks_are_labelled_without_a_leading_zero() -> None:
    figure = timeline_chart([Action("a", "share", "x", "w", due_on=TODAY)], TODAY)
    assert figure.layout.xaxis.tickformat.startswith("%-d")  # d3: "-" drops the padding
