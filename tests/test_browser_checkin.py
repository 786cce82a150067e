"""Browser walk of the check-in (issue 15, "Done when"): a plan made 30 days ago, two
calls logged on step 3's page, three people re-sorted (through step 2's session on the
same file), then step 3's "Check in" names each change.

"Advance the clock 30 days" is done on the data rather than the machine's clock: the
consultant's plan (and its "before" snapshot) is made with today minus 30 days, so the
server, on the real today, is 30 days into the plan. Reuses test_browser's Chromium and
page fixtures; skipped, with the reason, when there is no Chromium.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path

import pytest
from browser import ARTIFACTS, START_NOTEBOOK, Server, running
from playwright.sync_api import Page, expect
from test_browser import (  # noqa: F401  (pytest fixtures, used by name)
    DONE_LOADING,
    RENDER_TIMEOUT_MS,
    assert_no_error_output,
    chromium,
    page,
    screenshot_on_failure,
    shoot,
)

pytestmark = pytest.mark.browser

FOLLOW_UP_NOTEBOOK = "03_plan_your_follow_ups.ipynb"
WAIT_MS = RENDER_TIMEOUT_MS * 8  # a loaded machine renders a 612-person map slowly
WHO = "Start typing a name"  # step 3's log form


def _plan_made_30_days_ago(db: Path) -> tuple[list[str], list[str]]:
    """The consultant's workbook with its plan made 30 days ago; returns two people to
    call (her Closest) and three to move closer (Known now)."""
    from networking_kit.samples_consultant import consultant_contacts, consultant_goal
    from networking_kit.steps.followups import FollowupSession
    from networking_kit.store import open_workbook
    from networking_kit.store.records import save_goal

    then = date.today() - timedelta(days=30)
    with open_workbook(db) as workbook:
        workbook.set_profile("participant_name", "Dana Whitfield (sample)")
        workbook.save_contacts(consultant_contacts(then))
        save_goal(workbook, consultant_goal(then))
        FollowupSession(workbook, then)
        contacts = workbook.load_contacts()
    closest = contacts.loc[contacts["strength"] == "closest", "name"].tolist()
    known = contacts.loc[contacts["strength"] == "known", "name"].tolist()
    return sorted(closest)[:2], sorted(known)[:3]


def resort_closer(db: Path, names: list[str]) -> None:
    from networking_kit.steps.map import MapSession
    from networking_kit.store import open_workbook

    with open_workbook(db) as workbook:
        step2 = MapSession(workbook)
        contacts = step2.contacts
        ids = contacts.loc[contacts["name"].isin(names), "contact_id"].tolist()
        assert step2.sort_many(ids, strength="close") == len(names)


def _open(page: Page, server: Server, notebook: str, placeholder: str) -> None:  # noqa: F811
    """Open a page and wait until its last cell has run (Voila draws cells as they run:
    the step bar and its "getting ready" note first, the last widget last)."""
    page.goto(server.url.replace(START_NOTEBOOK, notebook))
    page.wait_for_function(DONE_LOADING, timeout=WAIT_MS)
    expect(page.locator(".nk-steps")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_placeholder(placeholder).last).to_be_visible(timeout=WAIT_MS)
    last = (page.get_by_role("button", name="Check in now") if notebook == FOLLOW_UP_NOTEBOOK
            else page.get_by_text("Your map in three lines"))
    expect(last.first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator(".nk-loading")).to_have_count(0, timeout=WAIT_MS)


def test_voila_check_in_names_each_change(page: Page, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "wb.sqlite"
    called, moved = _plan_made_30_days_ago(db)
    server = Server("app", db, ARTIFACTS / "voila-checkin-server.log")
    with running(server), screenshot_on_failure(page, "voila-checkin"):
        _open(page, server, FOLLOW_UP_NOTEBOOK, WHO)
        for name in called:  # two calls, logged on step 3
            who = page.get_by_role("combobox", name="Who")
            who.fill(name)
            who.press("Enter")
            page.get_by_role("button", name="Log it").click()
            expect(page.get_by_text(f"Logged. {name}").first).to_be_visible(timeout=WAIT_MS)
        # Three people re-sorted, as step 2 does it (its session, on the same file: what
        # the map page's form calls); the step-2 form itself has its own browser tests.
        resort_closer(db, moved)
        _open(page, server, FOLLOW_UP_NOTEBOOK, WHO)
        page.get_by_role("button", name="Check in now").click()
        expect(page.get_by_text("Saved as the 30-day check-in")).to_be_visible(
            timeout=WAIT_MS)
        changes = page.locator(".nk-checkin")
        expect(changes).to_contain_text("Since you made your plan on", timeout=WAIT_MS)
        for name in [*called, *moved]:
            expect(changes).to_contain_text(html.unescape(name))
        expect(changes).to_contain_text("Closer now:")
        expect(changes).to_contain_text("In touch since:")
        assert_no_error_output(page)
        shoot(page, "voila-03-check-in")
