"""What every picture shares, without plotly: the palette, the look, the map's geometry.

The plotly charts (``charts``, ``charts_followups``, ``charts_cohort``) and the printed
plan's and the cohort page's SVG pictures (``export.svg``) draw with the same colours and
put people in the same places, so a participant recognises the printed map. Nothing here
imports plotly, so the exports and the cohort page can use it without the 4 MB library.

Colours: the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness (Okabe & Ito 2008, "Color Universal Design").
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.vocab import Context, GoalKind, TieStrength

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
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 15}


# Plotly draws a subset of HTML in every piece of text it shows (labels, hover, titles,
# legends, annotations): ``<a href>`` becomes a live link, ``<b>`` bold. So text from a
# participant, a contacts file or a summary is escaped on its way into a figure. Plotly
# decodes only &amp; &lt; &gt; and numeric entities (``&quot;`` would show as typed), so
# exactly those three characters are escaped; control characters, which no SVG can hold,
# are dropped.
_PLOT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CONTROL_BUT_NUL = re.compile("[\x01-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def plot_text(value: object) -> str:
    """``value`` as text plotly shows exactly as typed: ``<a href=…>`` stays words."""
    return _CONTROL.sub("", str(value)).translate(_PLOT_ESCAPES)


def plot_texts(values: Iterable[object]) -> list[str]:
    """``plot_text`` of each value, in order. The whole list at once when no value holds a
    control character (the usual case: 30,000 names in a few ms, not 0.2 s)."""
    texts = [str(v) for v in values]
    if not texts:
        return []
    joined = "\x00".join(texts)  # NUL never survives plot_text, so it cannot be in a result
    if joined.count("\x00") == len(texts) - 1 and _CONTROL_BUT_NUL.search(joined) is None:
        # three replaces, "&" first: what the translation table does, at C speed
        return (joined.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .split("\x00"))
    return [plot_text(t) for t in texts]


def wrapped_label(value: object, width: int) -> str:
    """``value`` as ``plot_text`` on lines of at most ``width`` characters, broken at spaces
    with plotly's ``<br>`` (a word longer than ``width`` stays whole): plotly never wraps a
    label, and a long one either tilts (running into what lies below) or is cut by the
    picture's edge, since the room plotly makes for labels is at most part of a phone's
    width. Escaped line by line, so a break never falls inside ``&amp;``."""
    lines = textwrap.wrap(str(value), width, break_long_words=False,
                          break_on_hyphens=False) or [""]
    return "<br>".join(plot_text(line) for line in lines)


# A closeness under its pair of bars, on lines of this many characters: "In regular<br>
# touch" (the step 2 and the facilitator's "counting inwards" charts).
CLOSENESS_TICK_CHARS = 10


# A legend laid across the foot of the picture, under the axis labels and the axis title.
# Placed against the whole picture ("container"), so plotly makes room for it below
# whatever the axis holds; at a negative "paper" height (a share of the plot's height) it
# landed on the axis title or on tilted labels, depending on the screen's width. Entries
# in the order of the traces, which is the order the bars are drawn in.
LEGEND_AT_FOOT: dict[str, Any] = {
    "orientation": "h", "traceorder": "normal", "x": 0, "xref": "container",
    "xanchor": "left", "y": 0, "yref": "container", "yanchor": "bottom"}


def plain_layout(height: int) -> dict[str, Any]:
    """The look of every plain chart: the font, a white ground, light grid, fixed axes."""
    return {"font": FONT, "height": height, "plot_bgcolor": "white",
            "paper_bgcolor": "white", "margin": {"l": 10, "r": 30, "t": 50, "b": 40},
            "yaxis": {"gridcolor": "#e5e5e5", "fixedrange": True},
            "xaxis": {"fixedrange": True}}


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
# The share of the circle left empty at its top, where each ring's name is written (the
# map in step 2 and in the exported plan): a name drawn over people hid them (0.08 of the
# circle is about 140 px of the outer ring on a laptop, wider than "Closeness not set").
LABEL_GAP = 0.08
# The ring and the colour each say which of the two is missing: one "not sorted yet" for
# both once showed 16 grey dots beside a summary of 13 unsorted people.
CLOSENESS_NOT_SET = "Closeness not set"
WHERE_FROM_NOT_SET = "Where from not set"


class RowMemo:
    """The last column given and what ``compute`` made of it, row by row, so that the same
    column again costs one comparison and a column with people added at its end only the
    new rows (30,000 names are hashed or escaped in 10-30 ms; compared in 2).

    A caller that knows its table only grew since its last call says so with a token
    (``same_rows``: any value it changes whenever a row's value may have changed, as step
    2's session's ``rows_token``): given the token of the last call, the rows already
    read are taken as they are, with no comparison of 30,000 names (about 10 ms each).

    ``compute`` must work row by row: its result for a row depends on that row only.
    """

    def __init__(self, compute: Callable[[pd.Series], np.ndarray]) -> None:
        self.compute = compute
        self._column: pd.Series | None = None
        self._result: np.ndarray | None = None
        self._given: pd.Series | None = None  # the column as given, not copied
        self._token: Hashable | None = None  # the same_rows of the last call

    def __call__(self, column: pd.Series, same_rows: Hashable | None = None) -> np.ndarray:
        given, result, kept = self._given, self._result, self._column
        trusted = same_rows is not None and same_rows == self._token
        self._token = same_rows
        if given is not None and result is not None and column.array is given.array:
            # The very same values: pandas copies a table's column before changing it
            # while another Series still holds it (copy-on-write), so the same array
            # means nobody changed it; no comparison of 30,000 names (10 ms each time).
            return result
        self._given = column
        column = column.reset_index(drop=True)
        if trusted and kept is not None and result is not None and len(kept) <= len(column):
            if len(kept) < len(column):  # people added at the end: only theirs
                added = column.iloc[len(kept):]
                result = np.concatenate([result, self.compute(added)])
                kept = pd.concat([kept, added], ignore_index=True)
            self._column, self._result = kept, result  # what the result was made from
            return result
        if kept is None or result is None or len(kept) > len(column) or not (
                column.dtype == kept.dtype and column.iloc[:len(kept)].equals(kept)):
            result = self.compute(column)
        elif len(kept) < len(column):  # people added at the end: only theirs
            result = np.concatenate([result, self.compute(column.iloc[len(kept):])])
        self._column, self._result = column.copy(), result
        return result


def _hashed_fraction(values: pd.Series) -> np.ndarray:
    # hash_pandas_object's numbers, without its grouping of equal ids first (ids and
    # names are nearly all different, so that grouping only costs time)
    hashed = pd.util.hash_array(values.astype("object").fillna("").to_numpy(dtype=object),
                                categorize=False)
    return np.asarray((hashed % 10_000_019) / 10_000_019)


# One memo per column the map spreads people by (the ids and the names).
_FRACTIONS: dict[str, RowMemo] = {}


def _stable_fraction(values: pd.Series, same_rows: Hashable | None = None) -> np.ndarray:
    """A number in [0, 1) per contact id (or name) that never changes, so the map does not
    jump; kept between redraws (``RowMemo``, ``same_rows`` as there), by the column's
    name."""
    memo = _FRACTIONS.setdefault(str(values.name), RowMemo(_hashed_fraction))
    return memo(values, same_rows)


def _codes(values: pd.Series, vocabulary: list[str]) -> np.ndarray:
    """Each value's place in ``vocabulary``; ``len(vocabulary)`` for a blank or a value
    outside it."""
    codes = np.asarray(pd.Categorical(values, categories=vocabulary).codes, dtype=np.intp)
    placed: np.ndarray = np.where(codes < 0, len(vocabulary), codes)
    return placed


def ego_positions(contacts: pd.DataFrame, same_rows: Hashable | None = None) -> pd.DataFrame:
    """x, y for every contact: ring by closeness, a slice of the circle per context,
    round the circle from the top, less its gap for the rings' names (``LABEL_GAP``).

    Slices are sized by how many people each context holds, so a big group gets room;
    within a slice people are spread by a stable hash of their id. ``same_rows``: a
    caller's token saying its ids and names only grew since its last call with it
    (``RowMemo``).
    """
    # By each person's place in the vocabulary (numpy indexing), not a look-up of 30,000
    # texts: "unset" (last) for no where-from, the outer ring for no closeness.
    order = [c.value for c in Context] + ["unset"]
    where = _codes(contacts["context"], order[:-1])
    ring = np.asarray([RING_OF[s.value] for s in TieStrength] + [RING_OF[None]],
                      dtype=float)[_codes(contacts["strength"], [s.value for s in TieStrength])]
    counts = np.bincount(where, minlength=len(order))
    total = max(int(counts.sum()), 1)
    # the circle less the gap at the top where the rings' names are written (``LABEL_GAP``)
    turn = 2 * np.pi * (1 - LABEL_GAP)
    starts = (np.cumsum(counts) - counts) / total * turn
    widths = counts / total * turn
    spread = _stable_fraction(contacts["contact_id"], same_rows)
    angle = np.pi / 2 + np.pi * LABEL_GAP + starts[where] + (0.08 + 0.84 * spread) * widths[where]
    radius = ring + (_stable_fraction(contacts["name"], same_rows) - 0.5) * 0.5
    context = pd.Categorical.from_codes(where, dtype=pd.CategoricalDtype(order))
    return pd.DataFrame({"x": radius * np.cos(angle), "y": radius * np.sin(angle),
                         "ring": ring, "context": context}, index=contacts.index)

