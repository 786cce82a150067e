"""The first few of many rows: the same rows, in the same order, as sorting everyone."""

from __future__ import annotations

import numpy as np
import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.followups.first_rows import (
    first,
    give_rows,
    records,
    records_lazily,
    row_dicts,
    stable_order,
)


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


def test_the_give_rows_are_everyone_eligible_closest_first_then_by_id() -> None:
    """``give_rows`` is kept by step 3 between clicks (issue 11): its order must be the
    one the shares and referrals were read in when every click sorted them again."""
    draw = np.random.default_rng(5)
    size = 300
    strengths = ["closest", "close", "regular", "known", "acquaintance", "dormant", None]
    frame = normalise_contacts(pd.DataFrame({
        "name": [f"P{i}" for i in range(size)],
        "strength": [strengths[i] for i in draw.integers(0, len(strengths), size)],
        "trust": [("high", "medium", None)[i] for i in draw.integers(0, 3, size)],
        "i_can_offer": [("an intro", None)[i] for i in draw.integers(0, 2, size)],
        "can_help_with": [("pricing", None)[i] for i in draw.integers(0, 2, size)]}))
    rows = give_rows(frame)
    rank = {s: i for i, s in enumerate(strengths[:-1])}

    def expected(mask: pd.Series) -> list[str]:
        chosen = frame[mask.to_numpy(dtype=bool)]
        return chosen.assign(_r=chosen["strength"].astype("object").map(rank)).sort_values(
            ["_r", "contact_id"], kind="stable")["contact_id"].tolist()

    strength = frame["strength"].astype("object")
    offers = strength.notna() & (strength != "dormant") & frame["i_can_offer"].notna()
    referrers = (strength.isin(["closest", "close", "regular"])
                 & (frame["trust"].astype("object") == "high") & frame["can_help_with"].notna())
    assert len(rows.offers)
    assert len(rows.referrers)
    assert frame["contact_id"].iloc[rows.offers].tolist() == expected(offers)
    assert frame["contact_id"].iloc[rows.referrers].tolist() == expected(referrers)
    # the rows are read as the table's own records, a few at a time or lazily
    assert records(frame, rows.offers, 3) == frame.iloc[rows.offers[:3]].to_dict("records")
    assert list(records_lazily(frame, rows.referrers, 2)) == frame.iloc[
        rows.referrers].to_dict("records")


def test_rows_as_dicts_are_the_tables_own_records() -> None:
    """``row_dicts`` stands in for ``to_dict("records")`` (issue 11): the same keys,
    values and types, blanks included (None for a blank text, NaN for a blank closeness,
    NaT for a blank date), and numbers as Python numbers."""
    frame = normalise_contacts(pd.DataFrame({
        "name": ["Ann One", "Bob Two", "Cy Three"], "company": ["A Ltd", None, "C Ltd"],
        "strength": ["close", None, "known"], "last_contact": ["2026-01-02", None, None],
        "notes": [None, "met at a fair", None]}))
    frame = frame.assign(_rank=[2, 0, 1], _score=[0.5, float("nan"), 2.0],
                         _days=pd.array([3, None, 40], dtype="Int64"),
                         _late=np.array([True, False, True]))
    expected = frame.to_dict("records")
    got = row_dicts(frame)
    assert [list(r) for r in got] == [list(r) for r in expected]
    for mine, theirs in zip(got, expected, strict=True):
        for key, value in theirs.items():
            assert type(mine[key]) is type(value), key
            assert mine[key] == value or (value != value and mine[key] != mine[key])


def test_the_stable_order_is_a_stable_sort_by_keys_then_id() -> None:
    draw = np.random.default_rng(8)
    ids = np.array([f"id{i:04d}" for i in draw.permutation(500)], dtype=object)
    first, second = draw.integers(0, 4, 500).astype(float), -draw.integers(0, 3, 500) * 0.5
    frame = pd.DataFrame({"a": first, "b": second, "contact_id": pd.array(ids, "string")})
    expected = frame.sort_values(["a", "b", "contact_id"], kind="stable").index.tolist()
    assert stable_order(ids, first, second).tolist() == expected
