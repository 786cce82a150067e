"""The participant's words inside the toolkit's sentences."""

from __future__ import annotations

import pytest

from networking_kit.words import and_list, in_sentence, plural, quoted, short_topic


@pytest.mark.parametrize(("text", "expected"), [
    ("bookkeeping", "bookkeeping"),
    ("pricing strategy", "pricing strategy"),
    ("runs a design studio", "“runs a design studio”"),
    ("graphic designer, moving to Leeds", "“graphic designer, moving to Leeds”"),
    ('"already quoted"', "“already quoted”"),
])
def test_a_topic_stays_plain_and_a_note_is_quoted(text: str, expected: str) -> None:
    assert in_sentence(text) == expected
    assert short_topic(text) is (expected == text)


def test_quoting_never_doubles_the_marks() -> None:
    assert quoted("“hello”") == "“hello”"
    assert quoted("  spaced  ") == "“spaced”"


def test_and_list_reads_as_a_sentence_lists_things() -> None:
    assert and_list([]) == ""
    assert and_list(["Ann", ""]) == "Ann"
    assert and_list(["Ann", "Bo"]) == "Ann and Bo"
    assert and_list(["Ann", "Bo", "Cy"]) == "Ann, Bo and Cy"


def test_plural_says_one_in_the_singular_and_groups_thousands() -> None:
    assert (plural(1, "field"), plural(2, "field"), plural(0, "field")) == (
        "1 field", "2 fields", "0 fields")
    assert plural(1, "person", "people") == "1 person"
    assert plural(1200, "person", "people") == "1,200 people"
