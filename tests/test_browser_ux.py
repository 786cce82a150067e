"""Browser tests for every participant's reach: every page of the app at phone and tablet
sizes, accessibility checked by axe-core, and sorting a page with the keyboard alone.

For each page of ``networking-kit app`` (Voila) on the sample participant's full workbook,
and the facilitator's page, at 390×844 (a phone), 768×1024 (a tablet) and 1280×800 (a
laptop): nothing is wider than the screen, asserted from the page's own layout (the
document's scroll width and every control's box); no chart is drawn wider than its box (a
box cuts what sticks out, so the page's width alone misses it) and none is drawn empty
(axes with no data); no text inside a chart is cut by the picture's edge or covered by its
legend. axe-core (the pinned npm package in tests/axe, installed with ``npm ci``) finds no
serious or critical problem. Screenshots, screen by screen from the top (the app's page
scrolls a panel, so a "full page" shot holds only the first screen; every screen on a
phone, the first two at the other sizes), go to
test-artifacts/browser/ux-<size>-<page>-NN.png, and each chart alone to
ux-<size>-<page>-chart-N.png.
Then a page of 25 people is sorted with 25 key presses.

Skipped, with the reason, when there is no Chromium, or no axe-core and no npm to install it.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import (
    ARTIFACTS,
    CHART_TEXT,
    CHROMIUM_ARGS,
    LOCALHOST,
    MAP_NOTEBOOK,
    REPO,
    SQUARE_BLANK_PX,
    START_NOTEBOOK,
    Server,
    linkedin_workbook,
    running,
    wait_for,
)
from playwright.sync_api import Page, Route, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

AXE_FOLDER = REPO / "tests" / "axe"
AXE_SCRIPT = AXE_FOLDER / "node_modules" / "axe-core" / "axe.min.js"
RENDER_TIMEOUT_MS = 400_000  # generous: the test machine may be running several at once
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
LAPTOP = {"width": 1280, "height": 800}
PAGES = (
    (START_NOTEBOOK, "00-start"),
    ("01_set_your_goal.ipynb", "01-goal"),
    (MAP_NOTEBOOK, "02-map"),
    ("03_plan_your_follow_ups.ipynb", "03-follow-ups"),
    ("04_your_action_plan.ipynb", "04-plan"),
    ("facilitator/cohort_dashboard.ipynb", "facilitator"),
)
DONE_LOADING = ("() => { const s = document.querySelector('#loading');"
                " return !s || getComputedStyle(s).display === 'none'; }")
# Everything drawn that could stick out: each control, picture and block of text.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const seen = [];
  const selector = "button, input, select, textarea, label, .widget-html, .js-plotly-plot, "
    + ".widget-hbox, .widget-vbox, .nk-steps, table, img, svg.main-svg, .jp-RenderedHTMLCommon";
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Inside a box that scrolls sideways on purpose (a wide table), it is reachable.
    let scroller = el.parentElement, scrolled = false;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      if (/(auto|scroll|hidden)/.test(style.overflowX) && scroller.clientWidth < width + 1) {
        const outer = scroller.getBoundingClientRect();
        if (outer.right <= width + 1) { scrolled = true; break; }
      }
      scroller = scroller.parentElement;
    }
    if (scrolled) continue;
    if (box.right > width + 1 || box.left < -1) {
      seen.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join(".")} `
        + `${Math.round(box.left)}..${Math.round(box.right)} `
        + JSON.stringify((el.innerText || el.value || "").slice(0, 40)));
    }
  }
  // A chart drawn wider than its box is cut by it (the box hides what sticks out).
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const svg = plot.querySelector("svg.main-svg"), box = plot.parentElement;
    if (!svg || !box || box.getBoundingClientRect().width === 0) continue;
    const drawn = svg.getBoundingClientRect().right, room = box.getBoundingClientRect().right;
    if (drawn > room + 1) {
      seen.push(`chart ${Math.round(drawn)} wider than its box ${Math.round(room)} `
        + JSON.stringify((plot.querySelector(".gtitle") || {}).textContent || ""));
    }
  }
  // A chart drawn from a widget whose data had not reached the page: empty axes.
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    if (!plot.data || plot.data.length === 0) {
      seen.push(`empty chart (no data) ${Math.round(plot.getBoundingClientRect().top)}`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, seen };
}"""
CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every((plot) => {
  const svg = plot.querySelector('svg.main-svg'), box = plot.parentElement;
  const full = plot._fullLayout;
  const square = full && full._size && full.yaxis && full.yaxis.scaleanchor === 'x';
  if (!svg || !box || svg.getBoundingClientRect().width === 0) return true;
  const drawn = svg.getBoundingClientRect(), room = box.getBoundingClientRect();
  return drawn.right <= room.right + 1 && room.width - drawn.width <= 24
    && !(square && full._size.h - full._size.w > """ + str(SQUARE_BLANK_PX) + """);
})"""
# The element that scrolls the page: Voila's lab page scrolls a panel, not the document, so
# a "full page" screenshot holds only the first screen; the page is shot screen by screen.
FIND_SCROLLER = """() => {
  let best = document.scrollingElement, most = best.scrollHeight - best.clientHeight;
  for (const el of document.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight - el.clientHeight > most) {
      best = el; most = el.scrollHeight - el.clientHeight;
    }
  }
  window.__nkScroller = best;
  return [best.scrollHeight, best.clientHeight];
}"""
MAX_SCREENS = 40
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    resultTypes: ["violations"],
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}"""


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core's script, from the pinned npm package (``npm ci`` in tests/axe if needed)."""
    if not AXE_SCRIPT.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("axe-core is not installed and npm is absent, so the accessibility "
                        "check cannot run (install Node.js, then `npm ci` in tests/axe)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=AXE_FOLDER, check=True,
                       capture_output=True, timeout=300)
    return AXE_SCRIPT.read_text(encoding="utf-8")


@contextlib.contextmanager
def browser_page(chromium: str, profile: Path, name: str) -> Iterator[Page]:
    """A page in a fresh Chromium that reaches 127.0.0.1 and nothing else; its console goes
    to test-artifacts/browser/<name>-console.log."""
    console: list[str] = []

    def only_local(route: Route) -> None:
        url = route.request.url
        if url.startswith((f"http://{LOCALHOST}:", f"ws://{LOCALHOST}:", "data:", "blob:")):
            route.continue_()
        else:
            console.append(f"[blocked] {url}")
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport=PHONE)
        try:
            context.route("**/*", only_local)
            opened = context.pages[0] if context.pages else context.new_page()
            opened.on("console", lambda m: console.append(f"[{m.type}] {m.text}"))
            opened.on("pageerror", lambda e: console.append(f"[pageerror] {e}"))
            yield opened
        finally:
            (ARTIFACTS / f"{name}-console.log").write_text("\n".join(console) + "\n")
            context.close()


def page_url(server: Server, notebook: str) -> str:
    return server.url.replace(START_NOTEBOOK, notebook)


def open_page(page: Page, url: str, notebook: str) -> None:
    """Open a page and wait until its last cell has run (the step bar's loading note has
    gone; the facilitator's page has no step bar, so its folder box)."""
    page.goto(url, timeout=RENDER_TIMEOUT_MS, wait_until="commit")
    page.wait_for_function(DONE_LOADING, timeout=RENDER_TIMEOUT_MS)
    if notebook.startswith("facilitator/"):
        expect(page.get_by_text("people shared a summary").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
        expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=RENDER_TIMEOUT_MS)
    else:
        expect(page.locator(".nk-steps")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator(".nk-loading")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)
    # The pictures draw after the widgets; wait until each has its size.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".every((p) => p.querySelector('svg.main-svg'))", timeout=RENDER_TIMEOUT_MS)
    settle_charts(page)


def settle_charts(page: Page) -> None:
    """Give the charts their moment to fit their boxes (one window resize, then plotly
    draws again); if one never does, TOO_WIDE names it."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(CHARTS_FIT, timeout=60_000)
        # The page's boxes can take their new width a moment after the window did, and
        # a chart then redraws after plotly's 100 ms pause: fit once more, a second on.
        page.wait_for_timeout(1000)
        page.wait_for_function(CHARTS_FIT, timeout=60_000)


def shoot(page: Page, name: str) -> None:
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True, timeout=120_000)


def shoot_screens(page: Page, name: str, most: int = MAX_SCREENS) -> int:
    """The page, screen by screen from the top (<name>-00.png, -01.png, ...), with a little
    overlap, at most ``most`` screens; how many screens."""
    height, screen = page.evaluate(FIND_SCROLLER)
    step = max(screen - 60, 100)
    tops = list(range(0, max(height - screen, 0) + step, step))[:most]
    for number, top in enumerate(tops):
        page.evaluate(f"() => {{ window.__nkScroller.scrollTop = {top}; }}")
        page.wait_for_function(f"() => Math.abs(window.__nkScroller.scrollTop - "
                               f"Math.min({top}, window.__nkScroller.scrollHeight - "
                               "window.__nkScroller.clientHeight)) < 2")
        page.screenshot(path=ARTIFACTS / f"{name}-{number:02d}.png", timeout=120_000)
    page.evaluate("() => { window.__nkScroller.scrollTop = 0; }")
    return len(tops)


def shoot_charts(page: Page, name: str) -> int:
    """Each chart on its own (<name>-chart-N.png), to look at its inside; how many."""
    plots = page.locator(".js-plotly-plot")
    for number in range(plots.count()):
        plots.nth(number).screenshot(path=ARTIFACTS / f"{name}-chart-{number}.png",
                                     timeout=120_000)
    return plots.count()


# In-page links ("On this page: …") whose heading is not on the page.
BROKEN_LINKS = """() => Array.from(document.querySelectorAll('a[href^="#"]'))
    .map((a) => a.getAttribute('href'))
    .filter((h) => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))))"""
# From the top of step 3 to its first Keep with the keyboard alone, through "On this
# page": Tab to the link, Enter, Tab to Keep (36 Tabs before the links were there).
MOST_KEYS_TO_KEEP = 16


def keys_to_first_keep(page: Page) -> int:
    """Key presses from the top of the page to the first Keep button, through the "Ways to
    give first" link of "On this page" (a large number when the way is not found)."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.mouse.click(2, 2)
    presses = 0
    for target, enter in (("A Ways to give first", True), ("BUTTON Keep", False)):
        while presses < 3 * MOST_KEYS_TO_KEEP:
            page.keyboard.press("Tab")
            presses += 1
            if page.evaluate("() => document.activeElement.tagName + ' ' + "
                             "(document.activeElement.innerText || '').trim()") == target:
                break
        if enter:
            page.keyboard.press("Enter")
            presses += 1
    return presses


SIZES = (("phone", PHONE), ("tablet", TABLET), ("laptop", LAPTOP))
# Screenshots per page and size: every screen on a phone, where a layout breaks first; the
# first two elsewhere (the layout checks above cover every screen at every size; 132 files
# a run instead of 203).
SCREENS = {"phone": MAX_SCREENS, "tablet": 2, "laptop": 2}


def check_size(page: Page, size: str, name: str) -> dict[str, Any]:
    """At the viewport's present size: what is wider than the screen (``TOO_WIDE``), what
    chart text cannot be read (``CHART_TEXT``), and screenshots of the page and its charts."""
    settle_charts(page)
    layout = page.evaluate(TOO_WIDE)
    layout["charts"] = page.evaluate(CHART_TEXT)
    shoot_screens(page, f"ux-{size}-{name}", SCREENS[size])
    shoot_charts(page, f"ux-{size}-{name}")
    return layout


def test_every_page_fits_a_phone_and_passes_axe(chromium: str, axe_script: str,
                                                tmp_path: Path) -> None:
    from networking_kit.cohort_examples import write_examples
    from networking_kit.steps.sample import make_sample_workbook

    db = tmp_path / "wb.sqlite"
    make_sample_workbook(db).close()
    drop = tmp_path / "drop"
    write_examples(drop, 8)
    server = Server("app", db, ARTIFACTS / "ux-server.log")
    problems: dict[str, Any] = {}
    report: dict[str, Any] = {}
    with running(server, {"NETWORKING_KIT_DROP": str(drop)}), \
            browser_page(chromium, tmp_path / "profile", "ux-pages") as page:
        for notebook, name in PAGES:
            page.set_viewport_size(PHONE)
            try:
                open_page(page, page_url(server, notebook), notebook)
                report[name] = {"phone": check_size(page, "phone", name)}
                report[name]["broken links"] = page.evaluate(BROKEN_LINKS)
                if notebook == "03_plan_your_follow_ups.ipynb":
                    report[name]["keys to Keep"] = keys_to_first_keep(page)
                page.add_script_tag(content=axe_script)
                report[name]["axe"] = page.evaluate(AXE_RUN)
                for size, viewport in SIZES[1:]:
                    page.set_viewport_size(viewport)
                    page.wait_for_function("() => document.documentElement.clientWidth === "
                                           f"{viewport['width']}")
                    report[name][size] = check_size(page, size, name)
            except Exception:
                shoot(page, f"ux-failure-{name}")
                raise
            for size, _ in SIZES:
                layout = report[name][size]
                if layout["scrollWidth"] > layout["width"] or layout["seen"] \
                        or layout["charts"]:
                    problems.setdefault(name, {})[size] = layout
            if report[name]["axe"]:
                problems.setdefault(name, {})["axe"] = report[name]["axe"]
            if report[name]["broken links"]:
                problems.setdefault(name, {})["broken links"] = report[name]["broken links"]
            if report[name].get("keys to Keep", 0) > MOST_KEYS_TO_KEEP:
                problems.setdefault(name, {})["keys to Keep"] = report[name]["keys to Keep"]
        # The facilitator's page is one link away from the start page.
        page.set_viewport_size(PHONE)
        open_page(page, server.url, START_NOTEBOOK)
        page.get_by_role("link", name="for facilitators: the room at a glance").click(
            timeout=RENDER_TIMEOUT_MS)
        expect(page.get_by_text("people shared a summary").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
    (ARTIFACTS / "ux-pages.json").write_text(json.dumps(report, indent=1))
    assert not problems, json.dumps(problems, indent=1)


SORT_PEOPLE = 25


def test_a_page_of_25_people_sorted_with_25_key_presses(chromium: str,
                                                        tmp_path: Path) -> None:
    from networking_kit import open_workbook

    db = tmp_path / "wb.sqlite"
    linkedin_workbook(db, SORT_PEOPLE, tmp_path)
    server = Server("app", db, ARTIFACTS / "ux-keys-server.log")
    with running(server), browser_page(chromium, tmp_path / "profile", "ux-keys") as page:
        page.set_viewport_size({"width": 1280, "height": 900})
        try:
            open_page(page, page_url(server, MAP_NOTEBOOK), MAP_NOTEBOOK)
        except Exception:
            shoot(page, "ux-keys-failure")
            raise
        expect(page.locator(".nk-sort-keys")).to_contain_text("Sort with one key")
        rows = page.locator(".nk-sort-row")
        expect(rows).to_have_count(SORT_PEOPLE)
        # A real Tab from the control just before the list lands on the first person's
        # first closeness button (the page is not asked to put the focus there).
        first = rows.first.locator(".nk-closeness button").first
        first.evaluate("""(target) => {
            const all = Array.from(document.querySelectorAll(
                'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])'))
                .filter((e) => !e.disabled && e.offsetParent !== null && e.tabIndex >= 0);
            all[all.indexOf(target) - 1].focus();
        }""")
        page.keyboard.press("Tab")
        assert first.evaluate("(b) => b === document.activeElement")
        keys = [str(1 + n % 6) for n in range(SORT_PEOPLE)]
        for key in keys:  # one key a person, nothing else
            page.keyboard.press(key)
        wanted = ["closest", "close", "regular", "known", "acquaintance", "dormant"]

        def saved() -> list[str] | None:
            with open_workbook(db) as workbook:
                contacts = workbook.load_contacts()
            strengths = contacts["strength"].dropna().astype(str).tolist()
            return strengths if len(strengths) == SORT_PEOPLE else None

        strengths = wait_for(f"{SORT_PEOPLE} people sorted in {db.name}", saved, 120.0)
        shoot(page, "ux-keys-sorted")
        expected = sorted(wanted[int(k) - 1] for k in keys)
        assert sorted(strengths) == expected
        # The focus ended on the last row, the one sorted last.
        last = rows.last.locator(".nk-closeness button")
        assert last.evaluate_all("(bs) => bs.includes(document.activeElement)")
