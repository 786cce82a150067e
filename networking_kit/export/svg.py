"""Small, self-contained SVG pictures for the printed plan and the cohort report.

The interactive plotly charts need a 4 MB script; a plan must open offline, print
cleanly and stay small, so the document draws its two pictures itself: the ego map and
the layers beside Dunbar's numbers. Same positions and colours as ``charts``. The bar
writers here are the only ones: the facilitator's cohort page draws with them too. Every
piece of text that goes into a picture is escaped here, on its way in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import pandas as pd

from networking_kit.charts_base import (
    CLOSENESS_NOT_SET,
    CONTEXT_COLOURS,
    OKABE_ITO,
    RING_OF,
    UNSORTED_COLOUR,
    WHERE_FROM_NOT_SET,
    ego_positions,
)
from networking_kit.network import LayerRow
from networking_kit.vocab import Context, TieStrength

_RING_NAMES: dict[str | None, str] = {**{s.value: s.short_label for s in TieStrength},
                                      None: CLOSENESS_NOT_SET}
# The map prints about 6 cm wide: labels this size stay readable on paper, and a white
# halo keeps a dot from hiding them.
_LABEL = ('font-size="14" font-weight="600" text-anchor="middle" fill="#555555" '
          'stroke="#ffffff" stroke-width="4" paint-order="stroke"')


def ego_map_svg(contacts: pd.DataFrame, size: int = 420, max_dots: int = 4000,
                shown: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> str:
    """You in the middle, a dot per person on rings by closeness, coloured by context.

    Above ``max_dots`` people an even sample is drawn (the legend keeps the true counts),
    so a 30,000-person map stays a few hundred kilobytes. ``shown`` is the export's
    privacy filter (``PrivacyFilter.frame``: a dot's place reads the name as shown):
    applied here to the people drawn only, not to every row and column of the map, which
    took about a second at 30,000 contacts (issue 11).
    """
    half = size / 2
    outer = RING_OF[None] + 0.5
    scale = (half - 12) / outer
    parts = [_svg_open(size, size, "Network map")]
    present = set(contacts["strength"].astype("object").where(
        contacts["strength"].notna(), None))
    labels = []
    for value, radius in RING_OF.items():
        if value is None and None not in present:
            continue  # no "not set" ring when everyone has a closeness
        dash = ' stroke-dasharray="3 3"' if value in (TieStrength.DORMANT, None) else ""
        parts.append(f'<circle cx="{half}" cy="{half}" r="{radius * scale:.1f}" fill="none" '
                     f'stroke="#cccccc" stroke-width="1"{dash}/>')
        if value in present:
            labels.append(f'<text x="{half}" y="{half - radius * scale + 5:.1f}" {_LABEL}>'
                          f"{escape(_RING_NAMES[value])}</text>")
    drawn = contacts if len(contacts) <= max_dots else contacts.sample(max_dots, random_state=1)
    if shown is not None:
        drawn = shown(drawn[list(_DRAWN_COLUMNS)])
    positions = ego_positions(drawn)
    for (x, y, context) in zip(positions["x"], positions["y"], positions["context"],
                               strict=True):
        colour = CONTEXT_COLOURS.get(context, UNSORTED_COLOUR)
        parts.append(f'<circle cx="{half + x * scale:.1f}" cy="{half - y * scale:.1f}" r="3.2" '
                     f'fill="{colour}"/>')
    parts.extend(labels)  # after the dots, so no dot covers a ring's name
    parts.append(f'<circle cx="{half}" cy="{half}" r="16" fill="#ffffff" stroke="#333333" '
                 f'stroke-width="2"/><text x="{half}" y="{half + 4}" font-size="11" '
                 'text-anchor="middle" fill="#333333">You</text></svg>')
    return "".join(parts)


_DRAWN_COLUMNS = ("contact_id", "name", "strength", "context")  # what ``ego_positions`` reads


def context_legend(contacts: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(colour, label, count) for each context present, biggest first: the map's key."""
    counts = contacts["context"].astype("object").fillna("unset").value_counts()
    out = []
    for key, count in counts.items():
        value = str(key)
        label = Context(value).label if value != "unset" else WHERE_FROM_NOT_SET
        out.append((CONTEXT_COLOURS.get(value, UNSORTED_COLOUR), label, int(count)))
    return out


def paired_bars_svg(rows: Sequence[tuple[str, float, float]], label: str, width: int = 420,
                    height: int = 200, font_size: int = 10,
                    number: Callable[[float], str] = str) -> str:
    """Pairs of bars, one pair per row: (name, yours, typical), the typical one pale.

    Shared by the plan's layers picture and the facilitator's cohort report. Every piece
    of text is escaped here.
    """
    top = max([v for _, v, _ in rows] + [t for _, _, t in rows] + [1])
    plot_h, base = height - 5 * font_size, height - 3 * font_size
    slot = (width - 20) / max(len(rows), 1)
    parts = [_svg_open(width, height, label)]
    for i, (name, value, typical) in enumerate(rows):
        x = 10 + i * slot
        for j, (amount, colour, extra) in enumerate((
                (value, OKABE_ITO["blue"], ""),
                (typical, OKABE_ITO["grey"], ' fill-opacity="0.55"'))):
            h = plot_h * amount / top
            bx = x + slot * (0.12 + 0.38 * j)
            parts.append(f'<rect x="{bx:.1f}" y="{base - h:.1f}" width="{slot * 0.36:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"{extra}/>')
            parts.append(f'<text x="{bx + slot * 0.18:.1f}" y="{base - h - 3:.1f}" '
                         f'font-size="{font_size}" text-anchor="middle">'
                         f"{escape(number(amount))}</text>")
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{base + font_size + 4}" '
                     f'font-size="{font_size}" text-anchor="middle">{escape(name)}</text>')
    parts.append(f'<line x1="8" y1="{base}" x2="{width - 8}" y2="{base}" stroke="#999999"/>')
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(rows: Sequence[tuple[str, float, str]], label: str, width: int = 640,
             number: Callable[[float], str] = str, name_limit: int = 38) -> str:
    """Horizontal bars, one per row: (name, value, colour), the number written beside each
    so the picture reads without colour. Names longer than ``name_limit`` are cut with "…".
    """
    bar_h, gap, left = 22, 8, 290
    height = max(len(rows), 1) * (bar_h + gap) + 6
    top = max([value for _, value, _ in rows] + [1])
    parts = [_svg_open(width, height, label)]
    for i, (name, value, colour) in enumerate(rows):
        y = 4 + i * (bar_h + gap)
        w = (width - left - 60) * value / top
        shown = name if len(name) <= name_limit else name[: name_limit - 1] + "…"
        parts.append(f'<text x="{left - 8}" y="{y + 15}" font-size="13" text-anchor="end">'
                     f"{escape(shown)}</text>")
        parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                     f'fill="{escape(colour)}" stroke="#333333" stroke-width="0.5"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 15}" font-size="13">'
                     f"{escape(number(value))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(width: float, height: float, label: str) -> str:
    """The opening tag every picture here starts with: its size and its accessible name."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">')


def layers_svg(rows: Sequence[LayerRow], width: int = 420, height: int = 200) -> str:
    """Paired bars: your people at each closeness (counting inwards) and Dunbar's number."""
    shown = [(r.strength.short_label, r.cumulative, r.typical_cumulative)
             for r in rows if r.typical_cumulative is not None]
    return paired_bars_svg(shown, "Layers", width, height)
