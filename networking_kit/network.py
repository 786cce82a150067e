"""The shape of a participant's network: layers, diversity, weak and dormant ties, brokerage.

Pure functions from the canonical contacts table (and, optionally, the participant's
short census of who knows whom) to numbers. The sentences that explain them live in
``network_metrics``; the map read against the goal lives in ``gaps``. Nothing here draws
or saves anything.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# ASKABLE, WEAK, COLD_AFTER_DAYS and plural have their one home in vocab, settings and
# words; they are re-exported here for the modules that still read them from network.
from networking_kit.settings import COLD_AFTER_DAYS as COLD_AFTER_DAYS
from networking_kit.settings import DUNBAR_LAYERS
from networking_kit.vocab import ASKABLE as ASKABLE
from networking_kit.vocab import WEAK as WEAK
from networking_kit.vocab import Context, TieStrength
from networking_kit.words import plural as plural

if TYPE_CHECKING:
    import networkx as nx

EGO = "__me__"
# Recency bands for "who has gone cold", in days since the last contact.
RECENCY_BANDS: tuple[tuple[str, int], ...] = (
    ("this month", 31), ("last 3 months", 92), ("last 6 months", 183),
    ("last year", 366), ("over a year", 10**6),
)


@dataclass(frozen=True)
class LayerRow:
    """One closeness layer: how many people the participant has there and the usual number."""

    strength: TieStrength
    count: int
    cumulative: int
    typical_cumulative: int | None


# How many rows hold each value of a column (or of a row-by-row reading of the map), blank
# rows under None: what the numbers below are worked out from, so a caller that keeps the
# counts (step 2's session, row by row) never reads 30,000 rows again for one change.
Counts = Mapping[str | None, int]


def value_counts(values: pd.Series) -> Counter[str | None]:
    """:data:`Counts` of ``values``: each value as text, blanks (NA, None) under None."""
    column = values.astype("object")
    return Counter(column.where(column.notna(), None).tolist())


def layer_sizes(contacts: pd.DataFrame) -> list[LayerRow]:
    """People per closeness, from closest outwards, beside Dunbar's cumulative 5/15/50/150."""
    return layer_rows(value_counts(contacts["strength"]))


def layer_rows(strengths: Counts) -> list[LayerRow]:
    """:func:`layer_sizes` from the counts of the closeness codes."""
    rows, running = [], 0
    for strength in TieStrength:
        count = int(strengths.get(strength.value, 0))
        running += count if strength is not TieStrength.DORMANT else 0
        rows.append(LayerRow(strength, count,
                             running if strength is not TieStrength.DORMANT else count,
                             DUNBAR_LAYERS.get(strength)))
    return rows


def untriaged_count(contacts: pd.DataFrame) -> int:
    """Contacts whose closeness is not yet set: the triage step's to-do list."""
    return int(contacts["strength"].isna().sum())


def blau_index(counts: Iterable[int]) -> float:
    """Blau's heterogeneity index, 1 − Σ pᵢ²: the chance two random contacts differ.

    0 when everyone is in one group; approaches 1 as people spread over many groups.
    """
    values = [c for c in counts if c > 0]
    total = sum(values)
    if total == 0:
        return 0.0
    return 1.0 - sum((c / total) ** 2 for c in values)


def iqv(counts: Iterable[int], categories: int) -> float:
    """Index of qualitative variation: Blau's index scaled by its maximum, 1 − 1/k.

    1 means contacts are spread evenly over all ``categories`` possible groups, which
    makes networks with different numbers of groups comparable.
    """
    if categories < 2:
        return 0.0
    return blau_index(counts) / (1.0 - 1.0 / categories)


@dataclass(frozen=True)
class Diversity:
    """How spread out contacts are over one attribute (context, sector or company)."""

    attribute: str
    groups: int
    blau: float
    iqv: float
    largest_group: str | None
    largest_share: float


def diversity(contacts: pd.DataFrame, column: str, categories: int | None = None) -> Diversity:
    """Blau index and IQV over ``column``; blanks are left out rather than counted as a group.

    ``categories`` is the number of groups possible (all contexts for ``context``); by
    default the number of groups seen.
    """
    return diversity_of(value_counts(contacts[column]), column, categories)


def diversity_of(counts: Counts, column: str, categories: int | None = None) -> Diversity:
    """:func:`diversity` from the counts of ``column``'s values (blanks under None). The
    largest group is the one with most people, the first by name among equals."""
    groups = sorted(((n, k) for k, n in counts.items() if k is not None and n > 0),
                    key=lambda nk: (-nk[0], nk[1]))
    if column == "context" and categories is None:
        categories = len(Context)
    k = categories or len(groups)
    sizes = [n for n, _ in groups]
    total = sum(sizes)
    top = groups[0][1] if groups else None
    share = float(groups[0][0] / total) if groups else 0.0
    return Diversity(column, len(groups), blau_index(sizes), iqv(sizes, k), top, share)


def sector_of(contacts: pd.DataFrame) -> pd.Series:
    """The sector of each contact: the first of their tags (the sample and the quick-add
    form put the sector first); blank when there is none. Each distinct tags value is
    read once: 30,000 contacts hold few of them."""
    tags = contacts["tags"]
    if len(tags) <= _FEW_ROWS:  # a person or two added or edited: no column set-up
        return pd.Series([first_tag(v) for v in tags.astype("object")], index=contacts.index,
                         dtype="object", name=tags.name)
    codes, uniques = pd.factorize(tags, use_na_sentinel=True)  # each distinct value once
    if len(uniques) == len(tags):
        return _first_tags(tags)
    first = _first_tags(pd.Series(uniques, dtype=tags.dtype)).to_numpy(dtype=object)
    missing = np.array([None], dtype=object)  # code -1: no tags
    return pd.Series(np.concatenate([first, missing])[codes], index=contacts.index,
                     dtype="object", name=tags.name)


def first_tag(tags: object) -> str | None:
    """:func:`sector_of` of one tags value: its first tag, lower case; None when blank."""
    if not isinstance(tags, str):
        return None
    return tags.split(";")[0].strip().lower() or None


_FEW_ROWS = 16  # up to this many rows ``sector_of`` reads value by value


def _first_tags(tags: pd.Series) -> pd.Series:
    """:func:`sector_of` of each value of ``tags``, read row by row."""
    first = tags.str.split(";").str[0].str.strip().str.lower()
    kept = (first.str.len() > 0).fillna(False).astype(bool)  # blank: None, as first_tag
    return first.astype("object").where(kept, None)


@dataclass(frozen=True)
class TieMix:
    """Shares of strong, weak, dormant and not-yet-sorted ties among all contacts."""

    total: int
    strong: float
    weak: float
    dormant: float
    untriaged: float


def tie_mix(contacts: pd.DataFrame) -> TieMix:
    return tie_mix_of(value_counts(contacts["strength"]), len(contacts))


def tie_mix_of(strengths: Counts, total: int) -> TieMix:
    """:func:`tie_mix` from the counts of the closeness codes among ``total`` people."""
    if total == 0:
        return TieMix(0, 0.0, 0.0, 0.0, 0.0)
    weak = sum(strengths.get(s.value, 0) for s in WEAK)
    dormant = strengths.get(TieStrength.DORMANT.value, 0)
    untriaged = strengths.get(None, 0)
    strong = total - weak - dormant - untriaged
    return TieMix(total, float(strong / total), float(weak / total), float(dormant / total),
                  float(untriaged / total))


def days_since_contact(contacts: pd.DataFrame, today: date) -> pd.Series:
    """Whole days since the last contact; NA where the participant has not said."""
    days: pd.Series = (pd.Timestamp(today) - contacts["last_contact"]).dt.days
    return days


def recency_bands(contacts: pd.DataFrame, today: date) -> pd.Series:
    """How many contacts were last in touch in each band (plus "not recorded")."""
    days = days_since_contact(contacts, today)
    labels, edges = zip(*RECENCY_BANDS, strict=True)
    bands = pd.cut(days, bins=[-10**6, *edges], labels=labels)
    counts = bands.value_counts().reindex(labels, fill_value=0)
    counts["not recorded"] = int(days.isna().sum())
    return counts


# ------------------------------------------------------------------- who knows whom


def _networkx() -> ModuleType:
    """networkx, imported when the census is first read: it takes about 0.6 s to import,
    which every page that imports this module (step 1's chart, step 3's map reading)
    would pay at its start, and only who-knows-whom needs it."""
    return importlib.import_module("networkx")


def ego_graph(contact_ids: Iterable[str], ties: Iterable[tuple[str, str]]) -> nx.Graph[str]:
    """The participant (``EGO``) tied to each contact, plus the ties between contacts.

    Ties that name someone outside ``contact_ids`` are ignored, as are self-ties: the
    census only covers the people the participant chose.
    """
    graph: nx.Graph[str] = _networkx().Graph()
    alters = list(dict.fromkeys(contact_ids))
    graph.add_node(EGO)
    graph.add_edges_from((EGO, alter) for alter in alters)
    members = set(alters)
    graph.add_edges_from((a, b) for a, b in ties if a != b and a in members and b in members)
    return graph


@dataclass(frozen=True)
class Brokerage:
    """Burt's measures of how far the participant bridges otherwise separate people."""

    alters: int
    density: float
    constraint: float
    effective_size: float


def brokerage(contact_ids: Iterable[str], ties: Iterable[tuple[str, str]]) -> Brokerage:
    """Density among the contacts, and Burt's constraint and effective size for the participant.

    Low constraint and an effective size near the number of contacts mean the people you
    know do not all know each other: you hear things others do not (Burt 1992).
    """
    nx = _networkx()
    graph = ego_graph(contact_ids, ties)
    alters = [n for n in graph if n != EGO]
    if not alters:
        return Brokerage(0, 0.0, 0.0, 0.0)
    among = graph.subgraph(alters)
    density = nx.density(among) if len(alters) > 1 else 0.0
    constraint = nx.constraint(graph, nodes=[EGO])[EGO]
    effective = nx.effective_size(graph, nodes=[EGO])[EGO]
    return Brokerage(len(alters), float(density), float(constraint), float(effective))


@dataclass(frozen=True)
class Circles:
    """Who knows whom, in groups: ``groups`` are the circles of two or more people who
    are linked (directly or through each other), biggest first; ``bridges`` the people
    whose leaving would split their circle in two (they link people who otherwise would
    not be linked); ``alone`` the people linked to nobody chosen."""

    groups: list[list[str]]
    bridges: list[str]
    alone: list[str]


def circles(contact_ids: Iterable[str], ties: Iterable[tuple[str, str]]) -> Circles:
    """The circles among ``contact_ids`` (the census members) and who bridges them, from
    the confirmed ``ties`` only (the participant's own side left out)."""
    nx = _networkx()
    members = list(dict.fromkeys(contact_ids))
    graph = ego_graph(members, ties)
    graph.remove_node(EGO)
    order = {c: n for n, c in enumerate(members)}
    groups = [sorted(g, key=order.__getitem__) for g in nx.connected_components(graph)
              if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), order[g[0]]))
    bridges = sorted(nx.articulation_points(graph), key=order.__getitem__)
    alone = [c for c in members if graph.degree(c) == 0]
    return Circles(groups, bridges, alone)
