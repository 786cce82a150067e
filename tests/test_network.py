"""Network metrics on small networks whose answers can be worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import pytest

from networking_kit.contacts import TieStrength, normalise_contacts
from networking_kit.network import (
    blau_index,
    brokerage,
    diversity,
    ego_graph,
    iqv,
    layer_sizes,
    recency_bands,
    sector_of,
    tie_mix,
    untriaged_count,
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


# ----------------------------------------------------------------- gaps against the goal

TODAY = date(2026, 11, 23)


class _Goal:
    """The attributes find_gaps reads from a goals.Goal, without the goal step."""

    def __init__(self, kind: str, targets: list[str], who: str = "",
                 venues: tuple[str, ...] = ()) -> None:
        self.kind, self.targets, self.who = kind, targets, who
        self.commitments = [type("C", (), {"display_name": v})() for v in venues]


def _map() -> pd.DataFrame:
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


def test_better_connected_counts_the_field_and_finds_introducers() -> None:
    from networking_kit.network import find_gaps

    report = find_gaps(_map(), _Goal("better_connected", ["fintech"]), today=TODAY)
    assert report.coverage[0].count == 2
    assert report.coverage[0].by_strength == {"known": 1, "dormant": 1}
    introducers = [i.introducer for i in report.introductions]
    # Same company as someone in fintech beats a neighbouring field.
    assert introducers == ["Col League", "Bea Bank"]
    assert "Weak Link" not in introducers  # never ask a weak tie first
    assert report.rewarm[0].name == "Old Pal"
    assert "connect to your goal" in report.rewarm[0].reason


def test_census_ties_make_someone_an_introducer() -> None:
    from networking_kit.network import find_gaps

    contacts = _map()
    ids = dict(zip(contacts["name"], contacts["contact_id"], strict=True))
    report = find_gaps(contacts, _Goal("better_connected", ["fintech"]),
                       ties=[(ids["Pia Price"], ids["Fay Fin"])], today=TODAY)
    first = report.introductions[0]
    assert first.introducer == "Pia Price"
    assert "Fay Fin" in first.reason


def test_better_equipped_names_expertise_nobody_offers() -> None:
    from networking_kit.network import find_gaps

    report = find_gaps(_map(), _Goal("better_equipped", ["pricing strategy", "podcasting"]),
                       today=TODAY)
    assert report.missing == ["podcasting"]
    assert report.introductions[0].introducer == "Pia Price"
    assert any("Nobody in your map can help with podcasting" in s for s in report.sentences)


def test_better_known_lists_venues_where_nobody_is_known_yet() -> None:
    from networking_kit.network import find_gaps

    report = find_gaps(_map(), _Goal("better_known", ["fintech"],
                                     venues=("Kestrel Payments", "Local PM meet-up")),
                       today=TODAY)
    assert report.missing == ["Local PM meet-up"]


def test_a_goal_without_targets_falls_back_to_its_audience_or_says_so() -> None:
    from networking_kit.network import find_gaps

    by_who = find_gaps(_map(), _Goal("better_connected", [], who="banking"), today=TODAY)
    assert by_who.coverage[0].target == "banking"
    nothing = find_gaps(_map(), _Goal("better_connected", []), today=TODAY)
    assert nothing.coverage == []
    assert "does not name a field" in nothing.sentences[0]


def test_describe_network_explains_each_metric_and_adds_brokerage_only_with_a_census() -> None:
    from networking_kit.network import describe_network

    contacts = _map()
    plain = describe_network(contacts)
    assert [m.key for m in plain] == ["layers", "context_diversity", "sector_diversity",
                                      "weak_ties", "concentration"]
    assert all(m.sentence.endswith(".") for m in plain)
    ids = contacts["contact_id"].tolist()[:3]
    with_census = describe_network(contacts, ties=[(ids[0], ids[1])], census=ids)
    assert with_census[-1].key == "brokerage"
    assert "33% of the possible pairs" in with_census[-1].sentence


def test_describe_network_flags_a_network_that_hangs_on_one_organisation() -> None:
    from networking_kit.network import describe_network

    contacts = normalise_contacts(pd.DataFrame(
        {"name": ["A", "B", "C", "D"], "company": ["Acme", "Acme", "Acme", "Other"]}))
    concentration = next(m for m in describe_network(contacts) if m.key == "concentration")
    assert concentration.value == "75%"
    assert "widen it now" in concentration.sentence


def test_an_empty_map_gets_a_friendly_sentence() -> None:
    from networking_kit.contacts import empty_contacts
    from networking_kit.network import describe_network

    (only,) = describe_network(empty_contacts())
    assert "empty" in only.sentence
