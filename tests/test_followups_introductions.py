"""Introductions to make between two contacts (``followups.introductions``)."""

from __future__ import annotations

from followup_data import people

from networking_kit.followups import (
    MAX_INTRODUCTIONS_EACH,
    match_introductions,
)

HELPER = {"name": "Hana Help", "strength": "close", "company": "A Ltd",
          "can_help_with": "pricing strategy"}


NEEDER = {"name": "Ned Need", "strength": "regular", "company": "B Ltd",
          "i_can_offer": "a reading list on pricing"}


LONG_HELP = "runs a design studio, knows many studio owners"


def test_introductions_match_help_to_needs() -> None:
    frame = people(HELPER, NEEDER)
    (pair,) = match_introductions(frame)
    a, b, reason = pair
    assert a < b
    assert {a, b} == set(frame["contact_id"])
    assert "Hana Help knows about pricing strategy" in reason
    assert "Ned Need" in reason


def test_introductions_are_symmetric_and_never_to_oneself() -> None:
    both = dict(HELPER, i_can_offer="pricing notes")  # helps and needs the same thing
    frame = people(both, NEEDER, {"name": "Other", "strength": "known", "company": "C",
                                  "can_help_with": "pricing"})
    forward = match_introductions(frame)
    backward = match_introductions(frame.iloc[::-1].reset_index(drop=True))
    assert forward
    assert forward == backward
    pairs = [(a, b) for a, b, _ in forward]
    assert all(a != b for a, b in pairs)
    assert len({frozenset(p) for p in pairs}) == len(pairs)


def test_no_introduction_for_people_who_already_know_each_other() -> None:
    frame = people(HELPER, NEEDER)
    ids = sorted(frame["contact_id"])
    assert match_introductions(frame, ties=[(ids[1], ids[0])]) == []
    same_company = people(HELPER, dict(NEEDER, company="a ltd"))
    assert match_introductions(same_company) == []


def test_introductions_reach_as_many_different_people_as_they_can() -> None:
    # Three who help with pricing, three who need it, the closest on each side first:
    # best-first alone would pair the two closest helpers and needers twice each.
    helpers = [dict(HELPER, name=f"Helper {n}", company=f"H{n}", strength=s)
               for n, s in ((1, "closest"), (2, "close"), (3, "known"))]
    needers = [dict(NEEDER, name=f"Needer {n}", company=f"N{n}", strength=s)
               for n, s in ((1, "closest"), (2, "close"), (3, "known"))]
    frame = people(*helpers, *needers)
    three = match_introductions(frame, limit=3)
    assert len({c for a, b, _ in three for c in (a, b)}) == 6
    names = dict(zip(frame["contact_id"], frame["name"], strict=True))
    assert {names[three[0][0]], names[three[0][1]]} == {"Helper 1", "Needer 1"}  # best first
    more = match_introductions(frame, limit=5)
    assert more[:3] == three  # a second idea each only after everyone has one
    seen = [c for a, b, _ in more for c in (a, b)]
    assert max(seen.count(c) for c in seen) == MAX_INTRODUCTIONS_EACH


def test_no_introduction_between_people_too_distant_to_vouch_for() -> None:
    assert match_introductions(people(HELPER, dict(NEEDER, strength="acquaintance"))) == []
    assert match_introductions(people(HELPER, dict(NEEDER, trust="not_yet"))) == []


def test_a_long_note_is_quoted_in_an_introduction_reason() -> None:
    frame = people(dict(HELPER, can_help_with=LONG_HELP, i_can_offer=None),
                   dict(NEEDER, i_can_offer="ideas for a design studio"))
    (_, _, reason), = match_introductions(frame)
    assert reason == f"Ned Need could use what Hana Help offers: “{LONG_HELP}”."


def test_needs_in_a_later_tag_or_a_note_are_read_and_wordless_people_are_skipped() -> None:
    """Only people with words to read go into the rows (issue 11): a need written only as
    a second tag or only in the notes must still be found, and people with nothing to
    read (or only their own field as a tag) change nothing."""
    by_tag = {"name": "Tia Tag", "strength": "known", "company": "C Ltd",
              "tags": "software;pricing"}
    by_note = {"name": "Noa Note", "strength": "close", "company": "D Ltd",
               "notes": "Looking for pricing advice"}
    wordless = [{"name": f"Quiet {i}", "strength": "close", "company": "E Ltd",
                 "tags": "pricing"} for i in range(30)]
    found = match_introductions(people(HELPER, by_tag, by_note))
    assert {frozenset(p[:2]) for p in found} == {
        frozenset(match_introductions(people(HELPER, by_tag))[0][:2]),
        frozenset(match_introductions(people(HELPER, by_note))[0][:2])}
    crowded = match_introductions(people(HELPER, *wordless, by_tag, by_note))
    assert [reason for _, _, reason in crowded] == [reason for _, _, reason in found]
    assert len(crowded) == 2
