"""networking_kit: build a professional network on purpose, in guided Jupyter workbooks.

The public surface is small on purpose; everything else may change between releases.
"""

from networking_kit.contacts import ContactImportError
from networking_kit.importers import read_contacts
from networking_kit.store import Workbook, open_workbook

__version__ = "0.1.0"

__all__ = ["ContactImportError", "Workbook", "__version__", "open_workbook", "read_contacts"]
