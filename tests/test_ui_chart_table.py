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
    assert figures[0]["_widget_layout"]["title"]["text"] == "Calls"
    assert figures[0]["_config"]["responsive"] is True


def test_the_title_sits_below_a_toolbar_that_sends_nothing_away() -> None:
    """plotly's toolbar covered the map's title on a phone, and plotly.js 3's "Share
    chart..." button uploads a chart (names and all) to Plotly Cloud: the title goes below
    the toolbar, and the toolbar has no sharing, logo link or selections."""
    from networking_kit.ui.chart_table import picture, prepared

    widget = picture(go.Figure(layout={"title": {"text": "Calls"}, "margin": {"t": 50}}))
    assert widget._config["showSendToCloud"] is False
    assert widget._config["displaylogo"] is False
    assert widget.layout.title.yref == "container"
    assert widget.layout.title.pad.t == 30
    assert widget.layout.margin.t == 80
    assert set(widget.layout.modebar.remove) == {"select", "lasso"}
    spec = prepared({"data": [], "layout": {"title": {"text": "Your network map"}}})
    assert isinstance(spec, dict)
    assert spec["layout"]["title"]["pad"] == {"t": 30}
    assert spec["layout"]["margin"]["t"] == 80 + 30  # plotly's default top, and the bar
    untitled = prepared({"data": [], "layout": {}})
    assert isinstance(untitled, dict)
    assert "title" not in untitled["layout"]
    assert "margin" not in untitled["layout"]  # no title, no room made for one


def test_a_long_title_is_drawn_on_two_lines_with_room_above() -> None:
    from networking_kit.ui.chart_table import picture

    figure = go.Figure(layout={"title": {"text": "How many people at each closeness"},
                               "margin": {"t": 50}})
    widget = picture(figure)
    assert widget.layout.title.text == "How many people<br>at each closeness"
    assert widget.layout.margin.t == 50 + 22 + 30  # a second line, and the toolbar
    short = picture(go.Figure(layout={"title": {"text": "Your network map"}}))
    assert short.layout.title.text == "Your network map"


def test_a_legend_title_goes_above_its_entries_unless_the_figure_says() -> None:
    from networking_kit.ui.chart_table import picture

    titled = picture(go.Figure(layout={"legend": {"orientation": "h",
                                                  "title": {"text": "Where"}}}))
    assert titled.layout.legend.title.side == "top"
    left = picture(go.Figure(layout={"legend": {"title": {"text": "Where", "side": "left"}}}))
    assert left.layout.legend.title.side == "left"


def test_figure_values_compare_by_what_they_draw() -> None:
    import numpy as np

    from networking_kit.ui.chart_table import same

    assert same(np.array([1.0, 2.0], dtype="float32"), [1, 2])
    assert not same(np.array([1.0, 2.0]), [1, 2, 3])
    assert same({"a": [1, {"b": "x"}]}, {"a": (1, {"b": "x"})})
    assert not same({"a": 1}, {"a": 1, "b": None})
    assert not same(True, 1)  # a switch is not a number
    assert not same(np.array(["1"]), np.array([1]))
    assert same(None, None)
    assert not same(None, 0)


def _updates(widget: Any) -> list[dict[str, Any]]:
    """The change messages plotly sends the page for ``widget``, as they are sent."""
    sent: list[dict[str, Any]] = []
    widget.observe(lambda change: sent.append(change["new"]) if change["new"] else None,
                   names=["_py2js_update", "_py2js_restyle", "_py2js_relayout"])
    return sent


def test_a_picture_redrawn_in_place_sends_only_what_changed_in_one_message() -> None:
    from networking_kit.ui.chart_table import picture, prepared, redraw_in_place

    widget = picture(go.Figure([go.Bar(x=["Calls", "Coffees"], y=[1, 2], name="Done"),
                                go.Bar(x=["Calls", "Coffees"], y=[0, 1], name="Planned")],
                               layout={"title": {"text": "Your weeks"}}))
    sent = _updates(widget)
    assert redraw_in_place(widget, prepared(go.Figure(
        [go.Bar(x=["Calls", "Coffees"], y=[1, 3], name="Done"),
         go.Bar(x=["Calls", "Coffees"], y=[0, 1], name="Planned")],
        layout={"title": {"text": "Your weeks so far"}})))
    assert len(sent) == 1  # one message: the new bar and the new title
    assert sent[0]["style_data"] == {"y": [[1, 3]]}  # the one bar that changed
    assert sent[0]["style_traces"] == [0]
    assert list(sent[0]["layout_data"]) == ["title"]  # not the margin or the toolbar
    assert sent[0]["layout_data"]["title"]["text"] == "Your weeks so far"
    assert list(widget.data[0].y) == [1, 3]
    # A page that opens the widget only now (Voila connecting late, Lab reloaded) reads
    # its state: the new figure, not the one it was made with (and the figure was not
    # sent whole for that: the one message above is all).
    state = widget.get_state()
    assert list(state["_widget_data"][0]["y"]) == [1, 3]
    assert state["_widget_layout"]["title"]["text"] == "Your weeks so far"
    assert redraw_in_place(widget, go.Figure(widget))
    assert len(sent) == 1
    assert not redraw_in_place(widget, go.Figure([go.Scatter(x=[1], y=[1])]))


def test_a_picture_box_draws_only_when_its_data_changed_and_keeps_its_widget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from networking_kit.ui import chart_table
    from networking_kit.ui.chart_table import PictureBox

    monkeypatch.setattr(chart_table, "IN_PLACE", True)

    made: list[int] = []

    def bars(*values: int) -> Any:
        def build() -> go.Figure:
            made.append(1)
            return go.Figure([go.Bar(x=["Calls"] * len(values), y=list(values))])
        return build

    box = PictureBox()
    assert box.widget.children == ()
    assert box.draw(bars(1), key=(1,))
    shown, table = box.picture, box.table
    assert box.widget.children == (shown, table)
    assert "<td>1</td>" in table.value
    assert not box.draw(bars(1), key=(1,))  # the same data: not even built
    assert made == [1]
    assert box.draw(bars(4), key=(4,))
    assert box.picture is shown
    assert box.table is table
    assert list(shown.data[0].y) == [4]
    assert "<td>4</td>" in table.value
    assert box.draw(lambda: go.Figure([go.Scatter(x=[1], y=[2])]))  # another kind: a new one
    assert box.picture is not shown
    assert box.widget.children[0] is box.picture
    box.clear()
    assert box.widget.children == ()
    assert box.picture is None


def test_by_default_a_picture_box_makes_a_new_widget_when_its_data_changed() -> None:
    from networking_kit.ui.chart_table import PictureBox

    box = PictureBox()
    box.draw(lambda: go.Figure([go.Bar(x=["Calls"], y=[1])]), key=1)
    first = box.picture
    assert not box.draw(lambda: go.Figure([go.Bar(x=["Calls"], y=[1])]), key=1)
    assert box.draw(lambda: go.Figure([go.Bar(x=["Calls"], y=[2])]), key=2)
    assert box.picture is not first
    assert box.widget.children == (box.picture, box.table)
    assert list(box.picture._widget_data[0]["y"]) == [2]  # arrives whole


def test_a_picture_box_opens_its_widget_with_the_figure_it_was_given(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture box's widget is made without plotly checking the figure again (it was
    checked as it was made): what reaches the page is still that figure, whole."""
    import ipywidgets.widgets.widget as widget_module

    from networking_kit.ui.chart_table import PictureBox

    opened: list[dict[str, Any]] = []
    real = widget_module.comm.create_comm

    def spy(**kwargs: Any) -> Any:
        opened.append(kwargs["data"]["state"])
        return real(**kwargs)

    monkeypatch.setattr(widget_module.comm, "create_comm", spy)
    figure = go.Figure([go.Scattergl(x=[0.5, 1.5], y=[1, 2], mode="markers", name="Client"),
                        go.Bar(x=["Calls"], y=[3], marker={"color": "#009E73"})],
                       layout={"title": {"text": "Your map"}, "height": 720})
    PictureBox().draw(lambda: figure)
    (state,) = [s for s in opened if "_widget_data" in s]
    assert [t["type"] for t in state["_widget_data"]] == ["scattergl", "bar"]
    assert state["_widget_data"][1]["marker"] == {"color": "#009E73"}
    assert state["_widget_layout"]["title"]["text"] == "Your map"
    assert state["_widget_layout"]["height"] == 720
    assert state["_widget_layout"]["template"]["layout"]  # the look, as plotly gives it


def test_a_picture_box_redraws_a_spec_in_place_sending_only_the_traces_that_changed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """As the map is redrawn in the app: from plain data (no second plotly check), one
    message with only the changed properties of the changed traces, and a page opening the
    widget afterwards still gets the figure drawn now."""
    import numpy as np

    from networking_kit.ui import chart_table
    from networking_kit.ui.chart_table import PictureBox

    monkeypatch.setattr(chart_table, "IN_PLACE", True)

    def spec(client_x: list[float], names: tuple[str, str]) -> dict[str, Any]:
        return {"data": [
            {"type": "scattergl", "x": np.array(client_x), "y": np.zeros(len(client_x)),
             "mode": "markers", "name": names[0]},
            {"type": "scattergl", "x": np.array([2.0]), "y": np.array([1.0]),
             "mode": "markers", "name": names[1]}],
            "layout": {"title": {"text": "Your network map"}, "height": 720}}

    box = PictureBox()
    box.draw(lambda: spec([0.5], ("Client (1)", "Friend (1)")), key=1)
    shown = box.picture
    sent = _updates(shown)
    assert box.draw(lambda: spec([0.5, 0.7], ("Client (2)", "Friend (1)")), key=2)
    assert box.picture is shown
    assert len(sent) == 1
    assert sent[0]["style_traces"] == [0]  # the friend's trace did not change
    assert sorted(sent[0]["style_data"]) == ["name", "x", "y"]
    assert "layout_data" not in sent[0] or not sent[0]["layout_data"]
    assert "<td>Client (2)</td><td>2</td>" in box.table.value
    state = shown.get_state()
    assert state["_widget_data"][0]["name"] == "Client (2)"
    assert state["_widget_layout"]["title"]["text"] == "Your network map"
    assert not box.draw(lambda: spec([9.0], ("x", "y")), key=2)  # same key: not drawn
