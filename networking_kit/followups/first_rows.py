"""The first few of many rows: ordering only the rows that can be among them.

Suggestions pick a handful of people out of 30,000 (the 24 most overdue, the six
closest with something to offer): sorting everyone by several keys and then by contact
id costs tens of milliseconds, so these helpers find the rows that can be among the first
``n`` whatever the tie-break (``candidates``) and sort only those. The result is the
same rows in the same order as sorting everyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

from networking_kit.vocab import ASKABLE, TieStrength, Trust


@dataclass(frozen=True)
class GiveRows:
    """Whom the give-first suggestions draw on, as row positions of the contacts table in
    the order they are read (closest first, then by contact id): ``offers``, sorted and
    not dormant people the participant noted something to offer; ``referrers``, people
    close enough to ask, trusted, who can help with something. Finding and ordering them
    reads four columns of every row (tens of milliseconds at 30,000 contacts); which of
    them is read then depends on limits that grow with every skipped action, so a step
    session keeps these while those columns are the same, and a skip costs only the few
    rows read (issue 11)."""

    offers: np.ndarray  # int64 positions
    referrers: np.ndarray  # int64 positions


def give_rows(contacts: pd.DataFrame) -> GiveRows:
    """The :class:`GiveRows` of ``contacts`` (the canonical table)."""
    strength = contacts["strength"].astype("object")
    warm = ~strength.isin([TieStrength.DORMANT.value]) & strength.notna()
    offers = (warm & contacts["i_can_offer"].notna()).fillna(False).to_numpy(dtype=bool)
    trusted = (strength.isin([s.value for s in ASKABLE])
               & (contacts["trust"].astype("object") == Trust.HIGH.value)
               & contacts["can_help_with"].notna()).fillna(False).to_numpy(dtype=bool)
    return GiveRows(_closest_positions(contacts, offers), _closest_positions(contacts, trusted))


def _closest_positions(contacts: pd.DataFrame, chosen: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(chosen)
    rank = {s.value: i for i, s in enumerate(TieStrength)}
    part = contacts.iloc[rows]
    key = part["strength"].astype("object").map(rank).fillna(len(rank))
    order = pd.DataFrame({"key": key.to_numpy(dtype=float),
                          "contact_id": part["contact_id"].to_numpy(dtype=object)})
    ordered: np.ndarray = rows[order.sort_values(["key", "contact_id"], kind="stable")
                               .index.to_numpy()]
    return ordered


def records(contacts: pd.DataFrame, positions: np.ndarray,
            n: int | None = None) -> list[dict[str, Any]]:
    """The rows at the first ``n`` of ``positions`` (all when None), as dicts by column."""
    chosen = positions if n is None else positions[:n]
    return row_dicts(contacts.iloc[chosen])


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame.to_dict("records")`` (the same keys, values and types: a blank text is
    None, a blank closeness NaN) built a column at a time: three times quicker for the
    thousands of rows step 3 reads on opening (issue 11)."""
    names = [str(name) for name in frame.columns]
    columns = []
    for at in range(len(names)):
        column = frame.iloc[:, at]
        if column.dtype == object or isinstance(column.dtype, ExtensionDtype):
            # as to_dict boxes them: a missing value is None, a numpy number a Python one
            # (the cells taken out as one object array: an extension array's own
            # iteration, cell by cell, was most of the time)
            values = [None if v is pd.NA else v.item() if isinstance(v, np.generic) else v
                      for v in column.to_numpy(dtype=object).tolist()]
        else:
            values = list(column)
        columns.append(values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def stable_order(ids: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """The positions of the rows ordered by ``keys`` (numbers, smallest first, no NaN,
    most important first) and then by ``ids`` (text, all different): what a stable
    ``sort_values([*keys, "contact_id"])`` gives, without pandas sorting 15,000 texts
    through a categorical (a third of a second; numpy's sort of Python strings takes a
    few milliseconds)."""
    order = np.argsort(ids, kind="stable")
    for key in reversed(keys):
        order = order[np.argsort(key[order], kind="stable")]
    return order


def records_lazily(contacts: pd.DataFrame, positions: np.ndarray,
                   first: int = 50) -> Iterator[dict[str, Any]]:
    """The rows at ``positions`` in turn, the first ``first`` read at once and the rest
    only when asked for (a few are usually enough)."""
    yield from records(contacts, positions, first)
    if len(positions) > first:
        yield from records(contacts, positions[first:])


def one_of(values: np.ndarray, wanted: list[str]) -> np.ndarray:
    """Which of ``values`` (an object array) is one of the few ``wanted`` strings."""
    found = np.zeros(len(values), dtype=bool)
    for value in wanted:
        found |= values == value
    return found


def candidates(keys: list[np.ndarray], n: int | None) -> np.ndarray:
    """Which rows can be among the first ``n`` ordered by ``keys`` (numbers, smallest
    first, NaN last, most important key first) whatever the tie-break: a bool mask."""
    keys = [np.where(np.isnan(k), np.inf, k) for k in keys]
    size = len(keys[0]) if keys else 0
    if n is None or size <= n:
        return np.ones(size, dtype=bool)
    last = np.lexsort(tuple(reversed(keys)))[n - 1]
    keep = np.zeros(size, dtype=bool)
    equal = np.ones(size, dtype=bool)
    for key in keys:
        keep |= equal & (key < key[last])
        equal &= key == key[last]
    return keep | equal


def first(frame: pd.DataFrame, keys: list[np.ndarray], n: int | None) -> pd.DataFrame:
    """The first ``n`` rows ordered by ``keys`` (numbers, smallest first, NaN last, most
    important key first) and then by contact id. Only the rows that can be among the
    first ``n`` are ordered, and of those tied with the ``n``-th on every key only the
    contact ids are sorted, so picking 24 people out of 30,000 stays quick."""
    keys = [np.where(np.isnan(k), np.inf, k) for k in keys]
    if n is None:
        columns = {f"_key{i}": key for i, key in enumerate(keys)}
        ordered = frame.assign(**columns).sort_values([*columns, "contact_id"],
                                                      kind="stable")
        return ordered.drop(columns=list(columns))
    return frame.iloc[first_positions(keys, frame["contact_id"].to_numpy(dtype=object), n)]


def first_positions(keys: list[np.ndarray], ids: np.ndarray, n: int) -> np.ndarray:
    """The positions of the first ``n`` rows ordered by ``keys`` (numbers, no NaN, most
    important first) and then by ``ids`` (text), in that order."""
    size = len(ids)
    if size == 0 or n <= 0:
        return np.zeros(0, dtype=np.int64)
    by_keys = np.lexsort(tuple(reversed(keys))) if keys else np.arange(size)
    last = by_keys[min(n, size) - 1]
    better = np.zeros(size, dtype=bool)
    tied = np.ones(size, dtype=bool)
    for key in keys:
        better |= tied & (key < key[last])
        tied &= key == key[last]
    ahead = sorted(np.flatnonzero(better).tolist(),
                   key=lambda r: (*(float(k[r]) for k in keys), str(ids[r])))
    level = np.flatnonzero(tied)
    level = level[np.argsort(np.array([str(i) for i in ids[level]], dtype=object),
                             kind="stable")]
    return np.array(ahead + level[: n - len(ahead)].tolist(), dtype=np.int64)
