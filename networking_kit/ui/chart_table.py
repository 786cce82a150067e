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
from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import Undefined

from networking_kit.ui.picture import (
    PICTURE_CONFIG,
    SERVED_CODE,
    TITLE_CHARS,
    Picture,
    Spec,
    legend_title_above,
    picture,
    prepared,
    two_line_title,
)

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


def _field(trace: Any, key: str) -> Any:
    """A trace's property, from a trace dict (a spec's) or a plotly trace."""
    if isinstance(trace, dict):
        return trace.get(key, "scatter" if key == "type" else None)
    return getattr(trace, key, None)


def figure_rows(figure: go.Figure | Spec) -> list[tuple[str, str, str]]:
    """(group, label, value) rows of what ``figure`` (a figure or its spec) shows: every
    bar, each value of a histogram with how often it comes, and for every other
    trace with a name in the legend how many points it draws."""
    rows: list[tuple[str, str, str]] = []
    for trace in figure.get("data", []) if isinstance(figure, dict) else figure.data:
        name = _plain(str(_field(trace, "name") or ""))
        kind = _field(trace, "type")
        if kind == "bar":
            across = _field(trace, "orientation") == "h"
            labels = _cells(_field(trace, "y" if across else "x"))
            values = _cells(_field(trace, "x" if across else "y"))
            for label, value in zip(labels, values, strict=False):
                rows.append((name, _number(label), _number(value)))
        elif kind == "histogram":  # how many of each value
            counts = Counter(_cells(_field(trace, "x")))
            rows.extend((name, _number(v), str(n)) for v, n in sorted(counts.items()))
        elif name and _field(trace, "showlegend") is not False:
            count = len(_cells(_field(trace, "x")))
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


def spec_of(figure: go.Figure | Spec) -> Spec:
    """``figure`` as plain data (``{"data": [trace dicts], "layout": {...}}``): a spec as
    it is, a ``go.Figure`` written out (its layout then also holds plotly's template)."""
    if isinstance(figure, dict):
        return figure
    written: Spec = figure.to_plotly_json()
    return written


def redraw_in_place(shown: go.FigureWidget, figure: go.Figure | Spec,
                    before: Spec | None = None) -> bool:
    """Make ``shown`` draw ``figure``: only the properties that changed since ``before``
    (what ``shown`` draws; default: read from ``shown``), in one message (plotly's
    ``plotly_update``, which takes the values as they are: a spec made by the same code as
    the figure ``shown`` was made and checked with needs no second check); False (nothing
    done) when the traces are not the same kinds in the same order, for the caller to make
    a new widget.

    A page that opens the widget afterwards (Voila's page connecting late, JupyterLab
    reloaded) asks for its whole state: a :class:`Picture` then gives the figure it draws
    now, not the one it was made with (:meth:`Picture.get_state`).
    """
    new = spec_of(figure)
    old = before if before is not None else shown.to_plotly_json()
    new_data, old_data = new.get("data", []), old.get("data", [])
    if [t.get("type", "scatter") for t in old_data] != [t.get("type", "scatter")
                                                       for t in new_data]:
        return False
    layout_now, layout_new = old.get("layout", {}), new.get("layout", {})
    relayout = {key: layout_new.get(key) for key in layout_now.keys() | layout_new.keys()
                if key != "template" and not same(layout_now.get(key), layout_new.get(key))}
    changes: dict[int, dict[str, Any]] = {}
    for index, (now, wanted) in enumerate(zip(old_data, new_data, strict=True)):
        changed = {key: wanted.get(key) for key in now.keys() | wanted.keys()
                   if key not in _PAGE_OWNED and not same(now.get(key), wanted.get(key))}
        if changed:
            changes[index] = changed
    if not changes and not relayout:
        return True
    indexes = sorted(changes)
    restyle = {key: [changes[i].get(key, Undefined) if key in changes[i] else Undefined
                     for i in indexes]
               for key in sorted({k for change in changes.values() for k in change})}
    shown.plotly_update(restyle_data=restyle, relayout_data=relayout,
                        trace_indexes=indexes)
    if isinstance(shown, Picture):
        shown.redrawn()
    return True


_NOTHING = object()
# Whether PictureBox redraws its widget in place (redraw_in_place) or makes a new one when
# its data changed. In place only when this kernel's server serves plotly's code once (the
# workshop app: networking_kit/plotly_bundle.py).
# Else plotly's widget, an anywidget (plotly 6+), carries its own 5 MB copy of its code,
# and anywidget 0.11 gives each widget's page model 2 s to load it before it gives up
# ("[anywidget] Failed to initialize model." in the console); the chart still shows what
# it was made with, but every later message to that model is dropped, so a redraw in place
# never shows (on a busy 2-core machine every picture of step 2 failed so). A new widget
# always arrives whole, with its data in its first message (``Picture``). The keys skip
# every picture whose data did not change, either way.
IN_PLACE = SERVED_CODE is not None


def drawing_note(text: str) -> str:
    """A note that a picture is still being drawn, in the step bar's "getting ready" look
    (class ``nk-loading``, which the browser tests wait on too)."""
    return f"<p class='nk-loading nk-drawing' role='status'>{html.escape(text)}</p>"


class PictureBox:
    """One picture and its table in a column box (``widget``): with ``IN_PLACE``, its
    widget redrawn in place by :func:`redraw_in_place` (a new one only when the picture's
    traces change kind), else a new widget each time its data changed.

    :meth:`draw` takes what the picture is drawn from (``key``) and skips the drawing
    when that has not changed since the last time.
    """

    def __init__(self) -> None:
        self.widget = widgets.Box(layout=widgets.Layout(width="100%", flex_flow="column"))
        self.picture: go.FigureWidget | None = None
        self.table: widgets.HTML | None = None
        self._key: Any = _NOTHING
        self._shown: Spec | None = None  # what the picture draws, as plain data

    def draw(self, build: Callable[[], go.Figure | Spec], key: Any = _NOTHING) -> bool:
        """Show ``build()``'s figure (a ``go.Figure``, or a spec: ``{"data": [trace
        dicts], "layout": {...}}`` that plotly accepts), unless ``key`` (when given) equals
        the key of the picture shown: returns whether it drew."""
        if key is not _NOTHING and self.picture is not None and same(key, self._key):
            return False
        figure = prepared(build())
        spec = spec_of(figure) if IN_PLACE else None
        if self.picture is None or spec is None or not redraw_in_place(
                self.picture, spec, self._shown):
            old = self.picture
            made = figure if isinstance(figure, go.Figure) else go.Figure(figure)
            self.picture = Picture(made, PICTURE_CONFIG, fixed=True)
            self.table = chart_table(self.picture)
            self.widget.children = [self.picture, self.table]
            if old is not None:
                old.close()
        else:
            assert self.table is not None
            text = table_html(figure_rows(figure))
            if self.table.value != text:
                self.table.value = text
        self._shown = spec
        self._key = key
        return True

    def clear(self) -> None:
        """No picture (an empty map): the box is empty until the next :meth:`draw`."""
        if self.picture is not None:
            self.picture.close()
        self.picture, self.table, self._key, self._shown = None, None, _NOTHING, None
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
    "prepared",
    "redraw_in_place",
    "redraw_table",
    "same",
    "spec_of",
    "table_html",
    "two_line_title",
]
