"""Who is on track, due or overdue with their keep-warm rhythm, as arrays kept between
clicks.

:func:`keep_warm_status` is the table the page shows. It is built in two layers, so a
step session can keep the first and work out the second again in a millisecond:

- :class:`WarmBase`: what keep-warm reads of each contact, by row position, that no
  rhythm changes (closeness, days since the last contact and since connecting, the
  order by name). After a call or a tick only the rows whose last contact moved are read
  again (:func:`with_last_contacts`), after an event the new people are appended
  (:func:`with_appended`): reading 30,000 rows again costs tens of milliseconds (issue 11).
- :class:`KeepWarm`: the base with the rhythms in use (:func:`with_rhythms`), a few
  whole-column numpy operations. Its :meth:`KeepWarm.table` is ``keep_warm_status``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.followups.cadences import Cadence, Cadences, name_order
from networking_kit.vocab import KeepWarmStatus

# The status of each state code of :attr:`KeepWarm.state`.
STATES = (KeepWarmStatus.ON_TRACK, KeepWarmStatus.DUE, KeepWarmStatus.OVERDUE,
          KeepWarmStatus.NO_DATE)
_STATES = np.array([s.value for s in STATES], dtype=object)


@dataclass(frozen=True)
class WarmBase:
    """What keep-warm reads of each contact, by row position of the contacts table:
    ``ids`` (object) and ``index`` (contact id → position), ``codes`` (int64: the
    closeness as a position in ``layers``, the tie-strength values; -1 when not sorted),
    ``known`` and ``connected`` (float: whole days from the last contact and from
    connecting to ``today``, NaN when missing), ``names`` (object: str or ``pd.NA``) and
    ``rank`` (int64: ``cadences.name_order``)."""

    today: date
    ids: np.ndarray
    index: dict[str, int]
    codes: np.ndarray
    layers: tuple[Any, ...]
    known: np.ndarray
    connected: np.ndarray
    names: np.ndarray
    rank: np.ndarray


def warm_base(contacts: pd.DataFrame, today: date, names: np.ndarray | None = None,
              ) -> WarmBase:
    """The :class:`WarmBase` of ``contacts`` (the canonical table); ``names`` is
    ``name_order(contacts)`` when the caller kept it."""
    codes, layers = _layer_codes(contacts["strength"])
    ids = contacts["contact_id"].astype("object").to_numpy()
    return WarmBase(today, ids, {str(cid): at for at, cid in enumerate(ids)}, codes,
                    tuple(layers), _days(today, contacts["last_contact"]),
                    _days(today, contacts["connected_on"]),
                    contacts["name"].astype("object").to_numpy(),
                    name_order(contacts) if names is None else names)


def with_last_contacts(base: WarmBase, contacts: pd.DataFrame,
                       positions: list[int]) -> WarmBase:
    """``base`` with the last contact of the rows at ``positions`` read again from
    ``contacts`` (nobody added, removed or moved; nothing else of them changed)."""
    if not positions:
        return base
    known = base.known.copy()
    known[positions] = _days(base.today, contacts["last_contact"].iloc[positions])
    return WarmBase(base.today, base.ids, base.index, base.codes, base.layers, known,
                    base.connected, base.names, base.rank)


def with_appended(base: WarmBase, contacts: pd.DataFrame, names: np.ndarray) -> WarmBase:
    """``base`` with the rows of ``contacts`` past its end (people appended; nobody
    before them changed) read and added; ``names``: ``name_order(contacts)``. A closeness
    not seen before means reading everyone again."""
    start = len(base.ids)
    added = contacts.iloc[start:]
    if not len(added):
        return base
    codes, layers = _layer_codes(added["strength"])
    place = {value: at for at, value in enumerate(base.layers)}
    if any(value not in place for value in layers):
        return warm_base(contacts, base.today, names)
    lookup = np.array([place[value] for value in layers] + [-1], dtype=np.int64)
    ids = added["contact_id"].astype("object").to_numpy()
    index = dict(base.index)
    index.update((str(cid), start + n) for n, cid in enumerate(ids))
    return WarmBase(
        base.today, np.concatenate([base.ids, ids]), index,
        np.concatenate([base.codes, lookup[codes]]), base.layers,
        np.concatenate([base.known, _days(base.today, added["last_contact"])]),
        np.concatenate([base.connected, _days(base.today, added["connected_on"])]),
        np.concatenate([base.names, added["name"].astype("object").to_numpy()]), names)


@dataclass(frozen=True)
class KeepWarm:
    """A :class:`WarmBase` with rhythms: per row, ``ideal`` and ``maximum`` (float days,
    NaN without a rhythm), ``days`` (the days counted: the last contact, else the
    estimate), ``state`` (int8: a position in :data:`STATES`), ``ratio`` (float: days past
    the ideal ÷ the ideal), ``estimated`` (bool), ``rough`` (object: the
    :class:`~networking_kit.vocab.LastInTouch` value used, else None) and ``sorted``
    (bool: sorted by closeness or with a rhythm of their own: the rows of the table)."""

    base: WarmBase
    cadences: Cadences
    ideal: np.ndarray
    maximum: np.ndarray
    days: np.ndarray
    state: np.ndarray
    ratio: np.ndarray
    estimated: np.ndarray
    rough: np.ndarray
    sorted: np.ndarray

    def table(self) -> pd.DataFrame:
        """:func:`keep_warm_status`: the sorted rows, most overdue for their rhythm first
        (``overdue_ratio``, then name)."""
        rows = np.flatnonzero(self.sorted)
        if len(rows) > 1:
            late = -np.where(np.isnan(self.ratio), -np.inf, self.ratio)
            rows = rows[np.lexsort((self.base.rank[rows], late[rows]))]
        return self.frame(rows)

    def frame(self, rows: np.ndarray) -> pd.DataFrame:
        """The rows at positions ``rows`` (in that order) as :func:`keep_warm_status`
        writes them."""
        base = self.base

        def text(values: np.ndarray) -> pd.Series:  # object columns, as the page reads them
            return pd.Series(values, dtype="object", copy=False)

        return pd.DataFrame({
            "contact_id": text(base.ids[rows]), "name": text(base.names[rows]),
            "strength": text(self.layer_values()[rows]),
            "days_since": _int64(self.days[rows]), "ideal_days": _int64(self.ideal[rows]),
            "max_days": _int64(self.maximum[rows]), "status": text(_STATES[self.state[rows]]),
            "estimated": self.estimated[rows], "rough": text(self.rough[rows]),
            "overdue_ratio": self.ratio[rows]})

    def layer_values(self) -> np.ndarray:
        """Each row's closeness value (object; NaN when not sorted)."""
        values: np.ndarray = np.array([*self.base.layers, np.nan], dtype=object)[
            self.base.codes]
        return values

    def code_of(self, value: str) -> int:
        """The code of one closeness value in :attr:`WarmBase.codes` (-2 when nobody has
        it, which no row's code equals)."""
        return self.base.layers.index(value) if value in self.base.layers else -2

    def counts(self) -> dict[KeepWarmStatus, int]:
        """How many sorted people stand at each status."""
        found = np.bincount(self.state[self.sorted], minlength=len(STATES))
        return {status: int(found[at]) for at, status in enumerate(STATES)}

    def status_of(self, contact_id: str) -> KeepWarmStatus | None:
        """Where one person stands (None when not sorted or not in the map)."""
        at = self.base.index.get(contact_id)
        if at is None or not self.sorted[at]:
            return None
        return STATES[int(self.state[at])]


def with_rhythms(base: WarmBase, cadences: Cadences | None = None) -> KeepWarm:
    """``base`` read with ``cadences`` (the defaults when None): see
    :func:`keep_warm_status` for what each status means."""
    cadences = cadences or Cadences()
    today, codes, size = base.today, base.codes, len(base.ids)
    sorted_ = codes >= 0
    ideal = _per_layer(base.layers, cadences, codes, ideal=True)
    maximum = _per_layer(base.layers, cadences, codes, ideal=False)
    own = _positions(base, cadences.people)
    if own:
        ideal[own] = [cadences.people[str(base.ids[at])].ideal_days for at in own]
        maximum[own] = [cadences.people[str(base.ids[at])].max_days for at in own]
        sorted_[own] = True
    known, connected = base.known, base.connected
    rough = np.full(size, None, dtype=object)
    answered = _positions(base, cadences.rough)
    if answered:
        rough_days = np.full(size, np.nan)
        answers = [cadences.rough[str(base.ids[at])] for at in answered]
        rough_days[answered] = [float((today - r.day()).days) for r in answers]
        rough_days[~np.isnan(known)] = np.nan
        # the later day of the two is the one known for sure: fewer days since
        used = ~np.isnan(rough_days) & ~(connected < rough_days)
        by_position = dict(zip(answered, answers, strict=True))
        rough[used] = [by_position[int(at)].answer.value for at in np.flatnonzero(used)]
        connected = np.fmin(connected, rough_days)
    estimated = np.isnan(known) & ~np.isnan(connected)
    days = np.where(np.isnan(known), connected, known)
    state = np.zeros(size, dtype=np.int8)  # the position in STATES
    with np.errstate(invalid="ignore", divide="ignore"):
        state[days > ideal] = 1
        state[days > maximum] = 2
        ratio = (days - ideal) / ideal
    state[np.isnan(days)] = 3
    return KeepWarm(base, cadences, ideal, maximum, days, state, ratio, estimated, rough,
                    sorted_)


def keep_warm_status(contacts: pd.DataFrame, today: date,
                     cadences: Cadences | None = None,
                     names: np.ndarray | None = None) -> pd.DataFrame:
    """Each sorted contact's rhythm and where they stand, counted from the last interaction.

    Columns: contact_id, name, strength, days_since, ideal_days, max_days (Int64 days),
    status (a :class:`~networking_kit.vocab.KeepWarmStatus` value), estimated (bool),
    rough and overdue_ratio (float: days past the ideal rhythm ÷ the rhythm, negative while
    on track, NaN with no date). On track up to and including the ideal interval, due after
    it up to and including the maximum, overdue after the maximum.

    Where the last contact is not recorded (every row of a fresh import), the
    participant's rough answer (``cadences.rough``, column ``rough``: the
    :class:`~networking_kit.vocab.LastInTouch` value, else missing) and the day the two
    connected (LinkedIn's "Connected On": they were in touch at least then, a lower
    bound) stand in for it, the later of the two, and ``estimated`` is True. Only a
    person with none of these is "no date". Rows come most overdue for their rhythm first
    (``overdue_ratio``, then name), the order the keep-warm list reads. Contacts not yet
    sorted by closeness (and without a rhythm of their own) are left out. ``names`` is
    ``cadences.name_order`` of ``contacts`` when the caller kept it.
    """
    return with_rhythms(warm_base(contacts, today, names), cadences).table()


def _per_layer(layers: tuple[Any, ...], cadences: Cadences, codes: np.ndarray, *,
               ideal: bool) -> np.ndarray:
    values = [_days_of(cadences.layers.get(k), ideal) for k in layers]
    days: np.ndarray = np.array([*values, np.nan])[codes]
    return days


def _positions(base: WarmBase, wanted: dict[str, Any]) -> list[int]:
    """The positions of the people among ``wanted``'s keys who are in the map, in map
    order."""
    if not wanted:
        return []
    return sorted(at for cid in wanted if (at := base.index.get(cid)) is not None)


def _layer_codes(strength: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Each row's closeness as a code into the returned values (-1: not sorted)."""
    if isinstance(strength.dtype, pd.CategoricalDtype):
        return (strength.cat.codes.to_numpy(dtype=np.int64),
                list(strength.cat.categories.astype("object")))
    codes, values = pd.factorize(strength.astype("object"), use_na_sentinel=True)
    return codes.astype(np.int64), list(values)


def _days_of(cadence: Cadence | None, ideal: bool) -> float:
    if cadence is None:
        return np.nan
    return float(cadence.ideal_days if ideal else cadence.max_days)


def _days(today: date, column: pd.Series) -> np.ndarray:
    """Whole days from each date of ``column`` to ``today`` (float, NaN where missing),
    as ``Series.dt.days`` counts them (whole days, rounded down)."""
    values = column.to_numpy(dtype="datetime64[s]")
    seconds = np.datetime64(today, "s").astype(np.int64) - values.astype(np.int64)
    days = (seconds // 86_400).astype(float)
    days[np.isnat(values)] = np.nan
    return days


def _int64(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Floats holding whole numbers (NaN where missing) as a nullable Int64 column."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)
