"""The plan as PDF, printed from the HTML by a local Chromium or Chrome.

The HTML is already laid out for A4 print, so the browser's own print engine gives the
same document. Where no such browser is installed, one sentence says what to do instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from networking_kit.files import atomic_write

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "msedge")
_KNOWN_PATHS = (
    "/usr/bin/chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)


# What to do where no browser can print: said by the export, the greyed-out PDF button in
# step 4 and `networking-kit doctor`.
NO_BROWSER = ("A PDF needs Chrome or Chromium, and none was found on this computer: export "
              "the HTML plan instead, open it in your browser and choose Print, then Save as "
              "PDF.")


class PdfUnavailableError(RuntimeError):
    """No browser to print with; the message tells the participant what to do instead."""


def find_browser() -> str | None:
    """A Chromium-family browser on this machine (``NETWORKING_KIT_BROWSER`` wins)."""
    chosen = os.environ.get("NETWORKING_KIT_BROWSER")
    if chosen:
        return chosen if Path(chosen).exists() else shutil.which(chosen)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_PATHS if Path(p).exists()), None)


# How the browser is started: headless, with a profile of its own in a private folder,
# and so that it makes no network lookups at all. Chromium's background services (account
# checks, component and extension updates, safe browsing, metrics, translation) still ask
# for their servers' addresses even with --disable-background-networking; the resolver rule
# answers every name "not found" inside the browser, so not one DNS query leaves the
# machine, and the other switches keep those services from starting where a switch exists.
# Where the system lets an ordinary account make a private network namespace (Linux with
# unprivileged user namespaces, as on Debian and Fedora; `unshare` from util-linux), the
# browser is started inside one: it then has no network at all, not even loopback, so
# nothing it tries can leave the machine. That closes the one call the switches cannot
# stop: Chromium's resolver asks the kernel for an IPv6 route (a UDP connect() to
# 2001:4860:4860::8888, which sends nothing) before every lookup, even one the rule above
# answers, and start-up makes lookups no switch stops (the sign-in service's ListAccounts,
# an update check); no switch, proxy, --incognito, --guest or the
# EnableIPv6ReachabilityOverride feature stopped it on Chromium 156. Inside the namespace
# that connect() fails with "network is unreachable". Where no namespace can be made
# (macOS, Windows, Ubuntu's AppArmor rule for unconfined programs), the switches alone
# apply. tests/test_export_pdf.py runs the export under strace and checks both.
NO_NETWORK = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update",
    "--dns-prefetch-disable", "--no-pings", "--disable-breakpad", "--disable-quic",
    "--metrics-recording-only", "--no-first-run", "--no-default-browser-check",
    "--disable-features=Translate,MediaRouter,DialMediaRouteProvider,OptimizationHints,"
    "NetworkTimeServiceQuerying,CertificateTransparencyComponentUpdater,"
    "AutofillServerCommunication",
)


@cache
def private_network() -> tuple[str, ...]:
    """The command prefix that starts a program with no network (``unshare --net
    --map-root-user``), or ``()`` where this system cannot make one for this account.

    Checked once per process by running ``true`` that way (a few ms).
    """
    unshare = shutil.which("unshare") if sys.platform.startswith("linux") else None
    if unshare is None:
        return ()
    prefix = (unshare, "--net", "--map-root-user")
    try:
        probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return prefix if probe.returncode == 0 else ()


def pdf_bytes(html: str, timeout: int = 90) -> bytes:
    """``html`` printed to PDF by a headless browser, offline; the PDF's bytes.

    The page and the PDF are written in a folder only this account can open (0700) that is
    removed afterwards, so the plan is never readable by others, not even while the
    browser runs. Raises PdfUnavailableError with a sentence saying what to do instead.
    """
    browser = find_browser()
    if browser is None:
        raise PdfUnavailableError(NO_BROWSER)
    with tempfile.TemporaryDirectory(prefix="networking-kit-pdf-") as name:
        folder = Path(name)  # mkdtemp makes it 0700
        page, printed = folder / "plan.html", folder / "plan.pdf"
        page.write_text(html, encoding="utf-8")
        command = [*private_network(), browser, "--headless", "--no-sandbox", "--disable-gpu",
                   *NO_NETWORK,
                   f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={printed}", page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailableError(
                f"The browser at {browser} could not print the plan ({error}); export the "
                "HTML plan and print it to PDF from your browser.") from error
        data = printed.read_bytes() if printed.exists() else b""
    if not data.startswith(b"%PDF"):
        raise PdfUnavailableError(
            f"The browser at {browser} did not write a PDF; export the HTML plan and print it "
            "to PDF from your browser.")
    return data


def html_to_pdf(html: str, out: Path, timeout: int = 90) -> Path:
    """Print ``html`` to ``out`` as PDF (``pdf_bytes``), written whole and owner-only."""
    return atomic_write(out, pdf_bytes(html, timeout))
