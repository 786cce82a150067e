"""De-duplication and merge of contacts tables: one row per person, the participant's
own fields never overwritten.

:func:`deduplicate_contacts` folds the rows of one file that are the same person;
:func:`merge_contacts` adds an imported table to the saved one, filling only blank
fields of people already there and counting what it did in :class:`MergeCounts`. Both
recognise a person by ``contacts_matching`` (e-mail, LinkedIn URL, or name + company
with its ``same_by_name`` rule). :func:`prepare_incoming` does the half that needs only
the file, before the importer takes the workbook's write lock. Pure functions on
canonical tables (``contacts``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from networking_kit.contact_fields import (
    COLUMN_NAMES,
    TEXT_DTYPE,
    empty_contacts,
    hash_keys,
    normalise_key,
)
from networking_kit.contacts import apply_dtypes
from networking_kit.contacts_matching import (
    Key,
    all_distinct_linkedin,
    another_profile,
    find_match,
    has_repeats,
    hash_keys_table,
    hashed_match_keys,
    match_keys,
    remember,
    same_by_name,
)
from networking_kit.contacts_matching import (  # followups import it from here
    normalise_keys as normalise_keys,
)

# ----------------------------------------------------------- de-duplication and merge


@dataclass(frozen=True)
class MergeCounts:
    """What a merge did, counted per incoming contact (after folding in-file duplicates).

    ``changed_ids`` are the contacts to write back: the added ones and the updated ones
    (a :class:`ChangedIds`, not a set of them all).
    ``filled`` says, field by field, which saved contacts gained a value
    (``{column: ids}``), so the update can write just those fields.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    changed_ids: Set[str] = frozenset()
    filled: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # (saved contact id, added contact id): matched by name and organisation only, so
    # added as a separate person and reported as "possibly the same person".
    possible: tuple[tuple[str, str], ...] = ()
    # (saved contact id, column, saved value, the file's value): a matched contact whose
    # organisation or job title in the file differs from the saved one, which was kept
    # (an import never overwrites): for the report, so a newer job is not lost in silence.
    differs: tuple[tuple[str, str, str, str], ...] = ()


class ChangedIds(Set[str]):
    """The ids of the contacts an import changed, as a read-only set: the few updated
    ones, and the added ones as the import's own id column, with no set made of them.

    A set of 1.75 million ids is about 64 MB on top of the ids themselves (a third of
    a 180 MB file's size), and an import only counts them and hands them on; a set of
    the added ids is made at the first ``in`` asked of it, if any is. The added ids are
    distinct, and none is an updated (saved) contact's id.
    """

    def __init__(self, updated: Iterable[str], added: pd.api.extensions.ExtensionArray
                 | np.ndarray):
        self._updated = frozenset(updated)
        self._added = added
        self._lookup: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._updated) + len(self._added)

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self._updated, (str(i) for i in self._added))

    def __contains__(self, value: object) -> bool:
        if value in self._updated:
            return True
        if self._lookup is None:
            self._lookup = frozenset(str(i) for i in self._added)
        return value in self._lookup

    def __hash__(self) -> int:
        return self._hash()

    @classmethod
    def _from_iterable(cls, values: Iterable[str]) -> frozenset[str]:  # type: ignore[override]
        """What ``-``, ``&`` and ``|`` give: a plain frozenset."""
        return frozenset(values)


@dataclass(frozen=True)
class IncomingContacts:
    """An imported table made ready to merge (``prepare_incoming``): rows of one person
    folded together, ``duplicates`` how many were folded, ``keys`` its match keys as
    numbers (``contacts_matching.hashed_match_keys``), or None when they were not made
    (nothing was saved to match the rows with: the merge makes them if it needs them)."""

    frame: pd.DataFrame
    keys: pd.DataFrame | None
    duplicates: int


def prepare_incoming(incoming: pd.DataFrame, *, folded: bool = False) -> IncomingContacts:
    """The half of a merge that needs only the file: an importer does it before taking
    the workbook's write lock, so the lock is held for as short a time as possible.

    ``folded``: the rows were already folded by ``deduplicate_contacts`` (``read_contacts``
    does it), so they are only keyed here, not folded a second time.
    """
    if folded:
        frame, duplicates = incoming.reset_index(drop=True), 0
    else:
        frame, duplicates = deduplicate_contacts(incoming)
    frame.attrs.clear()  # pandas copies attrs on every operation: 30,000 names would be slow
    return IncomingContacts(frame, hashed_match_keys(frame), duplicates)


def _as_object_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    return {name: frame[name].astype(object).to_numpy(copy=True) for name in COLUMN_NAMES}


def _from_object_columns(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(columns[name], dtype=object) for name in COLUMN_NAMES})
    return apply_dtypes(frame.where(frame.notna(), None))


def _fill_blanks(target: dict[str, np.ndarray], source: dict[str, np.ndarray],
                 pairs: list[tuple[int, int]],
                 filled: dict[str, set[int]] | None = None) -> list[bool]:
    """Copy each source value into the target where the target is blank; never overwrite.

    This is the rule for every field, and the reason it is safe for the participant's own
    judgement (``PARTICIPANT_FIELDS``: tie strength, context, notes …): an import can
    fill a field they left empty but can never replace what they wrote. Pairs are
    applied in order, so with several sources for one target the first one wins.
    ``filled`` (when given) collects, per column, the target positions that were filled.
    Returns, per pair, whether it filled anything. Whole columns at a time: 30,000 rows
    folded into one person take as long as 30,000 people (no source is also a target).
    """
    if not pairs:
        return []
    t_index = np.fromiter((t for t, _ in pairs), dtype=np.intp, count=len(pairs))
    s_index = np.fromiter((s for _, s in pairs), dtype=np.intp, count=len(pairs))
    changed = np.zeros(len(pairs), dtype=bool)
    for column in COLUMN_NAMES:
        if column == "contact_id":
            continue
        could = _blank_mask(target[column][t_index]) & ~_blank_mask(source[column][s_index])
        if not could.any():
            continue
        numbers = could.nonzero()[0]
        _, first = np.unique(t_index[numbers], return_index=True)
        chosen = numbers[first]  # the first pair with a value, for each blank target
        target[column][t_index[chosen]] = source[column][s_index[chosen]]
        changed[chosen] = True
        if filled is not None:
            filled.setdefault(column, set()).update(t_index[chosen].tolist())
    return changed.tolist()


_KEPT_AS_SAVED = ("company", "position")  # what a newer export changes: a new job


def _differences(target: dict[str, np.ndarray], source: dict[str, np.ndarray],
                 pairs: list[tuple[int, int]]) -> tuple[tuple[str, str, str, str], ...]:
    """``MergeCounts.differs`` of ``pairs`` (saved position, incoming position): where both
    hold a :data:`_KEPT_AS_SAVED` value and they differ once folded (case, accents,
    punctuation), the saved one is kept and the file's is reported."""
    found = []
    for column in _KEPT_AS_SAVED:
        saved, theirs = target[column], source[column]
        for t, s in pairs:
            mine, other = saved[t], theirs[s]
            if not (isinstance(mine, str) and isinstance(other, str)) or mine == other:
                continue  # the usual case, at once (normalise_key is slow: 30,000 took 1 s)
            if (mine.strip() and other.strip()
                    and normalise_key(mine) != normalise_key(other)):
                found.append((str(target["contact_id"][t]), column, mine, other))
    return tuple(found)


def _blank_mask(values: np.ndarray) -> np.ndarray:
    """True where a value is missing or an empty string."""
    mask = np.asarray(pd.isna(values), dtype=bool)
    present = ~mask
    if present.any():
        mask[present] = np.array([v == "" if isinstance(v, str) else False
                                  for v in values[present]], dtype=bool)
    return mask


def _differing(columns: dict[str, np.ndarray], pairs: list[tuple[int, int]],
               ) -> list[tuple[str, int]]:
    """(column, later row) for each value a folded row held that its first row holds
    otherwise (letter case and spaces aside): what folding it dropped, for the import
    report (found by a tester: a second phone, a second note, gone without a line)."""
    if not pairs:
        return []
    first = np.fromiter((t for t, _ in pairs), dtype=np.intp, count=len(pairs))
    later = np.fromiter((s for _, s in pairs), dtype=np.intp, count=len(pairs))
    dropped = []
    for column in COLUMN_NAMES:
        if column in ("contact_id", "source"):
            continue
        kept, other = columns[column][first], columns[column][later]
        both = ~_blank_mask(kept) & ~_blank_mask(other)
        dropped += [(column, int(later[i])) for i in both.nonzero()[0]
                    if " ".join(str(kept[i]).casefold().split())
                    != " ".join(str(other[i]).casefold().split())]
    return dropped


def deduplicate_contacts(frame: pd.DataFrame, *, distinct_linkedin: bool = False
                         ) -> tuple[pd.DataFrame, int]:
    """Fold rows that are the same person into the first of them; return the rest and a count.

    One export can list a person twice (two Google entries, a re-sent vCard, a line
    repeated when the file was saved again). Rows match on LinkedIn URL, then e-mail, then
    name and company; the first row keeps its id and gains what it lacked from the later
    ones. Rows that match only by name and company fold by the rule an import applies to
    the saved contacts (``contacts_matching.same_by_name``): when they share a phone or
    profile address and nothing tells them apart, or when the later row brings nothing
    new (an exact repeat). Otherwise they may be two people of one name (two Wei Zhang at
    Huawei): both are kept, and ``attrs["possible_duplicates"]`` lists (name, company)
    for the import report ("possibly the same person"); step 2 offers them as a pair. A
    row that is not its first namesake still folds into an earlier row it repeats.
    ``attrs["dropped_values"]`` lists (column, row) for the values a folded row held
    that its first row holds otherwise (the first's were kept).
    ``distinct_linkedin`` says the caller already knows what
    ``contacts_matching.all_distinct_linkedin`` would find (``canonicalise`` learns it
    while making the ids, in ``attrs["distinct_linkedin"]``), which saves lowering every
    address a second time.
    """
    frame = frame.reset_index(drop=True)
    if distinct_linkedin or all_distinct_linkedin(frame):
        return frame, 0
    keys = match_keys(frame)
    if not has_repeats(keys):
        return frame, 0
    seen: tuple[dict[Key, int], ...] = ({}, {}, {})
    url_of: dict[int, Key] = {}
    pairs: list[tuple[int, int]] = []
    possible: list[tuple[int, int]] = []
    columns = _as_object_columns(frame)
    # One 64-bit hash of each whole row, made at the first match by name alone (whole
    # columns at a time): a line repeated by a re-save is the common case.
    rows: list[int] = []
    kept_rows: dict[int, int] = {}  # a kept row's hash: its position

    def same_as(first: int, position: int) -> int | None:
        if not rows:
            rows.extend(pd.util.hash_pandas_object(frame.drop(columns="contact_id"),
                                                   index=False).tolist())
        if rows[first] == rows[position] or same_by_name(columns, first, columns, position):
            return first
        return kept_rows.get(rows[position])  # a repeat of a later namesake

    for position, row_keys in enumerate(zip(keys["url"], keys["email"], keys["person"],
                                            strict=True)):
        found = find_match((row_keys[0], row_keys[1], ""), seen, url_of)
        if found is None and (first := find_match(row_keys, seen, url_of)) is not None:
            found = same_as(first, position)
            if found is None:
                possible.append((first, position))  # the same name, maybe not one person
        if found is None:
            remember(row_keys, position, seen, url_of)
            if rows:
                kept_rows.setdefault(rows[position], position)
        else:
            pairs.append((found, position))
            remember(row_keys, found, seen, url_of)
    _fill_blanks(columns, columns, pairs)
    dropped = _differing(columns, pairs)
    folded = {s for _, s in pairs}
    kept = [i for i in range(len(frame)) if i not in folded]
    merged = _from_object_columns(columns).iloc[kept].reset_index(drop=True)
    if dropped:
        merged.attrs["dropped_values"] = dropped
    if possible:
        names = frame["name"].astype(object).tolist()
        companies = frame["company"].astype(object).tolist()
        merged.attrs["possible_duplicates"] = [
            (str(names[a]), "" if pd.isna(companies[a]) else str(companies[a]))
            for a, _ in possible]
    return merged, len(folded)


def merge_contacts(existing: pd.DataFrame, incoming: pd.DataFrame | IncomingContacts,
                   ) -> tuple[pd.DataFrame, MergeCounts]:
    """Merge imported contacts into the saved ones without duplicating anybody.

    Each incoming contact is matched to a saved one by LinkedIn URL, then e-mail, then
    name and company; a match by name and company alone counts only when
    ``contacts_matching.same_by_name`` says so, else the contact is added and listed in
    ``MergeCounts.possible``. A match keeps its ``contact_id`` and gains only the fields it had
    empty (so the participant's own fields, ``PARTICIPANT_FIELDS``, are never
    overwritten); everything else is added as a new contact. Returns the merged table
    (``existing``'s rows first, in order, then the added ones) and the counts. Pure:
    nothing is saved here.
    """
    saved, added, counts = merge_parts(existing, incoming)
    return pd.concat([saved, added], ignore_index=True), counts


def merge_parts(existing: pd.DataFrame, incoming: pd.DataFrame | IncomingContacts,
                ) -> tuple[pd.DataFrame, pd.DataFrame, MergeCounts]:
    """:func:`merge_contacts` in its two parts, not put together: the saved contacts
    with the fields the file filled in (``existing``'s rows, in order) and the contacts
    to add. An import writes the two apart, so it needs no merged copy of them."""
    existing = existing.reset_index(drop=True)
    if not isinstance(incoming, IncomingContacts):
        incoming = prepare_incoming(incoming)
    duplicates, incoming_keys, incoming = incoming.duplicates, incoming.keys, incoming.frame
    everyone_new = not len(existing)  # nothing saved (a first import): nothing to match
    if incoming_keys is None:  # not made while the file was read: the workbook was empty
        incoming_keys = hashed_match_keys(incoming.iloc[:0] if everyone_new else incoming)
    elif incoming_keys["url"].dtype == object:  # keys as text: made by hand, not prepared
        incoming_keys = hash_keys_table(incoming_keys)
    seen: tuple[dict[Key, int], ...] = ({}, {}, {})
    url_of: dict[int, Key] = {}
    # The saved namesakes after the first (two Wei Zhang at Huawei, both kept by an
    # earlier import): a row that is not the first may be the second.
    later_namesakes: dict[Key, list[int]] = {}
    for position, row_keys in enumerate(_key_rows(hashed_match_keys(existing))):
        person = row_keys[2]
        if person and seen[2].get(person, position) != position:
            later_namesakes.setdefault(person, []).append(position)
        remember(row_keys, position, seen, url_of)
    pairs: list[tuple[int, int]] = []
    new_rows: list[int] = []
    target = _as_object_columns(existing)
    source: dict[str, np.ndarray] = {}  # the incoming columns, made only for a match

    def incoming_columns() -> dict[str, np.ndarray]:
        if not source:
            source.update(_as_object_columns(incoming))
        return source

    namesakes: dict[int, int] = {}  # added row position: the saved namesake's position
    for position, row_keys in enumerate(() if everyone_new else _key_rows(incoming_keys)):
        found = find_match((row_keys[0], row_keys[1], ""), seen, url_of)
        if found is None and (found := find_match(row_keys, seen, url_of)) is not None \
                and not same_by_name(target, found, incoming_columns(), position):
            namesakes[position], found = found, next(
                (other for other in later_namesakes.get(row_keys[2], ())
                 if not another_profile(row_keys[0], url_of.get(other))
                 and same_by_name(target, other, incoming_columns(), position)), None)
            if found is not None:
                del namesakes[position]
        if found is None:
            new_rows.append(position)
        else:
            pairs.append((found, position))
    filled: dict[str, set[int]] = {}
    differs = _differences(target, incoming_columns(), pairs) if pairs else ()
    changed = _fill_blanks(target, incoming_columns(), pairs, filled) if pairs else []
    updated_ids = {target["contact_id"][t] for (t, _), flag in zip(pairs, changed, strict=True)
                   if flag}
    # Everyone new (a first import): the incoming table as it is, not a copy of it.
    added = _unique_ids(incoming.reset_index(drop=True)
                        if everyone_new or len(new_rows) == len(incoming)
                        else incoming.iloc[new_rows].reset_index(drop=True),
                        set(existing["contact_id"].dropna().astype(str)))
    counts = MergeCounts(
        added=len(added), updated=sum(changed), unchanged=len(pairs) - sum(changed),
        duplicates=duplicates,
        # The ids as they are (text, none missing after _unique_ids): no copy of the column.
        changed_ids=ChangedIds(updated_ids, added["contact_id"].array),
        filled={column: frozenset(str(target["contact_id"][t]) for t in positions)
                for column, positions in filled.items()},
        possible=tuple((str(target["contact_id"][namesakes[row]]), str(new_id))
                       for row, new_id in zip(new_rows, added["contact_id"], strict=True)
                       if row in namesakes) if namesakes else (),
        differs=differs)
    # Nothing saved (a first import): the saved part is the empty table, not made again
    # from no rows (which would read in pandas' date parsing code only to convert none).
    return (empty_contacts() if everyone_new else _from_object_columns(target)), added, counts


_KEYS_AT_ONCE = 100_000  # rows of keys turned into Python values at a time


def _key_rows(keys: pd.DataFrame) -> Iterator[tuple[Key, Key, Key]]:
    """Each row's (url, email, person) keys, ``_KEYS_AT_ONCE`` rows made at a time: the
    three columns of a 1.75-million-row file as Python lists at once were bigger than
    the file."""
    for start in range(0, len(keys), _KEYS_AT_ONCE):
        part = keys.iloc[start:start + _KEYS_AT_ONCE]
        yield from zip(part["url"].tolist(), part["email"].tolist(), part["person"].tolist(),
                       strict=True)


def _unique_ids(frame: pd.DataFrame, taken: set[str]) -> pd.DataFrame:
    """New contacts whose id is already used by someone else get a fresh one."""
    given = frame["contact_id"]
    if not (given.isna().any() or _repeated(given)
            or (taken and given.isin(list(taken)).any())):
        return frame  # the usual case, checked in C: no set of 1.75 million ids is made
    ids = given.astype(object).tolist()
    clash = False
    for position, contact_id in enumerate(ids):
        candidate, attempt = contact_id, 1
        while candidate is None or candidate in taken:
            candidate = hash_keys([f"{contact_id}:{attempt}"])[0]
            attempt += 1
        if candidate != contact_id:
            ids[position], clash = candidate, True
        taken.add(candidate)
    if clash:
        frame = frame.copy()
        frame["contact_id"] = pd.Series(ids, dtype=TEXT_DTYPE)
    return frame


def _repeated(ids: pd.Series) -> bool:
    """Whether an id (text, none missing) appears twice.

    Their Python hashes are compared first, sorted: ids whose hashes all differ are all
    different, and then no hash table of the ids is made (``Series.duplicated``'s held
    a quarter of a 30,000-row file's size, at a first import's merge; the sorted hashes
    are 8 bytes an id). Only when two hashes are the same are the ids themselves compared.
    """
    hashes = np.fromiter(map(hash, ids.to_numpy(dtype=object)), dtype=np.int64,
                         count=len(ids))
    hashes.sort()
    if not (hashes[1:] == hashes[:-1]).any():
        return False
    return bool(ids.duplicated().any())
