"""The workbook file: round trips, migrations, permissions and crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from networking_kit.contacts import ContactValidationError, normalise_contacts
from networking_kit.samples import load_sample_contacts
from networking_kit.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Workbook,
    WorkbookError,
    default_workbook_path,
    open_workbook,
)


def test_new_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new" / "wb.sqlite"
    with open_workbook(path) as workbook:
        workbook.set_profile("participant_name", "Alex")
        mode = stat.S_IMODE(path.stat().st_mode)
        journal = workbook._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert journal == "wal"


def test_default_location_and_environment_override(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.delenv("NETWORKING_KIT_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_workbook_path() == tmp_path / "NetworkingKit" / "my-network.sqlite"
    monkeypatch.setenv("NETWORKING_KIT_DB", str(tmp_path / "chosen.sqlite"))
    with open_workbook() as workbook:
        assert workbook.path == tmp_path / "chosen.sqlite"


def test_sample_contacts_round_trip_without_loss(workbook: Workbook) -> None:
    original = load_sample_contacts(today=date(2026, 11, 23))
    workbook.save_contacts(original)
    loaded = workbook.load_contacts()
    pd.testing.assert_frame_equal(loaded, original)


def test_odd_characters_survive_the_round_trip(workbook: Workbook) -> None:
    odd = normalise_contacts(pd.DataFrame([{
        "name": "Zoë 'Zed' O'Brien-Ng 🚀", "notes": "line one\nline two; \"quoted\", <b>",
        "company": "=HYPERLINK(\"http://x\")", "tags": "a; b",
    }]))
    workbook.save_contacts(odd)
    pd.testing.assert_frame_equal(workbook.load_contacts(), odd)


def test_saving_again_updates_rather_than_duplicates(workbook: Workbook) -> None:
    table = normalise_contacts(pd.DataFrame([{"name": "Ada Lovelace", "email": "a@x.org"}]))
    workbook.save_contacts(table)
    table.loc[0, "notes"] = "met at the meet-up"
    workbook.save_contacts(table)
    loaded = workbook.load_contacts()
    assert len(loaded) == 1
    assert loaded.loc[0, "notes"] == "met at the meet-up"


def test_a_bad_table_changes_nothing(workbook: Workbook) -> None:
    good = normalise_contacts(pd.DataFrame([{"name": "Kept"}]))
    workbook.save_contacts(good)
    with pytest.raises(ContactValidationError):
        workbook.save_contacts(pd.DataFrame([{"name": "New"}, {"name": "Bad", "strength": "x"}]))
    assert workbook.load_contacts()["name"].tolist() == ["Kept"]


def test_update_one_contact_checks_the_value(workbook: Workbook) -> None:
    workbook.save_contacts(normalise_contacts(pd.DataFrame([{"name": "Ada"}])))
    contact_id = workbook.load_contacts().loc[0, "contact_id"]
    workbook.update_contact(contact_id, strength="Close", last_contact="2026-10-01")
    row = workbook.load_contacts().iloc[0]
    assert row["strength"] == "close"
    assert row["last_contact"] == pd.Timestamp("2026-10-01")
    with pytest.raises(ContactValidationError):
        workbook.update_contact(contact_id, strength="bestie")
    with pytest.raises(KeyError):
        workbook.update_contact("nobody", notes="x")
    with pytest.raises(ValueError, match="contact_id is not a field that can be changed"):
        workbook.update_contact(contact_id, contact_id="other")


def test_batch_update_changes_only_the_chosen_contacts(workbook: Workbook) -> None:
    workbook.save_contacts(normalise_contacts(pd.DataFrame([{"name": n} for n in "ABC"])))
    ids = workbook.load_contacts()["contact_id"].tolist()
    changed = workbook.update_contacts(ids[:2], context="Work, outside my organisation")
    assert changed == 2
    contexts = workbook.load_contacts()["context"]
    assert contexts.tolist()[:2] == ["work_outside", "work_outside"]
    assert pd.isna(contexts[2])
    with pytest.raises(ContactValidationError):
        workbook.update_contacts(ids, strength="bestie")
    with pytest.raises(ValueError, match="not a field that can be changed"):
        workbook.update_contacts(ids, contact_id="x")


def test_goal_profile_followups_and_interactions(workbook: Workbook) -> None:
    assert workbook.load_goal() is None
    workbook.save_goal({"kind": "better_connected", "how_many": 2})
    assert workbook.load_goal() == {"kind": "better_connected", "how_many": 2}
    workbook.set_profile("participant_name", "Alex")
    assert workbook.profile() == {"participant_name": "Alex"}

    workbook.save_contacts(normalise_contacts(pd.DataFrame([{"name": "Ada"}])))
    contact_id = workbook.load_contacts().loc[0, "contact_id"]
    first = workbook.add_followup(kind="catch_up", title="Coffee with Ada",
                                  contact_id=contact_id, due_on=date(2026, 12, 1))
    workbook.add_followup(kind="check_in", title="30-day check-in", due_on=date(2026, 11, 30))
    workbook.update_followup(first, status="done", data={"note": "went well"})
    followups = workbook.load_followups()
    assert [f["title"] for f in followups] == ["30-day check-in", "Coffee with Ada"]
    assert followups[1]["status"] == "done"
    assert followups[1]["data"] == {"note": "went well"}

    workbook.log_interaction(contact_id, happened_on=date(2026, 11, 20), kind="coffee")
    workbook.log_interaction(contact_id, happened_on=date(2026, 11, 1), kind="message")
    assert workbook.load_contacts().loc[0, "last_contact"] == pd.Timestamp("2026-11-20")
    assert [i["kind"] for i in workbook.load_interactions(contact_id)] == ["message", "coffee"]


def test_census_ties_are_stored_once_per_pair_and_go_with_the_contact(
        workbook: Workbook) -> None:
    workbook.save_contacts(normalise_contacts(pd.DataFrame([{"name": n} for n in "ABC"])))
    a, b, c = workbook.load_contacts()["contact_id"]
    workbook.set_tie(b, a)
    workbook.set_tie(a, b)
    workbook.set_tie(a, c)
    assert len(workbook.load_ties()) == 2
    workbook.set_tie(c, a, know_each_other=False)
    assert workbook.load_ties() == [tuple(sorted((a, b)))]
    workbook.delete_contacts([b])
    assert workbook.load_ties() == []
    with pytest.raises(ValueError, match="themselves"):
        workbook.set_tie(a, a)


def test_migrates_a_version_1_file_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (1)")
    db.execute("INSERT INTO contacts (contact_id, name) VALUES ('c1', 'Old Friend')")
    db.commit()
    db.close()
    with open_workbook(path) as workbook:
        assert workbook.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        assert workbook.load_contacts()["name"].tolist() == ["Old Friend"]
        workbook.log_interaction("c1", happened_on=date(2026, 1, 5), kind="call")
        assert len(workbook.load_interactions()) == 1


def test_refuses_a_file_from_a_newer_toolkit(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_workbook(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(WorkbookError, match="newer networking_kit"):
        open_workbook(path)


def test_refuses_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(WorkbookError, match="not a workbook file"):
        open_workbook(path)
    assert path.read_bytes().startswith(b"these are my notes")


def test_an_interrupted_transaction_leaves_the_file_as_it_was(workbook: Workbook) -> None:
    workbook.save_contacts(normalise_contacts(pd.DataFrame([{"name": "Before"}])))

    def interrupted() -> None:
        with workbook.transaction() as db:
            db.execute("DELETE FROM contacts")
            raise RuntimeError("the kernel was interrupted here")

    with pytest.raises(RuntimeError):
        interrupted()
    assert workbook.load_contacts()["name"].tolist() == ["Before"]
    assert workbook.check_integrity()


_WRITER = textwrap.dedent("""
    import sys
    import pandas as pd
    from networking_kit.contacts import normalise_contacts
    from networking_kit.store import open_workbook

    workbook = open_workbook(sys.argv[1])
    for batch in range(100000):
        rows = [{"name": f"Person {batch}-{i}", "notes": "x" * 200} for i in range(50)]
        workbook.save_contacts(normalise_contacts(pd.DataFrame(rows)))
        print(batch, flush=True)
""")


def test_killing_the_process_mid_write_loses_nothing_committed(tmp_path: Path) -> None:
    """A kernel killed while it writes: every batch it reported as saved is still there."""
    path = tmp_path / "killed.sqlite"
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    committed = -1
    deadline = time.monotonic() + 60
    while committed < 20 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        committed = int(line)
    os.kill(writer.pid, signal.SIGKILL)  # no clean-up, like a kernel killed mid-write
    writer.wait(timeout=10)
    assert committed >= 20, "the writer did not get going"
    with open_workbook(path) as workbook:
        assert workbook.check_integrity()
        count = workbook.count_contacts()
    assert count >= (committed + 1) * 50
    assert count % 50 == 0, "a half-written batch became visible"


def _fail_inside(workbook, key: str) -> None:
    with workbook.transaction():
        workbook.set_profile(key, 2)
        raise RuntimeError("fails after a write")


def test_transactions_nest_as_savepoints(tmp_path):
    workbook = open_workbook(tmp_path / "nest.sqlite")
    with workbook.transaction():
        workbook.set_profile("a", 1)
        with pytest.raises(RuntimeError):
            _fail_inside(workbook, "b")
        assert workbook.in_transaction
    assert (workbook.get_profile("a"), workbook.get_profile("b")) == (1, None)
    with pytest.raises(RuntimeError):
        _fail_inside(workbook, "c")  # the outer level: its inner set_profile is undone too
    assert workbook.get_profile("c") is None
    assert not workbook.in_transaction


_ACTIONS = textwrap.dedent("""
    import sys
    from datetime import date
    import pandas as pd
    from networking_kit.contacts import normalise_contacts
    from networking_kit.store import open_workbook

    workbook = open_workbook(sys.argv[1])
    for number in range(100000):
        with workbook.transaction():  # one participant action: three tables, one transaction
            frame = normalise_contacts(pd.DataFrame([{"name": f"Met {number}"}]))
            workbook.save_contacts(frame)
            contact_id = frame["contact_id"].iloc[0]
            workbook.log_interaction(contact_id, happened_on=date(2026, 11, 20), kind="event")
            workbook.add_followup(kind="event_follow_up", title="Say thanks",
                                  contact_id=contact_id)
        print(number, flush=True)
""")


def test_killing_the_process_mid_action_leaves_whole_actions_only(tmp_path: Path) -> None:
    """A kernel killed in the middle of composed actions: each is all there or absent."""
    path = tmp_path / "killed.sqlite"
    writer = subprocess.Popen([sys.executable, "-c", _ACTIONS, str(path)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    committed = -1
    deadline = time.monotonic() + 60
    while committed < 30 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        committed = int(line)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert committed >= 30, "the writer did not get going"
    with open_workbook(path) as workbook:
        assert workbook.check_integrity()
        contacts = workbook.count_contacts()
        assert contacts > committed
        assert len(workbook.load_interactions()) == len(workbook.load_followups()) == contacts
        assert workbook.revisions()["followups"] > 0


def test_a_few_rows_are_stored_as_a_whole_table_stores_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A few rows (a session's new people) are converted value by value for speed
    (issue 11); the stored text must be what the column-at-a-time path stores."""
    from networking_kit.store import _contact_values

    few = load_sample_contacts().head(20)
    few.loc[few.index[0], "last_contact"] = pd.NaT
    quick = _contact_values.stored_rows(few)
    monkeypatch.setattr(_contact_values, "_FEW", 0)
    assert quick == _contact_values.stored_rows(few)


def test_writing_rows_leaves_no_copy_of_their_text_on_the_table(workbook: Workbook) -> None:
    """SQLite takes text as UTF-8, which Python keeps inside a string that is not plain
    ASCII once it is made: the rows are bound as fresh strings, so the table written
    (an import's, held to the end) does not grow by a copy of every accented value."""
    import sys

    contacts = normalise_contacts(pd.DataFrame({
        "name": [f"Zoë Müller {n}" for n in range(40)] + ["Ana Silva"],
        "email": [None] * 40 + ["ana@example.org"]}), source="manual")
    names = contacts["name"].to_numpy(dtype=object)
    sizes = [sys.getsizeof(name) for name in names]
    workbook.add_contacts(contacts)
    assert [sys.getsizeof(name) for name in names] == sizes
    saved = workbook.load_contacts().set_index("contact_id")["name"]
    assert saved[contacts["contact_id"]].tolist() == names.tolist()


def test_writing_rows_holds_the_page_cache_to_their_number(
        workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    """While an import's rows are written, SQLite's page cache is held to about 16 bytes a
    row (its default 2 MB was two-thirds of a 3 MB file's size on top of the import,
    issue 14), never above that default, and is as it was afterwards."""
    from networking_kit.store import _contacts

    db = workbook._db
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    sizes = {}
    for rows in (100, 30_000, 10**7):
        with _contacts._page_cache_for(db, rows):
            sizes[rows] = db.execute("PRAGMA cache_size").fetchone()[0]
        assert db.execute("PRAGMA cache_size").fetchone()[0] == before
    assert sizes == {100: -256, 30_000: -468, 10**7: -2000}
    seen: list[int] = []
    stored = _contacts.stored_columns

    def watched(frame: pd.DataFrame, *rest: Any) -> list[Iterable[object]]:
        seen.append(db.execute("PRAGMA cache_size").fetchone()[0])
        return stored(frame, *rest)
    monkeypatch.setattr(_contacts, "stored_columns", watched)
    workbook.add_contacts(load_sample_contacts())
    assert seen
    assert set(seen) == {-256}
    assert db.execute("PRAGMA cache_size").fetchone()[0] == before


def test_saving_normalised_people_still_refuses_a_repeated_id(workbook: Workbook) -> None:
    people = normalise_contacts(pd.DataFrame([{"name": "Ida Event"}, {"name": "Joe Event"}]))
    people.loc[1, "contact_id"] = people.loc[0, "contact_id"]
    with pytest.raises(ContactValidationError):
        workbook.save_contacts(people, normalised=True)
    assert workbook.count_contacts() == 0


def test_loading_reads_odd_stored_values_as_the_general_path_does(
        workbook: Workbook) -> None:
    """Contacts are loaded a column at a time straight into their dtypes (issue 11): a
    day written by an older version in another form, and a closeness outside the list,
    must read as ``contacts.apply_dtypes`` reads them."""
    from networking_kit.contacts import COLUMN_NAMES, apply_dtypes
    from networking_kit.store._contacts import _SELECT

    workbook.save_contacts(load_sample_contacts(today=date(2026, 11, 23)).head(5))
    with workbook.transaction() as db:
        db.execute("UPDATE contacts SET connected_on = '03/04/2024', strength = 'bestie'")
        db.execute("UPDATE contacts SET last_contact = NULL")
    rows = workbook._db.execute(f"{_SELECT} ORDER BY rowid").fetchall()
    loaded = workbook.load_contacts()
    pd.testing.assert_frame_equal(
        loaded, apply_dtypes(pd.DataFrame.from_records(rows, columns=list(COLUMN_NAMES))))
    assert (loaded["connected_on"] == pd.Timestamp("2024-03-04")).all()
    assert loaded["strength"].isna().all()
    assert loaded["last_contact"].isna().all()
