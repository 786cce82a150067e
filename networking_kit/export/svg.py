"""Small, self-contained SVG pictures for the printed plan.

The interactive plotly charts need a 4 MB script; a plan must open offline, print
cleanly and stay small, so the document draws its two pictures itself: the ego map and
the layers beside Dunbar's numbers. Same positions and colours as ``charts``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import pandas as pd

from networking_kit.charts import (
    CLOSENESS_NOT_SET,
    CONTEXT_COLOURS,
    OKABE_ITO,
    RING_OF,
    UNSORTED_COLOUR,
    WHERE_FROM_NOT_SET,
    ego_positions,
)
from networking_kit.contacts import Context, TieStrength
from networking_kit.network import LayerRow

_RING_NAMES = {**{s.value: s.short_label for s in TieStrength}, None: CLOSENESS_NOT_SET}
# The map prints about 6 cm wide: labels this size stay readable on paper, and a white
# halo keeps a dot from hiding them.
_LABEL = ('font-size="14" font-weight="600" text-anchor="middle" fill="#555555" '
          'stroke="#ffffff" stroke-width="4" paint-order="stroke"')


def ego_map_svg(contacts: pd.DataFrame, size: int = 420, max_dots: int = 4000) -> str:
    """You in the middle, a dot per person on rings by closeness, coloured by context.

    Above ``max_dots`` people an even sample is drawn (the legend keeps the true counts),
    so a 30,000-person map stays a few hundred kilobytes.
    """
    half = size / 2
    outer = RING_OF[None] + 0.5
    scale = (half - 12) / outer
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
             f'width="{size}" height="{size}" role="img" aria-label="Network map">']
    present = set(contacts["strength"].astype("object").where(
        contacts["strength"].notna(), None))
    labels = []
    for value, radius in RING_OF.items():
        if value is None and None not in present:
            continue  # no "not set" ring when everyone has a closeness
        dash = ' stroke-dasharray="3 3"' if value in (TieStrength.DORMANT.value, None) else ""
        parts.append(f'<circle cx="{half}" cy="{half}" r="{radius * scale:.1f}" fill="none" '
                     f'stroke="#cccccc" stroke-width="1"{dash}/>')
        if value in present:
            labels.append(f'<text x="{half}" y="{half - radius * scale + 5:.1f}" {_LABEL}>'
                          f"{escape(_RING_NAMES[value])}</text>")
    shown = contacts if len(contacts) <= max_dots else contacts.sample(max_dots, random_state=1)
    positions = ego_positions(shown)
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


def context_legend(contacts: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(colour, label, count) for each context present, biggest first: the map's key."""
    counts = contacts["context"].astype("object").fillna("unset").value_counts()
    out = []
    for value, count in counts.items():
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
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">']
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


def layers_svg(rows: Sequence[LayerRow], width: int = 420, height: int = 200) -> str:
    """Paired bars: your people at each closeness (counting inwards) and Dunbar's number."""
    shown = [(r.strength.value.capitalize(), r.cumulative, r.typical_cumulative)
             for r in rows if r.typical_cumulative is not None]
    return paired_bars_svg(shown, "Layers", width, height)
