"""The who-knows-whom census: whom to offer, whom to start with, how many to allow.

Pairs grow as n², so the census is about a few of the participant's closest people
(``settings.CENSUS_MAX``), chosen from the people close enough to ask
(``vocab.TieStrength.askable``). Pure functions on the canonical contacts table.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from networking_kit.settings import CENSUS_CANDIDATES, CENSUS_MAX
from networking_kit.vocab import ASKABLE, INNER, TieStrength

_RANK = {s.value: n for n, s in enumerate(TieStrength)}


def candidates(contacts: pd.DataFrame, saved: list[str]) -> dict[str, str]:
    """{contact id: name} to choose from: everyone close enough to ask, and whoever was
    chosen before, closest first then by name; at most ``CENSUS_CANDIDATES`` (more only
    to keep every saved choice)."""
    strength = contacts["strength"].astype("object")
    chosen = contacts[strength.isin([s.value for s in ASKABLE])
                      | contacts["contact_id"].isin(saved)]
    rank = chosen["strength"].astype("object").map(_RANK).fillna(len(TieStrength))
    chosen = chosen.assign(_rank=rank).sort_values(["_rank", "name"])
    chosen = chosen.head(max(CENSUS_CANDIDATES, len(saved)))
    return {str(c): str(n) for c, n in zip(chosen["contact_id"], chosen["name"], strict=True)}


def default_members(contacts: pd.DataFrame) -> list[str]:
    """Whom the census starts with before the participant chose: the innermost people,
    up to ``CENSUS_MAX``, closest first."""
    offered = candidates(contacts, [])
    inner = set(contacts.loc[contacts["strength"].astype("object").isin(
        [s.value for s in INNER]), "contact_id"].astype(str))
    return [c for c in offered if c in inner][:CENSUS_MAX]


def clip_members(members: Iterable[str], known: set[str]) -> list[str]:
    """The choice as saved: people in the map, each once, at most ``CENSUS_MAX``."""
    return [c for c in dict.fromkeys(members) if c in known][:CENSUS_MAX]
