"""Browser tests of the app's server (``networking-kit app``): a room's worth of promises.

Pages end their kernels when left (Voila's leave beacon used to be refused: 403, "_xsrf
missing"), a page beyond the cap gets a sentence instead of a kernel, nothing is fetched
from another machine and the console stays free of errors, and the server's private key is
nowhere another account could read it (the process list) nor echoed to other sites (CORS).

Run one at a time on a loaded machine. Screenshots and console logs go to
test-artifacts/browser/. Skipped, with the reason, when there is no Chromium.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    LOCALHOST,
    NO_CHROMIUM,
    Server,
    child_pids,
    find_chromium,
    http_get_headers,
    process_cmdline,
    process_environ,
    running,
    wait_for,
)
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    expect,
    sync_playwright,
)

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 90_000
KERNEL_END_TIMEOUT = 30.0
STEP_LINKS = ("1. Set your goal", "2. Map your network", "3. Plan follow-ups",
              "4. Your action plan")
DONE_LOADING = ("() => { const s = document.querySelector('#loading');"
                " return !s || getComputedStyle(s).display === 'none'; }")


@dataclass
class Watched:
    """A browser context that reaches 127.0.0.1 only, and what its pages said and tried."""

    context: BrowserContext
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def new_page(self) -> Page:
        page = self.context.new_page()

        def on_console(message: ConsoleMessage) -> None:
            self.log.append(f"[{message.type}] {message.text}")
            if message.type == "error":
                self.console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"[pageerror] {error}"))
        return page


@pytest.fixture
def watched(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Watched]:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(NO_CHROMIUM)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = request.node.name.removeprefix("test_")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        found = Watched(context)

        def only_local(route: Route) -> None:
            url = route.request.url
            if url.startswith((f"http://{LOCALHOST}:", f"ws://{LOCALHOST}:", "data:", "blob:")):
                route.continue_()
            else:
                found.blocked.append(url)
                route.abort("blockedbyclient")

        context.route("**/*", only_local)
        try:
            yield found
        finally:
            (ARTIFACTS / f"{name}-console.log").write_text("\n".join(found.log) + "\n")
            context.close()
            browser.close()


def kernels(server: Server) -> list[int]:
    assert server.process is not None
    return child_pids(server.process.pid)


def wait_for_kernels(server: Server, count: int) -> None:
    wait_for(f"exactly {count} kernel(s) running", lambda: len(kernels(server)) == count,
             KERNEL_END_TIMEOUT, interval=0.5)


def wait_until_drawn(page: Page) -> None:
    expect(page.locator(".nk-steps")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    page.wait_for_function(DONE_LOADING, timeout=RENDER_TIMEOUT_MS)


def test_five_pages_opened_and_left_leave_one_kernel_and_nothing_leaves_the_machine(
        watched: Watched, tmp_path: Path) -> None:
    server = Server("app", tmp_path / "wb.sqlite", ARTIFACTS / "app-kernels-server.log")
    with running(server):
        assert server.process is not None
        # The key is in no command line: another account could read it there (ps).
        assert server.token not in process_cmdline(server.process.pid)
        assert "token" not in process_cmdline(server.process.pid).lower()

        page = watched.new_page()
        response = page.goto(server.url)
        assert response is not None
        assert response.ok
        wait_until_drawn(page)
        for link in STEP_LINKS:  # each click leaves the page before for the next one
            page.locator(".nk-steps a", has_text=link).click()
            expect(page.locator(".nk-steps .nk-here")).to_contain_text(
                link, timeout=RENDER_TIMEOUT_MS)
            wait_until_drawn(page)
        wait_for_kernels(server, 1)
        # ... and the kernel that remains does not carry the key in its environment.
        assert server.token not in process_environ(kernels(server)[0])
        page.screenshot(path=ARTIFACTS / "app-kernels-last-page.png")
        page.close(run_before_unload=True)
        wait_for_kernels(server, 0)

        # A request carrying the key from another site is not told that site may read it.
        status, headers = http_get_headers(
            server.port, f"{server.page_path}?token={server.token}",
            {"Origin": "https://evil.example"})
        assert headers.get("access-control-allow-origin") in (
            None, f"http://{LOCALHOST}:{server.port}"), (status, headers)
        assert "Shut down kernel" not in server.log_text()
        assert "_xsrf" not in server.log_text()  # the leave beacons were accepted
    assert watched.blocked == [], "the pages asked another machine for something"
    assert watched.console_errors == [], watched.console_errors


def test_a_page_beyond_the_cap_says_what_to_do_and_opens_once_one_is_closed(
        watched: Watched, tmp_path: Path) -> None:
    server = Server("app", tmp_path / "wb.sqlite", ARTIFACTS / "app-cap-server.log",
                    extra_args=("--max-pages", "1"))
    with running(server):
        first = watched.new_page()
        first.goto(server.url)
        wait_until_drawn(first)

        second = watched.new_page()
        response = second.goto(server.url)
        assert response is not None
        assert response.status == 503
        expect(second.get_by_role("heading")).to_have_text(
            "Too many pages of the workshop are open")
        expect(second.get_by_text("Close a page you are not using")).to_be_visible()
        second.screenshot(path=ARTIFACTS / "app-cap-refused.png")
        assert len(kernels(server)) == 1  # the refused page started nothing

        first.close(run_before_unload=True)
        wait_for_kernels(server, 0)
        time.sleep(0.5)  # the kernel's ending is in the server's list a moment later
        response = second.reload()
        assert response is not None
        assert response.ok
        wait_until_drawn(second)
        expect(second.get_by_label("Your name")).to_be_visible()
