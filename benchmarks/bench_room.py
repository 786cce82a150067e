"""A room in the app: N participants open a page at the same moment on one server.

Starts ``networking-kit app`` (with ``--max-pages`` above N), then in one real Chromium
opens N pages of one workbook concurrently and, for each, times from asking for the page
to its first input being visible. Afterwards it reads every kernel's memory from /proc,
closes all the pages and waits for their kernels to end. The floor is one participant
alone, measured first in the same run, so the ratio partly cancels the machine's load.

Prints per room size: failures (pages that never showed an input within the time limit,
were refused, or showed an error), the median and 95th percentile time to first input
and its ratio to the floor, memory per participant (each kernel's resident size, and its
proportional share once shared pages are split), kernels still running after the pages
were left, and "Address already in use" deaths in the server's log.

Goals (issue 14): 0 failures, at most 300 MB per participant, every kernel freed on
leave. Needs Debian's Chromium (``/usr/bin/chromium``) and Linux (/proc); nothing is
asserted.

Run: ``.venv/bin/python benchmarks/bench_room.py`` (a room of 10, a few minutes), or
``--rooms 10 30 50`` for bigger rooms (on a 2-core machine the 50 takes several minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
FIRST_INPUT = (".jupyter-widgets input, .jupyter-widgets select, .jupyter-widgets textarea, "
               ".jupyter-widgets button")
ERROR_SIGNS = ("Traceback", "error when executing", "Internal Server Error")
LEAVE_TIMEOUT_S = 60.0
MB = 1024 * 1024


@dataclass
class Visit:
    seconds: float | None  # to the first visible input; None when the page failed
    problem: str = ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def memory_kb(pid: int, field: str, source: str) -> int:
    """One ``field`` (kB) from /proc/PID/``source`` (status: VmRSS; smaps_rollup: Pss)."""
    try:
        for line in (Path("/proc") / str(pid) / source).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class App:
    """One ``networking-kit app`` server on a fresh copy of the sample workbook."""

    def __init__(self, folder: Path, max_pages: int) -> None:
        from networking_kit.steps.sample import make_sample_workbook

        db = folder / "wb.sqlite"
        make_sample_workbook(db).close()
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.log = folder / "server.log"
        env = {**os.environ, "JUPYTER_TOKEN": self.token, "NETWORKING_KIT_DB": str(db)}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "networking_kit", "app", "--no-browser",
                 "--port", str(self.port), "--max-pages", str(max_pages)],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # any answer at all means it is up
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(self.log.read_text()) from None
                time.sleep(0.3)

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.port}/voila/render/{page}.ipynb?token={self.token}"

    def kernels(self) -> list[int]:
        return children(self.process.pid)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


async def visit(browser: object, url: str, timeout_s: float) -> tuple[Visit, object]:
    # A context of its own per participant, as on their own computer: one shared context
    # would queue the pages behind Chromium's six connections per server.
    context = await browser.new_context()  # type: ignore[attr-defined]
    page = await context.new_page()
    start = time.perf_counter()
    try:
        response = await page.goto(url, timeout=timeout_s * 1000)
        if response is None or not response.ok:
            status = response.status if response else "no answer"
            return Visit(None, f"HTTP {status}"), page
        await page.locator(FIRST_INPUT).first.wait_for(state="visible",
                                                      timeout=timeout_s * 1000)
        seconds = time.perf_counter() - start
        text = await page.locator("body").inner_text()
        sign = next((s for s in ERROR_SIGNS if s in text), "")
        return Visit(None if sign else seconds, sign), page
    except Exception as error:  # a benchmark reports every failure, whatever it is
        return Visit(None, type(error).__name__), page


async def room(app: App, page_name: str, participants: int, timeout_s: float,
               ) -> tuple[list[Visit], list[int], list[int], int, float | None]:
    """Open ``participants`` pages at once; (visits, RSS kB, PSS kB, kernels left, s)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                   args=CHROMIUM_ARGS)
        results = await asyncio.gather(*(visit(browser, app.url(page_name), timeout_s)
                                         for _ in range(participants)))
        await asyncio.sleep(2)  # let the last kernels finish their cells
        kernels = app.kernels()
        rss = [memory_kb(pid, "VmRSS", "status") for pid in kernels]
        pss = [memory_kb(pid, "Pss", "smaps_rollup") for pid in kernels]
        for _, page in results:
            await page.close(run_before_unload=True)  # type: ignore[attr-defined]
        left_at = time.perf_counter()
        freed_after: float | None = None
        while time.perf_counter() - left_at < LEAVE_TIMEOUT_S:
            if not app.kernels():
                freed_after = time.perf_counter() - left_at
                break
            await asyncio.sleep(0.5)
        await browser.close()
    return [v for v, _ in results], rss, pss, len(app.kernels()), freed_after


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rooms", type=int, nargs="+", default=[10],
                        help="room sizes to try, one after the other (default: 10)")
    parser.add_argument("--page", default="00_start_here",
                        help="the workbook every participant opens (default 00_start_here)")
    parser.add_argument("--timeout", type=float, default=480.0,
                        help="seconds a page may take to show its first input (default 480)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)")
        return 0
    # Stopped from outside: still stop the server and its kernels (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    print(f"load before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        app = App(Path(folder), max_pages=max(args.rooms) + 5)
        try:
            alone = asyncio.run(room(app, args.page, 1, args.timeout))[0][0]
            if alone.seconds is None:
                print(f"the floor page failed ({alone.problem}); see {app.log}")
                return 1
            floor = alone.seconds
            print(f"floor: one participant alone, {floor:.1f} s to the first input")
            for size in args.rooms:
                visits, rss, pss, left, freed = asyncio.run(
                    room(app, args.page, size, args.timeout))
                times = [v.seconds for v in visits if v.seconds is not None]
                failures = [v.problem for v in visits if v.seconds is None]
                log = app.log.read_text(errors="replace")
                deaths = log.count("Address already in use")
                # A page still loading after --idle-minutes (a machine far beyond its load)
                # has its kernel culled before it connects: say so, it explains failures.
                culled = log.count("Culling '")
                share = (statistics.mean(pss) / 1024) if pss else 0.0
                print(f"room of {size}: {len(failures)} failures"
                      f"{' (' + ', '.join(sorted(set(failures))) + ')' if failures else ''}; "
                      + (f"first input median {statistics.median(times):.1f} s, "
                         f"p95 {p95(times):.1f} s ({p95(times) / floor:.1f}× floor); "
                         if times else "")
                      + f"memory per participant {statistics.mean(rss) / 1024 if rss else 0:.0f}"
                      f" MB resident, {share:.0f} MB proportional (goal ≤300 MB); "
                      f"{len(rss)} kernels while open, {left} left after leaving"
                      + (f" (all ended {freed:.1f} s after leaving)" if freed is not None
                         else f" ({LEAVE_TIMEOUT_S:.0f} s after leaving)")
                      + f"; 'Address already in use' in the log: {deaths}; kernels culled "
                      f"so far: {culled}", flush=True)
        finally:
            app.stop()
    print(f"load after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
