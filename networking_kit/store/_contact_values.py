"""The contacts table's stored form: the TEXT values a row holds (ISO days, vocabulary
codes, None for blank) to and from the canonical table's columns, a column at a time.

Split from ``_contacts`` (the table's reads and writes) so each module keeps to one
concept; ``_contacts_cache`` is the other way a page gets the canonical table.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Set
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.contact_fields import CATEGORY_DTYPES
from networking_kit.contacts import COLUMN_NAMES, DATE_COLUMNS, empty_contacts


def table_of_rows(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Rows of the contacts table (every column of ``COLUMN_NAMES``, in order) as the
    canonical table.

    Built a column at a time straight into each column's dtype: the same table as
    ``apply_dtypes(DataFrame.from_records(rows))`` without its object-column table and
    the copy of it (about 300 -> 130 ms of opening step 2 at 30,000 people). A date the
    store did not write as an ISO day (an older file) goes the slower way, through
    ``pandas.to_datetime``; a vocabulary value outside its list reads as blank, as in
    ``apply_dtypes``.
    """
    if not rows:
        return empty_contacts()
    columns: dict[str, Any] = {}
    for name, values in zip(COLUMN_NAMES, zip(*rows, strict=True), strict=True):
        if name in DATE_COLUMNS:
            columns[name] = _dates(values)
        elif name in CATEGORY_DTYPES:
            columns[name] = _category(values, CATEGORY_DTYPES[name])
        else:
            columns[name] = pd.array(values, dtype=pd.StringDtype())
    return pd.DataFrame(columns, copy=False)


def _category(values: tuple[Any, ...], dtype: pd.CategoricalDtype) -> pd.Categorical:
    """Stored codes as a categorical column; a code outside the list reads as blank."""
    codes = dtype.categories.get_indexer(pd.Index(values, dtype=object))
    return pd.Categorical.from_codes(codes, dtype=dtype)


def _dates(values: tuple[Any, ...]) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """Stored days (ISO text or None) as ``datetime64[s]``."""
    try:
        return np.array(values, dtype="datetime64[s]")
    except ValueError:  # not ISO text: let pandas read it, as apply_dtypes does
        return pd.to_datetime(pd.Series(values, dtype=object)).astype(
            "datetime64[s]").to_numpy()


def stored_rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """A canonical table as tuples of the TEXT values the contacts table stores
    (ISO dates, vocabulary codes, None for blank), built a column at a time."""
    return list(zip(*stored_columns(frame), strict=True))


def stored_columns(frame: pd.DataFrame, empty: Set[str] = frozenset(),
                    ) -> list[Iterable[Any]]:
    """``stored_rows`` a column at a time (each a list, in ``COLUMN_NAMES`` order); a
    column named in ``empty`` (known to hold no value) is endless Nones, not a list."""
    return [itertools.repeat(None) if name in empty else
            stored_column(frame[name], name in DATE_COLUMNS) for name in COLUMN_NAMES]


_FEW = 32  # up to this many rows a column is converted value by value (no array set-up)


def stored_column(series: pd.Series, is_date: bool) -> list[Any]:
    if len(series) <= _FEW:
        return [_stored_value(v, is_date) for v in series.tolist()]
    if is_date:
        days = pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
        texts = days.astype(str).astype(object)
        texts[np.isnat(days)] = None
        return texts.tolist()
    # One call for the missing values (a third of the time ``astype`` then ``where`` took;
    # pandas takes None as ``na_value``, its type stubs do not).
    values = series.to_numpy(dtype=object, na_value=None).tolist()  # type: ignore[call-overload]
    return [v if v is None or (type(v) is str and v.isascii()) else _fresh_text(v)
            for v in values]


def _fresh_text(value: Any) -> str:
    """``value`` as text in a string of its own, for SQLite to take.

    SQLite takes text as UTF-8, and Python keeps the UTF-8 form it makes of a string
    that is not plain ASCII inside that string for as long as it lives: bound as they
    are, the table's own values each kept a copy (a 30,000-row LinkedIn export's names
    and addresses with an accent: 0.13x its size, for as long as the table is held).
    A fresh string takes that copy with it when the row is written.
    """
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8").decode("utf-8")


def _stored_value(value: Any, is_date: bool) -> Any:
    """One value as ``stored_column`` stores it: an ISO day, text, or None for blank."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and np.isnan(value)):
        return None
    if is_date:
        return pd.Timestamp(value).date().isoformat()
    return value if isinstance(value, str) else str(value)
