"""Browser tests of the workbooks in JupyterLab (``networking-kit start``), issue 13.

The "run this page" hint belongs to its own notebook: a second page opened from the step
bar shows it until that page has run. A workbook never counts as changed (no unsaved mark,
no "Save your work?" on closing or reloading), and its forms come back by themselves after
a reload. axe-core finds no serious or critical problem in the forms Lab draws, on every
workbook page (each notebook in workbooks/, the facilitator's too), screen by screen; a
manual Run All ends on the top of the page, not the last cell. The map's legend is whole
with Lab's file browser open at 1280×800 and 1024×768. The committed workbooks are checked
byte for byte afterwards.

Run one at a time on a loaded machine. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_browser
import test_browser_ux
from browser import ARTIFACTS, CHART_TEXT, LOCALHOST, REPO, Server, running, wait_for
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


# -- every page, and the map beside the file browser -------------------------------------

WORKBOOKS = REPO / "workbooks"
# Every notebook of the workbook folder, the facilitator's included, as Lab paths.
LAB_PAGES = sorted(str(path.relative_to(WORKBOOKS)) for path in WORKBOOKS.rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in path.parts)
IN_VIEW = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# The notebook in view scrolled to ``top`` px (its panel scrolls, not the document);
# returns [scrollTop reached, scrollHeight, clientHeight].
SCROLL_TO = """(top) => {
  const outer = document.querySelector('IN_VIEW .jp-WindowedPanel-outer');
  outer.scrollTop = top;
  return [outer.scrollTop, outer.scrollHeight, outer.clientHeight];
}""".replace("IN_VIEW", IN_VIEW)
MAX_SCREENS = 40
# The screen axe checks at: a tall one, so that a long page takes a few screens, not 15.
AXE_SCREEN = {"width": 1280, "height": 2400}


@contextlib.contextmanager
def every_workbook_left_as_it_was() -> Iterator[None]:
    """Fail (after putting them back) if the run changed any committed workbook."""
    notebooks = [WORKBOOKS / page for page in LAB_PAGES]
    before = {path: path.read_bytes() for path in notebooks}
    checkpoints = {path.parent / ".ipynb_checkpoints" for path in notebooks}
    had = {folder for folder in checkpoints if folder.exists()}
    try:
        yield
    finally:
        for folder in checkpoints - had:
            shutil.rmtree(folder, ignore_errors=True)
        changed = [path for path, data in before.items() if path.read_bytes() != data]
        for path in changed:
            path.write_bytes(before[path])
    assert not changed, f"the Lab run saved over {changed} (put back)"


def lab_url(server: Server, notebook: str) -> str:
    """The notebook's page in Lab, in a fresh workspace (``reset``): without it Lab reopens
    every tab of the pages opened before, and runs each again."""
    return f"http://{LOCALHOST}:{server.port}/lab/tree/{notebook}?reset&token={server.token}"


def end_kernels(server: Server) -> None:
    """End every kernel of the Lab server (through its REST API), so that pages opened one
    after the other do not each keep a kernel of about 190 MB."""
    def call(method: str, path: str) -> Any:
        connection = http.client.HTTPConnection(LOCALHOST, server.port, timeout=30)
        try:
            connection.request(method, path, headers={"Authorization": f"token {server.token}"})
            response = connection.getresponse()
            body = response.read()
            assert response.status < 300, f"{method} {path}: {response.status}"
            return json.loads(body) if body else None
        finally:
            connection.close()

    for session in call("GET", "/api/sessions"):
        call("DELETE", f"/api/sessions/{session['id']}")


def open_lab_page(page: Page, server: Server, notebook: str) -> None:
    """Open a workbook page in Lab and wait until its cells have run (the workshop's
    extension runs them on open) and its forms have finished loading."""
    page.goto(lab_url(server, notebook), timeout=test_browser_ux.RENDER_TIMEOUT_MS)
    # This page's own notebook (tabs restored from the last page stay in the DOM, hidden),
    # attached: once its cells have run, the workshop's style hides the code.
    expect(page.locator(f"{IN_VIEW} .jp-CodeCell .jp-InputPrompt").first).to_be_attached(
        timeout=test_browser_ux.RENDER_TIMEOUT_MS)
    test_browser.dismiss_lab_popups(page)
    expect(page.locator(f"{IN_VIEW}.nk-workbook-ran")).to_have_count(
        1, timeout=test_browser_ux.RENDER_TIMEOUT_MS)
    test_browser.dismiss_lab_popups(page)
    if notebook.startswith("facilitator/"):
        expect(page.locator(IN_VIEW).get_by_text("people shared a summary").first).to_be_attached(
            timeout=test_browser_ux.RENDER_TIMEOUT_MS)
    else:
        expect(page.locator(f"{IN_VIEW} .nk-steps")).to_be_attached(
            timeout=test_browser_ux.RENDER_TIMEOUT_MS)
        expect(page.locator(f"{IN_VIEW} .nk-loading")).to_have_count(
            0, timeout=test_browser_ux.RENDER_TIMEOUT_MS)


def axe_screen_by_screen(page: Page, name: str) -> list[dict[str, Any]]:
    """axe-core on the forms of the notebook in view, one screen at a time from the top (Lab
    lays out only the cells near the screen, so one run from the top would check the
    colours of the first screen only); a screenshot of the first screen and of each with a
    problem (lab-axe-<name>-NN.png). The serious and critical problems, each once."""
    found: dict[str, dict[str, Any]] = {}
    _, height, screen = page.evaluate(SCROLL_TO, 0)
    step = max(screen - 60, 100)
    for number, top in enumerate(range(0, max(height - screen, 0) + step, step)):
        if number == MAX_SCREENS:
            break
        page.evaluate(SCROLL_TO, top)
        page.wait_for_timeout(300)  # Lab attaches the cells now in view on its next frame
        violations = page.evaluate(AXE_ON_FORMS)
        for violation in violations:
            seen = found.setdefault(violation["id"], {**violation, "nodes": []})
            seen["nodes"] = sorted(set(seen["nodes"]) | set(violation["nodes"]))[:8]
        if number == 0 or violations:  # a shot takes seconds on a busy machine
            page.screenshot(path=ARTIFACTS / f"lab-axe-{name}-{number:02d}.png",
                            timeout=120_000)
    page.evaluate(SCROLL_TO, 0)
    return list(found.values())


def sample_workbook_with_a_room(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The sample participant's workbook, and a drop folder holding eight shared summaries
    (the facilitator's page then has its charts): the workbook and Lab's environment."""
    from networking_kit.cohort_examples import write_examples
    from networking_kit.steps.sample import make_sample_workbook

    db = tmp_path / "wb.sqlite"
    make_sample_workbook(db).close()
    write_examples(tmp_path / "drop", 8)
    return db, {**lab_settings(tmp_path / "lab"), "NETWORKING_KIT_DROP": str(tmp_path / "drop")}


def test_every_workbook_page_in_lab_passes_axe(page: Page, axe_script: str,
                                               tmp_path: Path) -> None:
    """axe on every page at a tall screen (fewer screens to check), and on the map's page
    the legend check at two laptop sizes with the file browser open (one Lab server, one
    opening of each page)."""
    assert len(LAB_PAGES) >= 6, LAB_PAGES  # 00–04 and the facilitator's page
    assert test_browser_ux.MAP_NOTEBOOK in LAB_PAGES
    db, env = sample_workbook_with_a_room(tmp_path)
    server = Server("start", db, ARTIFACTS / "lab-every-page-server.log")
    problems: dict[str, Any] = {}
    with (every_workbook_left_as_it_was(), running(server, env),
          screenshot_on_failure(page, "lab-every-page")):
        for notebook in LAB_PAGES:
            name = Path(notebook).stem
            page.set_viewport_size(AXE_SCREEN)
            open_lab_page(page, server, notebook)
            page.add_script_tag(content=axe_script)
            violations = axe_screen_by_screen(page, name)
            if violations:
                problems[notebook] = violations
            if notebook == test_browser_ux.MAP_NOTEBOOK:
                legend = map_legend_problems(page)
                if legend:
                    problems["map legend"] = legend
            end_kernels(server)
    assert not problems, json.dumps(problems, indent=1)


MAP_TITLE = "Your network map"
FILE_BROWSER = "#filebrowser"


def map_legend_problems(page: Page) -> dict[str, list[str]]:
    """The map's legend whole inside its output, with Lab's file browser open, at 1280×800
    and 1024×768 (on the map's page, already open): the problems found per size."""
    if not page.locator(FILE_BROWSER).is_visible():
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").click()
    expect(page.locator(FILE_BROWSER)).to_be_visible()
    the_map = page.locator(f"{IN_VIEW} .js-plotly-plot").filter(
        has=page.locator(".gtitle", has_text=MAP_TITLE))
    expect(the_map).to_have_count(1, timeout=test_browser_ux.RENDER_TIMEOUT_MS)
    found: dict[str, list[str]] = {}
    for width, height in ((1280, 800), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        expect(page.locator(FILE_BROWSER)).to_be_visible()
        the_map.scroll_into_view_if_needed()
        # the chart redraws to its box (the extension follows the box's width)
        test_browser_ux.settle_charts(page)
        expect(the_map.locator("g.legend")).to_be_visible()
        problems = [p for p in page.evaluate(CHART_TEXT) if p.startswith(MAP_TITLE)]
        legend = the_map.locator("g.legend").bounding_box()
        output = the_map.locator("xpath=ancestor::div[contains(@class, "
                                 "'jp-OutputArea-output')][1]").bounding_box()
        assert legend is not None
        assert output is not None
        if legend["x"] + legend["width"] > output["x"] + output["width"] + 1:
            problems.append(f"legend {legend} past its output {output}")
        the_map.screenshot(path=ARTIFACTS / f"lab-map-{width}x{height}.png")
        shoot(page, f"lab-map-page-{width}x{height}")
        if problems:
            found[f"{width}x{height}"] = problems
    return found
