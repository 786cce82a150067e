"""Network metrics on small networks whose answers can be worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from networking_kit.contacts import TieStrength, normalise_contacts
from networking_kit.network import (
    blau_index,
    brokerage,
    diversity,
    diversity_of,
    ego_graph,
    first_tag,
    iqv,
    layer_sizes,
    recency_bands,
    sector_of,
    tie_mix,
    untriaged_count,
    value_counts,
)

IDS = [f"c{i}" for i in range(5)]


def _contacts(**columns: list) -> pd.DataFrame:
    size = len(next(iter(columns.values())))
    return normalise_contacts(pd.DataFrame({"name": [f"P{i}" for i in range(size)], **columns}))


def test_five_unconnected_contacts_give_constraint_0_2_and_effective_size_5() -> None:
    result = brokerage(IDS, [])
    assert result.density == 0.0
    assert result.constraint == pytest.approx(0.20)
    assert result.effective_size == pytest.approx(5.0)


def test_five_fully_connected_contacts_give_constraint_0_648_and_effective_size_1() -> None:
    result = brokerage(IDS, itertools.combinations(IDS, 2))
    assert result.density == pytest.approx(1.0)
    # Every node has 5 ties, so each proportion is 1/5. For one contact: direct 1/5,
    # indirect 4 × (1/5 × 1/5) = 0.16; (0.2 + 0.16)² = 0.1296, and 5 of them = 0.648.
    assert result.constraint == pytest.approx(0.648)
    assert result.effective_size == pytest.approx(1.0)


def test_two_separate_pairs_sit_between_the_extremes() -> None:
    result = brokerage(["a", "b", "c", "d"], [("a", "b"), ("c", "d")])
    assert result.density == pytest.approx(2 / 6)
    assert result.effective_size == pytest.approx(3.0)  # 4 − 2·2/4


def test_census_ignores_self_ties_and_people_outside_it() -> None:
    graph = ego_graph(["a", "b"], [("a", "a"), ("a", "zz"), ("a", "b")])
    assert graph.number_of_edges() == 3  # me–a, me–b, a–b


def test_no_contacts_means_no_brokerage_numbers() -> None:
    assert brokerage([], []).alters == 0


def test_blau_and_iqv_by_hand() -> None:
    assert blau_index([10]) == 0.0
    assert blau_index([5, 5]) == pytest.approx(0.5)
    assert blau_index([2, 1, 1]) == pytest.approx(1 - (0.25 + 0.0625 + 0.0625))
    assert iqv([5, 5], categories=2) == pytest.approx(1.0)
    assert iqv([5, 5], categories=4) == pytest.approx(0.5 / 0.75)
    assert blau_index([]) == 0.0


def test_diversity_of_contexts_uses_every_possible_context() -> None:
    table = _contacts(context=["client", "client", "alumni", None])
    result = diversity(table, "context")
    assert result.groups == 2
    assert result.largest_group == "client"
    assert result.largest_share == pytest.approx(2 / 3)
    assert result.iqv == pytest.approx((1 - (4 / 9 + 1 / 9)) / (1 - 1 / 9))


def test_layers_count_cumulatively_beside_dunbar() -> None:
    table = _contacts(strength=["closest", "close", "close", "known", "dormant", None])
    rows = {row.strength: row for row in layer_sizes(table)}
    assert rows[TieStrength.CLOSE].count == 2
    assert rows[TieStrength.CLOSE].cumulative == 3
    assert rows[TieStrength.KNOWN].cumulative == 4
    assert rows[TieStrength.KNOWN].typical_cumulative == 150
    assert rows[TieStrength.DORMANT].count == 1
    assert untriaged_count(table) == 1


def test_tie_mix_shares_add_up_to_one() -> None:
    table = _contacts(strength=["closest", "known", "acquaintance", "dormant", None])
    mix = tie_mix(table)
    assert (mix.strong, mix.weak, mix.dormant, mix.untriaged) == (0.2, 0.4, 0.2, 0.2)


def test_recency_bands_count_each_contact_once() -> None:
    today = date(2026, 11, 23)
    table = _contacts(last_contact=["2026-11-20", "2026-09-01", "2024-01-01", None])
    bands = recency_bands(table, today)
    assert bands["this month"] == 1
    assert bands["last 3 months"] == 1
    assert bands["over a year"] == 1
    assert bands["not recorded"] == 1
    assert bands.sum() == 4


def test_sector_is_the_first_tag() -> None:
    table = _contacts(tags=["Fintech; mentor", None, "healthcare"])
    assert sector_of(table).tolist() == ["fintech", None, "healthcare"]


def test_a_tag_held_by_many_gives_the_field_it_gives_alone() -> None:
    tags = ["Fintech;alumni", None, " Pharma ", "Fintech;alumni", ";x", "pharma"]
    contacts = pd.DataFrame({"tags": pd.array(tags, dtype="string")}, index=range(3, 9))
    alone = [sector_of(pd.DataFrame({"tags": pd.Series([t], dtype="string")})).iloc[0]
             for t in tags]
    found = sector_of(contacts)
    assert [None if pd.isna(v) else v for v in found] == [
        None if pd.isna(v) else v for v in alone] == [
        "fintech", None, "pharma", "fintech", None, "pharma"]
    assert list(found.index) == list(range(3, 9))


def test_circles_are_linked_groups_and_bridges_split_them() -> None:
    from networking_kit.network import circles

    found = circles(["a", "b", "c", "d", "e", "f"],
                    [("a", "b"), ("b", "c"), ("d", "e"), ("e", "x"), ("f", "f")])
    assert found.groups == [["a", "b", "c"], ["d", "e"]]  # x is not chosen: left out
    assert found.bridges == ["b"]
    assert found.alone == ["f"]
    assert circles([], []).groups == []


def test_counts_add_up_row_by_row_and_the_largest_group_is_the_first_by_name() -> None:
    """The numbers come from counts a caller may keep and add to row by row: counting two
    halves and adding them gives the counts of the whole, and among groups of the same
    size the largest is the first by name, however the rows came in."""
    column = pd.Series(["b", None, "a", "b", "a", pd.NA, "c"], dtype="string")
    whole = value_counts(column)
    assert whole == {"a": 2, "b": 2, "c": 1, None: 2}
    assert value_counts(column.iloc[:3]) + value_counts(column.iloc[3:]) == whole
    assert diversity_of(whole, "sector").largest_group == "a"
    assert diversity_of(value_counts(column.iloc[::-1]), "sector").largest_group == "a"
    assert diversity(pd.DataFrame({"sector": column}), "sector") == diversity_of(
        whole, "sector")
    assert diversity_of({None: 3}, "sector").groups == 0


@given(st.lists(st.one_of(st.none(), st.text(alphabet=" ;aBÉ-", max_size=8)), min_size=1,
                max_size=40))
def test_a_few_rows_give_the_sector_a_whole_column_gives(tags: list[str | None]) -> None:
    """The value-by-value path for a person or two added (``first_tag``) and the column
    path give the same sector, None when there is none."""
    column = pd.Series(tags * (1 + 17 // len(tags)), dtype="string")  # over _FEW_ROWS
    whole = sector_of(pd.DataFrame({"tags": column})).tolist()
    assert [first_tag(t) for t in column.astype("object")] == whole
    assert sector_of(pd.DataFrame({"tags": column.iloc[:3]})).tolist() == whole[:3]
    assert all(v is None or (isinstance(v, str) and v) for v in whole)
