"""The map-columns stage: a parsed table's columns under the canonical field names.

A known export's header (LinkedIn, Google, Outlook, Thunderbird, Apple, in every
language of the header vocabularies) is mapped by ``columns``; our own CSV export by
``own``; any other table by the participant's mapping or ``generic``'s guess, which
also reads a first row of data as data when the file has no header.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from networking_kit.importers import columns, generic, google, linkedin, outlook, own, vcard
from networking_kit.importers._table import Table, from_rows, read_delimited
from networking_kit.importers.detect import Detected
from networking_kit.importers.parsing import Parsed
from networking_kit.importers.vocabulary import Language, language_of
from networking_kit.vocab import Source

_SOURCES = {Source.LINKEDIN: linkedin.SOURCE, Source.GOOGLE: google.SOURCE,
            Source.OUTLOOK: outlook.SOURCE}


@dataclass(frozen=True)
class Mapped:
    """The map-columns stage's output, what ``assemble.build`` takes: the ``table`` (for
    line numbers and the header), ``raw`` (text cells under field names), the ``source``
    its contacts carry, the ``format`` read, the header's ``language`` and the header
    cells ``used``, by position (None: the columns were field names already)."""

    table: Table
    raw: pd.DataFrame
    source: Source
    format: Source
    language: Language | None = None
    used: list[int] | None = None
    notes: tuple[str, ...] = ()  # for the report: values left out (one kept per person)


def map_columns(parsed: Parsed, mapping: dict[str, str] | None = None) -> Mapped:
    """``parsed`` under field names; ``mapping`` ({field: header cell}) is the
    participant's choice. Raises ContactImportError when the mapping names no column
    that holds a name, or a header cell the file does not have."""
    table, format, known = parsed.table, parsed.format, parsed.known
    if parsed.fields:
        if format == Source.VCARD:
            return Mapped(table, table.frame, vcard.SOURCE, Source.VCARD, notes=parsed.notes)
        return Mapped(table, table.frame, generic.SOURCE, Source.GENERIC, None,
                      list(range(len(table.header))))
    if known is not None and mapping is None and (
            format in _SOURCES or known.section in ("thunderbird", "apple")):
        raw = columns.to_raw(table.frame, table.header, known.section)
        return Mapped(table, raw, _SOURCES.get(format, Source.GENERIC), format,
                      language_of(table.header), columns.used(table.header, known.section),
                      tuple(columns.unkept_notes(table, known.section)))
    if mapping is None and format == Source.GENERIC and own.matches(table.header):
        return Mapped(table, own.to_raw(table.frame, table.header), generic.SOURCE, format,
                      None, own.used(table.header))
    if generic.without_header_row(table.header, mapping):
        table = _without_header(table, parsed.body)
        if mapping is None:
            mapping = generic.guess_from_values(table.frame)
    elif mapping is None:
        mapping = generic.guess_column_mapping(table.header)
        mapping = generic.checked_against_values(mapping, table.frame, table.header)
    mapping = generic.check_mapping(mapping, table.header, table.name, max(table.first_line, 1))
    second = generic.second_columns(mapping, table.header, table.frame)
    raw = own.unguard(generic.to_raw(table.frame, table.header, mapping, second))
    position = {cell: p for p, cell in reversed(list(enumerate(table.header)))}  # the first
    read = {*mapping.values(), *(c for cells in second.values() for c in cells)}
    return Mapped(table, raw, generic.SOURCE, Source.GENERIC, language_of(table.header),
                  sorted(position[cell] for cell in read),
                  tuple(_left_out(table, mapping, second, position)))


def _left_out(table: Table, mapping: dict[str, str], second: dict[str, list[str]],
              position: dict[str, int]) -> list[str]:
    """The report's sentences for the values left out of fields read from several
    columns, or from cells holding several values as Google writes them (``a ::: b``;
    found by a tester: two phone numbers became one), by ``columns.left_out_note``."""
    notes = []
    for field, cell in mapping.items():
        if field == "notes":  # read whole: nothing left out
            continue
        cells = [cell, *second.get(field, ())]
        several = any(table.frame[table.frame.columns[position[c]]].astype(str).str.contains(
            ":::", regex=False).any() for c in cells)
        if len(cells) > 1 or several:
            notes.append(columns.left_out_note(table, field, [position[c] for c in cells],
                                               google=several))
    return [note for note in notes if note is not None]


def _without_header(table: Table, body: Detected | None) -> Table:
    """Read the first row as data: the file has no header (Thunderbird can write that)."""
    labels = generic.headerless(len(table.header))
    if body is None:  # Excel: the rows are already split
        rows = [table.header, *table.frame.astype(str).to_numpy().tolist()]
        lines = [table.first_line] + [table.line_of(i) or 0 for i in range(len(table.frame))]
        return from_rows(labels, rows, lines, table.name, table.first_line)
    delimiter = body.header.delimiter if body.header else ","
    text = delimiter.join(labels) + "\n" + body.table_text()
    return read_delimited(text, delimiter, table.name, first_line=table.first_line - 1)
