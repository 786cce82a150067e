"""The plan as PDF, printed from the HTML by a local Chromium or Chrome.

The HTML is already laid out for A4 print, so the browser's own print engine gives the
same document. Where no such browser is installed, one sentence says what to do instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

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


def html_to_pdf(html: str, out: Path, timeout: int = 90) -> Path:
    """Print ``html`` to ``out`` as PDF with a headless browser, offline."""
    browser = find_browser()
    if browser is None:
        raise PdfUnavailableError(NO_BROWSER)
    with tempfile.TemporaryDirectory(prefix="networking-kit-pdf-") as folder:
        page = Path(folder) / "plan.html"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--disable-component-update",
                   "--no-first-run", "--disable-sync", f"--user-data-dir={folder}/profile",
                   "--no-pdf-header-footer", f"--print-to-pdf={out.resolve()}",
                   page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailableError(
                f"The browser at {browser} could not print the plan ({error}); export the "
                "HTML plan and print it to PDF from your browser.") from error
    if not out.exists() or out.stat().st_size == 0:
        raise PdfUnavailableError(
            f"The browser at {browser} did not write a PDF; export the HTML plan and print it "
            "to PDF from your browser.")
    return out
