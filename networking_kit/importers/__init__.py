"""Contact importers: LinkedIn, Google, Outlook, vCard and any other table, one module each.

``read_contacts`` reads a file into the canonical contacts table; ``import_into_workbook``
merges it into the participant's workbook in one transaction. Both raise only
``ContactImportError``, with a sentence a participant can act on.

Each public name is imported from its module when first used, so step 2's page, which
needs the importers only once a file is chosen, opens without loading them (about 30 ms
of module code at every opening, measured with ``python -X importtime``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from networking_kit.importers.detect import FORMAT_LABELS, FORMATS
    from networking_kit.importers.generic import MAPPABLE, guess_column_mapping
    from networking_kit.importers.importing import Stage, import_into_workbook
    from networking_kit.importers.opening import UPLOAD_MAX_BYTES
    from networking_kit.importers.preview import preview_file
    from networking_kit.importers.reading import ImportCancelled, inspect_file, read_contacts
    from networking_kit.importers.report import ImportReport

_HOMES = {
    "FORMATS": "detect", "FORMAT_LABELS": "detect",
    "guess_column_mapping": "generic", "MAPPABLE": "generic", "preview_file": "preview",
    "ImportReport": "report", "Stage": "importing", "import_into_workbook": "importing",
    "UPLOAD_MAX_BYTES": "opening",
    "ImportCancelled": "reading", "inspect_file": "reading", "read_contacts": "reading",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "MAPPABLE",
    "UPLOAD_MAX_BYTES",
    "ImportCancelled",
    "ImportReport",
    "Stage",
    "guess_column_mapping",
    "import_into_workbook",
    "inspect_file",
    "preview_file",
    "read_contacts",
]
