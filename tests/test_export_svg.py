"""The plan's own pictures: the ego map reads on paper and names what is missing."""

from __future__ import annotations

import random
import re

import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.export.privacy import NameStyle, Privacy, PrivacyFilter
from networking_kit.export.svg import bars_svg, context_legend, ego_map_svg, paired_bars_svg


def _people(strengths: list[str | None], contexts: list[str | None]) -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame({
        "name": [f"P{i}" for i in range(len(strengths))],
        "strength": strengths, "context": contexts}), source="manual")


def _labels(svg: str) -> list[str]:
    return re.findall(r'<text [^>]*paint-order="stroke"[^>]*>([^<]+)</text>', svg)


def test_only_rings_with_people_are_named_and_the_names_come_last() -> None:
    svg = ego_map_svg(_people(["closest", "regular", "regular"],
                              ["family", "work_inside", None]))
    assert _labels(svg) == ["Closest", "In regular touch"]
    assert "Closeness not set" not in svg
    last_dot = svg.rfind('r="3.2"')
    assert svg.find("paint-order") > last_dot  # drawn over the dots, never under
    assert all(int(size) >= 12 for size in re.findall(
        r'font-size="(\d+)"[^>]*paint-order', svg))


def test_people_without_a_closeness_get_their_own_ring_and_words() -> None:
    svg = ego_map_svg(_people(["closest", None], ["family", "family"]))
    assert "Closeness not set" in _labels(svg)
    legend = context_legend(_people(["closest", "close"], ["family", None]))
    assert [label for _, label, _ in legend].count("Where from not set") == 1


def test_bar_pictures_escape_every_name_and_write_every_number() -> None:
    hostile = '<script>alert("x")</script> & co'
    bars = bars_svg([(hostile, 3, "#000000"), ("Plain", 1.5, "#111111")], label='a "label"',
                    number=lambda v: f"{v:g}")
    paired = paired_bars_svg([(hostile, 2, 5)], 'a "label"')
    for svg in (bars, paired):
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg
        assert 'aria-label="a &quot;label&quot;"' in svg
    assert re.findall(r">([\d.]+)</text>", bars) == ["3", "1.5"]


def test_long_bar_names_are_cut_with_an_ellipsis() -> None:
    svg = bars_svg([("x" * 60, 1, "#000000")], "Long", name_limit=10)
    assert ">xxxxxxxxx…</text>" in svg


def test_the_map_filters_only_the_people_it_draws_and_draws_the_same() -> None:
    """The plan's map runs the privacy filter on the people drawn, not on every row and
    column of the map (issue 11): the picture is the one of filtering everyone first, a
    dot's place read from the name as shown (here by initials)."""
    draw = random.Random(4)
    people = _people([draw.choice(["closest", "close", "known", None]) for _ in range(120)],
                     [draw.choice(["family", "work_inside", None]) for _ in range(120)])
    people["name"] = [f"Person {draw.choice('ABCDEFG')}{i} Smith" for i in range(120)]
    privacy = PrivacyFilter(people, Privacy(names=NameStyle.INITIALS))
    for most in (40, 500):  # a sample drawn, and everyone drawn
        assert ego_map_svg(people, max_dots=most, shown=privacy.frame) == ego_map_svg(
            privacy.frame(people), max_dots=most)
    assert ego_map_svg(people, max_dots=40, shown=privacy.frame) != ego_map_svg(
        people, max_dots=40)  # (the names as shown do move the dots)
