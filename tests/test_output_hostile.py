"""Hostile text through every export and every chart: each file still parses, and none
holds live markup (a link, a script, a formula), whatever a contacts file or a
participant typed."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import pytest
from defusedxml import ElementTree
from markdown_it import MarkdownIt

from networking_kit import charts
from networking_kit.charts_checkin import checkin_chart
from networking_kit.contacts import normalise_contacts
from networking_kit.export.formats import export_to
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.followups import Action
from networking_kit.network import layer_sizes
from networking_kit.samples import sample_goal
from networking_kit.steps.sample import use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import load_goal, make_plan, save_goal
from networking_kit.vocab import GoalKind

TODAY = date(2026, 11, 23)
HOSTILE = [
    '<a href="https://evil.example/login">Sign in again</a>',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>bold</b><br><i>it</i>",
    "&lt;b&gt;already escaped&lt;/b&gt; &amp; &#60;a&#62;",
    "Ctrl\x01char\x02and\x1fmore\x00",
    "\ufffe\uffff",
    '=HYPERLINK("https://evil.example","click")',
    "+44 1 @SUM(A1) -2",
    "[click](https://evil.example) ![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "%{x} %{customdata} {{ plan }} ${x}",
    "]]><!-- --><?xml?>",
    "back\\slash; semi, comma\nnew line\r\nCRLF",
    "\u202eRTL override",
    'quote " and \' apostrophe',
    "x" * 500,
]
# The plan's own markup: anything else in an export was smuggled in.
PLAN_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p",
             "strong", "section", "div", "table", "tr", "th", "td", "ul", "li", "span", "svg",
             "circle", "text", "rect", "line", "dl", "dt", "dd", "footer", "hr", "em"}


def _hostile_workbook(workbook: Workbook) -> Workbook:
    use_sample(workbook, TODAY)
    workbook.save_contacts(normalise_contacts(pd.DataFrame({
        "name": HOSTILE, "company": HOSTILE[::-1], "position": HOSTILE,
        "notes": HOSTILE, "tags": ["fintech"] * len(HOSTILE),
        "can_help_with": HOSTILE, "strength": ["close"] * len(HOSTILE)}), source="manual"))
    workbook.set_profile("participant_name", HOSTILE[0])
    save_goal(workbook, sample_goal(TODAY))
    make_plan(workbook, TODAY, load_goal(workbook))
    ids = workbook.load_contacts()["contact_id"].tolist()
    for text, contact in zip(HOSTILE, ids, strict=False):
        workbook.add_followup(kind="catch_up", title=text, contact_id=contact, due_on=TODAY,
                              data={"why": text, "contact_ids": [contact]})
    workbook.set_tie(ids[-1], ids[-2])
    return workbook


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def _no_live_html(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= PLAN_TAGS, parser.tags - PLAN_TAGS
    assert not {a for a in parser.attributes if a.startswith("on") or a in ("href", "src")}


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("privacy", [Privacy(), Privacy(True, NameStyle.INITIALS)])
def test_every_export_parses_and_holds_no_live_markup(workbook: Workbook, tmp_path: Path,
                                                       privacy: Privacy) -> None:
    _hostile_workbook(workbook)
    read = {name: export_to(workbook, tmp_path / name, privacy, TODAY).read_bytes()
            for name in ("plan.html", "plan.md", "plan.ics", "contacts.csv", "actions.csv",
                         "workbook.json", "network.graphml", "network.kumu-elements.csv",
                         "network.kumu-connections.csv")}
    text = {name: data.decode("utf-8-sig") for name, data in read.items()}
    _no_live_html(text["plan.html"])
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text["plan.html"])
    # Markdown shown by a viewer that passes raw HTML through: still nothing live.
    _no_live_html(MarkdownIt("commonmark", {"html": True}).render(text["plan.md"]))
    calendar = icalendar.Calendar.from_ical(read["plan.ics"])
    assert len(calendar.walk("VEVENT")) >= len(HOSTILE)
    for name in ("contacts.csv", "actions.csv", "network.kumu-elements.csv",
                 "network.kumu-connections.csv"):
        formulas = [c for c in _cells(text[name]) if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert not formulas, f"{name}: {formulas[:3]}"
    json.loads(text["workbook.json"])
    ElementTree.fromstring(read["network.graphml"])  # well-formed XML
    graph = nx.read_graphml(io.BytesIO(read["network.graphml"]))
    assert graph.number_of_nodes() == len(workbook.load_contacts()) + 1


# ------------------------------------------------------------------------ charts

# The markup the charts write themselves; after removing it no "<" may be left.
OWN_MARKUP = re.compile(r"<br>|</?b>|<extra></extra>")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    if hasattr(value, "tolist"):
        return _strings(value.tolist())
    return []


def _hostile_contacts() -> pd.DataFrame:
    return normalise_contacts(pd.DataFrame({
        "name": HOSTILE, "company": HOSTILE[::-1], "position": HOSTILE,
        "strength": ["close"] * len(HOSTILE), "last_contact": ["2026-01-01"] * len(HOSTILE)}),
        source="manual")


class _Spread:
    low, median, high = 1.0, 2.0, 3.0


def _every_chart() -> dict[str, go.Figure]:
    contacts = _hostile_contacts()
    actions = [Action(f"a{i}", "catch_up", text, text, (), 50, TODAY)
               for i, text in enumerate(HOSTILE)]
    words = {text: i + 1 for i, text in enumerate(HOSTILE)}
    return {
        "goal_scores": charts.goal_scores({GoalKind.BETTER_KNOWN: 3}, GoalKind.BETTER_KNOWN),
        "ego_map": charts.ego_map(contacts, title=HOSTILE[0]),
        "ego_map_big": charts.ego_map(pd.concat([contacts] * 200, ignore_index=True)),
        "layers": charts.layers_chart(layer_sizes(contacts)),
        "composition": charts.composition_chart(words, HOSTILE[1]),
        "recency": charts.recency_chart(pd.Series(list(words.values()), index=list(words))),
        "timeline": charts.timeline_chart(actions, TODAY),
        "keep_warm": charts.keep_warm_chart(pd.DataFrame(
            {"strength": ["close"], "status": ["due"]})),
        "progress": charts.progress_chart([{"happened_on": TODAY}], TODAY),
        "cohort_goal_mix": charts.cohort_goal_mix_chart(words),
        "cohort_layers": charts.cohort_layers_chart({"close": _Spread()}),
        "cohort_venues": charts.cohort_venues_chart(words, 5, {k: k for k in words}),
        "cohort_actions": charts.cohort_actions_chart([1, 7]),
        "checkin": checkin_chart(words, words, HOSTILE[2], HOSTILE[3]),
    }


def test_every_chart_shows_hostile_text_as_typed_never_as_markup() -> None:
    for name, figure in _every_chart().items():
        strings = _strings(figure.to_plotly_json())
        for text in strings:
            rest = OWN_MARKUP.sub("", text)
            assert "<" not in rest, f"{name}: {text[:80]!r}"
            assert ">" not in rest, f"{name}: {text[:80]!r}"
            assert "&" not in re.sub(r"&(?:amp|lt|gt);", "", rest), f"{name}: {text[:80]!r}"
            assert not re.search("[\x00-\x08\x0b-\x1f]", text), f"{name}: {text[:80]!r}"
    # … and the words are still there, as the participant typed them.
    hover = " ".join(_strings(_every_chart()["ego_map"].to_plotly_json()["data"]))
    assert "&lt;a href=\"https://evil.example/login\"&gt;Sign in again&lt;/a&gt;" in hover
