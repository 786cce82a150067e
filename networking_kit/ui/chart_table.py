"""Every picture also as a table: what a chart shows, in rows a screen reader can read and
a colour-blind reader can check, folded under the picture ("The picture as a table").

Built from the figure itself (its traces' names and numbers), so the table never disagrees
with the picture. Bars give one row per bar; a scatter (the map) one row per group with how
many people are in it.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from copy import deepcopy
from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

SUMMARY = "The picture as a table"


def _cells(values: Any) -> list[Any]:
    return [] if values is None else list(values)


def _number(value: Any) -> str:
    """A cell as words: whole numbers without ".0", and a chart label as typed (charts'
    labels are escaped for plotly with ``plot_text`` and may break lines with <br>; the
    table escapes again on its own, so both are undone here)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.1f}"
    return _plain(str(value))


def _plain(text: str) -> str:
    return html.unescape(text.replace("<br>", " "))


def figure_rows(figure: go.Figure) -> list[tuple[str, str, str]]:
    """(group, label, value) rows of what ``figure`` shows: every bar, each value of a
    histogram with how often it comes, and for every other
    trace with a name in the legend how many points it draws."""
    rows: list[tuple[str, str, str]] = []
    for trace in figure.data:
        name = _plain(str(getattr(trace, "name", "") or ""))
        if trace.type == "bar":
            across = getattr(trace, "orientation", None) == "h"
            labels = _cells(trace.y if across else trace.x)
            values = _cells(trace.x if across else trace.y)
            for label, value in zip(labels, values, strict=False):
                rows.append((name, _number(label), _number(value)))
        elif trace.type == "histogram":  # how many of each value
            counts = Counter(_cells(trace.x))
            rows.extend((name, _number(v), str(n)) for v, n in sorted(counts.items()))
        elif name and getattr(trace, "showlegend", None) is not False:
            count = len(_cells(getattr(trace, "x", None)))
            if count:
                rows.append((name, "", str(count)))
    return rows


def table_html(rows: Iterable[tuple[str, str, str]], headings: Sequence[str] = (
        "Group", "What", "How many")) -> str:
    """The rows as an escaped HTML table (groups and labels come from people's data)."""
    rows = list(rows)
    if not rows:
        return ""
    show_group = any(group for group, _, _ in rows)
    show_label = any(label for _, label, _ in rows)
    keep = [show_group, show_label, True]
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>"
                   for h, k in zip(headings, keep, strict=True) if k)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>"
                         for c, k in zip(row, keep, strict=True) if k) + "</tr>"
        for row in rows)
    return (f"<details class='nk-chart-table'><summary>{SUMMARY}</summary>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>")


def chart_table(figure: go.Figure) -> widgets.HTML:
    """The table of ``figure``, folded, for under the picture."""
    return widgets.HTML(table_html(figure_rows(figure)))


def redraw_table(table: widgets.HTML, figure: go.Figure) -> None:
    """Bring ``table`` (made by ``chart_table``) in line with ``figure`` after a redraw."""
    table.value = table_html(figure_rows(figure))


# plotly's widget draws a chart at the width its box had then (700 px when the box was not
# laid out yet, so a phone cut off the right half and legend). With plotly's "responsive"
# on, the page's script (voila_template, lab_extension) redraws each chart to its box.
PICTURE_CONFIG: dict[str, bool] = {"responsive": True}


# plotly never wraps a title: one longer than this many characters is cut off on a phone,
# so it is drawn on two lines, broken at the space nearest its middle.
TITLE_CHARS = 28
_TITLE_LINE_PX = 22


def two_line_title(figure: go.Figure) -> None:
    """Break ``figure``'s title onto two lines when it is long, with room made above."""
    title = figure.layout.title.text
    if not title or len(title) <= TITLE_CHARS or "<br>" in title or " " not in title:
        return
    spaces = [i for i, c in enumerate(title) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(title) / 2))
    figure.layout.title.text = title[:cut] + "<br>" + title[cut + 1:]
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


def picture(figure: go.Figure) -> go.FigureWidget:
    """``figure`` as a widget that fits the width of its box (``PICTURE_CONFIG``), its
    title on two lines when it is long (``two_line_title``), its legend's title
    above its entries (``legend_title_above``), whose page model is made with
    its data (``Picture``)."""
    figure = go.Figure(figure)
    two_line_title(figure)
    legend_title_above(figure)
    return Picture(figure, PICTURE_CONFIG)


def picture_and_table(picture: go.FigureWidget) -> list[widgets.Widget]:
    """The picture, then its table: the children of a column box."""
    return [picture, chart_table(picture)]


# ------------------------------------------------------------- redrawn in place

def same(first: Any, second: Any) -> bool:
    """Whether two figure values (numbers, text, arrays, lists and dicts of them) are equal;
    arrays by their elements, at C speed (30,000 points in well under a millisecond)."""
    if isinstance(first, np.ndarray) or isinstance(second, np.ndarray):
        a, b = np.asarray(first), np.asarray(second)
        return a.shape == b.shape and (a.dtype.kind in "OUS") == (b.dtype.kind in "OUS") \
            and bool(np.array_equal(a, b))
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(same(v, second[k])
                                                      for k, v in first.items())
    if isinstance(first, list | tuple) and isinstance(second, list | tuple):
        return len(first) == len(second) and all(
            same(a, b) for a, b in zip(first, second, strict=True))
    if isinstance(first, bool) or isinstance(second, bool):  # True is not 1 here
        return first is second
    return bool(first == second)


# Trace properties the page sets itself: plotly's id of each trace, and a trace hidden by
# a click on its legend entry (kept hidden when the picture is redrawn).
_PAGE_OWNED = frozenset({"uid", "type", "visible"})


def redraw_in_place(shown: go.FigureWidget, figure: go.Figure) -> bool:
    """Make ``shown`` draw ``figure``: only the properties that changed, in one message
    (``batch_update``); False (nothing done) when the traces are not the same kinds in the
    same order, for the caller to make a new widget.

    plotly's widget sends a change as a message the page applies to the chart it shows; a
    page that opens the widget afterwards (Voila's page connecting late, JupyterLab
    reloaded) reads the widget's whole figure as it was made. So the whole figure is also
    put back into the widget's state (what plotly itself does when a widget is shown),
    and every page draws the newest picture.
    """
    if [t.type for t in shown.data] != [t.type for t in figure.data]:
        return False
    layout_now, layout_new = shown.layout.to_plotly_json(), figure.layout.to_plotly_json()
    changed_layout = [key for key in layout_now.keys() | layout_new.keys()
                      if key != "template" and not same(layout_now.get(key),
                                                        layout_new.get(key))]
    changes: list[tuple[int, str, Any]] = []
    for index, (old, new) in enumerate(zip(shown.data, figure.data, strict=True)):
        now, wanted = old.to_plotly_json(), new.to_plotly_json()
        changes += [(index, key, wanted.get(key)) for key in now.keys() | wanted.keys()
                    if key not in _PAGE_OWNED and not same(now.get(key), wanted.get(key))]
    if not changes and not changed_layout:
        return True
    with shown.batch_update():
        for index, key, value in changes:
            shown.data[index][key] = value
        for key in changed_layout:
            shown.layout[key] = layout_new.get(key)
    # The widget's state, as plotly's own _repr_mimebundle_ sets it before showing it.
    if changes:
        shown._widget_data = deepcopy(shown._data)
    if changed_layout:
        shown._widget_layout = deepcopy(shown._layout_obj._props)
    return True


def _prepared(figure: go.Figure) -> go.Figure:
    """``figure`` as every picture is drawn: a long title on two lines, a legend's title
    above its entries (changes ``figure`` itself)."""
    two_line_title(figure)
    legend_title_above(figure)
    return figure


_NOTHING = object()
# Whether PictureBox redraws its widget in place (redraw_in_place) or makes a new one when
# its data changed. Off, because in place is not reliable in the page: plotly's widget is
# an anywidget (plotly 6+), and anywidget 0.11 gives each widget's page model 2 s to load
# its code (plotly's is a 5 MB bundle) before it gives up ("[anywidget] Failed to
# initialize model." in the console); the chart still shows what it was made with, but
# every later message to that model is dropped (each waits on the failed start), so a
# redraw in place never shows. On a busy 2-core machine every picture of step 2 failed so
# (tests/test_browser.py's ten sorting clicks: the rings never changed, 4 such errors). A
# new widget always arrives whole, with its data in its first message (``Picture``). The
# keys still skip every picture whose data did not change.
# The cost of a new widget: anywidget sends each plotly widget's code (``_esm``, the 5 MB
# bundle) in its first message and the page imports it afresh for each (a blob: URL; only
# an http(s) ``_esm`` is imported once and kept), which is what stalls a busy page after
# a burst of redraws and what makes a model miss its 2 s. Serving plotly's bundle once at
# an http URL would make both in place and new widgets cheap (not done yet).
IN_PLACE = False


def drawing_note(text: str) -> str:
    """A note that a picture is still being drawn, in the step bar's "getting ready" look
    (class ``nk-loading``, which the browser tests wait on too)."""
    return f"<p class='nk-loading nk-drawing' role='status'>{html.escape(text)}</p>"


class PictureBox:
    """One picture and its table in a column box (``widget``): a new widget each time its
    data changed (or, with ``IN_PLACE``, redrawn in place by :func:`redraw_in_place`, a
    new one only when the picture's traces change kind).

    :meth:`draw` takes what the picture is drawn from (``key``) and skips the drawing
    when that has not changed since the last time.
    """

    def __init__(self) -> None:
        self.widget = widgets.Box(layout=widgets.Layout(width="100%", flex_flow="column"))
        self.picture: go.FigureWidget | None = None
        self.table: widgets.HTML | None = None
        self._key: Any = _NOTHING

    def draw(self, build: Callable[[], go.Figure], key: Any = _NOTHING) -> bool:
        """Show ``build()``'s figure, unless ``key`` (when given) equals the key of the
        picture shown: returns whether it drew."""
        if key is not _NOTHING and self.picture is not None and same(key, self._key):
            return False
        figure = _prepared(build())
        if self.picture is None or not IN_PLACE or not redraw_in_place(self.picture,
                                                                        figure):
            old = self.picture
            self.picture = Picture(figure, PICTURE_CONFIG, fixed=not IN_PLACE)
            self.table = chart_table(self.picture)
            self.widget.children = [self.picture, self.table]
            if old is not None:
                old.close()
        else:
            assert self.table is not None
            text = table_html(figure_rows(figure))
            if self.table.value != text:
                self.table.value = text
        self._key = key
        return True

    def clear(self) -> None:
        """No picture (an empty map): the box is empty until the next :meth:`draw`."""
        if self.picture is not None:
            self.picture.close()
        self.picture, self.table, self._key = None, None, _NOTHING
        self.widget.children = []


__all__ = [
    "PICTURE_CONFIG",
    "SUMMARY",
    "TITLE_CHARS",
    "Picture",
    "PictureBox",
    "chart_table",
    "drawing_note",
    "figure_rows",
    "legend_title_above",
    "picture",
    "picture_and_table",
    "redraw_in_place",
    "redraw_table",
    "same",
    "table_html",
    "two_line_title",
]
