"""Contact importers: LinkedIn, Google, Outlook, vCard and any other table, one module each.

``read_contacts`` reads a file into the canonical contacts table; ``import_into_workbook``
merges it into the participant's workbook in one transaction. Both raise only
``ContactImportError``, with a sentence a participant can act on.
"""

from networking_kit.importers.detect import FORMAT_LABELS, FORMATS
from networking_kit.importers.generic import guess_column_mapping
from networking_kit.importers.importing import ImportReport, Stage, import_into_workbook
from networking_kit.importers.opening import UPLOAD_MAX_BYTES
from networking_kit.importers.reading import ImportCancelled, inspect_file, read_contacts

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "UPLOAD_MAX_BYTES",
    "ImportCancelled",
    "ImportReport",
    "Stage",
    "guess_column_mapping",
    "import_into_workbook",
    "inspect_file",
    "read_contacts",
]
