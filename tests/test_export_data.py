"""Data exports: the JSON backup round trip, CSVs safe for spreadsheets, graphs that parse."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from networking_kit.contacts import ContactImportError, normalise_contacts
from networking_kit.export.graph import (
    graphml_text,
    kumu_connections_csv,
    kumu_elements_csv,
    network_graph,
)
from networking_kit.export.privacy import NameStyle, Privacy, apply_privacy, initials
from networking_kit.export.tables import actions_csv, contacts_csv, inert
from networking_kit.export.workbook_json import (
    is_workbook_json,
    read_workbook_json,
    restore_workbook,
    workbook_to_json,
)
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook, open_workbook

NASTY = ["<script>alert(1)</script>", '=HYPERLINK("http://x")', "+1 555", "-rm", "@SUM(A1)"]


def _full_workbook(workbook: Workbook) -> Workbook:
    use_sample(workbook, today=date(2026, 11, 23))
    workbook.save_contacts(normalise_contacts(pd.DataFrame({"name": NASTY}), source="manual"))
    workbook.set_profile("participant_name", "Zoë <b>")
    workbook.save_goal({"version": 1, "kind": "better_connected", "targets": ["fintech"]})
    ids = workbook.load_contacts()["contact_id"].tolist()
    workbook.set_tie(ids[0], ids[1])
    workbook.add_followup(kind="catch_up", title="Coffee, then a call", contact_id=ids[2],
                          due_on=date(2026, 12, 1), data={"why": "dormant; trusted"})
    workbook.log_interaction(ids[2], happened_on=date(2026, 11, 20), kind="coffee", note="ok")
    return workbook


def _without_time(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported_at")
    return document


def test_json_restore_gives_back_an_identical_workbook(workbook: Workbook,
                                                       tmp_path: Path) -> None:
    exported = workbook_to_json(_full_workbook(workbook))
    path = tmp_path / "backup.json"
    path.write_text(exported, encoding="utf-8")
    assert is_workbook_json(path)
    with open_workbook(tmp_path / "restored.sqlite") as restored:
        counts = restore_workbook(path, restored)
        assert counts["contacts"] == workbook.count_contacts()
        assert _without_time(workbook_to_json(restored)) == _without_time(exported)
        pd.testing.assert_frame_equal(restored.load_contacts(), workbook.load_contacts())
        assert restored.load_followups() == workbook.load_followups()


def test_a_bad_backup_changes_nothing(workbook: Workbook, tmp_path: Path) -> None:
    _full_workbook(workbook)
    before = workbook.snapshot()
    cut = tmp_path / "cut.json"
    cut.write_text(workbook_to_json(workbook)[:500], encoding="utf-8")
    with pytest.raises(ContactImportError, match=r"cut\.json"):
        restore_workbook(cut, workbook)
    broken = json.loads(workbook_to_json(workbook))
    broken["contacts"][0]["strength"] = "bestie"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ContactImportError, match="nothing was changed"):
        restore_workbook(bad, workbook)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ContactImportError, match="not a networking_kit workbook export"):
        read_workbook_json(other)
    assert workbook.snapshot() == before


@pytest.mark.parametrize("value", NASTY[1:])
def test_formula_cells_are_made_inert(value: str) -> None:
    assert inert(value) == "'" + value


def test_plain_cells_stay_as_they_are() -> None:
    assert inert("Ada") == "Ada"
    assert inert(None) == ""
    assert inert(pd.Timestamp("2026-11-02")) == "2026-11-02"


def test_contacts_csv_parses_back_with_nasty_names_as_text(workbook: Workbook) -> None:
    contacts = _full_workbook(workbook).load_contacts()
    text = contacts_csv(contacts, Privacy())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(contacts)
    names = {r["name"] for r in rows}
    assert "<script>alert(1)</script>" in names
    # Details off: even a link typed into a name is hidden; the cell is still inert.
    assert "'=HYPERLINK(\"(link hidden)\")" in names
    assert not any(r["name"].startswith(("=", "+", "-", "@")) for r in rows)
    assert "email" not in rows[0]
    shown = csv.DictReader(io.StringIO(contacts_csv(contacts, Privacy(True))))
    assert "'=HYPERLINK(\"http://x\")" in {r["name"] for r in shown}


def test_privacy_default_hides_details_and_initials_hide_names(workbook: Workbook) -> None:
    contacts = _full_workbook(workbook).load_contacts()
    default = apply_privacy(contacts, Privacy())
    assert default["email"].isna().all()
    assert default["phone"].isna().all()
    with_details = apply_privacy(contacts, Privacy(include_contact_details=True))
    assert with_details["email"].notna().any()
    hidden = apply_privacy(contacts, Privacy(names=NameStyle.INITIALS))
    assert not set(hidden["name"]) & set(contacts["name"])
    assert initials("Ada King-Lovelace") == "A. K.-L."
    assert initials(None) == "?"


def test_actions_csv_orders_by_date_and_is_inert() -> None:
    text = actions_csv([
        {"due_on": "2026-12-02", "status": "planned", "kind": "share", "title": "=cmd", "why": "",
         "people": "A"},
        {"due_on": "2026-11-30", "status": "accepted", "kind": "check_in", "title": "30 days",
         "why": "review", "people": ""},
    ])
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[3] for r in rows[1:]] == ["30 days", "'=cmd"]


def test_graphml_parses_back_with_networkx(workbook: Workbook, tmp_path: Path) -> None:
    workbook = _full_workbook(workbook)
    contacts = workbook.load_contacts()
    graph = network_graph(contacts, workbook.load_ties(), Privacy(), "Zoë <b>")
    path = tmp_path / "network.graphml"
    path.write_text(graphml_text(graph), encoding="utf-8")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == len(contacts) + 1
    assert back.number_of_edges() == len(contacts) + 1  # one census tie
    assert back.nodes["me"]["label"] == "Zoë <b>"
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert "<script>alert(1)</script>" in labels


def test_graphml_holds_no_character_xml_forbids(workbook: Workbook) -> None:
    use_sample(workbook, date(2026, 11, 23))
    contacts = workbook.load_contacts()  # as an older import or a restored backup may hold
    contacts.loc[0:1, "name"] = ["Ada\x01 Lovelace\x0b", "Zoë\ufffe Ng"]
    contacts.loc[0:1, "company"] = ["Acme\x1f", "\x00"]
    contacts.loc[2, "contact_id"] = "id\x01two"
    text = graphml_text(network_graph(contacts, [], Privacy(), "Sam\x02"))
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")))  # raises on invalid XML
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert {"Ada Lovelace", "Zoë Ng", "Sam"} <= labels
    assert "Acme" in {d["company"] for _, d in back.nodes(data=True)}


def test_kumu_sheets_name_the_same_elements(workbook: Workbook) -> None:
    workbook = _full_workbook(workbook)
    graph = network_graph(workbook.load_contacts(), workbook.load_ties(),
                          Privacy(names=NameStyle.INITIALS))
    elements = list(csv.DictReader(io.StringIO(kumu_elements_csv(graph))))
    connections = list(csv.DictReader(io.StringIO(kumu_connections_csv(graph))))
    ids = {e["ID"] for e in elements}
    assert connections
    assert all(c["From"] in ids and c["To"] in ids for c in connections)
    assert not any(e["Label"].startswith(("=", "+", "-", "@")) for e in elements)


@pytest.mark.parametrize("name", ["plan.html", "plan.md", "contacts.csv", "plan.ics",
                                  "workbook.json", "network.graphml"])
def test_exports_are_readable_by_their_owner_only(workbook: Workbook, tmp_path: Path,
                                                  name: str) -> None:
    from networking_kit.export.formats import export_to

    use_sample(workbook, date(2026, 11, 23))
    folder = tmp_path / "exports"
    older = folder / name
    folder.mkdir(mode=0o755)
    older.write_text("an older export, readable by everyone")
    older.chmod(0o644)
    written = export_to(workbook, older, today=date(2026, 11, 23))
    assert written.stat().st_mode & 0o777 == 0o600
    assert "an older export" not in written.read_text(encoding="utf-8-sig")
    assert not list(folder.glob("*.partial"))
    fresh = export_to(workbook, tmp_path / "new-folder" / name, today=date(2026, 11, 23))
    assert fresh.parent.stat().st_mode & 0o777 == 0o700
    assert fresh.stat().st_mode & 0o777 == 0o600
