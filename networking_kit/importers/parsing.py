"""The parse stage: a detected file's rows as a ``Table`` of text cells.

Each kind of file has its reader: pandas' C parser for delimited text (``_table``),
the rows already read for Excel, the card reader for vCard (``vcard``) and our own
JSON export (``own``). The next stage (``mapping``) puts the columns under field names.
"""

from __future__ import annotations

from dataclasses import dataclass

from networking_kit.contacts import ContactImportError
from networking_kit.importers import own, vcard
from networking_kit.importers._table import Table, from_rows, read_delimited
from networking_kit.importers._text import Tick
from networking_kit.importers.detect import Detected
from networking_kit.importers.vocabulary import HeaderSet
from networking_kit.vocab import Source


@dataclass(frozen=True)
class Parsed:
    """The parse stage's output: the file's ``table`` and what the next stage needs.

    ``known`` is the known export the header is, if any; ``fields`` is True when the
    columns already hold field names (vCard, our JSON export); ``body`` is a delimited
    file as detected (its text, ``Detected.table_text``, and separator), to read it
    again when its first row turns out to be data;
    ``notes`` are report sentences for what the reader passed over (a vCard's addresses,
    birthdays, second e-mail addresses…).
    """

    table: Table
    format: Source
    known: HeaderSet | None = None
    fields: bool = False
    body: Detected | None = None
    notes: tuple[str, ...] = ()


def parse(detected: Detected, tick: Tick | None = None) -> Parsed:
    """The table of ``detected``; raises ContactImportError for a file with no rows.

    ``tick`` is called as a big delimited file is read (see ``_text.Tick``)."""
    name, header = detected.name, detected.header
    if detected.kind == "vcard":
        cells, lines, skipped, notes = vcard.read(detected.data, detected.encoding)
        if cells.empty and not skipped:  # (a card left out: refused as any table's row is)
            raise ContactImportError(
                "this vCard file has no complete card in it. Export the contacts again and "
                "choose the new file.", file=name, line=1)
        table = Table(list(cells.columns), cells, name, 1, skipped=list(skipped),
                      _explicit_lines=lines)
        return Parsed(table, Source.VCARD, fields=True, notes=tuple(notes))
    if detected.kind == "json":
        return Parsed(own.json_table(detected.text, name), Source.GENERIC, fields=True)
    if detected.kind == "excel":
        if header is None:
            raise ContactImportError(
                "the first sheet of this Excel file is empty. Put the contacts on the first "
                "sheet, with a row of column names on top, and try again.", file=name, line=1)
        rows, numbers, start = detected.rows, detected.numbers, header.index
        table = from_rows(header.cells, rows[start + 1:], numbers[start + 1:], name,
                          numbers[start])
        return Parsed(table, detected.format, header.known)
    assert header is not None  # a delimited file always has one (detect_file)
    table = read_delimited(detected.text, header.delimiter, name, first_line=header.index + 1,
                           tick=tick, data=(detected.data, detected.start) if detected.data
                           else None)
    return Parsed(table, detected.format, header.known, body=detected)
