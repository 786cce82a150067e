"""plotly's widget code, served once by the workshop app instead of sent with every chart.

plotly's chart widget (``go.FigureWidget``, plotly 6+) is an anywidget: its page code is the
widget's ``_esm``, by default plotly's whole widget bundle (``widgetbundle.js``, about
5 MB), sent in the first message of every chart and imported afresh by the page for each
one (as a ``blob:`` URL). anywidget 0.11 gives each widget's page model 2 s to load that
code; a model that misses it drops every later message (a chart redrawn in place then
never changes), and step 2 makes four charts at once. anywidget imports an ``_esm`` that
is an ``http(s)`` URL by its address instead, so the browser fetches and runs it once per
page and every later chart finds it ready.

The kernel does not know the address the browser uses, so a chart's ``_esm`` is a small
module (:func:`loader_esm`) that imports the bundle from the page's own server at
``BUNDLE_ROUTE`` under the server's base URL (read from the page's Jupyter config), and
hands anywidget plotly's widget. Nothing comes from a CDN: the workshop app
(``app_server``) serves plotly's installed file there (:func:`bundle_handler`) and tells
its kernels so in the environment variable ``BUNDLE_ENV``; a kernel without it
(JupyterLab, nbval, a test) keeps plotly's own way. (Served by JupyterLab the same way,
the pictures did not follow a change in Lab: a chart redrawn in place kept its first
drawing there, so Lab keeps a new chart per change for now.)

Nothing here imports plotly: the server process only needs the file's place (and
:func:`bundle_handler` imports tornado and jupyter_server, which only a server has loaded).
"""

from __future__ import annotations

import json
import os
import re
from importlib.util import find_spec
from pathlib import Path
from typing import Any

# Where the app serves plotly's widget bundle, under the server's base URL.
BUNDLE_ROUTE = "networking-kit/plotly/widgetbundle.js"
# Set by the app's server for its kernels: the route the bundle is served at.
BUNDLE_ENV = "NETWORKING_KIT_PLOTLY_BUNDLE"


def bundle_file() -> Path:
    """plotly's installed widget bundle (``plotly/package_data/widgetbundle.js``).

    Raises ``FileNotFoundError`` when plotly is not installed or ships no bundle."""
    spec = find_spec("plotly")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("plotly is not installed")
    path = Path(spec.origin).parent / "package_data" / "widgetbundle.js"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def bundle_handler(base_url: str) -> tuple[str, type[Any], dict[str, str]]:
    """The tornado handler spec that serves :func:`bundle_file` at ``BUNDLE_ROUTE`` under
    ``base_url`` (a Jupyter server's): that one file, by its name, from plotly's own
    installed folder; any other name there is not served. Raises ``FileNotFoundError``
    as :func:`bundle_file` does."""
    import tornado.web
    from jupyter_server.utils import url_path_join

    bundle = bundle_file()
    folder, name = BUNDLE_ROUTE.rsplit("/", 1)
    if name != bundle.name:
        raise FileNotFoundError(f"{BUNDLE_ROUTE} does not name {bundle}")
    return (url_path_join(base_url, folder, f"({re.escape(bundle.name)})"),
            tornado.web.StaticFileHandler, {"path": str(bundle.parent)})


def loader_esm(route: str = BUNDLE_ROUTE) -> str:
    """A chart widget's ``_esm`` that imports plotly's bundle from ``route`` on the page's
    own server (a module is fetched and run once per page, whatever imports it), then
    gives anywidget plotly's widget (its default export, or what that function returns)."""
    return (
        "const page = document.getElementById('jupyter-config-data');\n"
        "let base = page ? (JSON.parse(page.textContent).baseUrl || '/') : '/';\n"
        "if (!base.endsWith('/')) base += '/';\n"
        f"const url = new URL(base + {json.dumps(route)}, window.location.href).href;\n"
        "export default async () => {\n"
        "  const bundle = await import(url);\n"
        "  const widget = bundle.default;\n"
        "  return typeof widget === 'function' ? widget() : widget;\n"
        "};\n")


def served_route() -> str | None:
    """The route this kernel's server serves plotly's bundle at, or None when it does not
    (only the workshop app does, and says so in ``BUNDLE_ENV``)."""
    return os.environ.get(BUNDLE_ENV) or None


__all__ = ["BUNDLE_ENV", "BUNDLE_ROUTE", "bundle_file", "bundle_handler", "loader_esm",
           "served_route"]
