"""A chart as a widget for the page: plotly's ``FigureWidget`` made with its data, sized
to its box, with its page code from the page's own server when that serves it once.

Used through :mod:`networking_kit.ui.chart_table` (which re-exports these names), where
each picture also gets its table and is redrawn.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.serializers import custom_serializers

from networking_kit.plotly_bundle import loader_esm, served_route

# A figure as plain data, as plotly writes it out: {"data": [trace dicts], "layout": {...}}.
Spec = dict[str, Any]
# plotly's page code as this kernel's charts load it: from the page's own server when it
# serves it once (the workshop app), else None (each chart carries plotly's own copy).
_ROUTE = served_route()
SERVED_CODE: str | None = loader_esm(_ROUTE) if _ROUTE is not None else None


# plotly's widget draws a chart at the width its box had then (700 px when the box was not
# laid out yet, so a phone cut off the right half and legend). With plotly's "responsive"
# on, the page's script (voila_template, lab_extension) redraws each chart to its box.
# Nothing in the toolbar leaves the computer: plotly.js 3 shows a "Share chart..." button
# by default (``showSendToCloud``) that uploads the chart, the people's names in its
# hover text included, to Plotly Cloud; and its logo is a link to plotly's website (its
# room is the title's on a phone).
PICTURE_CONFIG: dict[str, bool] = {"responsive": True, "displaylogo": False,
                                   "showSendToCloud": False}

# plotly's toolbar (shown on hover, or a tap on a phone) sits at the top right of a chart
# and covered the title's end on a 390 px phone ("Your network map" under eight buttons).
# The title goes below it: its top this many px down, and the top margin that much
# taller. The box and lasso selections do nothing on these charts, so they are left out.
_TOOLBAR_PX = 30
_TOOLBAR: dict[str, Any] = {"remove": ["select", "lasso"]}


# plotly never wraps a title: one longer than this many characters is cut off on a phone,
# so it is drawn on two lines, broken at the space nearest its middle.
TITLE_CHARS = 28
_TITLE_LINE_PX = 22


def _two_lines(title: str | None) -> str | None:
    """``title`` broken at the space nearest its middle when it is long, else None."""
    if not title or len(title) <= TITLE_CHARS or "<br>" in title or " " not in title:
        return None
    spaces = [i for i, c in enumerate(title) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(title) / 2))
    return title[:cut] + "<br>" + title[cut + 1:]


def _below_the_toolbar(layout: dict[str, Any]) -> dict[str, Any]:
    """``layout``'s title and margin moved down clear of the toolbar, and its toolbar
    without the selections (``_TOOLBAR``): the keys to change, as a layout dict."""
    changes: dict[str, Any] = {"modebar": {**_TOOLBAR, **layout.get("modebar", {})}}
    title = layout.get("title") or {}
    if title.get("text") and title.get("yref") is None:
        changes["title"] = {**title, "yref": "container", "y": 1, "yanchor": "top",
                            "pad": {"t": _TOOLBAR_PX}}
        margin = layout.get("margin") or {}
        top = margin.get("t")
        changes["margin"] = {**margin, "t": (top if top is not None else 80) + _TOOLBAR_PX}
    return changes


def two_line_title(figure: go.Figure) -> None:
    """Break ``figure``'s title onto two lines when it is long, with room made above."""
    broken = _two_lines(figure.layout.title.text)
    if broken is None:
        return
    figure.layout.title.text = broken
    top = figure.layout.margin.t
    figure.layout.margin.t = (top if top is not None else 80) + _TITLE_LINE_PX


def legend_title_above(figure: go.Figure) -> None:
    """Put ``figure``'s legend title above its entries unless the figure says otherwise: a
    legend laid across (``orientation="h"``, as the map's, under the rings) puts its title
    on the left by default, which squeezed the map's entries into one narrow column on a
    phone. (Moving every side legend below was tried: under a bar chart's axis title,
    plotly drew the legend over it.)"""
    if figure.layout.legend.title.text and figure.layout.legend.title.side is None:
        figure.layout.legend.title.side = "top"


class Picture(go.FigureWidget):  # type: ignore[misc]  # plotly's classes are untyped
    """A ``go.FigureWidget`` whose page model is made with its data, layout and config.

    plotly's widget tells the page about itself (ipywidgets' ``open``) at the very start of
    its constructor, before it has read the figure: the page's model starts with no data
    and no layout, which follow in later messages. plotly's page code draws a chart once,
    from what its model holds then, and never again when that data arrives; so a chart
    shown at once (step 2 replaces its pictures on every redraw, also right after the page
    loads) came out, now and then and more often under load, as empty axes with no title.
    Here the page is told only once the widget is complete, in one message.
    """

    _complete = False
    _redrawn = False  # redrawn in place since it was made (get_state)
    if SERVED_CODE is not None:  # plotly's code from the page's server, once a page
        _esm = SERVED_CODE

    def __init__(self, figure: go.Figure, config: dict[str, bool], *,
                 fixed: bool = False) -> None:
        """``fixed``: the widget is never changed once made (a new one replaces it), so
        ``figure``, which plotly checked as it was made, is not checked again (30,000
        points: 20 ms a map on every redraw). plotly then also skips its bookkeeping of
        later changes, so a widget changed in place (the goal's scores) is not fixed."""
        super().__init__(figure, _validate=not (fixed and isinstance(figure, go.Figure)))
        self._config = dict(config)  # plotly has no public setter (its default is empty)
        self._complete = True
        self.open()

    def __eq__(self, other: object) -> bool:
        """The same widget, not the same figure: a box's children are compared when they
        are replaced, and plotly compares two figures by writing both out whole (30,000
        points: 50 ms a redraw, for nothing)."""
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def open(self) -> None:
        """Tell the page about this widget, once it is complete (see the class)."""
        if self._complete:
            super().open()

    def redrawn(self) -> None:
        """The figure was changed in place (``redraw_in_place``): a page that opens this
        widget from now on is given the figure drawn now (:meth:`get_state`)."""
        self._redrawn = True

    def get_state(self, key: Any = None, drop_defaults: bool = False) -> dict[str, Any]:
        """The widget's state for a page (ipywidgets), with the figure it draws now.

        plotly sends its figure whole only when a widget is made (``_widget_data``,
        ``_widget_layout``) and every later change as a message; a page that opens the
        widget afterwards (Voila's page connecting late, JupyterLab reloaded) would draw
        the first figure. Writing the whole figure back into those properties at every
        redraw would send it whole each time; it is given here instead, only when a page
        asks for it."""
        state: dict[str, Any] = super().get_state(key, drop_defaults)
        if self._redrawn:
            write = custom_serializers["to_json"]
            if "_widget_data" in state:
                state["_widget_data"] = write(self._data, self)
            if "_widget_layout" in state:
                state["_widget_layout"] = write(self._layout, self)
        return state


def picture(figure: go.Figure) -> go.FigureWidget:
    """``figure`` as a widget that fits the width of its box (``PICTURE_CONFIG``), its
    title on two lines when it is long (``two_line_title``), its legend's title
    above its entries (``legend_title_above``), its title below the toolbar
    (``_below_the_toolbar``), whose page model is made with its data (``Picture``)."""
    return Picture(prepared(go.Figure(figure)), PICTURE_CONFIG)


def prepared(figure: go.Figure | Spec) -> go.Figure | Spec:
    """``figure`` as every picture is drawn: a long title on two lines, a legend's title
    above its entries, the title below the toolbar (changes ``figure`` itself)."""
    if isinstance(figure, dict):
        layout = figure.setdefault("layout", {})
        title = layout.get("title", {}).get("text")
        broken = _two_lines(title)
        if broken is not None:
            layout["title"] = {**layout["title"], "text": broken}
            margin = layout.setdefault("margin", {})
            margin["t"] = margin.get("t", 80) + _TITLE_LINE_PX
        legend_title = layout.get("legend", {}).get("title", {})
        if legend_title.get("text") and legend_title.get("side") is None:
            legend_title["side"] = "top"
        layout.update(_below_the_toolbar(layout))
        return figure
    two_line_title(figure)
    legend_title_above(figure)
    figure.update_layout(_below_the_toolbar(figure.layout.to_plotly_json()))
    return figure


__all__ = [
    "PICTURE_CONFIG",
    "SERVED_CODE",
    "TITLE_CHARS",
    "Picture",
    "Spec",
    "legend_title_above",
    "picture",
    "prepared",
    "two_line_title",
]
