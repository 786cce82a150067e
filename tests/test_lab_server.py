"""What `networking-kit start` adds to JupyterLab: the save hook and the Lab extension's files."""

from __future__ import annotations

import json
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
