"""What people need and offer, read from their words (``followups.needs``)."""

from __future__ import annotations

import pytest

from networking_kit.followups import (
    needs_of,
)
from networking_kit.words import quoted, short_topic

LONG_HELP = "runs a design studio, knows many studio owners"


def test_what_counts_as_a_need() -> None:
    row = {"i_can_offer": "feedback on a CV", "notes": "Looking for a mentor. Likes jazz.",
           "tags": "software; accessibility"}
    needs = needs_of(row)
    assert {"feedba", "hiring", "mentoring"[:6], "access"} <= needs
    assert "software" not in needs  # the first tag is their own field, not a need
    assert "jazz" not in needs


@pytest.mark.parametrize(("text", "short"), [
    ("bookkeeping", True), ("pricing strategy", True), ("hiring a designer", True),
    ("B2B sales", True), (LONG_HELP, False), ("runs a studio", False),
    ("graphic designer, moving to Leeds in January", False), ("her new studio", False),
    ("help with interview practice and CVs", False), ("", False)])
def test_short_topics_are_told_apart_from_notes(text: str, short: bool) -> None:
    assert short_topic(text) is short


def test_quoting_does_not_double_the_quotes() -> None:
    assert quoted(' "a note" ') == "“a note”"
    assert quoted("“a note”") == "“a note”"
