"""Every picture as a table: rows from the figure's own traces, escaped."""

from __future__ import annotations

import plotly.graph_objects as go

from networking_kit.ui.chart_table import SUMMARY, chart_table, figure_rows, table_html


def test_bars_give_one_row_each_either_way_round() -> None:
    figure = go.Figure([go.Bar(x=["Closest", "Close"], y=[3, 12.0], name="You"),
                        go.Bar(y=["Work"], x=[7], orientation="h")])
    assert figure_rows(figure) == [("You", "Closest", "3"), ("You", "Close", "12"),
                                   ("", "Work", "7")]


def test_a_scatter_counts_its_points_and_skips_what_is_not_in_the_legend() -> None:
    figure = go.Figure([go.Scatter(x=[1, 2, 3], y=[1, 2, 3], name="Family"),
                        go.Scatter(x=[0], y=[0], name="You", showlegend=False)])
    assert figure_rows(figure) == [("Family", "", "3")]


def test_the_table_escapes_what_came_from_a_file() -> None:
    figure = go.Figure([go.Bar(x=["<b>Acme</b>"], y=[2])])
    widget = chart_table(figure)
    assert SUMMARY in widget.value
    assert "&lt;b&gt;Acme&lt;/b&gt;" in widget.value
    assert "<b>Acme" not in widget.value


def test_an_empty_picture_has_no_table() -> None:
    assert table_html([]) == ""


def test_a_histogram_counts_each_value() -> None:
    figure = go.Figure([go.Histogram(x=[3, 1, 3, 0])])
    assert figure_rows(figure) == [("", "0", "1"), ("", "1", "1"), ("", "3", "2")]
