"""plotly's page code served once by the workshop app (networking_kit/plotly_bundle.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from networking_kit.plotly_bundle import (
    BUNDLE_ENV,
    BUNDLE_ROUTE,
    bundle_file,
    loader_esm,
    served_route,
)


def test_the_bundle_is_plotlys_own_widget_code() -> None:
    path = bundle_file()
    assert path.name == "widgetbundle.js"
    assert path.stat().st_size > 1_000_000  # the whole of plotly.js with the widget
    assert "FigureModel" in path.read_text(encoding="utf-8", errors="replace")


def test_the_loader_imports_the_bundle_from_the_pages_own_server_by_its_address() -> None:
    code = loader_esm("some/route.js")
    assert "jupyter-config-data" in code  # the server's base URL, as the page knows it
    assert json.dumps("some/route.js") in code
    assert "window.location.href" in code  # never another host: the page's own
    assert "http" not in code.replace("window.location.href", "")
    assert "export default" in code


def test_only_a_kernel_told_so_loads_the_served_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUNDLE_ENV, raising=False)
    assert served_route() is None
    monkeypatch.setenv(BUNDLE_ENV, BUNDLE_ROUTE)
    assert served_route() == BUNDLE_ROUTE


_PROBE = """
from networking_kit.ui import chart_table
import plotly.graph_objects as go
widget = chart_table.picture(go.Figure([go.Bar(x=["Calls"], y=[1])]))
state = widget.get_state()
print(chart_table.IN_PLACE, len(state["_esm"]))
"""


@pytest.mark.parametrize("served", [True, False])
def test_a_chart_carries_a_small_loader_only_where_the_code_is_served(served: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != BUNDLE_ENV}
    if served:
        env[BUNDLE_ENV] = BUNDLE_ROUTE
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                         text=True, check=True, timeout=120).stdout.split()
    in_place, esm_chars = out[0] == "True", int(out[1])
    assert in_place is served  # redrawn in place only when the page loads the code once
    if served:
        assert esm_chars < 2_000  # the loader, not plotly's 5 MB bundle in every chart
    else:
        assert esm_chars > 1_000_000


def test_the_servers_route_serves_the_bundle_alone_under_the_base_url() -> None:
    """The handler the app's server adds (``bundle_handler``): plotly's bundle at its
    route under the base URL, and no other file of plotly's folder."""
    import re

    from networking_kit.plotly_bundle import bundle_handler

    pattern, _handler, options = bundle_handler("/user/ada/")
    assert re.fullmatch(pattern, f"/user/ada/{BUNDLE_ROUTE}")
    assert not re.fullmatch(pattern, "/user/ada/networking-kit/plotly/plotly.min.js")
    assert not re.fullmatch(pattern, f"/{BUNDLE_ROUTE}")
    assert Path(options["path"]) == bundle_file().parent
