"""The summary a participant shares: nothing personal leaves, and it says what it holds."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from jargon import jargon_in

from networking_kit.cohort import (
    DROP_ENV_VAR,
    FORMAT,
    SUMMARY_ID_KEY,
    drop_folder,
    share_summary,
    summarise,
    withdraw_summary,
)
from networking_kit.cohort_report import (
    load_summaries,
)
from networking_kit.goals import Goal, GoalKind
from networking_kit.samples import sample_goal
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import make_plan, save_goal
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
    assert "How varied your circles are: very varied (the file keeps it as the number 0.9" \
        in text
    assert jargon_in(text) == []  # "where 1 is the most varied" was number-speak
    assert ", An " not in text
    assert ", A " not in text
    assert "Former colleagues" in text or "former colleagues" in text.lower()
    names = set(workbook.load_contacts()["name"])
    assert not any(name in text for name in names)
    empty = " ".join(summary_in_words({"layers": {}, "venues": []}))
    assert "Your goal: not chosen yet." in empty
    assert "People in your map: 0." in empty
    assert "Weaker ties: none of your people has a closeness yet." in empty
    # the share is of the people sorted, as the room's report reads it: 1 of 4, not of 104
    mixed = " ".join(summary_in_words({"layers": {"close": 3, "known": 1}, "untriaged": 100,
                                       "total": 104, "weak_share": 0.01, "venues": []}))
    assert "Weaker ties: 25% of the people you gave a closeness; dormant ties: 0%." in mixed
