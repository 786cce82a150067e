"""The workshop app's web server: Voila, with what a room of participants needs.

``networking-kit app`` runs ``python -m networking_kit.app_server`` with Voila's usual
options (see ``cli_servers.cmd_app``). On top of Voila 0.5 this server:

- takes its private key from the ``JUPYTER_TOKEN`` environment variable and removes it
  from the environment before any kernel starts: a key on the command line can be read by
  every account on the computer (the process list), the environment only by its owner;
- lets a page end its kernel when the participant leaves it. Voila's page sends a
  "shut down my kernel" beacon on leaving, carrying the ``_xsrf`` cookie, but Voila never
  sets that cookie, so every such request was refused (403, "_xsrf missing") and each page
  left its kernel (about 190 MB) running until the idle cull. The page handler here sets
  the cookie when it serves the page;
- refuses a page beyond ``max_pages`` live kernels with a short page saying what to do,
  instead of letting a room's pages exhaust the machine;
- renders pages with its own template (``voila_template/``), which links nothing from a
  CDN: every asset comes from this machine;
- serves plotly's chart code once at ``plotly_bundle.BUNDLE_ROUTE`` and tells its kernels
  so (``plotly_bundle.BUNDLE_ENV``): each chart then loads it by its address, once per
  page, instead of carrying its own 5 MB copy (see ``networking_kit/plotly_bundle.py``).

Nothing here is imported by the rest of the package; only the command line starts it.
"""

from __future__ import annotations

import html
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tornado.web
from traitlets import Integer
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from networking_kit.plotly_bundle import BUNDLE_ENV, BUNDLE_ROUTE, bundle_handler
from networking_kit.settings import APP_MAX_PAGES
from networking_kit.words import plural

TOKEN_ENV = "JUPYTER_TOKEN"  # noqa: S105  (the variable's name, not a key)
TEMPLATE_DIR = Path(__file__).resolve().parent / "voila_template"
MAX_PAGES_SETTING = "networking_kit_max_pages"

TOO_MANY_PAGES = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Too many pages open</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em;
line-height: 1.5">
<h1>Too many pages of the workshop are open</h1>
<p>This computer runs at most {pages} of the workshop at once, and {all_open}.
Close a page you are not using (its tab), wait a few seconds, then reload this one.{later}
Nothing you entered is lost: it is all in your workbook file.</p>
</body></html>
"""
# A page that closed without saying so (a browser that quit, a computer that slept) keeps
# its place until its kernel has been idle this long.
CLOSED_ANOTHER_WAY = ("\nA page closed another way (a browser that quit, a computer that "
                      "went to sleep) gives its place back within {minutes}.")


def too_many_pages_html(pages: int, idle_seconds: float = 0) -> str:
    """The page shown instead of a workbook when ``pages`` kernels already run;
    ``idle_seconds`` is how long an idle kernel is kept (0: for ever, and not said)."""
    words = "one page" if pages == 1 else f"{pages} pages"
    minutes = math.ceil(idle_seconds / 60)
    later = CLOSED_ANOTHER_WAY.format(minutes=plural(minutes, "minute")) if minutes > 0 else ""
    return TOO_MANY_PAGES.format(pages=html.escape(words), later=html.escape(later),
                                 all_open="it is open" if pages == 1 else "they are all open")


class WorkshopPageHandler(TornadoVoilaHandler):  # type: ignore[misc]  # voila is untyped
    """Voila's page, which also sets the ``_xsrf`` cookie and keeps to the page cap."""

    async def prepare(self) -> None:
        await super().prepare()
        # Reading the token makes tornado set the _xsrf cookie; the page's leave beacon
        # sends it back, so the shutdown request passes the XSRF check.
        _ = self.xsrf_token

    @tornado.web.authenticated  # type: ignore[untyped-decorator,unused-ignore]
    async def get(self, path: str | None = None) -> None:
        limit = int(self.settings.get(MAX_PAGES_SETTING, APP_MAX_PAGES))
        running = len(self.kernel_manager.list_kernel_ids())
        if running >= limit:
            self.log.warning("Refused a page: %d kernels running, the limit is %d.",
                             running, limit)
            self.set_status(503)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Retry-After", "10")
            self.finish(too_many_pages_html(
                running, float(self.kernel_manager.cull_idle_timeout or 0)))
            return
        await super().get(path)


class WorkshopVoila(Voila):  # type: ignore[misc]  # voila is untyped
    """Voila with the workshop's page handler, page cap, template and key handling."""

    max_pages = Integer(
        APP_MAX_PAGES, config=True,
        help="How many pages (kernels) may run at once; one more is refused with a message.")

    def initialize(self, argv: Sequence[str] | None = None) -> None:
        token = os.environ.pop(TOKEN_ENV, None)
        super().initialize(argv)
        if token:
            self.token = token
        # Kernels inherit this process's environment: they load plotly's code from here.
        os.environ[BUNDLE_ENV] = BUNDLE_ROUTE

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # First on the path: our index.html.j2 is found before Voila's "lab" one it extends.
        self.template_paths.insert(0, str(TEMPLATE_DIR))

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        settings[MAX_PAGES_SETTING] = self.max_pages
        return settings

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = super().init_handlers()
        # plotly's chart code, the one file, at one address (the page caches it by it).
        served = bundle_handler(self.server_url)
        return [served, *((spec[0], WorkshopPageHandler, *spec[2:])
                          if len(spec) > 1 and spec[1] is TornadoVoilaHandler else spec
                          for spec in handlers)]


def main(argv: Sequence[str] | None = None) -> None:
    """Start the server; ``argv`` are Voila's own options (without the program name)."""
    WorkshopVoila.launch_instance(argv=list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
