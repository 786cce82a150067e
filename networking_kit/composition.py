"""What a participant's map is made of: people per group, for the composition chart.

Pure counting on the canonical contacts table; ``charts.composition_chart`` draws it and
``steps.map.MapSession.composition`` caches it per change.
"""

from __future__ import annotations

import pandas as pd

from networking_kit.network import sector_of
from networking_kit.vocab import Context

# The groupings step 2 offers: {key: what the participant reads}.
COMPOSITIONS: dict[str, str] = {
    "context": "Where you know them from",
    "sector": "Field or sector",
    "company": "Organisation (top 12)",
}
# The same words the map's legend uses for people with no "where from" yet.
WHERE_FROM_NOT_SET = "Where from not set"
NOT_RECORDED = "Not recorded"


def composition_counts(contacts: pd.DataFrame, by: str) -> dict[str, int]:
    """{group label: people}, biggest first, ``by`` one of :data:`COMPOSITIONS`.

    Raises ValueError for another ``by``.
    """
    if by == "context":  # counted by code, then named: not 30,000 look-ups of a label
        counts = contacts["context"].astype("object").value_counts(dropna=False)
        return {(Context(code).label if isinstance(code, str) else WHERE_FROM_NOT_SET):
                int(n) for code, n in counts.items() if n}
    if by == "sector":
        groups = sector_of(contacts).fillna(NOT_RECORDED)
    elif by == "company":
        groups = contacts["company"].astype("object").fillna(NOT_RECORDED)
    else:
        raise ValueError(f"unknown grouping {by!r}; one of {', '.join(COMPOSITIONS)}")
    return {str(k): int(v) for k, v in groups.value_counts().items()}
