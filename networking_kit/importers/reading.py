"""``read_contacts``: any supported export in, the canonical contacts table out.

The import is a straight sequence of stages, each a function of the previous stage's
output and each raising its own plain sentence: open (``opening``: a regular file, or a
LinkedIn .zip's ``Connections.csv``) → decode (``_text``: the text, or an Excel sheet's
rows) → detect (``detect``: which export, where its header is) → parse (``parsing``: a
table of text cells) → map columns (``mapping``: cells under field names) → assemble
(``assemble``: the canonical table, duplicates folded, the report's notes). Each stage's
output replaces the previous one, so the file's bytes and text are let go as soon as
they have been read.

Every failure a participant can cause (an empty file, a photo, a cut-off download, a
sheet with no names) ends in one ``ContactImportError`` sentence naming the file and
the line. A few bad rows in a good file do not stop the import: they are listed in
``frame.attrs["skipped"]`` as ``(line, reason)`` pairs for the form to show.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from networking_kit.contacts import ContactImportError
from networking_kit.importers._memory import give_back, give_back_over
from networking_kit.importers._text import Tick, decode_file
from networking_kit.importers.assemble import assemble
from networking_kit.importers.detect import FORMATS, detect_file, header_of
from networking_kit.importers.mapping import map_columns
from networking_kit.importers.opening import Source, open_file
from networking_kit.importers.parsing import parse
from networking_kit.vocab import Source as Origin  # importers.opening's Source is the file

Progress = Callable[[str, float], None]
_STAGES = ("open", "decode", "detect", "parse", "map columns", "assemble")
# What a long stage reports while it runs (the name above is reported when it ends).
_RUNNING = ("opening", "decoding", "detecting", "parsing", "mapping", "assembling")


class ImportCancelled(Exception):
    """The participant pressed Cancel before anything was written (a ``progress``
    callback raises it to stop reading: between stages, and inside the long ones as they
    go); the workbook is exactly as it was. Not a ContactImportError: nothing is wrong
    with the file."""


def read_contacts(source: Source, format: str | None = None, *,
                  mapping: dict[str, str] | None = None, name: str | None = None,
                  progress: Progress | None = None) -> pd.DataFrame:
    """Read a contacts export into the canonical table; ``format`` is detected when None.

    ``source`` is a path, raw bytes or an open file; ``name`` is how messages call it
    (defaults to the file name). ``format`` is one of ``linkedin``, ``google``,
    ``outlook``, ``vcard`` or ``generic``; ``mapping`` ({canonical column: header cell},
    as ``guess_column_mapping`` returns it, after the participant confirmed it) implies
    ``generic``. ``progress``, when given, is called after each stage with the stage's
    name and the fraction of the stages done (0–1), and during the long stages (decode,
    parse, assemble) every few tens of thousands of rows with the stage's ``_RUNNING``
    name ("parsing") and the fraction so far: a callback that raises ImportCancelled
    there stops the stage within about a second. The result's ``attrs`` hold
    ``format``, ``skipped`` (line, reason) and ``duplicates`` (rows folded into another
    row of the same file).

    Raises ContactImportError, and nothing else, whatever bytes it is given (and
    ImportCancelled when ``progress`` raises it).
    """
    shown = name
    done = progress or _silent
    try:
        opened = open_file(source, name)
        shown = opened.name
        freed = max(_FREED, len(opened.data) // _FREED_SHARE)  # let go in a stage: given back
        wanted = _check_format(format, mapping, opened.name)
        done(_STAGES[0], 1 / 6)
        decoded = decode_file(opened, tick=_ticks(done, 1),
                              cards=wanted in (None, Origin.VCARD))
        del opened  # each stage lets the previous one's output go
        done(_STAGES[1], 2 / 6)
        detected = detect_file(decoded, wanted, mapped=mapping is not None)
        whole = decoded.whole
        del decoded
        if whole:  # the text decoded to check the file (see _memory), before the parser's
            give_back()  # (a big UTF-8 file's was checked in parts: nothing big let go)
        done(_STAGES[2], 3 / 6)
        parsed = parse(detected, tick=_ticks(done, 3, freed))
        del detected
        done(_STAGES[3], 4 / 6)
        mapped = map_columns(parsed, mapping)
        del parsed
        give_back()  # the file's bytes and text, and the parser's buffers (see _memory)
        done(_STAGES[4], 5 / 6)
        contacts = assemble(mapped, tick=_ticks(done, 5, freed))
        # The raw cells let go here are not given back: what reads the table next (the
        # merge, or the next read) takes that memory again at once, and gives back what
        # it lets go in its turn (``importing``). Given back here, each of 15 reads of a
        # 30,000-row export in one process took about 1,150 page faults more (3,200
        # against 2,050, some 4 ms of a 70 ms read on this VM), and the peaks of a
        # 3 MB and a 36 MB file's read and import stayed the same (4.4x and 4.8x;
        # 4.0x and 3.9x: benchmarks/bench_import_memory.py --big-mb 40).
        del mapped
        done(_STAGES[5], 1.0)
        return contacts
    except (ContactImportError, ImportCancelled):
        raise
    except Exception as error:  # the promise: a participant never sees a traceback
        raise ContactImportError(
            "this file could not be read as contacts "
            f"({type(error).__name__}). Check that it is a CSV, vCard (.vcf) or Excel export "
            "of your contacts, or export it again.", file=shown or "the file") from error


def inspect_file(source: Source, name: str | None = None) -> tuple[Origin, list[str]]:
    """The detected format and the header cells, so a form can offer the mapping step.

    vCard files have no header: their list is empty. An Excel file's rows are kept for
    the import that follows.
    """
    return header_of(decode_file(open_file(source, name), keep=True))


def _silent(stage: str, fraction: float) -> None:
    """No progress to show."""


# Bytes let go within a stage before they are given back: at least ``_FREED``, and at
# least the file's size over ``_FREED_SHARE``. A 3 MB file's assembling held 1.3 MB let
# go but not given back at its peak while the bar was 1 MB and a quarter of the file (the
# read 4.8x its size, the import 5.0x); 256 KiB and a sixteenth: 4.55x and 4.8x, and no
# slower (read_contacts' CPU time A/B, median of 21). Smaller bars gained nothing more.
_FREED = 256 * 1024
_FREED_SHARE = 16
# The heap is asked after each tenth of a long stage whatever the time since it was last
# asked: a 3 MB file's read takes about 90 ms, so asking by time alone (every 20 ms,
# ``_memory``) sometimes came only after the names and ids were made on top of the tidied
# columns' freed memory, and its peak ranged 4.8-5.7x the file's size (4.7-4.8x asked
# so; about five asks more a read, under 1 ms).
_ASK_STEP = 0.1


def _ticks(done: Progress, stage: int, freed: int | None = None) -> Tick:
    """The ``tick`` a long stage calls as it goes (with the fraction of its own work done),
    reported as the stage's running name and the fraction of the whole read. With
    ``freed``, each tick also gives the memory let go back once it is over ``freed``
    bytes (``_memory.give_back_over``, asked at least after each ``_ASK_STEP`` of the
    stage): a stage's peak is then not raised by what its own earlier steps let go
    (assembling a 3 MB file peaked at 6.5× its size, 5.5× so)."""
    asked = [0.0]  # the fraction at which the heap was last asked whatever the time

    def tick(fraction: float) -> None:
        if freed is not None:
            due = fraction >= asked[0] + _ASK_STEP
            if due:
                asked[0] = fraction
            give_back_over(freed, ask=due)
        done(_RUNNING[stage], round((stage + min(max(fraction, 0.0), 1.0)) / len(_STAGES), 4))
    return tick


def _check_format(format: str | None, mapping: dict[str, str] | None,
                  name: str) -> Origin | None:
    if mapping is not None and format is None:
        return Origin.GENERIC
    if format is None or format in FORMATS:
        return None if format is None else Origin(format)
    raise ContactImportError(
        f"'{format}' is not a kind of export this toolkit reads. Choose one of: "
        f"{', '.join(FORMATS)}, or leave it empty to detect it.", file=name)
