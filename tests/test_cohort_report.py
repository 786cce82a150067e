"""The facilitator's side: reading a drop folder, the aggregate and the HTML report."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from networking_kit.cohort_examples import example_summaries, write_examples
from networking_kit.cohort_report import (
    TOO_FEW,
    Spread,
    action_histogram,
    aggregate,
    cohort_html,
    load_summaries,
    tie_mix_sentence,
    write_cohort_report,
)
from networking_kit.venues import load_venue_catalogue

TODAY = date(2026, 11, 23)


# ------------------------------------------------------------------ loading a folder


def _write(folder: Path, name: str, data: Any) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / name).write_text(text, encoding="utf-8")


def _good(**changes: Any) -> dict[str, Any]:
    summary = example_summaries(1, seed=1)[0]
    summary.update(changes)
    return summary


@pytest.mark.parametrize(("data", "reason"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a networking-kit cohort summary"),
    (_good(format="something-else"), "not a networking-kit cohort summary"),
    (_good(version=2), "newer networking_kit"),
    (_good(version="1"), "version is missing"),
    ({k: v for k, v in _good().items() if k != "total"}, '"total" is missing'),
    (_good(planned_actions=-1), '"planned_actions" should be a whole number'),
    (_good(planned_actions=True), '"planned_actions" should be a whole number'),
    (_good(weak_share=1.5), '"weak_share" should be a number from 0 to 1'),
    (_good(venues=["Ottoline's book club"]), '"venues" should be a list of venue ids'),
    (_good(goal_kind="be famous"), '"goal_kind" should be'),
    (_good(summary_id="../../etc"), '"summary_id" should be'),
    (_good(made_on="yesterday"), '"made_on" should be a date'),
    (_good(layers={"closest": 1}), '"layers" should be a count for each closeness'),
    (_good(total=10**6), "counts do not add up"),
])
def test_bad_files_are_reported_and_skipped(tmp_path: Path, data: Any, reason: str) -> None:
    _write(tmp_path, "aaa-good.json", _good(summary_id="ab" * 8))
    _write(tmp_path, "bad.json", data)
    summaries, problems = load_summaries(tmp_path)
    assert len(summaries) == 1
    assert len(problems) == 1
    assert problems[0].startswith("Skipped bad.json: ")
    assert reason in problems[0]


def test_binary_and_huge_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "photo.json").write_bytes(b"\xff\xd8\xff\xe0" * 10)
    (tmp_path / "huge.json").write_text(" " * 70_000)
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "notes.txt").write_text("not a summary, not even looked at")
    (tmp_path / ".abc.tmp").write_text("{")  # someone's share still being written
    (tmp_path / "folder.json").mkdir()
    summaries, problems = load_summaries(tmp_path)
    assert summaries == []
    assert len(problems) == 3
    assert {p.split(":")[0] for p in problems} == {
        "Skipped photo.json", "Skipped huge.json", "Skipped deep.json"}


def test_duplicates_keep_the_newest(tmp_path: Path) -> None:
    same = "cd" * 8
    _write(tmp_path, "a.json", _good(summary_id=same, made_on="2026-11-20", total=999,
                                     untriaged=999, layers=dict.fromkeys(
                                         ("closest", "close", "regular", "known",
                                          "acquaintance", "dormant"), 0)))
    _write(tmp_path, "b.json", _good(summary_id=same, made_on="2026-11-22"))
    _write(tmp_path, "c.json", _good(summary_id=same, made_on="2026-11-21"))
    summaries, problems = load_summaries(tmp_path)
    assert [s["made_on"] for s in summaries] == ["2026-11-22"]
    assert len(problems) == 2
    assert problems[0].startswith("Skipped a.json: it repeats")
    assert "b.json" in problems[0]
    assert problems[1].startswith("Skipped c.json: it repeats")
    assert "b.json" in problems[1]


def test_missing_or_unusable_folder_is_one_sentence(tmp_path: Path) -> None:
    summaries, problems = load_summaries(tmp_path / "nowhere")
    assert summaries == []
    assert len(problems) == 1
    assert "does not exist" in problems[0]
    (tmp_path / "file").write_text("x")
    assert "is a file, not a folder" in load_summaries(tmp_path / "file")[1][0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root can read any folder, so an unreadable one cannot be made")
def test_unreadable_folder_is_one_sentence(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o000)
    try:
        summaries, problems = load_summaries(locked)
    finally:
        locked.chmod(0o700)
    assert summaries == []
    assert len(problems) == 1
    assert "cannot be read" in problems[0]


# -------------------------------------------------------------------- the aggregate


def _hand_made() -> list[dict[str, Any]]:
    def one(i: str, kind: str | None, layers: tuple[int, ...], planned: int,
            venues: list[str], weak: float) -> dict[str, Any]:
        names = ("closest", "close", "regular", "known", "acquaintance", "dormant")
        return _good(summary_id=i * 16, goal_kind=kind, layers=dict(zip(names, layers,
                     strict=True)), untriaged=0, total=sum(layers), planned_actions=planned,
                     done_actions=0, venues=venues, weak_share=weak, commitments=planned % 3,
                     goal_complete=kind is not None)

    return [
        one("a", "better_known", (1, 2, 3, 4, 0, 0), 10, ["alumni_group"], 0.4),
        one("b", "better_known", (5, 10, 35, 100, 0, 0), 0, [], 0.666),
        one("c", "better_connected", (2, 4, 6, 8, 10, 0), 20, ["alumni_group",
                                                               "industry_meetup"], 0.6),
        one("d", None, (0, 0, 0, 0, 0, 0), 4, ["industry_meetup", "alumni_group"], 0.0),
    ]


def test_the_tie_mix_reads_the_people_each_participant_sorted() -> None:
    # A fresh facilitator's room: six imported a few hundred contacts and sorted no one,
    # one sorted 12 of 624 (half of them weaker ties). The report said "mostly close
    # ties: 7", the weak share being taken over everyone in the map, unsorted included.
    names = ("closest", "close", "regular", "known", "acquaintance", "dormant")

    def one(i: str, layers: tuple[int, ...], untriaged: int) -> dict[str, Any]:
        total = sum(layers) + untriaged
        return _good(summary_id=i * 16, layers=dict(zip(names, layers, strict=True)),
                     untriaged=untriaged, total=total,
                     weak_share=round((layers[3] + layers[4]) / total, 3))

    room = [one("a", (2, 2, 2, 2, 4, 0), 612), *(one(c, (0,) * 6, 300) for c in "bcdef"),
            one("0", (0,) * 6, 3)]
    report = aggregate(room)
    assert report.mix_bands == {"mostly close ties": 0, "a mix of close and weaker ties": 1,
                                "mostly weaker ties": 0}
    # The typical share is that one participant's 6 of 12, not 0% (everyone's map, the
    # unsorted people counted, as the dashboard once said).
    assert report.weak_share.median == pytest.approx(0.5)
    assert tie_mix_sentence(report).endswith(
        "a typical map has 50% weaker ties and 0% dormant ones (1 of the 7 maps has anyone "
        "sorted).")
    nobody = aggregate(room[1:])
    assert tie_mix_sentence(nobody).startswith("Nobody has given their contacts a closeness")


def test_aggregate_on_a_hand_checked_set() -> None:
    report = aggregate(_hand_made())
    assert report.participants == 4
    assert report.goal_mix == {"better_known": 2, "better_equipped": 0,
                               "better_connected": 1, "not chosen": 1}
    assert report.goals_complete == 3
    # Totals 10, 150, 30, 0 → sorted 0, 10, 30, 150: median 20, quartiles 7.5 and 60, and
    # in whole people (halves up) 8 and 60.
    assert report.total == Spread(8.0, 20.0, 60.0)
    # Closest 1, 5, 2, 0 → sorted 0, 1, 2, 5: median 1.5, so 2 people.
    assert report.layers["closest"].median == 2.0
    # Counting inwards to "close": 3, 15, 6, 0 → median 4.5, so 5 people.
    assert report.cumulative["close"].median == 5.0
    # Shares stay fractions, of the people each sorted: 4 of 10, 18 of 30 and 100 of 150
    # (the empty map has none) → 0.4, 0.6, 0.667: median 0.6.
    assert report.weak_share.median == pytest.approx(0.6)
    assert report.sorted_maps == 3
    assert tie_mix_sentence(report) == (
        "Of the people they gave a closeness, a typical map has 60% weaker ties and 0% "
        "dormant ones (3 of the 4 maps have anyone sorted).")
    assert report.size_bands == {"under 50 people": 3, "50 to 150": 1, "151 to 500": 0,
                                 "over 500": 0}
    # The empty map has no tie mix; of the others, read from the people each sorted,
    # 4 of 10 and 18 of 30 are a mix, and 100 of 150 (two thirds) mostly weaker ties.
    assert report.mix_bands == {"mostly close ties": 0, "a mix of close and weaker ties": 2,
                                "mostly weaker ties": 1}
    assert report.planned_actions.median == 7.0
    assert report.planned_each == (10, 0, 20, 4)
    assert report.venues == {"alumni_group": 3, "industry_meetup": 2}
    assert report.venue_share("alumni_group") == 0.75
    assert report.venue_share("nowhere") == 0.0
    assert report.with_commitments == 3  # 10 % 3, 20 % 3 and 4 % 3 are not 0


def test_whole_spread_rounds_halves_up() -> None:
    assert Spread.whole([0, 10, 30, 150]) == Spread(8.0, 20.0, 60.0)
    assert Spread.whole([1, 2]) == Spread(1.0, 2.0, 2.0)  # 1.25, 1.5, 1.75
    assert Spread.whole([]) == Spread(0.0, 0.0, 0.0)


def test_every_count_of_people_in_the_report_is_whole(tmp_path: Path) -> None:
    summaries = example_summaries(12, seed=7)
    report = aggregate(summaries)
    spreads = [report.total, report.untriaged, report.sector_count, report.planned_actions,
               report.done_actions, report.commitments, report.check_ins,
               *report.layers.values(), *report.cumulative.values()]
    for spread in spreads:
        assert all(float(v).is_integer() for v in (spread.low, spread.median, spread.high))
    page = cohort_html(report, [], TODAY)
    assert not re.search(r"\d+\.\d+ (people|actions)", page)
    # Every number in the report's tables is whole (shares are written as percentages).
    cells = re.findall(r'<td class="num">([^<]*)</td>', page)
    assert cells
    assert all(re.fullmatch(r"\d+%?|–", c) for c in cells), cells


@pytest.mark.parametrize("people", [1, 4])
def test_fewer_than_five_summaries_show_the_count_only(people: int) -> None:
    report = aggregate(example_summaries(people, seed=2))
    assert report.too_few
    page = cohort_html(report, [], TODAY)
    assert f'<div class="n">{people}</div>' in page
    assert TOO_FEW in page
    assert "<svg" not in page
    assert "<table" not in page
    assert "typical map" not in page


def test_five_summaries_show_the_breakdown() -> None:
    report = aggregate(example_summaries(5, seed=2))
    assert not report.too_few
    page = cohort_html(report, [], TODAY)
    assert TOO_FEW not in page
    assert "<svg" in page


def test_aggregate_of_nobody_is_zeros() -> None:
    report = aggregate([])
    assert report.participants == 0
    assert report.total == Spread(0.0, 0.0, 0.0)
    assert report.venue_share("alumni_group") == 0.0
    assert "No summaries yet" in cohort_html(report, [])


def test_action_histogram_bands() -> None:
    assert action_histogram([0, 1, 5, 6, 40, 41]) == {
        "none": 1, "1 to 5": 2, "6 to 10": 1, "11 to 20": 0, "21 to 40": 1, "over 40": 1}


def test_five_hundred_summaries_load_and_aggregate(tmp_path: Path) -> None:
    written = write_examples(tmp_path, 500, seed=3)
    assert len(written) == 500
    summaries, problems = load_summaries(tmp_path)
    assert problems == []
    assert len(summaries) == 500
    report = aggregate(summaries)
    assert report.participants == 500
    assert sum(report.goal_mix.values()) == 500
    assert sum(report.size_bands.values()) == 500
    assert report.total.low <= report.total.median <= report.total.high


# ----------------------------------------------------------------------- the report


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.update(name for name, _ in attrs)
        if tag not in ("meta", "br", "rect", "line", "circle", "path"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1:] == [tag], f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report_parses_and_escapes_odd_file_names(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_examples(drop, 30, seed=5)
    odd = '<script>alert("x")<img src=x onerror=alert(1)>&amp;.json'
    _write(drop, odd, "{broken")
    out = tmp_path / "out" / "report.html"
    participants, problems = write_cohort_report(drop, out, TODAY)
    assert participants == 30
    assert len(problems) == 1
    page = out.read_text(encoding="utf-8")
    parsed = _Parsed()
    parsed.feed(page)
    parsed.close()
    assert parsed.open == []  # every element closed in order
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert "&lt;script&gt;" in page
    assert any("<script>alert" in chunk for chunk in parsed.text)  # shown as text, inert
    assert parsed.tags.count("svg") == 6
    assert not {"src", "href", "onerror"} & parsed.attrs  # nothing fetched, nothing run
    assert "https://" not in page
    assert len(page) < 200_000


def test_report_shows_each_venue_by_name(tmp_path: Path) -> None:
    five = [*_hand_made(), _good(summary_id="e" * 16, venues=[])]  # five: a breakdown
    page = cohort_html(aggregate(five), ["Skipped x.json: it is not valid JSON."], TODAY)
    names = {v.id: v.name for v in load_venue_catalogue()}
    assert names["alumni_group"].replace("(", "") in page.replace("(", "")
    assert "60%" in page  # 3 of 5
    assert "Skipped x.json" in page


# ------------------------------------------------------- out-of-range counts, full disks


@pytest.mark.parametrize("field", ["total", "untriaged", "planned_actions", "check_ins"])
def test_an_absurd_count_is_skipped_and_listed_and_the_report_still_written(
        tmp_path: Path, field: str) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_examples(drop, 5)
    huge = _good(summary_id="f" * 16)
    huge[field] = 10**400
    (drop / "huge.json").write_text(json.dumps(huge), encoding="utf-8")
    layers = _good(summary_id="e" * 16)
    layers["layers"]["close"] = 10**400
    (drop / "layers.json").write_text(json.dumps(layers), encoding="utf-8")
    out = tmp_path / "report.html"
    participants, problems = write_cohort_report(drop, out, TODAY)
    assert participants == 5
    assert any(p.startswith("Skipped huge.json:") and f'"{field}"' in p for p in problems)
    assert any(p.startswith("Skipped layers.json:") for p in problems)
    assert "huge.json" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")
def test_a_full_disk_leaves_the_old_report_and_no_empty_one(tmp_path: Path) -> None:
    from tiny_disk import tiny_disk

    drop = tmp_path / "drop"
    drop.mkdir()
    write_examples(drop, 30)
    with tiny_disk(tmp_path / "disk", size_kb=64) as disk:
        (disk / "filler").write_bytes(b"x" * 60_000)
        out = disk / "report.html"
        with pytest.raises(OSError, match="No space left"):
            write_cohort_report(drop, out, TODAY)
        assert not out.exists()
        assert [p.name for p in disk.iterdir()] == ["filler"]
