"""The first few of many rows: the same rows, in the same order, as sorting everyone."""

from __future__ import annotations

import numpy as np
import pandas as pd

from networking_kit.followups.first_rows import first


def test_the_first_few_are_the_first_of_everyone_sorted() -> None:
    draw = np.random.default_rng(11)
    size = 200
    frame = pd.DataFrame({"contact_id": [f"c{i:03d}" for i in draw.permutation(size)]})
    layer = draw.integers(0, 4, size).astype(float)
    late = draw.integers(0, 6, size).astype(float)
    late[draw.random(size) < 0.1] = np.nan  # no date: last
    everyone = frame.assign(_a=layer, _b=np.where(np.isnan(late), np.inf, late)).sort_values(
        ["_a", "_b", "contact_id"], kind="stable")["contact_id"].tolist()
    for n in (1, 5, 24, size, None):
        picked = first(frame, [layer, late], n)["contact_id"].tolist()
        assert picked == everyone[: n if n is not None else size]
