"""Browser tests of the workbooks in JupyterLab (``networking-kit start``), issue 13.

The "run this page" hint belongs to its own notebook: a second page opened from the step
bar shows it until that page has run. A workbook never counts as changed (no unsaved mark,
no "Save your work?" on closing or reloading), and its forms come back by themselves after
a reload. axe-core finds no serious or critical problem in the forms Lab draws, and a
manual Run All ends on the top of the page, not the last cell. The committed workbooks are
checked byte for byte afterwards.

Run one at a time on a loaded machine. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_browser
import test_browser_ux
from browser import ARTIFACTS, Server, running, wait_for
from playwright.sync_api import Dialog, Page, expect
from test_browser import (
    RENDER_TIMEOUT_MS,
    fill_name_and_wait_saved,
    lab_settings,
    name_input,
    open_and_run_notebook,
    screenshot_on_failure,
    shoot,
    workbooks_left_as_they_were,
)

# test_browser's fixtures, under their own names: a fresh Chromium profile that reaches
# 127.0.0.1 only, with its console saved to test-artifacts/browser/.
chromium = test_browser.chromium
page = test_browser.page
axe_script = test_browser_ux.axe_script

pytestmark = pytest.mark.browser

DIRTY_TAB = ".lm-TabBar-tab.jp-mod-dirty"
PANELS_STATE = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel'), panel => {
    const hint = panel.querySelector('.nk-before-run');
    return {bar: !!panel.querySelector('.nk-steps'),
            hint: hint ? getComputedStyle(hint).display : null};
})"""


# axe-core on the forms of the page in view only: Lab's own menus and panels are not ours.
AXE_ON_FORMS = test_browser_ux.AXE_RUN.replace(
    "axe.run(document,",
    "axe.run({ include: [['.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output']] },")
# How far down its page the notebook in view is scrolled, in pixels.
SCROLLED = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const outer = panel && panel.querySelector('.jp-WindowedPanel-outer');
  return outer ? outer.scrollTop : -1;
}"""

_SCROLL_TO_TOP = ("document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
                  ".jp-WindowedPanel-outer').scrollTop = 0;")


def watch_dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def record(dialog: Dialog) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")

    page.on("dialog", record)
    return seen


def test_the_hint_shows_on_a_second_page_until_that_page_has_run(
        page: Page, tmp_path: Path) -> None:
    server = Server("start", tmp_path / "wb.sqlite", ARTIFACTS / "lab-hint-server.log")
    with (workbooks_left_as_they_were(), running(server, lab_settings(tmp_path / "lab")),
          screenshot_on_failure(page, "lab-hint")):
        open_and_run_notebook(page, server.url)
        page.locator(".nk-steps a", has_text="1. Set your goal").first.click()
        seen: list[dict[str, object]] = []

        def second_page_ran() -> bool:
            panels = page.evaluate(PANELS_STATE)
            if len(panels) < 2:
                return False
            seen.append(panels[1])
            return bool(panels[1]["bar"])

        wait_for("the second page to run by itself", second_page_ran,
                 RENDER_TIMEOUT_MS / 1000, interval=0.1)
        before_run = [state for state in seen if not state["bar"] and state["hint"]]
        assert before_run, f"the second page's hint was never seen before it ran: {seen}"
        # Page 00 has run, and its style is on the page: the second page's hint still shows.
        assert all(state["hint"] != "none" for state in before_run), before_run
        panels = page.evaluate(PANELS_STATE)
        assert panels[1]["hint"] == "none"  # ... until that page has run
        assert panels[0]["hint"] == "none"
        expect(page.locator(".jp-NotebookPanel:visible .nk-steps .nk-here")).to_contain_text(
            "1. Set your goal", timeout=RENDER_TIMEOUT_MS)
        # Once every cell has run the page shows its top, not the last cell.
        expect(page.locator(".jp-NotebookPanel.nk-workbook-ran")).to_have_count(
            2, timeout=RENDER_TIMEOUT_MS)
        shoot(page, "lab-second-page-ran")


def test_a_workbook_never_counts_as_changed_and_its_forms_come_back_after_a_reload(
        page: Page, tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite"
    dialogs = watch_dialogs(page)
    server = Server("start", db, ARTIFACTS / "lab-clean-server.log")
    with (workbooks_left_as_they_were(), running(server, lab_settings(tmp_path / "lab")),
          screenshot_on_failure(page, "lab-clean")):
        open_and_run_notebook(page, server.url)  # no Run All: the form came by itself
        expect(page.locator(DIRTY_TAB)).to_have_count(0)
        fill_name_and_wait_saved(page, db, "Katherine Johnson")
        expect(page.locator(DIRTY_TAB)).to_have_count(0)

        open_and_run_notebook(page)  # reload: no "leave this page?" and the form is back
        expect(name_input(page)).to_have_value("Katherine Johnson")
        expect(page.locator(DIRTY_TAB)).to_have_count(0)
        shoot(page, "lab-clean-after-reload")

        tab = page.locator(".jp-mod-current.lm-TabBar-tab", has_text="00_start_here")
        tab.locator(".lm-TabBar-tabCloseIcon").click()
        expect(page.locator(".jp-NotebookPanel")).to_have_count(0, timeout=10_000)
        expect(page.locator(".jp-Dialog")).to_have_count(0)  # no "Save your work?"
        shoot(page, "lab-clean-closed")
    assert dialogs == [], dialogs


def test_the_forms_pass_axe_and_run_all_ends_on_the_top_of_the_page(
        page: Page, axe_script: str, tmp_path: Path) -> None:
    server = Server("start", tmp_path / "wb.sqlite", ARTIFACTS / "lab-axe-server.log")
    with (workbooks_left_as_they_were(), running(server, lab_settings(tmp_path / "lab")),
          screenshot_on_failure(page, "lab-axe")):
        open_and_run_notebook(page, server.url)
        page.add_script_tag(content=axe_script)
        assert "axe.run({ include" in AXE_ON_FORMS
        violations = page.evaluate(AXE_ON_FORMS)
        assert violations == [], violations
        shoot(page, "lab-axe-start-page")

        # Run All by hand, from Lab's menu: the page ends on its top (the step bar), not on
        # the last cell.
        prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
        page.evaluate(f"() => {{ {_SCROLL_TO_TOP} }}")  # the first cell drawn, to read its count
        ran_before = prompt.inner_text()
        test_browser.show_form(page)  # down at the form, where a participant would be
        assert page.evaluate(SCROLLED) > 0
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        wait_for("the page back on its top after Run All",
                 lambda: page.evaluate(SCROLLED) == 0, RENDER_TIMEOUT_MS / 1000)
        expect(prompt).not_to_have_text(ran_before, timeout=RENDER_TIMEOUT_MS)
        expect(prompt).to_have_text(test_browser.FINISHED_PROMPT, timeout=RENDER_TIMEOUT_MS)
        expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .nk-steps")).to_be_in_viewport()
        shoot(page, "lab-after-run-all")
