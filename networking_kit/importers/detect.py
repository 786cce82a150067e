"""Which kind of export a file is, and where its header row is.

Detection looks at column names, never at the file name: participants rename files, and
LinkedIn's ``Connections.csv`` may arrive as ``Connections (1).csv`` or inside Excel.
Exports from LinkedIn put a few lines of notes above the header, so the header is
searched for in the first lines rather than assumed to be the first. The headers known,
in every language, are the header vocabularies (``vocabulary``, ``headers/*.toml``);
Thunderbird and Apple exports are read as "another table" whose columns are known.
"""

from __future__ import annotations

import csv
import io
from codecs import BOM_UTF8
from dataclasses import dataclass, field
from typing import AnyStr

from networking_kit.contacts import ContactImportError
from networking_kit.importers import generic, google, linkedin, outlook, own, vcard
from networking_kit.importers._text import (
    Decoded,
    normalise_newlines,
    sniff_delimiter,
    split_lines,
    utf8_text,
)
from networking_kit.importers.vocabulary import HeaderSet, identify
from networking_kit.vocab import Source

# The kinds of file the importer reads: each is the ``Source`` its contacts carry.
FORMATS: tuple[Source, ...] = (Source.LINKEDIN, Source.GOOGLE, Source.OUTLOOK, Source.VCARD,
                               Source.GENERIC)
# What the import form calls each kind of file (a contact's source has its own label).
FORMAT_LABELS: dict[Source, str] = {
    Source.LINKEDIN: linkedin.LABEL,
    Source.GOOGLE: google.LABEL,
    Source.OUTLOOK: outlook.LABEL,
    Source.VCARD: vcard.LABEL,
    Source.GENERIC: generic.LABEL,
}
# Which kind of file each section of the header vocabularies is.
_SECTION_FORMAT = {"linkedin": Source.LINKEDIN, "google": Source.GOOGLE,
                   "outlook": Source.OUTLOOK, "outlook_web": Source.OUTLOOK,
                   "thunderbird": Source.GENERIC, "apple": Source.GENERIC}
_HEADER_SEARCH = 40  # LinkedIn's notes take 3–5 lines; 40 leaves room for other preambles
_HEAD_LINES = 60  # the header is looked for in the first lines only
_HEAD_CHARS = 4 * 1024 * 1024  # … which are within the first 4 MB of any real export
# Outlook's CSV has 92 columns, Google's a few dozen more per custom field: a header far
# wider is not a contacts list, and reading 100,000 columns would take minutes.
MAX_COLUMNS = 2_000


@dataclass(frozen=True)
class Header:
    """Where a table's header is (0-based index among the candidate rows) and what it says."""

    format: Source
    index: int
    cells: list[str]
    delimiter: str = ","
    known: HeaderSet | None = None  # the known export this header is, if any


def format_of(cells: list[str]) -> Source | None:
    """The source whose header this is, or None for any other table."""
    known = identify(cells)
    return None if known is None else _SECTION_FORMAT[known.section]


def find_header(rows: list[list[str]], delimiters: list[str] | None = None) -> Header:
    """The first row that is a known export's header, else the first non-blank row."""
    for index, cells in enumerate(rows[:_HEADER_SEARCH]):
        known = identify(cells)
        if known is not None:
            return Header(_SECTION_FORMAT[known.section], index, cells,
                          delimiters[index] if delimiters else ",", known)
    for index, cells in enumerate(rows):
        if any(cell.strip() for cell in cells):
            return Header(Source.GENERIC, index, cells, delimiters[index] if delimiters else ",")
    return Header(Source.GENERIC, 0, [], ",")


def find_csv_header(lines: list[str]) -> Header:
    """``find_header`` for text lines, each split with the separator it seems to use.

    Lines are split one at a time until a known export's header turns up (LinkedIn's is
    the fourth line), so the lines below it are not split for nothing. Excel writes
    ``sep=;`` as the first line when asked to name its separator: that line is not a
    row, and its separator is used for every line.
    """
    first = lines[0].lstrip("\ufeff").strip() if lines else ""
    forced = first[4] if len(first) == 5 and first.lower().startswith("sep=") else None
    rows, delimiters = [], []
    for number, line in enumerate(lines[:_HEADER_SEARCH]):
        delimiter = forced or sniff_delimiter(line)
        cells = [] if forced and number == 0 else split_cells(line, delimiter)
        known = identify(cells)
        if known is not None:
            return Header(_SECTION_FORMAT[known.section], number, cells, delimiter, known)
        delimiters.append(delimiter)
        rows.append(cells)
    return find_header(rows, delimiters)


def split_cells(line: str, delimiter: str) -> list[str]:
    try:
        cells = next(csv.reader(io.StringIO(line), delimiter=delimiter, strict=False), [])
    except csv.Error:
        cells = line.split(delimiter)
    return [cell.lstrip("\ufeff").strip() for cell in cells]


@dataclass(frozen=True)
class Detected:
    """The detect stage's output: which kind of file this is and where its table starts.

    ``kind`` is how the file is parsed: ``csv`` (``text`` from the header line on, line
    ends as ``\n``; ``data`` the file's bytes from position ``start`` on are that text
    in UTF-8, when they are, else empty; ``text`` is empty when ``data`` holds it and
    the text was not kept, see ``table_text``),
    ``excel`` (the sheet's ``rows`` and their ``numbers``), ``vcard`` (``data`` in
    ``encoding``) or ``json`` (our own export, the whole ``text``). ``format`` is the
    export it is (the one the participant chose, else the one found).
    """

    name: str
    format: Source
    kind: str
    header: Header | None = None
    text: str = ""
    encoding: str = "utf-8"
    data: bytes = b""
    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    start: int = 0

    def table_text(self) -> str:
        """A delimited file's ``text``, decoded from ``data`` now when it was not kept."""
        return self.text if self.text or not self.data else utf8_text(self.data, self.start)


def detect_file(decoded: Decoded, wanted: Source | None, *, mapped: bool = False) -> Detected:
    """The detect stage: the kind of ``decoded`` and its header row.

    ``wanted`` is the export the participant said it is (None: detect it); ``mapped``
    says the participant chose the columns. Raises ContactImportError when the file is
    not the export wanted, or has far more columns than any contacts list.
    """
    name = decoded.name
    if decoded.rows is not None:
        if wanted == Source.VCARD:
            raise wrong_format(name, Source.VCARD, 1)
        if not decoded.rows:  # the parse stage says the sheet is empty
            return Detected(name, wanted or Source.GENERIC, "excel")
        header = find_header(decoded.rows)
        line = decoded.numbers[header.index]
        check_width(header.cells, name, line)
        require(header.format, wanted, name, line)
        return Detected(name, wanted or header.format, "excel", header,
                        rows=decoded.rows, numbers=decoded.numbers)
    text = decoded.text
    if wanted == Source.VCARD or (wanted is None and vcard.matches(text)):
        if not vcard.matches(text):
            raise wrong_format(name, Source.VCARD, 1)
        return Detected(name, Source.VCARD, "vcard", encoding=decoded.encoding,
                        data=decoded.data)
    if wanted in (None, Source.GENERIC) and not mapped and own.is_workbook_json(text):
        return Detected(name, Source.GENERIC, "json", text=decoded.whole_text())
    head = _head_lines(decoded)
    if head is not None:  # strict UTF-8, line ends "\n": the bytes are the text, not kept
        header = find_csv_header(head)
        text, same_bytes = "", True
    else:
        text = decoded.whole_text()
        # The file's own bytes are the table's UTF-8 when it was strict UTF-8 (no
        # byte-order mark, nothing replaced) and its line ends need no change: pandas
        # reads them as they are, instead of the text encoded again.
        same_bytes = (decoded.encoding == "utf-8" and not decoded.data.startswith(BOM_UTF8)
                      and "\r" not in text)
        text = normalise_newlines(text) if "\r" in text else text
        # Split only the head: ``split`` with a limit still copies the whole rest of the text.
        first = text[:_HEAD_CHARS]
        header = find_csv_header(first[:_line_start(first, _HEAD_LINES)].split("\n")[:_HEAD_LINES])
    check_width(header.cells, name, header.index + 1)
    require(header.format, wanted, name, header.index + 1)
    return Detected(name, wanted or header.format, "csv", header,
                    text=_from_line(text, header.index) if text else "",
                    data=decoded.data if same_bytes else b"",
                    start=_line_start(decoded.data, header.index) if same_bytes else 0)


def _head_lines(decoded: Decoded) -> list[str] | None:
    """The first ``_HEAD_LINES`` lines of a file whose text was not kept (only its head,
    see ``Decoded.whole``), when that head holds them all and the bytes need no line
    end changed; else None (the whole text is wanted)."""
    if decoded.whole or b"\r" in decoded.data:
        return None
    lines = decoded.text.split("\n", _HEAD_LINES)
    return lines[:_HEAD_LINES] if len(lines) > _HEAD_LINES else None


def header_of(decoded: Decoded) -> tuple[Source, list[str]]:
    """The detected format and the header cells, for a form's mapping step (vCard: [])."""
    if decoded.rows is not None:
        header = find_header(decoded.rows)
        check_width(header.cells, decoded.name,
                    decoded.numbers[header.index] if decoded.numbers else 1)
        return header.format, header.cells
    if vcard.matches(decoded.text):
        return Source.VCARD, []
    text = decoded.text if decoded.whole or decoded.text.count("\n") > _HEAD_LINES \
        else decoded.whole_text()
    header = find_csv_header(split_lines(text[:_HEAD_CHARS])[:_HEAD_LINES])
    check_width(header.cells, decoded.name, header.index + 1)
    return header.format, header.cells


def _from_line(text: str, index: int) -> str:
    """``text`` from its line ``index`` (0-based) on, without splitting the whole file."""
    start = _line_start(text, index)
    return text[start:] if start else text


def _line_start(text: AnyStr, index: int) -> int:
    """Where line ``index`` (0-based) of ``text`` (or bytes) starts (its length if none)."""
    position = 0
    newline = "\n" if isinstance(text, str) else b"\n"
    for _ in range(index):
        found = text.find(newline, position)
        if found < 0:
            return len(text)
        position = found + 1
    return position


def check_width(header: list[str], name: str, line: int) -> None:
    """Refuse a header of more than MAX_COLUMNS columns, in a sentence."""
    if len(header) > MAX_COLUMNS:
        raise ContactImportError(
            f"this file has {len(header):,} columns, far more than any contacts export. "
            "Check that you chose the right file, or keep just the contacts' columns in a "
            "spreadsheet and save them as a new file.", file=name, line=line)


def require(found: Source, wanted: Source | None, name: str, line: int) -> None:
    """Refuse a file that is not the export the participant said it was."""
    if wanted in (None, Source.GENERIC) or found == wanted:
        return
    raise wrong_format(name, wanted, line)


def wrong_format(name: str, wanted: Source, line: int) -> ContactImportError:
    return ContactImportError(
        f"this does not look like {FORMAT_LABELS[wanted]}: the expected column names are "
        "not there. Check that you chose the right file, or choose another kind of file "
        "(or let the toolkit detect it).", file=name, line=line)
