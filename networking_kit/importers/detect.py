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
from dataclasses import dataclass

from networking_kit.importers import generic, google, linkedin, outlook, vcard
from networking_kit.importers._text import sniff_delimiter
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

    Excel writes ``sep=;`` as the first line when asked to name its separator: that line
    is not a row, and its separator is used for every line.
    """
    first = lines[0].lstrip("\ufeff").strip() if lines else ""
    forced = first[4] if len(first) == 5 and first.lower().startswith("sep=") else None
    rows, delimiters = [], []
    for number, line in enumerate(lines[:_HEADER_SEARCH]):
        delimiter = forced or sniff_delimiter(line)
        delimiters.append(delimiter)
        rows.append([] if forced and number == 0 else split_cells(line, delimiter))
    return find_header(rows, delimiters)


def split_cells(line: str, delimiter: str) -> list[str]:
    try:
        cells = next(csv.reader(io.StringIO(line), delimiter=delimiter, strict=False), [])
    except csv.Error:
        cells = line.split(delimiter)
    return [cell.lstrip("\ufeff").strip() for cell in cells]
