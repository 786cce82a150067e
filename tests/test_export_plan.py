"""The action plan document in HTML, Markdown and PDF, and the export dispatcher."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from networking_kit.contacts import normalise_contacts
from networking_kit.export.document import build_plan
from networking_kit.export.formats import ExportError, export_to, format_of
from networking_kit.export.html import plan_html
from networking_kit.export.markdown import md, plan_markdown
from networking_kit.export.pdf import find_browser, html_to_pdf
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.samples import sample_goal
from networking_kit.steps.sample import make_sample_workbook, use_sample
from networking_kit.store import Workbook
from networking_kit.store.records import (
    load_goal,
    load_plan,
    make_plan,
    mark_done,
    save_goal,
    save_weeks_away,
)

TODAY = date(2026, 11, 23)
SCRIPT = "<script>alert(1)</script>"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _planned(workbook: Workbook) -> Workbook:
    use_sample(workbook, TODAY)
    workbook.save_contacts(normalise_contacts(pd.DataFrame(
        {"name": [SCRIPT, '=HYPERLINK("http://x")'], "tags": ["fintech", "fintech"],
         "strength": ["dormant", "close"], "last_contact": ["2023-01-01", "2026-11-01"]}),
        source="manual"))
    workbook.set_profile("participant_name", "Sam <i>Rivera</i>")
    save_goal(workbook, sample_goal(TODAY))
    script_id = workbook.load_contacts().query("name == @SCRIPT")["contact_id"].iloc[0]
    workbook.add_followup(kind="catch_up", title=f"Message {SCRIPT}", contact_id=script_id,
                          due_on=date(2026, 11, 26),
                          data={"why": "[click](http://x) dormant", "contact_ids": [script_id]})
    workbook.add_followup(kind="check_in", title="30-day check-in", due_on=date(2026, 12, 23))
    return workbook


def test_html_plan_has_every_part_and_no_script(workbook: Workbook) -> None:
    plan = build_plan(_planned(workbook), TODAY)
    html = plan_html(plan)
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags
    text = " ".join(parser.text)
    for heading in ("My goal", "My network today", "Gaps, and who can help",
                    "My next twelve weeks", "Check-ins with myself", "My notes"):
        assert heading in text
    assert plan.goal_statement in text
    assert SCRIPT in text  # shown as text …
    assert "&lt;script&gt;" in html  # … because it was escaped
    assert "My networking action plan" in text
    assert "<strong>Sam &lt;i&gt;Rivera&lt;/i&gt;</strong> · Made on" in html  # as text
    assert "&lt;i&gt;Rivera" in html
    assert "23 December 2026" in text
    assert parser.tags.count("svg") == 2
    links = re.findall(r"(?:src|href)=", html)
    assert links == []  # nothing to fetch: the page opens offline


def test_html_plan_stays_small_for_a_big_network(workbook: Workbook) -> None:
    from networking_kit.samples import large_network

    workbook.save_contacts(large_network(30_000))
    html = plan_html(build_plan(workbook, TODAY))
    assert len(html.encode("utf-8")) < 4_000_000


def test_why_this_goal_is_in_words_not_points(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    plan = build_plan(workbook, TODAY)
    assert plan.goal_why.startswith("Your answers showed that you ")
    assert "scores" not in plan.goal_why
    assert f"Why this goal: {plan.goal_why}" in plan_markdown(plan)


def test_an_action_ticked_done_is_ticked_in_the_plan(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    save_goal(workbook, sample_goal(TODAY))
    planned = [a for a in make_plan(workbook, TODAY, sample_goal(TODAY))
               if a.due_on and a.kind != "check_in" and a.contact_ids]
    done = planned[0]
    mark_done(workbook, done, TODAY)
    assert next(a for a in load_plan(workbook) if a.action_id == done.action_id).status == "done"
    plan = build_plan(workbook, TODAY)
    html = plan_html(plan)
    ticked = re.findall(r'<li class="done"><span class="box">☑</span>(.*?)</li>', html, re.S)
    assert len(ticked) == 1
    assert html.count("☑") == 1
    markdown = plan_markdown(plan)
    assert len(re.findall(r"^- \[x\] ", markdown, re.M)) == 1
    assert md(done.title.split(" ")[0]) in next(line for line in markdown.splitlines()
                                           if line.startswith("- [x] "))


def test_markdown_plan_escapes_links_and_markup(workbook: Workbook) -> None:
    text = plan_markdown(build_plan(_planned(workbook), TODAY))
    assert text.startswith("# My networking action plan\n\nSam \\<i\\>Rivera\\</i\\> · Made on")
    assert "\\[click\\](http://x)" not in text or "[click](" not in text
    assert "[click](http" not in text
    assert "\\<script\\>" in text
    assert "- [ ] 23 December 2026" in text
    assert md("a|b*c") == "a\\|b\\*c"


def test_initials_and_no_details_reach_the_document(workbook: Workbook) -> None:
    plan = build_plan(_planned(workbook), TODAY, Privacy(names=NameStyle.INITIALS))
    names = [p["name"] for p in plan.rewarm + plan.introductions]
    assert names
    assert all(re.fullmatch(r"[A-Z?][-. A-Z?]*", n) for n in names), names


@pytest.mark.parametrize("style", list(NameStyle))
def test_a_schedule_row_names_its_people_once(workbook: Workbook, style: NameStyle) -> None:
    use_sample(workbook, TODAY)
    workbook.save_contacts(normalise_contacts(pd.DataFrame(
        {"name": ["Sara Ruiz", "Tomas Lind"], "strength": ["close", "close"]}),
        source="manual"))
    ids = dict(workbook.load_contacts()[["name", "contact_id"]].to_numpy().tolist())
    workbook.add_followup(kind="catch_up", title="Suggest a coffee with Sara Ruiz",
                          due_on=date(2026, 11, 26),
                          data={"contact_ids": [ids["Sara Ruiz"], ids["Tomas Lind"]]})
    plan = build_plan(workbook, TODAY, Privacy(names=style))
    row = next(a for a in plan.schedule if a.title.startswith("Suggest a coffee"))
    sara, tomas = ("S. R.", "T. L.") if style is NameStyle.INITIALS else ("Sara Ruiz",
                                                                         "Tomas Lind")
    assert row.people == tomas
    line = next(x for x in plan_markdown(plan).splitlines() if "Suggest a coffee" in x)
    assert line.count(sara) == 1
    assert line.count(tomas) == 1
    assert plan_html(plan).count(sara) == 1


def test_plan_without_a_goal_or_follow_ups_says_what_to_do(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    plan = build_plan(workbook, TODAY)
    assert plan.goal_missing == ["Choose your goal in step 1."]
    assert plan.schedule == []
    assert plan.check_ins == [date(2026, 12, 23), date(2027, 1, 22), date(2027, 2, 21)]
    assert "plan them in step 3" in plan_html(plan)


@pytest.mark.parametrize(("name", "table", "expected"), [
    ("plan.html", None, "html"), ("plan.PDF", None, "pdf"), ("notes.md", None, "md"),
    ("x.ics", None, "ics"), ("backup.json", None, "json"), ("c.csv", None, "contacts.csv"),
    ("a.csv", "actions", "actions.csv"), ("net.graphml", None, "graphml"),
    ("n.kumu-elements.csv", None, "kumu-elements.csv"),
])
def test_format_comes_from_the_file_name(name: str, table: str | None, expected: str) -> None:
    assert format_of(Path(name), table) == expected


def test_unknown_endings_get_one_sentence(workbook: Workbook, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"plan\.docx: cannot tell what to write"):
        export_to(workbook, tmp_path / "plan.docx")
    assert not (tmp_path / "plan.docx").exists()


@pytest.mark.parametrize("name", ["plan.html", "plan.md", "backup.json", "contacts.csv",
                                  "actions.csv", "net.graphml", "n.kumu-elements.csv",
                                  "n.kumu-connections.csv"])
def test_export_writes_each_format(workbook: Workbook, tmp_path: Path, name: str) -> None:
    written = export_to(_planned(workbook), tmp_path / name, today=TODAY)
    assert written.stat().st_size > 100
    assert not list(tmp_path.glob("*.partial"))


def test_pdf_is_two_or_three_pages(workbook: Workbook, tmp_path: Path) -> None:
    if find_browser() is None:
        pytest.skip("no Chrome or Chromium on this machine, so no PDF can be printed here")
    html = plan_html(build_plan(_planned(workbook), TODAY))
    pdf = html_to_pdf(html, tmp_path / "plan.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 2 <= pages <= 3


def _week_block(html: str, label: str) -> str:
    start = html.index(f"Week of {label}")
    return html[start:html.index("week-block", start)]


def test_weeks_away_are_said_once_each_in_the_schedule(workbook: Workbook) -> None:
    away = _planned(workbook)
    assert "I am away this week." not in plan_html(build_plan(away, TODAY))
    save_weeks_away(away, [date(2026, 12, 23), date(2026, 12, 28), date(2027, 6, 9)])
    plan = build_plan(away, TODAY)
    assert plan.away_weeks == [date(2026, 12, 21), date(2026, 12, 28)]  # June is too far
    html = plan_html(plan)
    assert html.count("I am away this week.") == 2
    assert "I am away this week." in _week_block(html, "21 December")
    assert "I am away this week." not in _week_block(html, "23 November")
    assert "June" not in html
    text = plan_markdown(plan)
    assert "### Week of 21 December\n\nI am away this week." in text
    assert text.count("I am away this week.") == 2


def test_away_weeks_alone_still_say_nothing_is_planned(workbook: Workbook) -> None:
    use_sample(workbook, TODAY)
    save_weeks_away(workbook, [date(2026, 12, 21)])
    plan = build_plan(workbook, TODAY)
    assert "plan them in step 3" in plan_html(plan)
    assert "plan them in step 3" in plan_markdown(plan)
    assert "I am away this week." in plan_html(plan)


def test_the_sample_plan_with_two_weeks_away_prints_on_three_pages(tmp_path: Path) -> None:
    if find_browser() is None:
        pytest.skip("no Chrome or Chromium on this machine, so no PDF can be printed here")
    with make_sample_workbook(tmp_path / "sample.sqlite", TODAY) as sample:
        save_weeks_away(sample, [date(2026, 12, 21), date(2026, 12, 28)])
        make_plan(sample, TODAY, load_goal(sample))
        html = plan_html(build_plan(sample, TODAY))
    assert html.count("I am away this week.") == 2
    pdf = html_to_pdf(html, tmp_path / "plan.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 2 <= pages <= 3


def test_html_plan_on_a_phone_puts_the_legend_under_the_map(
        workbook: Workbook, tmp_path: Path, chromium: str) -> None:
    # Found in Chromium at 390 px: the legend beside the map was squeezed into a column
    # one word wide ("Where / I / know / them / from") and "Former colleague" ran off it.
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "plan.html"
    page_file.write_text(plan_html(build_plan(_planned(workbook), TODAY)), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(page_file.as_uri())
            legend = page.locator("ul.legend").bounding_box()
            picture = page.locator(".map").bounding_box()
            overflow = page.evaluate("() => Array.from(document.querySelectorAll('.legend li'))"
                                     ".some(li => li.scrollWidth > li.clientWidth + 1)")
        finally:
            browser.close()
    assert legend is not None
    assert picture is not None
    assert legend["width"] >= 250
    assert legend["y"] >= picture["y"] + picture["height"]  # under the map, not beside it
    assert not overflow
