"""Every picture as a table: rows from the figure's own traces, escaped."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

from networking_kit.charts_base import plot_text
from networking_kit.ui.chart_table import (
    SUMMARY,
    chart_table,
    figure_rows,
    redraw_table,
    table_html,
)


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


def test_a_label_escaped_for_the_picture_reads_as_typed_in_the_table() -> None:
    figure = go.Figure([go.Bar(x=[plot_text("Smith & Co").replace(" ", "<br>")], y=[1],
                               name=plot_text("Now <3"))])
    assert figure_rows(figure) == [("Now <3", "Smith & Co", "1")]
    assert "Smith &amp; Co" in chart_table(figure).value  # escaped once, not twice


def test_a_redrawn_picture_redraws_its_table() -> None:
    table = chart_table(go.Figure([go.Bar(x=["Calls"], y=[1])]))
    redraw_table(table, go.Figure([go.Bar(x=["Calls"], y=[4])]))
    assert "<td>4</td>" in table.value
    redraw_table(table, go.Figure())
    assert table.value == ""


def test_a_picture_carries_the_page_config() -> None:
    from networking_kit.ui.chart_table import PICTURE_CONFIG, picture

    widget = picture(go.Figure([go.Bar(x=["Calls"], y=[1])]))
    assert PICTURE_CONFIG["responsive"] is True
    assert all(widget._config.get(k) == v for k, v in PICTURE_CONFIG.items())
    assert list(widget.data[0].y) == [1]


def test_a_picture_reaches_the_page_with_its_data_title_and_config_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The page draws a chart from the state its model was opened with and never again
    when data arrives later: the opening message must carry the data (else empty axes)."""
    import ipywidgets.widgets.widget as widget_module

    from networking_kit.ui.chart_table import picture

    opened: list[dict[str, Any]] = []
    real = widget_module.comm.create_comm

    def spy(**kwargs: Any) -> Any:
        opened.append(kwargs["data"]["state"])
        return real(**kwargs)

    monkeypatch.setattr(widget_module.comm, "create_comm", spy)
    picture(go.Figure([go.Bar(x=["Calls"], y=[1])], layout={"title": {"text": "Calls"}}))
    figures = [s for s in opened if "_widget_data" in s]
    assert len(figures) == 1
    assert figures[0]["_widget_data"][0]["type"] == "bar"
    assert figures[0]["_widget_layout"]["title"] == {"text": "Calls"}
    assert figures[0]["_config"]["responsive"] is True


def test_a_long_title_is_drawn_on_two_lines_with_room_above() -> None:
    from networking_kit.ui.chart_table import picture

    figure = go.Figure(layout={"title": {"text": "How many people at each closeness"},
                               "margin": {"t": 50}})
    widget = picture(figure)
    assert widget.layout.title.text == "How many people<br>at each closeness"
    assert widget.layout.margin.t == 72
    short = picture(go.Figure(layout={"title": {"text": "Your network map"}}))
    assert short.layout.title.text == "Your network map"


def test_a_legend_title_goes_above_its_entries_unless_the_figure_says() -> None:
    from networking_kit.ui.chart_table import picture

    titled = picture(go.Figure(layout={"legend": {"orientation": "h",
                                                  "title": {"text": "Where"}}}))
    assert titled.layout.legend.title.side == "top"
    left = picture(go.Figure(layout={"legend": {"title": {"text": "Where", "side": "left"}}}))
    assert left.layout.legend.title.side == "left"
