"""The map's key numbers, each with a plain sentence, words before numbers."""

from __future__ import annotations

import itertools

import pandas as pd
from jargon import jargon_in
from map_data import TODAY, contacts_with, goal_of, small_map

from networking_kit.contacts import normalise_contacts
from networking_kit.gaps import find_gaps
from networking_kit.network import brokerage
from networking_kit.network_metrics import describe_network

IDS = [f"c{i}" for i in range(5)]


def test_describe_network_explains_each_metric_and_adds_brokerage_only_with_a_census() -> None:
    contacts = small_map()
    plain = describe_network(contacts)
    assert [m.key for m in plain] == ["layers", "context_diversity", "sector_diversity",
                                      "weak_ties", "concentration"]
    assert all(m.sentence.endswith(".") for m in plain)
    ids = contacts["contact_id"].tolist()[:3]
    with_census = describe_network(contacts, ties=[(ids[0], ids[1])], census=ids)
    assert with_census[-1].key == "brokerage"
    brokerage_metric = with_census[-1]
    # Words only; the numbers behind "details"; no "census" in anything read.
    assert brokerage_metric.value == "You link separate circles"
    assert "Few of the 3 people you looked at know each other" in brokerage_metric.sentence
    assert "0." not in brokerage_metric.sentence
    assert "Effective size 2.3 of 3" in brokerage_metric.details
    assert "constraint 0." in brokerage_metric.details
    assert "33% of the pairs" in brokerage_metric.details
    assert all("census" not in m.sentence.lower() for m in with_census)


def test_describe_network_flags_a_network_that_hangs_on_one_organisation() -> None:
    contacts = normalise_contacts(pd.DataFrame(
        {"name": ["A", "B", "C", "D"], "company": ["Acme", "Acme", "Acme", "Other"]}))
    concentration = next(m for m in describe_network(contacts) if m.key == "concentration")
    assert concentration.value == "75%"
    assert "widen it now" in concentration.sentence


def test_an_empty_map_gets_a_friendly_sentence() -> None:
    from networking_kit.contacts import empty_contacts

    (only,) = describe_network(empty_contacts())
    assert "empty" in only.sentence


# ------------------------------------------------------------- words before numbers


def test_where_from_is_words_with_the_number_in_details() -> None:
    varied = contacts_with(context=["client", "alumni", "community", "online", "family_friends",
                                "work_inside", "work_outside", "former_colleague", "other"])
    metric = next(m for m in describe_network(varied) if m.key == "context_diversity")
    assert metric.value == "Very varied"
    assert metric.sentence.startswith("Your people come from many parts of your life, ")
    assert "1.00" in metric.details
    narrow = contacts_with(context=["client", "client", "client", "alumni"])
    metric = next(m for m in describe_network(narrow) if m.key == "context_diversity")
    assert metric.value == "Mostly one part of your life"
    assert "one part of your life;" in metric.sentence
    assert "0." in metric.details
    assert "0." not in metric.sentence
    unset = next(m for m in describe_network(contacts_with(context=[None, None]))
                 if m.key == "context_diversity")
    assert unset.value == "not recorded"


def test_a_close_knit_census_says_so_before_its_numbers() -> None:
    from networking_kit.network_metrics import _brokerage_metric

    metric = _brokerage_metric(brokerage(IDS, itertools.combinations(IDS, 2)))
    assert metric.value == "A tight circle"
    assert "constraint 0.65" in metric.details
    assert metric.sentence.startswith("All of the 5 people you looked at know each other: "
                                      "a tight circle")
    assert "about 1 direction" in metric.sentence
    assert "Effective size 1.0 of 5" in metric.details


def test_counts_of_one_are_singular_everywhere() -> None:
    one = contacts_with(tags=["design"], strength=["close"])
    metrics = {m.key: m for m in describe_network(one)}
    assert metrics["sector_diversity"].value == "1 field"
    assert "1 person as close" in metrics["layers"].sentence
    report = find_gaps(one, goal_of("better_connected", ["design"]), today=TODAY)
    assert report.sentences[0] == ("1 person in your map connects to design; they are close "
                                   "enough to ask.")
    two = contacts_with(tags=["design", "design"], strength=["close", "known"])
    report = find_gaps(two, goal_of("better_connected", ["design"]), today=TODAY)
    assert report.sentences[0] == ("2 people in your map connect to design; 1 of them is "
                                   "close enough to ask.")
    equipped = find_gaps(one, goal_of("better_equipped", ["design"]), today=TODAY)
    assert equipped.sentences[0].startswith("1 person in your map can help with design;")


# ------------------------------------------------------------------- no jargon

_jargon_in = jargon_in


def _census_shapes() -> list[list[tuple[str, str]]]:
    pairs = list(itertools.combinations(IDS, 2))
    return [[], pairs[:1], pairs[:4], pairs[:8], pairs]


def test_no_metric_or_gap_sentence_speaks_jargon() -> None:
    from networking_kit.samples import load_sample_contacts, sample_goal
    from networking_kit.samples_consultant import consultant_contacts, consultant_goal

    checked = 0
    for contacts, goal in ((load_sample_contacts(TODAY), sample_goal(TODAY)),
                           (consultant_contacts(TODAY), consultant_goal(TODAY)),
                           (small_map(), goal_of("better_connected", ["fintech"]))):
        ids = contacts["contact_id"].tolist()[:5]
        for ties in _census_shapes():
            named = [(ids[IDS.index(a)], ids[IDS.index(b)]) for a, b in ties]
            for metric in describe_network(contacts, named, ids):
                for text in (metric.title, metric.value, metric.sentence):
                    assert _jargon_in(text) == [], text
                    checked += 1
        for sentence in find_gaps(contacts, goal, today=TODAY).sentences:
            assert _jargon_in(sentence) == [], sentence
            checked += 1
    assert checked > 50
    assert _jargon_in("constraint 0.48 (effective size 3.8 of 5)") == [
        "constraint", "effective size"]
    assert _jargon_in("0.77, where 1 is the most varied") == ["where 1 is"]


def test_a_few_dormant_among_hundreds_read_under_one_percent_not_zero() -> None:
    # Found in Chromium: 2 people set to Dormant among 605 read "0% dormant ... 0% are
    # dormant", beside a re-warm list naming those two.
    strengths = ["dormant", "dormant", "acquaintance"] + [None] * 602
    contacts = normalise_contacts(pd.DataFrame(
        {"name": [f"P{i}" for i in range(605)], "strength": strengths}))
    weak = next(m for m in describe_network(contacts) if m.key == "weak_ties")
    assert "0%" not in weak.value
    assert "0%" not in weak.sentence.replace("100%", "")
    assert weak.value == "under 1% weak · under 1% dormant"
    assert "Under 1% are dormant" in weak.sentence
    assert "over 99% are not sorted yet" in weak.sentence.lower()
