"""The canonicalise stage: raw cells under field names in, the canonical table out,
with every row left out and every date not read listed for the import report.

The table's ``attrs`` carry what the report needs: ``format``, ``file``, ``skipped``
((line, reason) pairs), ``duplicates`` (rows folded into another row of the file),
``notes`` (sentences: dates guessed or not read, with their lines), ``columns_used``
and ``columns_ignored`` (header cells as written, with their place when two share a
name: ``column_labels``) and ``header`` (the whole header row).
"""

from __future__ import annotations

from collections import Counter
from typing import cast

import numpy as np
import pandas as pd

from networking_kit._canonical import Tick, canonicalise, no_tick
from networking_kit.contact_fields import CATEGORIES, DTYPES, FIELD_LABELS, category_value
from networking_kit.contacts import ContactImportError
from networking_kit.contacts_merge import deduplicate_contacts
from networking_kit.importers._table import Table
from networking_kit.importers.columns import REPORT_WORDS
from networking_kit.importers.linkedin import NO_NAME
from networking_kit.importers.mapping import Mapped
from networking_kit.importers.report import COMBINE
from networking_kit.importers.vocabulary import Language
from networking_kit.vocab import Source

Skipped = list[tuple[int | None, str]]
_NO_NAME = ("this row has no name, so it was left out. Add a name to it in the original "
            "and import again, or add the person by hand.")
_POSSIBLE_SHOWN = 10  # one report line each; the rest are counted
_DATE_FIELDS = {"connected_on": "date you connected", "last_contact": "date last in touch"}


def assemble(mapped: Mapped, tick: Tick | None = None) -> pd.DataFrame:
    """The assemble stage: the canonical contacts of ``mapped`` (see :func:`build`)."""
    frame = build(mapped.table, mapped.raw, mapped.source, mapped.format, mapped.language,
                  mapped.used, tick)
    if mapped.notes:  # values the map-columns stage left out, one sentence each
        frame.attrs["notes"] = [*frame.attrs["notes"], *mapped.notes]
    return frame


def build(table: Table, raw: pd.DataFrame, source: Source, format: Source,
          language: Language | None = None, used: list[int] | None = None,
          tick: Tick | None = None) -> pd.DataFrame:
    """The canonical contacts of ``table``; raises ContactImportError when none is left.
    ``raw``'s text and date columns and ``table.frame``'s cells are taken out as they are
    read (the import's only copy of them).

    ``tick`` is called with the fraction done as each column is tidied and before and
    after duplicates are folded (see ``_text.Tick``: it may raise to stop the stage)."""
    done = tick or no_tick
    # ``raw`` and ``table.frame`` hold the same cells (``columns.to_raw`` moves them under
    # field names without a copy) and are not read again: both let each column go as
    # soon as it is read, so that a big file's cells are not all kept to the end.
    table.frame = table.frame.iloc[:, :0]
    frame = canonicalise(raw, source.value, language.dates if language else None,
                         lambda fraction: done(0.6 * fraction), consume=True,
                         months=dict(language.months) if language else None)
    for column in CATEGORIES:  # only the toolkit's own export carries these
        if column in raw.columns:
            allowed = {member.value for member in CATEGORIES[column]}
            codes = [code if (code := category_value(column, v)) in allowed else None
                     for v in raw[column].tolist()]
            frame[column] = pd.Categorical(codes, dtype=cast(pd.CategoricalDtype, DTYPES[column]))
    # Taken out at once: pandas deep-copies attrs on every operation, and 100,000
    # unreadable dates made that most of the import's time.
    notes = date_notes(frame.attrs.pop("guessed_dates", {}),
                       frame.attrs.pop("unreadable_dates", {}), table, language)
    notes += shortened_notes(frame.attrs.pop("shortened_phones", []), table)
    # Every row its own LinkedIn address: still true of the rows kept below.
    distinct_linkedin = bool(frame.attrs.pop("distinct_linkedin", False))
    skipped: Skipped = list(table.skipped)
    named = bool(frame.attrs.pop("named", False))  # every row known to have a name
    unnamed = None if named else frame["name"].isna().to_numpy()
    if unnamed is not None and unnamed.any():
        reason = NO_NAME if source is Source.LINKEDIN else _NO_NAME
        skipped += [(table.line_of(int(i)), reason) for i in unnamed.nonzero()[0]]
        frame = frame[~unnamed].reset_index(drop=True)
    skipped.sort(key=lambda item: (item[0] is None, item[0] or 0))
    if frame.empty:
        line, reason = skipped[0] if skipped else (table.first_line + 1, "")
        problem = ("there are no contacts below the column names. Download the export "
                   "again and choose the new file." if not skipped else
                   f"no contact could be imported. The first problem: {reason}")
        raise ContactImportError(problem, file=table.name, line=line)
    done(0.65)
    positions = None if unnamed is None or not unnamed.any() else np.flatnonzero(~unnamed)
    frame, duplicates = deduplicate_contacts(frame, distinct_linkedin=distinct_linkedin)
    notes += folded_notes(frame.attrs.pop("dropped_values", []), table, positions)
    done(0.95)
    possible = list(dict.fromkeys(frame.attrs.get("possible_duplicates", [])))
    notes += [f"Possibly the same person: {name}{f' ({company})' if company else ''} appears "
              "more than once and only the name matches (no e-mail, phone or profile address "
              "in common, or details that differ), so each was imported as a separate "
              f"contact. If they are one person, {COMBINE}."
              for name, company in possible[:_POSSIBLE_SHOWN]]
    if len(possible) > _POSSIBLE_SHOWN:
        notes.append(f"… and {len(possible) - _POSSIBLE_SHOWN} more names that appear more "
                     "than once and match only by name.")
    # None: the columns are field names already (vCard): none is "read" or "not read".
    label = column_labels(table.header)
    read = set(used or ())
    used_cells = [label[p] for p in sorted(read) if p < len(label)]
    ignored = [] if used is None else [label[p] for p, cell in enumerate(table.header)
                                       if cell.strip() and p not in read]
    frame.attrs.clear()
    frame.attrs.update(format=format, skipped=skipped, duplicates=duplicates, file=table.name,
                       notes=notes, columns_used=used_cells, header=list(table.header),
                       columns_ignored=ignored)
    return frame


def column_labels(header: list[str]) -> list[str]:
    """How the report names each header cell: as written, and with its place when another
    column has the same name ("Titre (column 8)": French Outlook writes "Titre" for the
    courtesy title and for the job, and one is read; found by a tester, who saw "Titre"
    among the columns read and those not read)."""
    names = Counter(cell.strip() for cell in header if cell.strip())
    return [f"{cell} (column {position})" if names[cell.strip()] > 1 else cell
            for position, cell in enumerate(header, start=1)]


def folded_notes(dropped: list[tuple[str, int]], table: Table,
                 positions: np.ndarray | None = None) -> list[str]:
    """The report's sentences for values dropped when a row was combined with an earlier
    row of the same person (``contacts_merge.deduplicate_contacts``' ``dropped_values``:
    (column, row); ``positions`` maps those rows to the table's when rows without a
    name were left out first): one per field, with the lines."""
    by_field: dict[str, list[int]] = {}
    for column, row in dropped:
        position = int(positions[row]) if positions is not None else row
        by_field.setdefault(column, []).append(position)
    notes = []
    for column, rows in by_field.items():
        word = REPORT_WORDS.get(column) or FIELD_LABELS.get(column, column).lower()
        count = len(rows)
        notes.append(
            f"{count} {'row' if count == 1 else 'rows'} combined with an earlier row of the "
            f"same person had another {word}; the earlier row's was kept, so "
            f"{'that one was' if count == 1 else 'those were'} not imported: "
            f"{_on_lines(table, rows)}.")
    return notes


def shortened_notes(positions: list[int], table: Table) -> list[str]:
    """The report's sentence for phone numbers Excel wrote in scientific notation
    (``contact_fields.shortened_by_excel``), left empty: ``positions`` in ``table``."""
    if not positions:
        return []
    count = len(positions)
    return [f"{count} phone {'number was' if count == 1 else 'numbers were'} written the way "
            "Excel shows long numbers (such as 4.91701E+11), which loses their last digits, "
            f"so {'it was' if count == 1 else 'they were'} left empty: "
            f"{_on_lines(table, positions)}. Type the numbers in again, or export the "
            "contacts again without opening the file in Excel."]


def date_notes(guessed: dict[str, str], unreadable: dict[str, list[int]], table: Table,
               language: Language | None) -> list[str]:
    """Report sentences for dates read in a guessed order and dates that could not be read
    (``guessed``: {column: order}; ``unreadable``: {column: row positions in ``table``})."""
    notes: list[str] = []
    for column, order in guessed.items():
        example = "03/04/2024 is 3 April" if order == "day-first" else "03/04/2024 is 4 March"
        because = f"as {language.name} files usually write them" if language else "by default"
        notes.append(
            f"No {_DATE_FIELDS.get(column, column)} has a day over 12, so they were read "
            f"{order} ({example}), {because}. Check a few of them.")
    for column, positions in unreadable.items():
        count = len(positions)
        notes.append(
            f"{count} {'date' if count == 1 else 'dates'} ({_DATE_FIELDS.get(column, column)}) "
            f"could not be read and {'was' if count == 1 else 'were'} left empty: "
            f"{_on_lines(table, positions)}.")
    return notes


_LINES_SHOWN = 10  # lines a report sentence names; the rest are counted


def _on_lines(table: Table, positions: list[int]) -> str:
    """"line 7" or "lines 7, 9 and 3 more": where the rows at ``positions`` of ``table``
    are in the file."""
    lines = [line for p in positions[:_LINES_SHOWN] if (line := table.line_of(int(p))) is not None]
    more = (f" and {len(positions) - _LINES_SHOWN} more" if len(positions) > _LINES_SHOWN
            else "")
    return f"{'line' if len(positions) == 1 else 'lines'} {', '.join(map(str, lines))}{more}"
