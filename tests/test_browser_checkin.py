"""Browser walk of the check-in (issue 15, "Done when"): a plan made 30 days ago, two
calls logged on step 3's page, three people re-sorted on step 2's page (its search box
and each row's closeness buttons), then step 3's "Check in" names each change.

"Advance the clock 30 days" is done on the data rather than the machine's clock: the
consultant's plan (and its "before" snapshot) is made with today minus 30 days, so the
server, on the real today, is 30 days into the plan. (Moving the server's clock would
need libfaketime preloaded into Voila and its kernels: a new dependency for one test.)
Opening step 3 then takes the automatic 30-day snapshot by itself. Reuses test_browser's
Chromium and page fixtures; skipped, with the reason, when there is no Chromium.
"""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from browser import ARTIFACTS, START_NOTEBOOK, Server, running, wait_for
from playwright.sync_api import Page, expect
from test_browser import (  # noqa: F401  (pytest fixtures, used by name)
    DONE_LOADING,
    RENDER_TIMEOUT_MS,
    assert_no_error_output,
    page,
    screenshot_on_failure,
    shoot,
)

from networking_kit.ui.sort_keys import ROW_CLASS

pytestmark = pytest.mark.browser

FOLLOW_UP_NOTEBOOK = "03_plan_your_follow_ups.ipynb"
MAP_NOTEBOOK = "02_map_your_network.ipynb"
SEARCH = "a name, organisation or word, then Enter"  # step 2's search box
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


def resort_closer(page: Page, names: list[str]) -> None:  # noqa: F811
    """On step 2's page: find each person with the search box, press their row's "Close"."""
    search = page.get_by_placeholder(SEARCH)
    for name in names:
        search.fill(name)
        search.press("Enter")
        row = page.locator(f".{ROW_CLASS}", has=page.get_by_text(name, exact=True))
        expect(row).to_have_count(1, timeout=WAIT_MS)
        row.locator(".nk-closeness button", has_text=re.compile(r"^Close$")).click()
        expect(row.locator(".nk-closeness .mod-active")).to_have_text(
            re.compile(r"^Close$"), timeout=WAIT_MS)


def closeness_of(db: Path, names: list[str]) -> set[str]:
    from networking_kit.store import open_workbook

    with open_workbook(db) as workbook:
        contacts = workbook.load_contacts()
    return set(contacts.loc[contacts["name"].isin(names), "strength"].astype(str))


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
        # Three people re-sorted on step 2's page.
        _open(page, server, MAP_NOTEBOOK, SEARCH)
        resort_closer(page, moved)
        # Each click is saved by the kernel as it comes (the button lights up at once).
        wait_for("the three re-sorted people saved as Close",
                 lambda: closeness_of(db, moved) == {"close"}, 120.0)
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
