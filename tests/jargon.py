"""Words and phrases a participant should never have to read in a metric, a gap sentence
or a summary: the research terms and the number-speak ("where 1 is the most varied") live
behind "details" only. Used by the tests of each module that writes such sentences."""

from __future__ import annotations

import re

JARGON = ("constraint", "effective size", "betweenness", "centrality", "ego", "alter",
          "dunbar", "iqv", "blau", "density", "brokerage", "structural hole", "homophily",
          "heterogeneity", "node", "edge", "clustering", "census", "tie strength",
          "qualitative variation", "normalised", "normalized", "index", "coefficient",
          "where 1 is", "where 0 is", "on a scale of", "out of 1")


def jargon_in(text: str) -> list[str]:
    """The entries of ``JARGON`` found in ``text`` (whole words, any case, plural too)."""
    return [w for w in JARGON
            if re.search(rf"(?<!\w){re.escape(w)}s?(?!\w)", text.casefold())]
