"""App mode's time to first paint, against a bare Voila page measured in the same run.

The floor is a one-cell notebook with one text box and one plotly FigureWidget, served by
Voila with the same settings as ``networking-kit app``. For each workbook we time, in a
real Chromium, from asking for the page to its first input being visible, and to the
page having run every cell. Needs Debian's Chromium (``/usr/bin/chromium``); nothing is
asserted.

Run: ``.venv/bin/python benchmarks/bench_app.py [--rounds 3]``
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

import nbformat

from networking_kit.cli import CSP
from networking_kit.steps.sample import make_sample_workbook

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PAGES = ("00_start_here", "01_set_your_goal", "02_map_your_network",
         "03_plan_your_follow_ups", "04_your_action_plan")
FLOOR_SOURCE = """import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display

display(widgets.Text(description="Your name"), go.FigureWidget(go.Bar(x=[1, 2], y=[3, 1])))"""
DONE = ("() => { const s = document.querySelector('#loading');"
        " return !s || getComputedStyle(s).display === 'none'; }")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(command: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("the server did not start within 60 s")


def first_paint(browser, url: str) -> tuple[float, float]:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("input", timeout=120_000)
    painted = time.perf_counter() - start
    page.wait_for_function(DONE, timeout=180_000)
    done = time.perf_counter() - start
    page.close()
    return painted, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)")
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        make_sample_workbook(scratch / "wb.sqlite").close()
        floor_dir = scratch / "floor"
        floor_dir.mkdir()
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
        nbformat.write(notebook, floor_dir / "floor.ipynb")
        token = secrets.token_urlsafe(16)
        env = {**os.environ, "NETWORKING_KIT_DB": str(scratch / "wb.sqlite")}
        app_port, floor_port = free_port(), free_port()
        app = serve([sys.executable, "-m", "networking_kit", "app", "--no-browser",
                     "--port", str(app_port)], app_port, {**env, "JUPYTER_TOKEN": token})
        floor = serve([sys.executable, "-m", "voila", str(floor_dir), "--Voila.ip=127.0.0.1",
                       f"--Voila.port={floor_port}", f"--token={token}", "--no-browser",
                       f"--Voila.tornado_settings={{'headers': {{'Content-Security-Policy':"
                       f" {CSP!r}}}}}"], floor_port, env)
        results: dict[str, list[tuple[float, float]]] = {"floor": []}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--headless", "--no-sandbox", "--disable-gpu",
                          "--disable-background-networking"])
                for _ in range(args.rounds):
                    results["floor"].append(first_paint(
                        browser, f"http://127.0.0.1:{floor_port}/voila/render/floor.ipynb"
                                 f"?token={token}"))
                    for name in PAGES:
                        results.setdefault(name, []).append(first_paint(
                            browser, f"http://127.0.0.1:{app_port}/voila/render/{name}.ipynb"
                                     f"?token={token}"))
                browser.close()
        finally:
            for server in (app, floor):
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
    floor_paint = statistics.median(p for p, _ in results["floor"])
    print(f"app mode, time to first input (medians of {args.rounds}, Chromium headless)")
    for name, runs in results.items():
        paint = statistics.median(p for p, _ in runs)
        done = statistics.median(d for _, d in runs)
        print(f"  {name:<26} first input {paint:6.2f} s ({paint / floor_paint:4.2f}× floor)"
              f"   all cells run {done:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
