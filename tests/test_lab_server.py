"""What `networking-kit start` adds to JupyterLab: the save hook and the Lab extension's files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from networking_kit import cli, cli_servers
from networking_kit.lab_server import LAB_EXTENSIONS, is_workbook, strip_outputs

WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


def _notebook(source: str) -> dict[str, Any]:
    return {"cells": [{"cell_type": "markdown", "source": "# Title", "metadata": {}},
                      {"cell_type": "code", "source": source, "execution_count": 7,
                       "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout",
                                                    "text": "Ada Lovelace, 0612345678"}]}],
            "metadata": {"widgets": {"state": {"Ada": "Lovelace"}}}, "nbformat": 4,
            "nbformat_minor": 5}


@pytest.mark.parametrize("notebook", sorted(WORKBOOKS.rglob("*.ipynb")), ids=lambda p: p.name)
def test_every_workbook_is_recognised(notebook: Path) -> None:
    assert is_workbook(json.loads(notebook.read_text(encoding="utf-8")))


def test_a_saved_workbook_keeps_no_outputs_names_or_widget_state() -> None:
    model = {"type": "notebook", "content": _notebook("from networking_kit.ui import goal\n")}
    strip_outputs(model=model, path="01.ipynb", contents_manager=None)
    code = model["content"]["cells"][1]
    assert code["outputs"] == []
    assert code["execution_count"] is None
    assert "Ada" not in json.dumps(model)


def test_other_notebooks_and_files_are_saved_as_they_are() -> None:
    own = {"type": "notebook", "content": _notebook("print('my own notebook')")}
    before = json.dumps(own)
    strip_outputs(model=own, path="scratch.ipynb", contents_manager=None)
    assert json.dumps(own) == before
    text = {"type": "file", "content": "from networking_kit.ui import x", "format": "text"}
    strip_outputs(model=text, path="notes.txt", contents_manager=None)
    assert text["content"] == "from networking_kit.ui import x"


def test_the_lab_extension_is_where_lab_is_told_to_look() -> None:
    package = json.loads((LAB_EXTENSIONS / "networking-kit-lab" / "package.json").read_text())
    entry = LAB_EXTENSIONS / "networking-kit-lab" / package["jupyterlab"]["_build"]["load"]
    assert entry.is_file()
    assert f'NAME = "{package["name"]}"' in entry.read_text(encoding="utf-8")


def test_start_passes_the_extension_and_the_save_hook_to_lab(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(cli_servers, "run_server",
                        lambda command, env: seen.append(command) or 0)
    assert cli.main(["start", "--no-browser", "--db", str(tmp_path / "w.sqlite")]) == 0
    assert f"--LabApp.extra_labextensions_path={LAB_EXTENSIONS}" in seen[0]
    assert ("--ContentsManager.pre_save_hook=networking_kit.lab_server.strip_outputs"
            in seen[0])


def test_the_hub_starts_single_user_servers_with_the_lab_options(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """deploy/jupyterhub_config.py starts `python -m networking_kit.lab_server`: JupyterHub's
    own single-user server, with the extension, the save hook and the settings first."""
    import sys
    from types import SimpleNamespace

    from networking_kit import lab_server

    seen: list[list[str]] = []
    fake = SimpleNamespace(main=lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(lab_server.importlib, "import_module",
                        lambda name: fake if name == "jupyterhub.singleuser" else None)
    monkeypatch.setattr(sys, "argv", ["lab_server", "--MappingKernelManager.cull_interval=300"])
    lab_server.singleuser_main()
    options = lab_server.lab_options()
    assert seen == [["lab_server", *options, "--MappingKernelManager.cull_interval=300"]]
    assert f"--LabApp.extra_labextensions_path={lab_server.LAB_EXTENSIONS}" in options
    assert (lab_server.LAB_EXTENSIONS / "networking-kit-lab" / "package.json").exists()
    assert (lab_server.LAB_SETTINGS / "overrides.json").exists()
    assert "--ContentsManager.pre_save_hook=networking_kit.lab_server.strip_outputs" in options
    config = (lab_server.LAB_EXTENSIONS.parent.parent / "deploy" / "jupyterhub_config.py")
    assert '"-m", "networking_kit.lab_server"]' in config.read_text(encoding="utf-8")


def test_the_extension_serves_plotlys_code_and_tells_the_kernels(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Loaded by the server: plotly's bundle at its route under the base URL (that file
    only), and the route in the environment the kernels inherit."""
    import re
    from types import SimpleNamespace

    from networking_kit import lab_server
    from networking_kit.plotly_bundle import BUNDLE_ENV, BUNDLE_ROUTE

    monkeypatch.delenv(BUNDLE_ENV, raising=False)
    added: list[tuple[str, list[Any]]] = []
    server = SimpleNamespace(base_url="/user/ada/", web_app=SimpleNamespace(
        add_handlers=lambda host, specs: added.append((host, specs))))
    assert lab_server._jupyter_server_extension_points() == [
        {"module": "networking_kit.lab_server"}]
    lab_server._load_jupyter_server_extension(server)
    ((_, [(pattern, _handler, options)]),) = added
    assert re.fullmatch(pattern, f"/user/ada/{BUNDLE_ROUTE}")
    assert not re.fullmatch(pattern, "/user/ada/networking-kit/plotly/plotly.min.js")
    assert Path(options["path"], "widgetbundle.js").is_file()
    assert os.environ[BUNDLE_ENV] == BUNDLE_ROUTE
    assert (f"--ServerApp.jpserver_extensions={lab_server.SERVER_EXTENSION}=True"
            in lab_server.lab_options())


def test_a_jupyter_server_with_the_lab_options_serves_the_bundle(tmp_path: Path) -> None:
    """A real Jupyter server, started with the extension option as ``networking-kit
    start`` passes it and a hub's base URL: the bundle is fetched by its address (once per
    page, from this machine), and no other file of plotly's folder is."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    from networking_kit.lab_server import SERVER_EXTENSION
    from networking_kit.plotly_bundle import BUNDLE_ENV, BUNDLE_ROUTE

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != BUNDLE_ENV}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)

    def get(path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", "/user/ada/" + path)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", "--allow-root", "--ServerApp.base_url=/user/ada/",
         "--IdentityProvider.token=secret-test-token", f"--ServerApp.root_dir={tmp_path}",
         f"--ServerApp.jpserver_extensions={SERVER_EXTENSION}=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        status, body = 0, b""
        for _ in range(240):  # a busy machine can take a minute to start a server
            try:
                status, body = get(BUNDLE_ROUTE)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("the Jupyter server stopped")
                time.sleep(0.5)
        assert status == 200
        assert len(body) > 1_000_000
        assert b"FigureModel" in body
        assert get("networking-kit/plotly/plotly.min.js")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
