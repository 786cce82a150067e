"""Who-knows-whom guesses and circles in words (``census``; issue 15, item 5)."""

from __future__ import annotations

import pandas as pd
from jargon import jargon_in

from networking_kit.census import circles_sentences, inferred_pairs
from networking_kit.contacts import normalise_contacts
from networking_kit.network import circles


def people() -> pd.DataFrame:
    frame = normalise_contacts(pd.DataFrame([
        {"name": "Ann", "company": "Roche"}, {"name": "Ben", "company": " roche "},
        {"name": "Cy", "company": "Roche"}, {"name": "Dee", "company": "Bayer"},
        {"name": "Eve", "company": None}, {"name": "Fay", "company": None}]))
    frame["contact_id"] = list("abcdef")
    return frame


def test_people_at_the_same_organisation_probably_know_each_other() -> None:
    guessed = inferred_pairs(people(), list("abcdef"))
    assert guessed == {("a", "b"): "both at Roche", ("a", "c"): "both at Roche",
                       ("b", "c"): "both at roche"}
    # no organisation is no guess; a rejected pair is not guessed again
    assert inferred_pairs(people(), list("abcdef"), {("a", "c")}).keys() == {
        ("a", "b"), ("b", "c")}
    assert inferred_pairs(people(), ["a", "d", "e"]) == {}


def test_people_known_from_one_group_who_share_its_tag_probably_know_each_other() -> None:
    frame = normalise_contacts(pd.DataFrame([
        {"name": "Gil", "context": "community", "tags": "Toastmasters; fintech"},
        {"name": "Hal", "context": "alumni", "tags": "toastmasters"},
        {"name": "Ida", "context": "client", "tags": "Toastmasters"},
        {"name": "Jo", "context": "community", "tags": "fintech"}]))
    frame["contact_id"] = list("ghij")
    guessed = inferred_pairs(frame, list("ghij"))
    # Ida is a client: the tag is not a group the participant knows her from
    assert guessed == {("g", "h"): "both in Toastmasters", ("g", "j"): "both in fintech"}
    assert inferred_pairs(frame, list("ghij"), {("g", "h")}) == {
        ("g", "j"): "both in fintech"}


def test_circles_and_bridges_in_plain_words() -> None:
    names = dict(zip("abcdef", ["Ann", "Ben", "Cy", "Dee", "Eve", "Fay"], strict=True))
    found = circles(list("abcdef"), [("a", "b"), ("b", "c"), ("d", "e")])
    text = circles_sentences(found, names)
    assert text == ["They fall into 2 circles: Ann, Ben and Cy; Dee and Eve.",
                    "Ben links people who would not otherwise be linked: a door between "
                    "groups.",
                    "Fay knows none of the others."]
    one = circles_sentences(circles(list("abc"), [("a", "b"), ("b", "c"), ("a", "c")]),
                            names)
    assert one == ["They are one circle: each knows the others, directly or through someone."]
    assert circles_sentences(circles(list("ab"), []), names) == [
        "As far as you have said, none of them know each other."]
    for sentence in [*text, *one]:
        assert jargon_in(sentence) == []
