"""The map read against the goal: coverage, missing targets, re-warming and introductions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from map_data import TODAY, contacts_with, goal_of, small_map

from networking_kit.contacts import normalise_contacts
from networking_kit.gaps import (
    RowReading,
    _best,
    find_gaps,
    goal_targets,
    read_rows,
    reread_rows,
    search_columns,
)
from networking_kit.gaps_ranking import best


def test_better_connected_counts_the_field_and_finds_introducers() -> None:
    report = find_gaps(small_map(), goal_of("better_connected", ["fintech"]), today=TODAY)
    assert report.coverage[0].count == 2
    assert report.coverage[0].by_strength == {"known": 1, "dormant": 1}
    introducers = [i.introducer for i in report.introductions]
    # Same company as someone in fintech beats a neighbouring field.
    assert introducers == ["Col League", "Bea Bank"]
    assert "Weak Link" not in introducers  # never ask a weak tie first
    assert report.rewarm[0].name == "Old Pal"
    assert "connect to your goal" in report.rewarm[0].reason


def test_census_ties_make_someone_an_introducer() -> None:
    contacts = small_map()
    ids = dict(zip(contacts["name"], contacts["contact_id"], strict=True))
    report = find_gaps(contacts, goal_of("better_connected", ["fintech"]),
                       ties=[(ids["Pia Price"], ids["Fay Fin"])], today=TODAY)
    first = report.introductions[0]
    assert first.introducer == "Pia Price"
    assert "Fay Fin" in first.reason


def test_better_equipped_names_expertise_nobody_offers() -> None:
    report = find_gaps(small_map(), goal_of("better_equipped", ["pricing strategy", "podcasting"]),
                       today=TODAY)
    assert report.missing == ["podcasting"]
    assert report.introductions[0].introducer == "Pia Price"
    assert any("Nobody in your map can help with podcasting" in s for s in report.sentences)


def test_better_known_lists_venues_where_nobody_is_known_yet() -> None:
    report = find_gaps(small_map(), goal_of("better_known", ["fintech"],
                                     venues=("Kestrel Payments", "Local PM meet-up")),
                       today=TODAY)
    assert report.missing == ["Local PM meet-up"]


def test_without_a_goal_yet_only_re_warming_is_suggested() -> None:
    report = find_gaps(small_map(), None, today=TODAY)
    assert (report.coverage, report.missing, report.introductions) == ([], [], [])
    assert [r.name for r in report.rewarm] == ["Old Pal"]
    assert "does not name a field" in report.sentences[0]


def test_a_goal_without_targets_falls_back_to_its_audience_or_says_so() -> None:
    by_who = find_gaps(small_map(), goal_of("better_connected", [], who="banking"), today=TODAY)
    assert by_who.coverage[0].target == "banking"
    nothing = find_gaps(small_map(), goal_of("better_connected", []), today=TODAY)
    assert nothing.coverage == []
    assert "does not name a field" in nothing.sentences[0]




def test_rewarm_reasons_count_months_in_the_singular_too() -> None:
    table = contacts_with(strength=["dormant", "dormant"],
                      last_contact=["2026-10-10", "2026-11-20"])
    reasons = sorted(r.reason for r in find_gaps(table, goal_of("better_connected", ["x"]),
                                                 today=TODAY).rewarm)
    assert reasons == ["Not in touch for 1 month.", "You marked them dormant."]


def test_rewarm_reasons_quote_a_note_and_keep_a_topic_plain() -> None:
    table = contacts_with(strength=["dormant", "dormant"], last_contact=[None, None],
                      can_help_with=["bookkeeping", "runs a design studio, knows owners"])
    reasons = sorted(r.reason for r in find_gaps(table, goal_of("better_connected", ["x"]),
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
    contacts, ids = _design_and_architecture()
    goal = goal_of("better_connected", ["design", "architecture"])
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
    contacts = normalise_contacts(pd.DataFrame([
        {"name": "Bea Bank", "tags": "banking", "strength": "regular"}]))
    report = find_gaps(contacts, goal_of("better_connected", ["fintech", "healthcare"]),
                       today=TODAY)
    (ask,) = report.introductions
    assert ask.reason == "They work in banking, next door to fintech."
    assert ask.towards == "fintech"


def test_an_empty_map_gets_one_gap_sentence_not_a_list_of_nobodies() -> None:
    from networking_kit.contacts import empty_contacts
    from networking_kit.gaps import EMPTY_MAP_GAPS

    report = find_gaps(empty_contacts(), goal_of("better_connected", ["fintech", "design"]),
                       today=TODAY)
    assert report.sentences == [EMPTY_MAP_GAPS]
    assert report.missing == ["fintech", "design"]


def test_rewarm_ranks_by_expected_value_not_comfort() -> None:
    """Levin et al. 2011 and Walter et al. 2015: the long-dormant, senior tie first."""
    contacts = normalise_contacts(pd.DataFrame([
        {"name": "Cosy Friend", "position": "Analyst", "strength": "dormant",
         "trust": "high", "last_contact": "2025-09-01"},
        {"name": "Quiet Director", "position": "Director Medical Affairs",
         "strength": "dormant", "last_contact": "2022-06-01"},
    ]))
    report = find_gaps(contacts, goal_of("better_connected", ["basket weaving"]), today=TODAY)
    assert [r.name for r in report.rewarm] == ["Quiet Director", "Cosy Friend"]
    assert "they are senior (Director Medical Affairs)" in report.rewarm[0].reason
    assert "three years or more" in report.rewarm[0].reason
    assert "three years" not in report.rewarm[1].reason


def test_looking_for_work_puts_moderately_weak_ties_first() -> None:
    from networking_kit.goal_style import Style

    contacts = normalise_contacts(pd.DataFrame([
        {"name": "A Regular", "strength": "regular", "last_contact": "2025-06-01"},
        {"name": "B Known", "strength": "known", "last_contact": "2025-06-01"},
    ]))
    goal = goal_of("better_connected", ["x"])
    assert next(r.name for r in find_gaps(contacts, goal, today=TODAY).rewarm) == "A Regular"
    goal.style = Style(looking_for_work=True)
    report = find_gaps(contacts, goal, today=TODAY)
    assert report.rewarm[0].name == "B Known"
    assert "lead to new jobs" in report.rewarm[0].reason


def test_a_kept_row_reading_gives_the_same_report_and_follows_changed_rows() -> None:
    goal = goal_of("better_connected", ["fintech"])
    contacts = small_map()
    rows = read_rows(contacts, goal_targets(goal), search_columns(goal))
    assert find_gaps(contacts, goal, today=TODAY, rows=rows) == find_gaps(contacts, goal,
                                                                           today=TODAY)
    # One person's words change and one person is appended: only they are read again.
    changed = contacts.copy()
    outsider = int(np.flatnonzero(~rows.hits["fintech"])[0])
    changed.loc[changed.index[outsider], "notes"] = "moving into fintech payments"
    grown = pd.concat([changed, contacts_with(tags=["fintech"], position=["Head of Payments"],
                                              strength=["close"])
                       .astype(changed.dtypes)], ignore_index=True)
    kept = reread_rows(rows, grown, [outsider])
    fresh = read_rows(grown, goal_targets(goal), search_columns(goal))
    assert kept.hits["fintech"][outsider]
    assert kept.hits["fintech"][-1]
    for target in fresh.targets:
        assert (kept.hits[target] == fresh.hits[target]).all()
    assert list(kept.sector) == list(fresh.sector)
    assert (kept.senior == fresh.senior).all()
    assert find_gaps(grown, goal, today=TODAY, rows=kept) == find_gaps(grown, goal,
                                                                        today=TODAY)
    # A reading kept but not read again gives the old answer: the session must update it.
    assert not reread_rows(rows, changed, []).hits["fintech"][outsider]


def test_the_best_few_are_the_same_as_sorting_everyone() -> None:
    score = pd.Series([1.0, 3.0, 2.0, 3.0, 1.0, 2.0, 3.0], index=list("abcdefg"))
    names = pd.Series(["z", "m", "b", "a", "c", "b", "m"], index=score.index)
    everyone = pd.DataFrame({"score": -score, "name": names}).sort_values(
        ["score", "name"], kind="stable").index
    for limit in range(len(score) + 2):
        assert list(_best(score, names, limit)) == list(everyone[:limit])


def test_a_kept_reading_codes_each_organisation_as_reading_everyone_again() -> None:
    """The organisations, and whether each person notes what they know or can be offered,
    are kept in the reading (issue 11): after rows change or are appended (a new
    organisation among them) they must say what a fresh reading says."""
    goal = goal_of("better_connected", ["fintech"])
    contacts = small_map()
    rows = read_rows(contacts, goal_targets(goal), search_columns(goal))
    changed = contacts.copy()
    changed.loc[changed.index[2], ["company", "can_help_with"]] = ["Kestrel Payments", "loans"]
    changed.loc[changed.index[0], ["company", "i_can_offer"]] = [None, "a talk"]
    grown = pd.concat([changed, contacts_with(company=["Brand New Ltd"], strength=["close"],
                                              tags=["fintech"]).astype(changed.dtypes)],
                      ignore_index=True)
    kept = reread_rows(rows, grown, [0, 2])
    fresh = read_rows(grown, goal_targets(goal), search_columns(goal))

    def names(reading: RowReading) -> list[str | None]:
        return [reading.companies[c] if c >= 0 else None for c in reading.company]

    assert names(kept) == names(fresh) == [
        None if not isinstance(c, str) else c for c in grown["company"].astype("object")]
    assert names(kept)[-1] == "Brand New Ltd"
    assert (kept.knows == fresh.knows).all()
    assert kept.knows[2]
    assert (kept.offers == fresh.offers).all()
    assert kept.offers[0]
    assert find_gaps(grown, goal, today=TODAY, rows=kept) == find_gaps(grown, goal,
                                                                        today=TODAY)


def test_the_best_few_of_many_are_sorted_as_of_a_few() -> None:
    """``best`` sorts a few rows in Python and many with pandas: both orders agree, a
    person with no name after the named ones at the same score."""
    draw = np.random.default_rng(3)
    for size in (12, 250):
        score = draw.integers(0, 4, size).astype(float)
        names = pd.Series([None if draw.random() < 0.1 else f"n{draw.integers(0, 9)}"
                           for _ in range(size)], dtype="string")
        rows = np.arange(size)
        everyone = pd.DataFrame({"score": -score, "name": names}).sort_values(
            ["score", "name"], kind="stable").index.tolist()
        for limit in (1, 5, size):
            assert best(score, names, rows, limit) == everyone[:limit]
