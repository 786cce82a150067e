"""What ``networking-kit start`` adds to JupyterLab for the workshop's workbooks.

- ``LAB_EXTENSIONS``: the folder holding ``networking-kit-lab``, a small JupyterLab
  extension in plain JavaScript (no build, no network) that runs a workbook's cells when it
  opens or is reloaded, and never lets a workbook count as changed (see its source).
- :func:`strip_outputs`, the server's pre-save hook: should a workbook be saved anyway
  (Ctrl+S, File › Save), it is written without outputs, so other people's names and the
  participant's answers never land in the workbook notebooks; they live in the workbook
  file.
- :func:`lab_options`: both, plus the participants' Lab settings, as the command-line
  options a Jupyter server takes; ``networking-kit start`` passes them to JupyterLab, and
  ``python -m networking_kit.lab_server`` starts JupyterHub's single-user server with them
  (deploy/jupyterhub_config.py's ``Spawner.cmd``), so a participant on the hub gets the
  same workbooks as one on their own computer.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

LAB_EXTENSIONS = Path(__file__).resolve().parent / "lab_extension"
# Participants' Lab defaults: start the kernel without asking, no news prompt, no autosave.
LAB_SETTINGS = Path(__file__).resolve().parent / "lab_settings"
SAVE_HOOK = "networking_kit.lab_server.strip_outputs"
# A notebook is a workbook when its code calls into the package's forms.
WORKBOOK_MARK = "networking_kit.ui"


def is_workbook(notebook: dict[str, Any]) -> bool:
    """Whether a notebook (nbformat JSON as a dict) is one of the workshop's workbooks."""
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "code" and WORKBOOK_MARK in text:
            return True
    return False


def strip_outputs(model: dict[str, Any], **_: Any) -> None:
    """Jupyter's ``pre_save_hook``: a workbook is saved clean (no outputs, no counts).

    ``model`` is the contents model about to be written; only notebooks that are
    workbooks are touched, in place. Anything else is saved as it is.
    """
    content = model.get("content")
    if model.get("type") != "notebook" or not isinstance(content, dict):
        return
    if not is_workbook(content):
        return
    for cell in content.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    content.get("metadata", {}).pop("widgets", None)


def lab_options() -> list[str]:
    """The Jupyter server options for the workbooks in JupyterLab: the Lab settings, the
    extension folder and the pre-save hook, as ``--Class.trait=value`` strings."""
    return [f"--LabApp.app_settings_dir={LAB_SETTINGS}",
            f"--LabApp.extra_labextensions_path={LAB_EXTENSIONS}",
            f"--ContentsManager.pre_save_hook={SAVE_HOOK}"]


def singleuser_main() -> None:
    """JupyterHub's single-user server (``jupyterhub.singleuser``) with ``lab_options``
    before the spawner's own arguments. Raises ImportError without JupyterHub."""
    singleuser = importlib.import_module("jupyterhub.singleuser")
    sys.argv[1:1] = lab_options()
    singleuser.main()


if __name__ == "__main__":
    singleuser_main()
