"""The plan's "Check in" section (``export.checkin``): what changed since the plan was
made, in HTML and Markdown (the PDF prints the HTML), through the privacy choice and
escaped, and absent before there is a plan (issue 15, item 6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from jargon import jargon_in

from networking_kit.export.document import build_plan
from networking_kit.export.html import plan_html
from networking_kit.export.markdown import plan_markdown
from networking_kit.export.privacy import NameStyle, Privacy
from networking_kit.samples_consultant import consultant_contacts, consultant_goal
from networking_kit.steps.followups import FollowupSession
from networking_kit.steps.map import MapSession
from networking_kit.store import Workbook
from networking_kit.store.records import save_goal

TODAY = date(2026, 11, 30)
LATER = TODAY + timedelta(days=30)
HOSTILE = "<script>alert(1)</script> Ann"


@pytest.fixture
def checked(workbook: Workbook) -> tuple[Workbook, str, str]:
    """The consultant's plan made 30 days ago; since then one of her Closest (renamed to
    something hostile) called and one Known person moved closer. Returns their names."""
    workbook.save_contacts(consultant_contacts(TODAY))
    save_goal(workbook, consultant_goal(TODAY))
    FollowupSession(workbook, TODAY)
    contacts = workbook.load_contacts()
    called = str(contacts.loc[contacts["strength"] == "closest", "contact_id"].iloc[0])
    moved = contacts.loc[contacts["strength"] == "known"].iloc[0]
    workbook.update_contact(called, name=HOSTILE)
    FollowupSession(workbook, LATER).log_call(called, LATER - timedelta(days=2))
    MapSession(workbook, LATER).sort_many([str(moved["contact_id"])], strength="close")
    return workbook, HOSTILE, str(moved["name"])


def test_the_plan_says_what_changed_since_it_was_made(checked) -> None:
    workbook, called, moved = checked
    plan = build_plan(workbook, LATER)
    text = " ".join(plan.check_in.changes)
    assert text.startswith("Since you made your plan on 30 November 2026 (30 days ago)")
    assert f"In touch since: {called}." in text
    assert f"Closer now: {moved}." in text
    assert jargon_in(" ".join([*plan.check_in.changes, *plan.check_in.history])) == []
    layers = {r["label"]: (r["before"], r["after"]) for r in plan.check_in.layers}
    assert layers["Close"][1] == layers["Close"][0] + 1
    assert plan.check_in.history[0].startswith("I made my plan, 30 November 2026: 0 of ")
    assert plan.check_in.history[-1].startswith("The 30-day check-in, 30 December 2026")

    html = plan_html(plan)
    assert "Check in: what changed since I made my plan" in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ann" in html
    assert moved in html
    assert html.index("Check in: what changed") < html.index("Check-ins with myself")
    markdown = plan_markdown(plan)
    assert "## Check in: what changed since I made my plan" in markdown
    assert "\\<script\\>" in markdown
    assert f"Closer now: {moved}." in markdown
    assert "| Closeness | When I made my plan | Now |" in markdown


def test_the_check_in_section_follows_the_privacy_choice(checked) -> None:
    workbook, _called, moved = checked
    plan = build_plan(workbook, LATER, Privacy(names=NameStyle.INITIALS))
    text = " ".join(plan.check_in.changes)
    assert "Closer now:" in text
    assert moved not in text
    assert moved.split()[-1] not in plan_html(plan)


def test_no_check_in_section_before_there_is_a_plan_nor_on_its_first_day(
        workbook: Workbook) -> None:
    workbook.save_contacts(consultant_contacts(TODAY))
    plan = build_plan(workbook, TODAY)
    assert plan.check_in.changes == []
    assert "what changed since I made my plan" not in plan_html(plan)
    assert "what changed since I made my plan" not in plan_markdown(plan)
    FollowupSession(workbook, TODAY)  # the plan is made: the "before", no "after" yet
    assert build_plan(workbook, TODAY).check_in.changes == []
    assert build_plan(workbook, TODAY + timedelta(days=1)).check_in.changes
