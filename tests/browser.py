"""Helpers for the browser smoke tests: find Chromium, run a workshop server, poll, check.

Kept apart from the tests so that each test reads as the participant's steps. Nothing
here imports Playwright, so the module loads (and the tests skip cleanly) without it.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from networking_kit import open_workbook

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "browser"
LOCALHOST = "127.0.0.1"
START_NOTEBOOK = "00_start_here.ipynb"
NO_CHROMIUM = ("no Chromium found (install Debian's chromium as root: apt-get install chromium)"
               " — browser smoke test not run")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
SERVER_START_TIMEOUT = 60.0
SAVE_TIMEOUT = 15.0

T = TypeVar("T")


def find_chromium() -> str | None:
    """The system's Chromium (Debian installs it as /usr/bin/chromium), or None."""
    for candidate in (shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCALHOST, 0))
        return probe.getsockname()[1]


def wait_for(what: str, check: Callable[[], T | None], timeout: float,
             interval: float = 0.2) -> T:
    """Poll ``check`` until it returns something other than None/False; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} (last: {last!r})")


def http_get(port: int, path: str, timeout: float = 10.0) -> tuple[int, str]:
    """GET without following redirects: (status, Location header or '')."""
    connection = http.client.HTTPConnection(LOCALHOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def read_profile(db: Path, key: str) -> object:
    with open_workbook(db) as workbook:
        return workbook.get_profile(key)


def count_contacts(db: Path) -> int:
    with open_workbook(db) as workbook:
        return workbook.count_contacts()


@dataclass
class Server:
    """One ``networking-kit start``/``app`` process, in a process group of its own."""

    kind: str  # "start" (JupyterLab) or "app" (Voila)
    db: Path
    log: Path
    port: int = field(default_factory=free_port)
    # A leading "-" on purpose: a url-safe token starts with one 1 time in 64, which once broke CI.
    token: str = field(default_factory=lambda: "-" + secrets.token_urlsafe(24))
    process: subprocess.Popen[bytes] | None = None
    extra_args: tuple[str, ...] = ()  # more `networking-kit start/app` options

    @property
    def page_path(self) -> str:
        prefix = "/lab/tree/" if self.kind == "start" else "/voila/render/"
        return prefix + START_NOTEBOOK

    @property
    def url(self) -> str:
        return f"http://{LOCALHOST}:{self.port}{self.page_path}?token={self.token}"

    def start(self, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "networking_kit", self.kind, "--no-browser",
                   "--port", str(self.port), "--db", str(self.db), *self.extra_args]
        # The key goes in the environment, as `networking-kit` hands it on: never argv.
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **(env or {}), "JUPYTER_TOKEN": self.token},
                start_new_session=True)
        wait_for(f"the {self.kind} server on port {self.port}", self._answers,
                 SERVER_START_TIMEOUT, interval=0.3)

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"`networking-kit {self.kind}` exited with "
                                 f"{self.process.returncode}:\n{self.log_text()}")
        try:
            http_get(self.port, "/", timeout=2.0)  # any HTTP answer at all means it is up
        except OSError:
            return False
        return True

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        """SIGTERM the whole group (the CLI and the server it runs); SIGKILL after 15 s."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
            return


@contextlib.contextmanager
def running(server: Server, env: dict[str, str] | None = None) -> Iterator[Server]:
    try:
        server.start(env)
        yield server
    finally:
        server.stop()


def listening_addresses(port: int) -> list[str]:
    """Local addresses of the sockets listening on ``port`` (Linux: from /proc/net/tcp*)."""
    found = []
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            # The kernel prints each 32-bit word in host (little-endian) byte order.
            raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1]
                           for i in range(0, len(address), 8))
            found.append(str(ipaddress.ip_address(raw[:width])))
    return found


def non_loopback_addresses() -> list[str]:
    """This machine's own IPv4 addresses other than 127.x, as far as it can tell."""
    addresses = set()
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            addresses.add(info[4][0])
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
        addresses.add(udp.getsockname()[0])
    return sorted(a for a in addresses if not ipaddress.ip_address(a).is_loopback
                  and not ipaddress.ip_address(a).is_unspecified)


def assert_loopback_only(port: int) -> None:
    """The server listens on 127.0.0.1 only: nothing on another address accepts on its port."""
    listening = listening_addresses(port)
    if listening:
        assert all(ipaddress.ip_address(a).is_loopback for a in listening), listening
    for address in non_loopback_addresses():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(2.0)
            assert probe.connect_ex((address, port)) != 0, (
                f"the server accepts connections on {address}:{port}, not only on 127.0.0.1")
    assert listening or non_loopback_addresses(), "could not check the listening address"


def assert_refused_without_token(server: Server, paths: list[str]) -> None:
    """Each path answers 403, or redirects to the login page, without (or with a wrong) token."""
    for path in paths:
        for query in ("", "?token=not-the-token"):
            status, location = http_get(server.port, path + query)
            refused = status == 403 or (status in (301, 302, 303, 307)
                                        and location.split("?")[0].endswith("/login"))
            assert refused, f"GET {path}{query} without the token gave {status} {location!r}"


# -- what a page's layout shows ------------------------------------------------------

# Text a chart draws that cannot be read, from the page's own layout: cut off by the
# picture's edge or a box around it (a venue's long name on the left, "2 (25%)" on the
# right, a map's legend beside Lab's file browser), covered by the legend (the keep-warm
# legend on its axis title, tilted closeness labels under the "counting inwards" legend),
# or two labels of one axis running into each other (a date under every week on a phone).
# Each problem named with its chart's title. Also plotly's toolbar over the title, or
# offering to send the chart away.
# A square chart (the map) may leave this much of its height blank above and below it.
SQUARE_BLANK_PX = 40
CHART_TEXT = """() => {
  const problems = [];
  const visible = (el) => {
    const b = el.getBoundingClientRect();
    return b.width > 0 && b.height > 0 && (el.textContent || "").trim() !== "";
  };
  // A text's drawn rectangle on the screen, tilted with it: four corners.
  const corners = (el) => {
    const b = el.getBBox(), m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
            [b.x, b.y + b.height]].map(([x, y]) => [m.a * x + m.c * y + m.e,
                                                    m.b * x + m.d * y + m.f]);
  };
  const rect = (r) => [[r.left, r.top], [r.right, r.top], [r.right, r.bottom],
                       [r.left, r.bottom]];
  // Whether two such rectangles share more than a pixel (separating axis test): tilted
  // labels can sit close without touching, though their upright boxes overlap.
  const overlap = (p, q) => {
    for (const poly of [p, q]) {
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
        const length = Math.hypot(x2 - x1, y2 - y1);
        if (length === 0) continue;
        const nx = (y2 - y1) / length, ny = (x1 - x2) / length;
        const pp = p.map(([x, y]) => nx * x + ny * y), qq = q.map(([x, y]) => nx * x + ny * y);
        if (Math.min(Math.max(...pp), Math.max(...qq))
            - Math.max(Math.min(...pp), Math.min(...qq)) <= 1) return false;
      }
    }
    return true;
  };
  const name = (el) => JSON.stringify((el.textContent || "").slice(0, 30));
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const svg = plot.querySelector("svg.main-svg");
    if (!svg || svg.getBoundingClientRect().width === 0) continue;
    const title = ((plot.querySelector(".gtitle") || {}).textContent || "").slice(0, 40);
    // What can be seen of the picture: its own edges, and sideways every box around it
    // that hides what sticks out (an output area, a notebook beside a file browser).
    const edge = svg.getBoundingClientRect();
    let left = edge.left, right = edge.right;
    for (let box = plot.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") {
        const r = box.getBoundingClientRect();
        left = Math.max(left, r.left); right = Math.min(right, r.right);
      }
    }
    const texts = [...plot.querySelectorAll("svg text")].filter(visible);
    for (const text of texts) {
      const box = text.getBoundingClientRect();
      if (box.left < left - 1 || box.right > right + 1 || box.top < edge.top - 1
          || box.bottom > edge.bottom + 1) {
        problems.push(`${title}: ${name(text)} cut off `
          + `(${Math.round(box.left - left)}..${Math.round(box.right - left)} `
          + `of ${Math.round(right - left)} px seen)`);
      }
    }
    for (const axis of plot.querySelectorAll("g.xaxislayer-above, g.yaxislayer-above")) {
      const ticks = [...axis.querySelectorAll("text")].filter(visible);
      for (let i = 0; i < ticks.length; i++) {
        for (let j = i + 1; j < ticks.length; j++) {
          if (overlap(corners(ticks[i]), corners(ticks[j]))) {
            problems.push(`${title}: ${name(ticks[i])} runs into ${name(ticks[j])}`);
          }
        }
      }
    }
    // plotly's toolbar (laid out though shown only on hover or a tap): nothing in it that
    // sends the chart away (plotly.js 3's "Share chart...", its logo's link), and not over
    // the title (it covered "Your network map" on a phone).
    const toolbar = plot.querySelector(".modebar");
    if (toolbar) {
      for (const button of toolbar.querySelectorAll(".modebar-btn, a")) {
        const what = button.getAttribute("data-title") || button.getAttribute("href") || "";
        if (/share|cloud|studio|plotly[.]com/i.test(what)) {
          problems.push(`${title}: the toolbar offers ${JSON.stringify(what)}`);
        }
      }
      const heading = plot.querySelector(".gtitle");
      const bar = toolbar.getBoundingClientRect();
      if (heading && visible(heading) && bar.width > 0
          && overlap(corners(heading), rect(bar))) {
        problems.push(`${title}: the toolbar covers the title`);
      }
    }
    // Drawn to its box's width, not left at the width it had on a narrower screen.
    const boxWidth = plot.parentElement ? plot.parentElement.getBoundingClientRect().width : 0;
    if (boxWidth - edge.width > 24) {
      problems.push(`${title}: drawn ${Math.round(edge.width)} px wide in a `
        + `${Math.round(boxWidth)} px box`);
    }
    // A square chart (the map) as tall as its box allows, not a fixed height with a
    // blank band above and below it (130 px each on a phone).
    const full = plot._fullLayout;
    if (full && full._size && full.yaxis && full.yaxis.scaleanchor === "x"
        && full._size.h - full._size.w > """ + str(SQUARE_BLANK_PX) + """) {
      problems.push(`${title}: ${Math.round(full._size.h - full._size.w)} px of it is blank`);
    }
    const legend = plot.querySelector("g.legend");
    if (!legend || legend.getBoundingClientRect().width === 0) continue;
    const legendBox = (legend.querySelector("rect.bg") || legend).getBoundingClientRect();
    if (legendBox.left < left - 1 || legendBox.right > right + 1) {
      problems.push(`${title}: the legend is cut off (${Math.round(legendBox.left - left)}..`
        + `${Math.round(legendBox.right - left)} of ${Math.round(right - left)} px seen)`);
    }
    for (const text of texts) {
      if (!legend.contains(text) && overlap(corners(text), rect(legendBox))) {
        problems.push(`${title}: the legend covers ${name(text)}`);
      }
    }
  }
  return problems;
}"""


# -- step 2 in the app --------------------------------------------------------------------

MAP_NOTEBOOK = "02_map_your_network.ipynb"
_FIRST_SYLLABLES = ("Ba", "Ce", "Di", "Fo", "Ga", "He", "Jo", "Ka", "Li", "Mo", "Nu", "Pe",
                    "Ra", "Si", "Tu", "Ve", "Wi", "Yo", "Za", "Lu")
_LAST_SYLLABLES = ("mbrook", "ndale", "rwick", "stone", "lford", "nshaw", "mley", "rcott",
                   "vish", "ttery", "lgrave", "nning", "rrow", "bbins", "dgett")
_ORGANISATIONS = ("Quillfeather Bank", "Larchmont Health", "Tessellate Labs",
                  "Harrowgate Council", "Brindle Logistics", "Oakhurst University")
_TITLES = ("Product Manager", "Data Analyst", "Nurse Lead", "Policy Adviser", "Designer",
           "Engineer", "Recruiter", "Operations Lead")


def write_linkedin_export(path: Path, people: int) -> Path:
    """A made-up LinkedIn Connections.csv: names, organisations and titles only, as after a
    fresh export (no closeness, no field, no last contact)."""
    lines = ["Notes:", '"Made up for a test; no real person."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for number in range(people):
        first = _FIRST_SYLLABLES[number % 20] + _FIRST_SYLLABLES[(number // 20) % 20].lower()
        last = "Ha" + _LAST_SYLLABLES[number % 15] + str(number)
        lines.append(f"{first},{last},https://www.linkedin.com/in/test-{number},,"
                     f"{_ORGANISATIONS[number % 6]},{_TITLES[number % 8]},12 Nov 2023")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def linkedin_workbook(db: Path, people: int, folder: Path) -> None:
    """A workbook holding a LinkedIn import of ``people`` and a step-1 goal (so the gaps
    and the re-warm list have something to read the map against)."""
    from networking_kit.goals import Goal, GoalKind
    from networking_kit.steps.map import MapSession
    from networking_kit.store.records import save_goal

    export = write_linkedin_export(folder / "Connections.csv", people)
    with open_workbook(db) as workbook:
        assert MapSession(workbook).import_file(export).added == people
        save_goal(workbook, Goal(kind=GoalKind.BETTER_CONNECTED, targets=["fintech"]))


def contacts_added_by_hand(db: Path) -> dict[str, dict[str, object]]:
    """{name: {"strength", "context", "tags"}} of the people added by hand, as saved."""
    with open_workbook(db) as workbook:
        contacts = workbook.load_contacts()
    manual = contacts[contacts["source"] == "manual"].astype(object)
    manual = manual.where(manual.notna(), None)
    return {str(row["name"]): {c: row[c] for c in ("strength", "context", "tags")}
            for row in manual.to_dict("records")}


# -- the server's processes --------------------------------------------------------------


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux: from /proc): a Voila server's kernels."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # "pid (name) state ppid ...": the name may hold spaces, so split after ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def process_cmdline(pid: int) -> str:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()


def process_environ(pid: int) -> str:
    return (Path("/proc") / str(pid) / "environ").read_bytes().replace(b"\0", b"\n").decode(
        errors="replace")


def http_get_headers(port: int, path: str, headers: dict[str, str],
                     timeout: float = 10.0) -> tuple[int, dict[str, str]]:
    """GET with the given request headers: (status, response headers, lower-cased names)."""
    connection = http.client.HTTPConnection(LOCALHOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()
