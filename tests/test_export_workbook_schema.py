"""A damaged JSON backup is refused in one sentence before anything is replaced: the shapes
that used to give IntegrityError, AttributeError, TypeError or RecursionError, the ones that
were accepted and then broke the plan, and whatever a fuzzer makes of a real backup."""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networking_kit.contacts import ContactImportError
from networking_kit.export.formats import export_to
from networking_kit.export.workbook_json import restore_workbook, workbook_to_json
from networking_kit.export.workbook_schema import check_backup, try_backup
from networking_kit.samples import sample_goal
from networking_kit.steps.sample import plan_sample_followups, use_sample
from networking_kit.store import Workbook, open_workbook
from networking_kit.store.records import save_goal

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A small but complete backup: a few contacts, a goal, a plan, a log and a tie."""
    with open_workbook(tmp_path_factory.mktemp("base") / "base.sqlite") as workbook:
        use_sample(workbook, TODAY)
        ids = workbook.load_contacts()["contact_id"].tolist()
        workbook.delete_contacts(ids[8:])
        save_goal(workbook, sample_goal(TODAY))
        plan_sample_followups(workbook, TODAY)
        workbook.log_interaction(ids[0], happened_on=TODAY, kind="call", note="hello")
        workbook.set_tie(ids[0], ids[1])
        workbook.set_profile("participant_name", "Sam")
        document: dict[str, Any] = json.loads(workbook_to_json(workbook))
    assert document["followups"]
    assert document["interactions"]
    assert document["ties"]
    return document


@pytest.fixture
def mine(tmp_path: Path) -> Workbook:
    workbook = open_workbook(tmp_path / "mine.sqlite")
    workbook.set_profile("participant_name", "Alex")
    workbook.save_goal({"kind": "new_role"})
    return workbook


def restore_text(text: str, workbook: Workbook, folder: Path) -> dict[str, int]:
    path = folder / "backup.json"
    path.write_text(text, encoding="utf-8")
    return restore_workbook(path, workbook)


def test_a_good_backup_passes_both_checks(backup: dict[str, Any]) -> None:
    assert check_backup(backup) is None
    assert try_backup(backup, TODAY) is None


def damaged(backup: dict[str, Any], change: str) -> dict[str, Any]:
    doc = copy.deepcopy(backup)
    first = doc["contacts"][0]["contact_id"]
    match change:
        case "same follow-up twice":  # was sqlite3.IntegrityError
            doc["followups"].append(dict(doc["followups"][0]))
        case "interaction about nobody":  # was sqlite3.IntegrityError
            doc["interactions"][0]["contact_id"] = "nobody"
        case "contact as a list":  # was AttributeError
            doc["contacts"][0] = ["Ada", "Lovelace"]
        case "profile as a list":  # was AttributeError
            doc["profile"] = [["participant_name", "Sam"]]
        case "tie of one":  # was TypeError
            doc["ties"] = [[first]]
        case "number as a name":  # was TypeError
            doc["contacts"][0]["name"] = 12
        case "follow-up without a title":  # was KeyError
            del doc["followups"][0]["title"]
        case "due date not a date":  # accepted, then the plan broke
            doc["followups"][0]["due_on"] = "next Tuesday"
        case "last contact not a date":  # accepted, then the restore broke in pandas
            doc["contacts"][-1]["last_contact"] = "20:6-11-25"
        case "happened on not a date":  # accepted, then the log broke
            doc["interactions"][0]["happened_on"] = "2026-13-45"
        case "follow-up data as text":  # accepted, then the plan broke
            doc["followups"][0]["data"] = "why"
        case "goal as a list":
            doc["goal"] = ["better_connected"]
        case "schema version as text":  # was ValueError from int()
            doc["schema_version"] = "five"
        case _:
            raise AssertionError(change)
    return doc


CHANGES = ["same follow-up twice", "interaction about nobody", "contact as a list",
           "profile as a list", "tie of one", "number as a name", "follow-up without a title",
           "due date not a date", "last contact not a date", "happened on not a date",
           "follow-up data as text", "goal as a list", "schema version as text"]


@pytest.mark.parametrize("change", CHANGES)
def test_a_damaged_backup_is_one_sentence_and_changes_nothing(
        backup: dict[str, Any], mine: Workbook, tmp_path: Path, change: str) -> None:
    before = mine.snapshot()
    with pytest.raises(ContactImportError) as raised:
        restore_text(json.dumps(damaged(backup, change)), mine, tmp_path)
    message = str(raised.value)
    assert message.startswith("backup.json: this backup ")
    assert "nothing was changed in your workbook" in message
    assert "Traceback" not in message
    assert "\n" not in message  # one sentence, never a library's lines of advice
    assert mine.snapshot() == before
    assert mine.earlier_versions() == []  # refused before even the backup was made


def test_a_backup_nested_too_deeply_is_a_sentence(mine: Workbook, tmp_path: Path) -> None:
    text = ('{"format": "networking-kit-workbook", "format_version": 1, "goal": '
            + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ContactImportError, match="nested far too deeply"):
        restore_text(text, mine, tmp_path)


def test_a_goal_the_plan_cannot_use_is_refused_before_replacing(
        backup: dict[str, Any], mine: Workbook, tmp_path: Path) -> None:
    """The shape is right (a goal is a dict), but the plan cannot be made from it."""
    doc = copy.deepcopy(backup)
    doc["goal"] = {**doc["goal"], "version": 99}
    assert check_backup(doc) is None
    before = mine.snapshot()
    with pytest.raises(ContactImportError, match="cannot use"):
        restore_text(json.dumps(doc), mine, tmp_path)
    assert mine.snapshot() == before


# Any JSON value, small: what a hand edit or a cut-and-paste might leave in a field.
LEAF = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6)


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths_in(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths_in(inner, (*prefix, index))
    return found


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_backups_are_refused_in_a_sentence_or_make_a_working_plan(
        backup: dict[str, Any], tmp_path: Path, data: st.DataObject) -> None:
    doc = copy.deepcopy(backup)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        where = data.draw(st.sampled_from(paths_in(doc)), label="where")
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        if data.draw(st.booleans(), label="delete") and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = data.draw(LEAF, label="value")
        if not paths_in(doc):
            break
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    with open_workbook(folder / "mine.sqlite") as mine:
        mine.save_goal({"kind": "new_role"})
        before = mine.snapshot()
        refused = ""
        try:
            restore_text(json.dumps(doc), mine, folder)
        except ContactImportError as error:  # the only exception allowed out
            refused = str(error)
        if refused:
            assert any(words in refused for words in ("nothing was changed", "not a", "newer"))
            assert mine.snapshot() == before
            return
        # Accepted: then everything the plan page offers must work from it.
        for name in ("plan.html", "plan.md", "plan.ics", "network.graphml"):
            export_to(mine, folder / name, today=TODAY, remember=False)
