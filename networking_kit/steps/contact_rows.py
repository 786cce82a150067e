"""People appended to a step session's contacts without copying every row's text.

Appending two people to 30,000 with ``pd.concat`` copies all 19 columns: about 20 ms,
most of it the text columns (a copy of a column of Python strings touches each string to
count a reference to it). :class:`SpareRows` keeps each text column of the table in an
array with room to spare, so the people an event adds are written into that room and the
new table is a view of the first rows: a few milliseconds (issue 11, ``log_event`` at
30,000 contacts). The other columns (dates, closeness codes) are numbers and copied.

What the caller must know: the table returned shares its text columns' first rows with
the table it was made from. A text cell written afterwards in one of those rows shows in
both; the session that writes one (a note added to someone met again) keeps the old value
to put back on a failure (``steps.followups``). A table not made here (read again, or
changed by pandas into a new column) is copied into fresh room on its next append.
"""

from __future__ import annotations

from typing import Protocol, cast

import numpy as np
import pandas as pd
from pandas.arrays import StringArray

GROWTH = 1.25  # room made for this share more rows than the table holds when it fills up
MIN_ROOM = 64  # and for at least this many more


class _Backed(Protocol):
    """A text column made over an array of Python strings without checking each one
    again (pandas' own way between its arrays; the stubs do not list it)."""

    def _from_backing_data(self, values: np.ndarray) -> StringArray: ...


class SpareRows:
    """The spare room of one session's contacts table, by text column (see the module)."""

    def __init__(self) -> None:
        self._room: dict[str, np.ndarray] = {}  # column → object array, longer than used

    def appended(self, contacts: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
        """``pd.concat([contacts, added.astype(contacts.dtypes)], ignore_index=True)``
        (a RangeIndex; ``added`` has the same columns), its text columns written into
        the room kept for them instead of copied."""
        if not len(added):
            return contacts.copy()
        old, total = len(contacts), len(contacts) + len(added)
        columns: dict[str, object] = {}
        for name in contacts.columns:
            kept, new = contacts[name].array, added[name].array
            if new.dtype != kept.dtype:
                new = new.astype(kept.dtype)
            if isinstance(kept, StringArray):
                room = self._room_for(str(name), kept, total)
                room[old:total] = np.asarray(new, dtype=object)
                columns[str(name)] = cast(_Backed, kept)._from_backing_data(room[:total])
            else:
                columns[str(name)] = type(kept)._concat_same_type([kept, new])
        return pd.DataFrame(columns, copy=False)

    def _room_for(self, name: str, kept: StringArray, total: int) -> np.ndarray:
        """The room of column ``name``, holding ``kept`` at its start and at least
        ``total`` long: the room kept when ``kept`` is a view of its start, else a new one
        with ``kept`` copied in."""
        values = np.asarray(kept)
        room = self._room.get(name)
        if (room is None or values.base is not room or len(room) < total
                or values.ctypes.data != room.ctypes.data):
            grown = np.empty(max(int(total * GROWTH), total + MIN_ROOM), dtype=object)
            grown[:len(values)] = values
            self._room[name] = room = grown
        return room


__all__ = ["SpareRows"]
