"""networking_kit: build a professional network on purpose, in guided Jupyter workbooks.

The public surface is small on purpose; everything else may change between releases.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from networking_kit.contacts import ContactImportError
    from networking_kit.importers import read_contacts
    from networking_kit.store import Workbook, open_workbook

__version__ = "0.1.0"

# Each public name is imported from its home when first used: a workbook that imports
# nothing but its own step (``networking_kit.ui``) does not load the importers and the
# contacts' parsers with it (about 0.1 s of every kernel's start at 30,000 contacts).
_HOMES = {"ContactImportError": "networking_kit.contacts",
          "read_contacts": "networking_kit.importers",
          "Workbook": "networking_kit.store", "open_workbook": "networking_kit.store"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


__all__ = ["ContactImportError", "Workbook", "__version__", "open_workbook", "read_contacts"]
