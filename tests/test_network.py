"""Network metrics on small networks whose answers can be worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import pytest

from networking_kit.contacts import TieStrength, normalise_contacts
from networking_kit.goals import Goal
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
from networking_kit.venues import Commitment
from networking_kit.vocab import GoalKind

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


def _goal(kind: str, targets: list[str], who: str = "",
            venues: tuple[str, ...] = ()) -> Goal:
    """A goals.Goal with just what find_gaps reads: the kind, targets, audience and venues."""
    return Goal(kind=GoalKind(kind), targets=targets, who=who,
                commitments=[Commitment(f"venue_{i}", name) for i, name in enumerate(venues)])


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
    from networking_kit.gaps import find_gaps

    report = find_gaps(_map(), _goal("better_connected", ["fintech"]), today=TODAY)
    assert report.coverage[0].count == 2
    assert report.coverage[0].by_strength == {"known": 1, "dormant": 1}
    introducers = [i.introducer for i in report.introductions]
    # Same company as someone in fintech beats a neighbouring field.
    assert introducers == ["Col League", "Bea Bank"]
    assert "Weak Link" not in introducers  # never ask a weak tie first
    assert report.rewarm[0].name == "Old Pal"
    assert "connect to your goal" in report.rewarm[0].reason


def test_census_ties_make_someone_an_introducer() -> None:
    from networking_kit.gaps import find_gaps

    contacts = _map()
    ids = dict(zip(contacts["name"], contacts["contact_id"], strict=True))
    report = find_gaps(contacts, _goal("better_connected", ["fintech"]),
                       ties=[(ids["Pia Price"], ids["Fay Fin"])], today=TODAY)
    first = report.introductions[0]
    assert first.introducer == "Pia Price"
    assert "Fay Fin" in first.reason


def test_better_equipped_names_expertise_nobody_offers() -> None:
    from networking_kit.gaps import find_gaps

    report = find_gaps(_map(), _goal("better_equipped", ["pricing strategy", "podcasting"]),
                       today=TODAY)
    assert report.missing == ["podcasting"]
    assert report.introductions[0].introducer == "Pia Price"
    assert any("Nobody in your map can help with podcasting" in s for s in report.sentences)


def test_better_known_lists_venues_where_nobody_is_known_yet() -> None:
    from networking_kit.gaps import find_gaps

    report = find_gaps(_map(), _goal("better_known", ["fintech"],
                                     venues=("Kestrel Payments", "Local PM meet-up")),
                       today=TODAY)
    assert report.missing == ["Local PM meet-up"]


def test_without_a_goal_yet_only_re_warming_is_suggested() -> None:
    from networking_kit.gaps import find_gaps

    report = find_gaps(_map(), None, today=TODAY)
    assert (report.coverage, report.missing, report.introductions) == ([], [], [])
    assert [r.name for r in report.rewarm] == ["Old Pal"]
    assert "does not name a field" in report.sentences[0]


def test_a_goal_without_targets_falls_back_to_its_audience_or_says_so() -> None:
    from networking_kit.gaps import find_gaps

    by_who = find_gaps(_map(), _goal("better_connected", [], who="banking"), today=TODAY)
    assert by_who.coverage[0].target == "banking"
    nothing = find_gaps(_map(), _goal("better_connected", []), today=TODAY)
    assert nothing.coverage == []
    assert "does not name a field" in nothing.sentences[0]


def test_describe_network_explains_each_metric_and_adds_brokerage_only_with_a_census() -> None:
    from networking_kit.network_metrics import describe_network

    contacts = _map()
    plain = describe_network(contacts)
    assert [m.key for m in plain] == ["layers", "context_diversity", "sector_diversity",
                                      "weak_ties", "concentration"]
    assert all(m.sentence.endswith(".") for m in plain)
    ids = contacts["contact_id"].tolist()[:3]
    with_census = describe_network(contacts, ties=[(ids[0], ids[1])], census=ids)
    assert with_census[-1].key == "brokerage"
    brokerage_metric = with_census[-1]
    assert "(33% of the pairs)" in brokerage_metric.sentence
    # Words first, the number in brackets; no "census" in anything the participant reads.
    assert brokerage_metric.value == "You link separate circles"
    assert "(effective size 2.3 of 3)" in brokerage_metric.sentence
    assert "(constraint 0." in brokerage_metric.sentence
    assert all("census" not in m.sentence.lower() for m in with_census)


def test_describe_network_flags_a_network_that_hangs_on_one_organisation() -> None:
    from networking_kit.network_metrics import describe_network

    contacts = normalise_contacts(pd.DataFrame(
        {"name": ["A", "B", "C", "D"], "company": ["Acme", "Acme", "Acme", "Other"]}))
    concentration = next(m for m in describe_network(contacts) if m.key == "concentration")
    assert concentration.value == "75%"
    assert "widen it now" in concentration.sentence


def test_an_empty_map_gets_a_friendly_sentence() -> None:
    from networking_kit.contacts import empty_contacts
    from networking_kit.network_metrics import describe_network

    (only,) = describe_network(empty_contacts())
    assert "empty" in only.sentence


# ------------------------------------------------------------- words before numbers


def test_where_from_leads_with_words_and_keeps_the_number_in_brackets() -> None:
    from networking_kit.network_metrics import describe_network

    varied = _contacts(context=["client", "alumni", "community", "online", "family_friends",
                                "work_inside", "work_outside", "former_colleague", "other"])
    metric = next(m for m in describe_network(varied) if m.key == "context_diversity")
    assert metric.value == "Very varied"
    assert metric.sentence.startswith("Your people come from many parts of your life (1.00, "
                                      "where 1 is the most varied)")
    narrow = _contacts(context=["client", "client", "client", "alumni"])
    metric = next(m for m in describe_network(narrow) if m.key == "context_diversity")
    assert metric.value == "Mostly one part of your life"
    assert "one part of your life (0." in metric.sentence
    unset = next(m for m in describe_network(_contacts(context=[None, None]))
                 if m.key == "context_diversity")
    assert unset.value == "not recorded"


def test_a_close_knit_census_says_so_before_its_numbers() -> None:
    from networking_kit.network_metrics import _brokerage_metric

    metric = _brokerage_metric(brokerage(IDS, itertools.combinations(IDS, 2)))
    assert metric.value == "A close-knit circle"
    assert "(constraint 0.65, which is lower" in metric.sentence
    assert metric.sentence.startswith("All of the 5 people you looked at know each other")
    assert "about 1 direction (effective size 1.0 of 5)" in metric.sentence


def test_counts_of_one_are_singular_everywhere() -> None:
    from networking_kit.gaps import find_gaps
    from networking_kit.network_metrics import describe_network

    one = _contacts(tags=["design"], strength=["close"])
    metrics = {m.key: m for m in describe_network(one)}
    assert metrics["sector_diversity"].value == "1 field"
    assert "1 person as close" in metrics["layers"].sentence
    report = find_gaps(one, _goal("better_connected", ["design"]), today=TODAY)
    assert report.sentences[0] == ("1 person in your map connects to design; they are close "
                                   "enough to ask.")
    two = _contacts(tags=["design", "design"], strength=["close", "known"])
    report = find_gaps(two, _goal("better_connected", ["design"]), today=TODAY)
    assert report.sentences[0] == ("2 people in your map connect to design; 1 of them is "
                                   "close enough to ask.")
    equipped = find_gaps(one, _goal("better_equipped", ["design"]), today=TODAY)
    assert equipped.sentences[0].startswith("1 person in your map can help with design;")


def test_rewarm_reasons_count_months_in_the_singular_too() -> None:
    from networking_kit.gaps import find_gaps

    table = _contacts(strength=["dormant", "dormant"],
                      last_contact=["2026-10-10", "2026-11-20"])
    reasons = sorted(r.reason for r in find_gaps(table, _goal("better_connected", ["x"]),
                                                 today=TODAY).rewarm)
    assert reasons == ["Not in touch for 1 month.", "You marked them dormant."]


def test_rewarm_reasons_quote_a_note_and_keep_a_topic_plain() -> None:
    from networking_kit.gaps import find_gaps

    table = _contacts(strength=["dormant", "dormant"], last_contact=[None, None],
                      can_help_with=["bookkeeping", "runs a design studio, knows owners"])
    reasons = sorted(r.reason for r in find_gaps(table, _goal("better_connected", ["x"]),
                                                 today=TODAY).rewarm)
    assert any("they know about bookkeeping." in r for r in reasons)
    assert any("they know about “runs a design studio, knows owners”." in r for r in reasons)


def _design_and_architecture() -> tuple[pd.DataFrame, dict[str, str]]:
    contacts = normalise_contacts(pd.DataFrame([
        {"name": "Ada Lovelace", "tags": "design", "strength": "known", "company": "Studio"},
        {"name": "Priya Patel", "tags": "retail", "strength": "close"},
        {"name": "Sam Same", "tags": "finance", "strength": "close", "company": "Studio"},
    ]))
    return contacts, dict(zip(contacts["name"], contacts["contact_id"], strict=True))


def test_an_introducer_is_only_offered_for_the_fields_they_actually_reach() -> None:
    from networking_kit.gaps import find_gaps

    contacts, ids = _design_and_architecture()
    goal = _goal("better_connected", ["design", "architecture"])
    report = find_gaps(contacts, goal, ties=[(ids["Priya Patel"], ids["Ada Lovelace"])],
                       today=TODAY)
    assert any("Nobody in your map is linked to architecture" in s for s in report.sentences)
    asks = {i.introducer: i for i in report.introductions}
    assert asks["Priya Patel"].reason == "They know Ada Lovelace, who connects to design."
    assert asks["Priya Patel"].towards == "design"
    assert asks["Sam Same"].reason == "They work at Studio, alongside people in design."
    assert asks["Sam Same"].towards == "design"
    assert all("architecture" not in i.reason and "architecture" not in i.towards
               for i in report.introductions)


def test_a_neighbouring_field_names_only_the_goal_field_it_borders() -> None:
    from networking_kit.gaps import find_gaps

    contacts = normalise_contacts(pd.DataFrame([
        {"name": "Bea Bank", "tags": "banking", "strength": "regular"}]))
    report = find_gaps(contacts, _goal("better_connected", ["fintech", "healthcare"]),
                       today=TODAY)
    (ask,) = report.introductions
    assert ask.reason == "They work in banking, next door to fintech."
    assert ask.towards == "fintech"


def test_an_empty_map_gets_one_gap_sentence_not_a_list_of_nobodies() -> None:
    from networking_kit.contacts import empty_contacts
    from networking_kit.gaps import EMPTY_MAP_GAPS, find_gaps

    report = find_gaps(empty_contacts(), _goal("better_connected", ["fintech", "design"]),
                       today=TODAY)
    assert report.sentences == [EMPTY_MAP_GAPS]
    assert report.missing == ["fintech", "design"]
