"""``read_contacts``: any supported export in, the canonical contacts table out.

Every failure a participant can cause (an empty file, a photo, a cut-off download, a
sheet with no names) ends in one ``ContactImportError`` sentence naming the file and
the line. A few bad rows in a good file do not stop the import: they are listed in
``frame.attrs["skipped"]`` as ``(line, reason)`` pairs for the form to show.
"""

from __future__ import annotations

import pandas as pd

from networking_kit.contacts import ContactImportError
from networking_kit.importers import columns, generic, google, linkedin, outlook, own, vcard
from networking_kit.importers._excel import OLE_MAGIC, XLSX_MAGIC, read_rows
from networking_kit.importers._table import Table, from_rows, read_delimited
from networking_kit.importers._text import decode, normalise_newlines, split_lines
from networking_kit.importers.assemble import build
from networking_kit.importers.detect import FORMAT_LABELS, FORMATS, find_csv_header, find_header
from networking_kit.importers.opening import RawFile, Source, open_file
from networking_kit.importers.vocabulary import HeaderSet, language_of
from networking_kit.vocab import Source as Origin  # importers._text's Source is the file

_SOURCES = {Origin.LINKEDIN: linkedin.SOURCE, Origin.GOOGLE: google.SOURCE,
            Origin.OUTLOOK: outlook.SOURCE}
_HEAD_LINES = 60  # the header is looked for in the first lines only
_HEAD_CHARS = 4 * 1024 * 1024  # … which are within the first 4 MB of any real export
# Outlook's CSV has 92 columns, Google's a few dozen more per custom field: a header far
# wider is not a contacts list, and reading 100,000 columns would take minutes.
MAX_COLUMNS = 2_000

Skipped = list[tuple[int | None, str]]


def read_contacts(source: Source, format: str | None = None, *,
                  mapping: dict[str, str] | None = None,
                  name: str | None = None) -> pd.DataFrame:
    """Read a contacts export into the canonical table; ``format`` is detected when None.

    ``source`` is a path, raw bytes or an open file; ``name`` is how messages call it
    (defaults to the file name). ``format`` is one of ``linkedin``, ``google``,
    ``outlook``, ``vcard`` or ``generic``; ``mapping`` ({canonical column: header cell},
    as ``guess_column_mapping`` returns it, after the participant confirmed it) implies
    ``generic``. The result's ``attrs`` hold ``format``, ``skipped`` (line, reason) and
    ``duplicates`` (rows folded into another row of the same file).

    Raises ContactImportError, and nothing else, whatever bytes it is given.
    """
    shown = name
    try:
        raw = open_file(source, name)
        shown = raw.name
        return _read(raw, _check_format(format, mapping, raw.name), mapping)
    except ContactImportError:
        raise
    except Exception as error:  # the promise: a participant never sees a traceback
        raise ContactImportError(
            "this file could not be read as contacts "
            f"({type(error).__name__}). Check that it is a CSV, vCard (.vcf) or Excel export "
            "of your contacts, or export it again.", file=shown or "the file") from error


def inspect_file(source: Source, name: str | None = None) -> tuple[Origin, list[str]]:
    """The detected format and the header cells, so a form can offer the mapping step.

    vCard files have no header: their list is empty.
    """
    raw = open_file(source, name)
    if raw.data.startswith(XLSX_MAGIC):
        rows, numbers = read_rows(raw.data, raw.name, keep=True)  # the import takes them
        header = find_header(rows)
        _check_width(header.cells, raw.name, numbers[header.index] if numbers else 1)
        return header.format, header.cells
    text, _ = decode(raw)
    if vcard.matches(text):
        return Origin.VCARD, []
    header = find_csv_header(split_lines(text[:_HEAD_CHARS])[:_HEAD_LINES])
    _check_width(header.cells, raw.name, header.index + 1)
    return header.format, header.cells


def _check_format(format: str | None, mapping: dict[str, str] | None,
                  name: str) -> Origin | None:
    if mapping is not None and format is None:
        return Origin.GENERIC
    if format is None or format in FORMATS:
        return None if format is None else Origin(format)
    raise ContactImportError(
        f"'{format}' is not a kind of export this toolkit reads. Choose one of: "
        f"{', '.join(FORMATS)}, or leave it empty to detect it.", file=name)


def _read(raw: RawFile, format: Origin | None,
          mapping: dict[str, str] | None) -> pd.DataFrame:
    if raw.data.startswith(OLE_MAGIC):
        raise ContactImportError(
            "this is an old-style Excel file (.xls). Open it in Excel or LibreOffice, save it "
            "as .xlsx or as CSV, then choose the new file.", file=raw.name, line=None)
    if raw.data.startswith(XLSX_MAGIC):
        return _read_excel(raw, format, mapping)
    text, encoding = decode(raw)
    if format == Origin.VCARD or (format is None and vcard.matches(text)):
        if not vcard.matches(text):
            raise _wrong_format(raw.name, Origin.VCARD, 1)
        return _read_vcard(raw, encoding)
    if format in (None, Origin.GENERIC) and mapping is None and own.is_workbook_json(text):
        table = own.json_table(text, raw.name)
        return build(table, table.frame, generic.SOURCE, Origin.GENERIC, None, table.header)
    text = normalise_newlines(text) if "\r" in text else text
    header = find_csv_header(text.split("\n", _HEAD_LINES)[:_HEAD_LINES])
    _check_width(header.cells, raw.name, header.index + 1)
    _require(header.format, format, raw.name, header.index + 1)
    body = _from_line(text, header.index)
    table = read_delimited(body, header.delimiter, raw.name, first_line=header.index + 1)
    return _finish(table, format or header.format, mapping, header.known,
                   body=(body, header.delimiter))


def _from_line(text: str, index: int) -> str:
    """``text`` from its line ``index`` (0-based) on, without splitting the whole file."""
    position = 0
    for _ in range(index):
        found = text.find("\n", position)
        if found < 0:
            return ""
        position = found + 1
    return text[position:]


def _read_excel(raw: RawFile, format: Origin | None,
                mapping: dict[str, str] | None) -> pd.DataFrame:
    if format == Origin.VCARD:
        raise _wrong_format(raw.name, Origin.VCARD, 1)
    rows, numbers = read_rows(raw.data, raw.name)
    if not rows:
        raise ContactImportError(
            "the first sheet of this Excel file is empty. Put the contacts on the first "
            "sheet, with a row of column names on top, and try again.", file=raw.name, line=1)
    header = find_header(rows)
    _check_width(header.cells, raw.name, numbers[header.index])
    _require(header.format, format, raw.name, numbers[header.index])
    table = from_rows(header.cells, rows[header.index + 1:], numbers[header.index + 1:],
                      raw.name, numbers[header.index])
    return _finish(table, format or header.format, mapping, header.known)


def _read_vcard(raw: RawFile, encoding: str) -> pd.DataFrame:
    cells, lines, skipped = vcard.read(raw.data, encoding)
    if cells.empty:
        raise ContactImportError(
            "this vCard file has no complete card in it. Export the contacts again and "
            "choose the new file.", file=raw.name, line=1)
    table = Table(list(cells.columns), cells, raw.name, 1, skipped=list(skipped),
                  _explicit_lines=lines)
    return build(table, cells, vcard.SOURCE, Origin.VCARD)


def _check_width(header: list[str], name: str, line: int) -> None:
    """Refuse a header of more than MAX_COLUMNS columns, in a sentence."""
    if len(header) > MAX_COLUMNS:
        raise ContactImportError(
            f"this file has {len(header):,} columns, far more than any contacts export. "
            "Check that you chose the right file, or keep just the contacts' columns in a "
            "spreadsheet and save them as a new file.", file=name, line=line)


def _require(found: Origin, wanted: Origin | None, name: str, line: int) -> None:
    """Refuse a file that is not the export the participant said it was."""
    if wanted in (None, Origin.GENERIC) or found == wanted:
        return
    raise _wrong_format(name, wanted, line)


def _wrong_format(name: str, wanted: Origin, line: int) -> ContactImportError:
    return ContactImportError(
        f"this does not look like {FORMAT_LABELS[wanted]}: the expected column names are "
        "not there. Check that you chose the right file, or choose another kind of file "
        "(or let the toolkit detect it).", file=name, line=line)


def _finish(table: Table, format: Origin, mapping: dict[str, str] | None,
            known: HeaderSet | None, body: tuple[str, str] | None = None) -> pd.DataFrame:
    if known is not None and mapping is None and (
            format in _SOURCES or known.section in ("thunderbird", "apple")):
        raw = columns.to_raw(table.frame, table.header, known.section)
        ignored = set(columns.ignored(table.header, known.section))
        return build(table, raw, _SOURCES.get(format, Origin.GENERIC), format,
                     language_of(table.header), [c for c in table.header if c not in ignored])
    if mapping is None and format == Origin.GENERIC and own.matches(table.header):
        return build(table, own.to_raw(table.frame, table.header), generic.SOURCE, format,
                     None, own.used(table.header))
    if mapping is None:
        mapping = generic.guess_column_mapping(table.header)
        if not generic.has_name(mapping) and generic.looks_like_data(table.header):
            table = _without_header(table, body)
            mapping = generic.guess_from_values(table.frame)
    mapping = generic.check_mapping(mapping, table.header, table.name, max(table.first_line, 1))
    raw = own.unguard(generic.to_raw(table.frame, table.header, mapping))
    return build(table, raw, generic.SOURCE,
                 Origin.GENERIC, language_of(table.header), list(mapping.values()))


def _without_header(table: Table, body: tuple[str, str] | None) -> Table:
    """Read the first row as data: the file has no header (Thunderbird can write that)."""
    labels = [f"Column {i}" for i in range(1, len(table.header) + 1)]
    if body is None:  # Excel: the rows are already split
        rows = [table.header, *table.frame.astype(str).to_numpy().tolist()]
        lines = [table.first_line] + [table.line_of(i) or 0 for i in range(len(table.frame))]
        return from_rows(labels, rows, lines, table.name, table.first_line)
    body_text, delimiter = body
    text = delimiter.join(labels) + "\n" + body_text
    return read_delimited(text, delimiter, table.name, first_line=table.first_line - 1)
