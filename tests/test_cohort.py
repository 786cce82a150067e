"""The cohort summaries: nothing personal leaves, bad files are skipped, numbers add up."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from networking_kit.cohort import (
    DROP_ENV_VAR,
    FORMAT,
    SUMMARY_ID_KEY,
    drop_folder,
    share_summary,
    summarise,
    withdraw_summary,
)
from networking_kit.cohort_examples import example_summaries, write_examples
from networking_kit.cohort_report import (
    Spread,
    action_histogram,
    aggregate,
    cohort_html,
    load_summaries,
    write_cohort_report,
)
from networking_kit.goals import Goal, GoalKind
from networking_kit.samples import sample_goal, use_sample
from networking_kit.steps.followups_store import make_plan
from networking_kit.steps.goal import save_goal
from networking_kit.store import Workbook
from networking_kit.venues import Commitment, load_venue_catalogue

TODAY = date(2026, 11, 23)
# Strings that must never reach a summary: the participant's, their contacts', their goal's.
SECRETS = {
    "participant": "Zebediah Quuxington", "email": "zq.secret@kumquat-mail.example",
    "phone": "+44 7700 900417", "company": "Blorpfield Widgets", "notes": "saw at glimmerfest",
    "who": "vexillologists in Upper Snodsbury", "where": "the Snodsbury flag club",
    "place": "Quibbleton Hall", "target": "ask about zorbing", "contact": "Ottoline Fizzwick",
    "help": "marzipan sculpture", "offer": "wombat husbandry", "tag": "hyperloopery",
    "context_free_text": "met on the Trans-Siberian",
}


def _distinctive(workbook: Workbook) -> Workbook:
    """A workbook full of distinctive strings in every free-text place there is."""
    use_sample(workbook, TODAY)
    workbook.set_profile("participant_name", SECRETS["participant"])
    extra = pd.DataFrame([{
        "contact_id": "c-secret", "name": SECRETS["contact"], "first_name": "Ottoline",
        "last_name": "Fizzwick", "email": SECRETS["email"], "phone": SECRETS["phone"],
        "company": SECRETS["company"], "position": "Chief " + SECRETS["tag"],
        "url": "https://example.org/in/ottoline-fizzwick", "notes": SECRETS["notes"],
        "can_help_with": SECRETS["help"], "i_can_offer": SECRETS["offer"],
        "tags": SECRETS["tag"] + "; " + SECRETS["context_free_text"], "strength": "close",
        "context": "community", "source": "manual", "trust": "high",
    }])
    workbook.save_contacts(extra)
    catalogue = {v.id: v for v in load_venue_catalogue()}
    commitment = Commitment.plan(catalogue["industry_meetup"], TODAY, GoalKind.BETTER_KNOWN)
    commitment.place, commitment.target = SECRETS["place"], SECRETS["target"]
    custom = Commitment("my own thing", SECRETS["where"], [TODAY, TODAY, TODAY], "x")
    goal = Goal(kind=GoalKind.BETTER_KNOWN, who=SECRETS["who"], where=SECRETS["where"],
                how_many=4, by_when=date(2027, 2, 1), targets=[SECRETS["tag"]],
                venues=["industry_meetup", "former_colleagues", SECRETS["where"]],
                commitments=[commitment, custom])
    save_goal(workbook, goal)
    make_plan(workbook, TODAY, goal)
    workbook.log_interaction("c-secret", happened_on=TODAY, kind="coffee",
                             note=SECRETS["notes"])
    return workbook


def test_summary_holds_no_personal_data(workbook: Workbook, tmp_path: Path) -> None:
    path = share_summary(_distinctive(workbook), tmp_path, TODAY)
    text = path.read_text(encoding="utf-8")
    contacts = workbook.load_contacts()
    assert len(contacts) > 100  # the sample's contacts are in too, and none may leak
    leaked = [s for s in SECRETS.values() if s.lower() in text.lower()]
    for column in ("name", "email", "phone", "company", "notes", "url"):
        leaked += [v for v in contacts[column].dropna().astype(str) if len(v) > 3 and v in text]
    assert leaked == []
    summary = json.loads(text)
    assert summary["venues"] == ["former_colleagues", "industry_meetup"]  # catalogue ids only
    assert summary["commitments"] == 2
    # Every value is a number, a yes/no, an id, a date or a goal kind: no room for free text.
    strings = [v for k, v in summary.items() if isinstance(v, str)]
    assert sorted(strings) == sorted([FORMAT, summary["summary_id"], "2026-11-23",
                                      "better_known"])


def test_summary_counts_match_the_workbook(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    goal = sample_goal(TODAY)
    save_goal(workbook, goal)
    plan = make_plan(workbook, TODAY, goal)
    summary = summarise(workbook, TODAY)
    assert summary["format"] == FORMAT
    assert summary["version"] == 1
    assert summary["total"] == workbook.count_contacts()
    assert summary["total"] == sum(summary["layers"].values()) + summary["untriaged"]
    assert summary["goal_kind"] == "better_connected"
    assert summary["goal_complete"] is True
    dated = [a for a in plan if a.status != "skipped" and a.due_on is not None]
    assert any(a.due_on is None for a in plan), "the sample plan should have 'later' ideas"
    assert summary["planned_actions"] == len(dated)  # as step 3 and the printed plan count
    assert summary["check_ins"] == sum(a.kind == "check_in" for a in dated) > 0
    assert 0 <= summary["weak_share"] <= 1
    assert 0 < summary["context_diversity_iqv"] <= 1


def test_empty_workbook_gives_a_valid_summary(workbook: Workbook, tmp_path: Path) -> None:
    share_summary(workbook, tmp_path, TODAY)
    summaries, problems = load_summaries(tmp_path)
    assert problems == []
    assert summaries[0]["total"] == 0
    assert summaries[0]["goal_kind"] is None


def test_sharing_again_replaces_the_same_file(workbook: Workbook, tmp_path: Path) -> None:
    use_sample(workbook, TODAY)
    drop = tmp_path / "drop"
    drop.mkdir()
    first = share_summary(workbook, drop, TODAY)
    assert stat.S_IMODE(first.stat().st_mode) == 0o644
    second = share_summary(workbook, drop, date(2026, 11, 24))
    assert first == second
    assert [p.name for p in drop.iterdir()] == [first.name]  # no temporary left over
    assert first.stem == workbook.get_profile(SUMMARY_ID_KEY)
    assert json.loads(second.read_text())["made_on"] == "2026-11-24"
    assert withdraw_summary(workbook, drop)
    assert not any(drop.iterdir())
    assert not withdraw_summary(workbook, drop)


def test_drop_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.delenv(DROP_ENV_VAR, raising=False)
    assert drop_folder() is None
    monkeypatch.setenv(DROP_ENV_VAR, "  ")
    assert drop_folder() is None
    monkeypatch.setenv(DROP_ENV_VAR, str(tmp_path))
    assert drop_folder() == tmp_path


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


def test_aggregate_on_a_hand_checked_set() -> None:
    report = aggregate(_hand_made())
    assert report.participants == 4
    assert report.goal_mix == {"better_known": 2, "better_equipped": 0,
                               "better_connected": 1, "not chosen": 1}
    assert report.goals_complete == 3
    # Totals 10, 150, 30, 0 → sorted 0, 10, 30, 150: median 20, quartiles 7.5 and 60.
    assert report.total == Spread(7.5, 20.0, 60.0)
    # Closest 1, 5, 2, 0 → sorted 0, 1, 2, 5: median 1.5.
    assert report.layers["closest"].median == 1.5
    # Counting inwards to "close": 3, 15, 6, 0 → median 4.5.
    assert report.cumulative["close"].median == 4.5
    assert report.size_bands == {"under 50 people": 3, "50 to 150": 1, "151 to 500": 0,
                                 "over 500": 0}
    # The empty map has no tie mix; of the others 0.4 and 0.6 are a mix, 0.666 is too.
    assert report.mix_bands == {"mostly close ties": 0, "a mix of close and weaker ties": 3,
                                "mostly weaker ties": 0}
    assert report.planned_actions.median == 7.0
    assert report.planned_each == (10, 0, 20, 4)
    assert report.venues == {"alumni_group": 3, "industry_meetup": 2}
    assert report.venue_share("alumni_group") == 0.75
    assert report.venue_share("nowhere") == 0.0
    assert report.with_commitments == 3  # 10 % 3, 20 % 3 and 4 % 3 are not 0


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
    page = cohort_html(aggregate(_hand_made()), ["Skipped x.json: it is not valid JSON."],
                       TODAY)
    names = {v.id: v.name for v in load_venue_catalogue()}
    assert names["alumni_group"].replace("(", "") in page.replace("(", "")
    assert "75%" in page
    assert "Skipped x.json" in page


@pytest.mark.skipif(os.name != "posix", reason="setgid folders are a POSIX idea")
def test_a_group_drop_folder_keeps_summaries_from_other_participants(
        workbook: Workbook, tmp_path: Path) -> None:
    drop = tmp_path / "group-drop"
    drop.mkdir()
    drop.chmod(0o3773)  # what deploy/drop_folder.sh makes: setgid, sticky
    path = share_summary(workbook, drop, TODAY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the facilitators' group reads it


def test_the_summary_in_words_says_what_the_file_holds_and_no_more(workbook: Workbook) -> None:
    from networking_kit.cohort import summary_in_words

    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    summary = summarise(workbook, TODAY)
    words = summary_in_words(summary)
    text = " ".join(words)
    assert words[0] == "Your goal: Better connected."
    assert f"People in your map: {summary['total']} (closest {summary['layers']['closest']}," \
        in text
    assert f"Follow-ups planned: {summary['planned_actions']}, done: 0" in text
    assert "How varied your circles are: very varied (0.9" in text
    assert ", An " not in text
    assert ", A " not in text
    assert "Former colleagues" in text or "former colleagues" in text.lower()
    names = set(workbook.load_contacts()["name"])
    assert not any(name in text for name in names)
    empty = " ".join(summary_in_words({"layers": {}, "venues": []}))
    assert "Your goal: not chosen yet." in empty
    assert "People in your map: 0." in empty
