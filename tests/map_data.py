"""Small maps and goals for the tests that read a map against a goal (gaps, metrics).

    from map_data import TODAY, contacts_with, goal_of, small_map

``small_map()`` is six people across fintech, software and banking with every closeness
from Closest to Dormant, so coverage, re-warming, introducers and the metrics all have
something to find.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.goals import Goal
from networking_kit.venues import Commitment
from networking_kit.vocab import GoalKind

TODAY = date(2026, 11, 23)


def contacts_with(**columns: list) -> pd.DataFrame:
    """A normalised contacts table with the given columns and names P0, P1, …"""
    size = len(next(iter(columns.values())))
    return normalise_contacts(pd.DataFrame({"name": [f"P{i}" for i in range(size)], **columns}))


def goal_of(kind: str, targets: list[str], who: str = "", venues: tuple[str, ...] = ()) -> Goal:
    """A goals.Goal with just what find_gaps reads: the kind, targets, audience and venues."""
    return Goal(kind=GoalKind(kind), targets=targets, who=who,
                commitments=[Commitment(f"venue_{i}", name) for i, name in enumerate(venues)])


def small_map() -> pd.DataFrame:
    """Six people; see the module's docstring."""
    return normalise_contacts(pd.DataFrame([
        {"name": "Fay Fin", "company": "Kestrel Payments", "tags": "fintech",
         "strength": "known", "last_contact": "2026-10-01"},
        {"name": "Col League", "company": "Kestrel Payments", "tags": "software",
         "strength": "close", "last_contact": "2026-11-01"},
        {"name": "Bea Bank", "tags": "banking", "strength": "regular",
         "last_contact": "2026-11-10"},
        {"name": "Old Pal", "tags": "fintech", "strength": "dormant", "trust": "high",
         "last_contact": "2023-01-01"},
        {"name": "Weak Link", "tags": "banking", "strength": "acquaintance",
         "last_contact": "2026-11-01"},
        {"name": "Pia Price", "can_help_with": "pricing strategy", "strength": "closest",
         "last_contact": "2026-11-20"},
    ]))
