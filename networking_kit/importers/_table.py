"""Reading a delimited table fast, and still naming the line of every row that was skipped.

pandas' C parser reads 30,000 LinkedIn rows in a few hundredths of a second, but it
counts records, not the lines a participant sees in a text editor. Line numbers are
worked out afterwards with the standard ``csv`` module, and only when a row has to be
reported, so the common case stays fast.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from networking_kit.contacts import ContactImportError
from networking_kit.importers._text import Tick, utf8_head, utf8_text

csv.field_size_limit(1 << 24)
# About this much text is parsed between two ticks, and at once: pandas' C parser holds
# a part's text again, with a pointer and an offset for each cell, while it makes the
# part's strings (a 3 MB file read in one piece peaked at 4.8x its size, 3.8x in 1 MB
# parts, in the same time).
_PART = 1024 * 1024


@dataclass
class Table:
    """Cells as strings ("" when empty), the header as written, and how to find lines.

    ``first_line`` is the file line of the header; ``line_of(i)`` gives the file line on
    which data row ``i`` (0-based, in ``frame`` order) starts. A file whose every row is
    one line (the usual export) keeps only its count of rows, ``_one_line_rows``, not its
    text: the text of a 200 MB file held for line numbers alone was the size of the file.
    """

    header: list[str]
    frame: pd.DataFrame
    name: str
    first_line: int = 1
    skipped: list[tuple[int | None, str]] = field(default_factory=list)
    _text: str = ""
    _delimiter: str = ","
    _bad_records: frozenset[int] = frozenset()
    _row_lines: list[int] | None = None
    _explicit_lines: list[int] | None = None
    _one_line_rows: int | None = None

    def line_of(self, row: int) -> int | None:
        if self._one_line_rows is not None:
            return self.first_line + 1 + row if row < self._one_line_rows else None
        if self._explicit_lines is not None:
            return self._explicit_lines[row] if row < len(self._explicit_lines) else None
        if self._row_lines is None:
            self._row_lines = _data_row_lines(self._text, self._delimiter, self._bad_records,
                                              self.first_line)
        return self._row_lines[row] if row < len(self._row_lines) else None


def from_rows(header: list[str], rows: list[list[str]], lines: list[int], name: str,
              first_line: int) -> Table:
    """A Table from rows already split into cells (Excel sheets, fallback CSV parsing)."""
    width = len(header)
    padded = [(row + [""] * width)[:width] for row in rows]
    frame = pd.DataFrame(padded, columns=_unique(header), dtype=object)
    return Table(header, frame, name, first_line, _explicit_lines=lines)


def read_delimited(text: str, delimiter: str, name: str, first_line: int,
                   tick: Tick | None = None, data: tuple[bytes, int] | None = None) -> Table:
    """Parse ``text`` (header first) into a Table; ragged and cut-off rows are reported.

    The fast path is pandas' C parser. Anything it refuses (a quote left open at the end
    of a truncated file, say) is read again with the ``csv`` module, which never gives up
    on the good rows before the damage. ``tick``, when given, is called with the fraction
    read after every few MB of a big file (it may raise to stop the reading). ``data``,
    when given, is bytes and a position in them from which they are ``text`` as UTF-8
    (the file's own bytes), read instead of encoding the text again; ``text`` is then
    "" when it was not kept (a strict UTF-8 file's text was its size again, held while
    pandas read the bytes): only its head and tail are decoded, and the whole of it
    only for a file that needs the slow path or line numbers worked out.
    """
    header = _header_cells(text or _utf8_head(data), delimiter)
    if not any(cell.strip() for cell in header):
        raise ContactImportError(
            "the first line has no column names. Save the file with a header row "
            "(for example Name, Email, Company) and try again.", file=name, line=first_line)
    try:
        frame, caught = _read_csv(text, delimiter, _unique(header), tick, data)
    except (pd.errors.ParserError, ValueError, OverflowError, MemoryError):
        return _read_with_csv_module(text or _utf8(data), delimiter, header, name, first_line)
    if not isinstance(frame.index, pd.RangeIndex):
        # A first row wider than the header makes pandas read it as row labels (and
        # ``index_col=False`` would drop the extra cells without a word): read it slowly.
        return _read_with_csv_module(text or _utf8(data), delimiter, header, name, first_line)
    bad = _bad_record_numbers(caught)
    cut = (_cut_last_line(text, delimiter, len(header), first_line) if text or data is None
           else _cut_in_bytes(data, delimiter, len(header), first_line))
    rows = len(frame)  # the rows as read, a cut-off last one included
    if cut is not None and len(frame):
        frame = frame.iloc[:-1]
    if not bad and _physical_lines(text, tick, data) == 1 + rows:
        # Every record one line (no line end inside quotes, no blank or skipped line):
        # row i is on line first_line + 1 + i, and the text need not be kept.
        table = Table(header, frame, name, first_line, _one_line_rows=rows)
    else:
        text = text or _utf8(data)
        table = Table(header, frame, name, first_line, _text=text, _delimiter=delimiter,
                      _bad_records=frozenset(bad))
    if cut is not None:
        table.skipped.append((cut, CUT_OFF))
    if bad:
        record_lines = _record_start_lines(text, delimiter, first_line)
        for record in sorted(bad):
            line = record_lines[record - 1] if record - 1 < len(record_lines) else None
            table.skipped.append((line, _ragged_reason(len(header))))
    return table


def _utf8(data: tuple[bytes, int] | None) -> str:
    """The text of ``read_delimited``'s ``data`` (UTF-8 bytes, and where the text starts)."""
    return "" if data is None else utf8_text(*data)


def _utf8_head(data: tuple[bytes, int] | None) -> str:
    """The first lines of that text: at least 64 KB of it, whole lines (its header)."""
    if data is None:
        return ""
    encoded, start = data
    end = encoded.find(b"\n", start + 65536)
    return utf8_text(encoded, start) if end < 0 else utf8_head(encoded, start, end + 1 - start)


def _cut_in_bytes(data: tuple[bytes, int], delimiter: str, width: int,
                  first_line: int) -> int | None:
    """``_cut_last_line`` of the text of ``data`` (UTF-8 bytes, and where the text starts),
    decoding only its last three lines: all that it looks at."""
    encoded, start = data
    tail = len(encoded)
    for _ in range(3):
        tail = encoded.rfind(b"\n", start, tail)
        if tail < 0:
            tail = start - 1
            break
    cut = _cut_last_line(utf8_text(encoded, tail + 1), delimiter, width, first_line)
    return None if cut is None else cut + encoded.count(b"\n", start, tail + 1)


def _read_csv(text: str, delimiter: str, labels: list[str], tick: Tick | None = None,
              data: tuple[bytes, int] | None = None,
              ) -> tuple[pd.DataFrame, list[warnings.WarningMessage]]:
    """pandas' C parser on UTF-8 bytes (its fastest input), every cell kept as text.

    A big text is read in parts of about ``_PART`` characters (a number of rows worked
    out from the first MB), with a ``tick`` after each; a part whose index is not a
    RangeIndex (see ``read_delimited``) is returned as it is, for the caller to see.
    """
    encoded, start = data if data is not None else (text.encode("utf-8", errors="replace"), 0)
    del text, data  # the caller still holds the text; here the bytes are all pandas needs
    total, stream = len(encoded) - start, io.BytesIO(encoded)
    rows = None
    if tick is not None and total > _PART:
        sample = encoded[start:start + 1024 * 1024]
        rows = max(1_000, _PART * max(sample.count(b"\n"), 1) // len(sample))
    stream.seek(start)  # pandas reads on from here
    # The header row is read as the header and its cells replaced by ``labels``
    # (``header=0`` with ``names``): skipping it instead (``skiprows=1``) made pandas
    # check every row against the rows to skip, 2-4 ms of a 30,000-row export's read.
    options: dict[str, Any] = {
        "sep": delimiter, "dtype": object, "header": 0, "names": labels,
        "keep_default_na": False, "na_filter": False, "on_bad_lines": "warn", "engine": "c",
        "quotechar": '"', "skip_blank_lines": True, "encoding": "utf-8"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if rows is None or tick is None:
            # In one piece (low_memory=False) unless big: quicker, and every cell is
            # text anyway (the piecewise type guessing it saves is not wanted here).
            return pd.read_csv(stream, low_memory=total > _PART, **options), caught
        parts: list[dict[str, np.ndarray]] = []  # each part's columns, as plain arrays
        with pd.read_csv(stream, chunksize=rows, **options) as reader:
            for part in reader:
                if not isinstance(part.index, pd.RangeIndex):
                    return part, caught
                parts.append({label: part[label].to_numpy() for label in labels})
                tick(_READ_SHARE * (stream.tell() - start) / max(total, 1))
    if not parts:
        return pd.DataFrame(columns=labels, dtype=object), caught
    return _joined_parts(parts, labels, tick), caught


_READ_SHARE = 0.9  # of a big table's ticks: the reading; then its parts are put together


def _joined_parts(parts: list[dict[str, np.ndarray]], labels: list[str],
                  tick: Tick) -> pd.DataFrame:
    """The table of ``parts`` ({label: column array} each), put together a column at a
    time with a ``tick`` after each: the whole concatenation of a 200 MB file's parts
    took over a second. The parts are plain arrays, not frames: taking the columns out
    of four frames (``DataFrame.pop``) was pandas' bookkeeping, about 4 ms of a
    30,000-row export's 90 ms read (CPU time, median of 100)."""
    columns = {}
    for number, label in enumerate(labels, start=1):
        # Each part's column is let go once it is in the whole one: the parts' arrays
        # (a pointer a cell, half a 200 MB file's size) and the whole's are not all held.
        arrays = [part.pop(label) for part in parts]
        columns[label] = arrays[0] if len(arrays) == 1 else np.concatenate(arrays)
        del arrays
        tick(_READ_SHARE + (1 - _READ_SHARE) * 0.5 * number / len(labels))
    # Every array is new and used once, so the frame can hold them without a copy.
    return pd.DataFrame(columns, columns=labels, dtype=object, copy=False)  # labels unique


_COUNTED_PART = 16 * 1024 * 1024  # characters searched for line ends between two ticks


def _physical_lines(text: str, tick: Tick | None = None,
                    data: tuple[bytes, int] | None = None) -> int:
    """How many lines a text editor shows for ``text`` (line ends are ``\\n`` here), or
    for ``data`` (its UTF-8 bytes and where it starts in them) when ``text`` is "";
    ``tick`` is called after each ``_COUNTED_PART`` characters (or bytes) of a big text."""
    if not text and data is not None:
        encoded, begin = data
        count, end = 0, len(encoded)
        for start in range(begin, end, _COUNTED_PART):
            count += _line_ends(encoded, start, min(start + _COUNTED_PART, end))
            if tick is not None and end - begin > _COUNTED_PART:
                tick(_READ_SHARE + (1 - _READ_SHARE) * (0.5 + 0.5 * (
                    min(start + _COUNTED_PART, end) - begin) / (end - begin)))
        return 0 if end <= begin else count + (0 if encoded.endswith(b"\n") else 1)
    if not text:
        return 0
    count = 0
    for start in range(0, len(text), _COUNTED_PART):
        count += text.count("\n", start, start + _COUNTED_PART)
        if tick is not None and len(text) > _COUNTED_PART:
            tick(_READ_SHARE + (1 - _READ_SHARE) * (0.5 + 0.5 * min(
                start + _COUNTED_PART, len(text)) / len(text)))
    return count + (0 if text.endswith("\n") else 1)


_SCANNED = 64 * 1024
_NEWLINE = ord("\n")


def _line_ends(data: bytes, start: int, end: int) -> int:
    """``data.count(b"\\n", start, end)``, four times quicker: CPython's count looks at
    one byte at a time (2.2 ms for a 3 MB export), numpy compares ``_SCANNED`` bytes at a
    time (0.6 ms), in an array small enough to be the same memory each time."""
    view = np.frombuffer(data, dtype=np.uint8)
    return sum(int(np.count_nonzero(view[at:min(at + _SCANNED, end)] == _NEWLINE))
               for at in range(start, end, _SCANNED))


def _unique(header: list[str]) -> list[str]:
    """Column labels pandas can hold: blanks and repeats get a numbered suffix."""
    seen: dict[str, int] = {}
    labels = []
    for position, cell in enumerate(header, start=1):
        label = cell.strip() or f"Column {position}"
        count = seen.get(label, 0)
        seen[label] = count + 1
        labels.append(label if count == 0 else f"{label} ({count + 1})")
    return labels


def _header_cells(text: str, delimiter: str) -> list[str]:
    try:
        reader = csv.reader(_lines(text), delimiter=delimiter, strict=False)
        return [cell.lstrip("\ufeff") for cell in next(reader, [])]
    except csv.Error:
        first = text.split("\n", 1)[0]
        return first.split(delimiter)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``io.StringIO(text)`` gives them, read only as far as needed.

    StringIO copies the whole text first, which for the header alone of a 30,000-row
    export takes longer than reading the header.
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


_SKIPPING = re.compile(r"Skipping line (\d+)")


def _bad_record_numbers(caught: list[warnings.WarningMessage]) -> list[int]:
    """pandas' 'Skipping line N' warnings, as record numbers (the header is record 1)."""
    numbers = []
    for warning in caught:
        numbers += [int(n) for n in _SKIPPING.findall(str(warning.message))]
    return numbers


def _ragged_reason(width: int) -> str:
    return (f"this row has more fields than the {width} columns in the header, so its values "
            "cannot be matched to columns (a comma inside a name or company without quotes "
            "around it often causes this). Fix the row in a spreadsheet, or add the person "
            "by hand.")


def _record_start_lines(text: str, delimiter: str, first_line: int) -> list[int]:
    """The file line on which each record starts, counting records as pandas does."""
    starts = []
    previous_end = 0
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    try:
        for _ in reader:
            starts.append(first_line + previous_end)
            previous_end = reader.line_num
    except csv.Error:
        pass
    return starts


def _data_row_lines(text: str, delimiter: str, bad: frozenset[int], first_line: int) -> list[int]:
    """The start line of each row pandas kept: not the header, not blank, not ragged."""
    lines = []
    previous_end = 0
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    try:
        for record, row in enumerate(reader, start=1):
            start = first_line + previous_end
            previous_end = reader.line_num
            if record == 1 or record in bad or not row:
                continue
            lines.append(start)
    except csv.Error:
        pass
    return lines


def _read_with_csv_module(text: str, delimiter: str, header: list[str], name: str,
                          first_line: int) -> Table:
    """The slow, forgiving path: keep every row read before a break, report the break."""
    rows: list[list[str]] = []
    lines: list[int] = []
    skipped: list[tuple[int | None, str]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    previous_end = 0
    try:
        for record, row in enumerate(reader, start=1):
            start = first_line + previous_end
            previous_end = reader.line_num
            if record == 1 or not row or not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                skipped.append((start, _ragged_reason(len(header))))
                continue
            rows.append(row)
            lines.append(start)
    except csv.Error:
        skipped.append((first_line + previous_end,
                        cut_off("row", "and the rest of the file could not be read")))
    if rows and _opens_unclosed_quote(text, delimiter):
        # csv accepts a quote left open at the end of a cut-off file as one long last
        # field; that row is damaged, so it is reported rather than imported.
        rows.pop()
        skipped.append((lines.pop(), cut_off("row", "a quote is opened and never closed")))
    elif rows and _cut_last_line(text, delimiter, len(header), first_line) == lines[-1]:
        rows.pop()
        skipped.append((lines.pop(), CUT_OFF))
    table = from_rows(header, rows, lines, name, first_line)
    table.skipped.extend(skipped)
    return table


def cut_off(part: str, why: str) -> str:
    """Why a ``part`` ("row", "card") that a cut-off download stops part-way through was
    not imported: the one wording for every reader (a tester met two)."""
    return (f"the file stops part-way through this {part} ({why}), so it was not imported; "
            f"the {part}s before it were. Download the export again to get the whole of it.")


CUT_OFF = cut_off("row", "it has fewer values than there are columns")


def _cut_last_line(text: str, delimiter: str, width: int, first_line: int) -> int | None:
    """The file line of a last row that stops part-way, else None.

    A download cut mid-row ends without a line end, on a row with fewer values than the
    header has columns, after a row with all of them (exports write every column, empty
    ones as bare separators). A last row with all its values, any file ending in a line
    end, and a file typed by hand with short rows throughout are taken as whole.
    """
    if not text or text.endswith("\n"):
        return None
    newline = text.rfind("\n")
    last = text[newline + 1:]
    if not last.strip() or '"' in last:  # quoted fields: the csv reader's own checks apply
        return None
    if len(last.split(delimiter)) >= width:
        return None
    before = text[text.rfind("\n", 0, max(newline, 0)) + 1:max(newline, 0)]
    if newline <= 0 or len(next(csv.reader([before], delimiter=delimiter), [])) < width:
        return None  # the row before is short too: short rows are this file's way
    return first_line + text.count("\n")


def _opens_unclosed_quote(text: str, delimiter: str) -> bool:
    """True when the text ends inside a quoted field (an odd number of quote marks)."""
    return text.count('"') % 2 == 1
