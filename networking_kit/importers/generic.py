"""Any other table of contacts: a CSV or Excel sheet whose columns the participant confirms.

The header is matched against the names people and tools commonly give each column
(Thunderbird's ``Primary Email``, a hand-made ``Full name`` …). The guess is only a
starting point: the import form shows it as drop-downs, so the participant can correct
it before anything is imported.
"""

from __future__ import annotations

import re

import pandas as pd

from networking_kit.contacts import COLUMN_NAMES, ContactImportError, normalise_key
from networking_kit.importers import columns, vocabulary
from networking_kit.vocab import Source

SOURCE = Source.GENERIC
LABEL = "Another table (you choose the columns)"

# Canonical columns a file can fill, in the order the mapping form shows them.
MAPPABLE = ("name", "first_name", "last_name", "email", "phone", "company", "position", "url",
            "connected_on", "notes")

# Looser fallbacks: a folded header containing one of these words ("Work e-mail") …
_CONTAINS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e mail"),
    "phone": ("phone", "mobile"),
    "company": ("company", "organization", "organisation"),
    "url": ("linkedin",),
}
# … or, for these fields, one of the names the vocabularies' ``generic`` sections give
# them in any language, as whole words ("Telefon 1 - Wert", "Téléphone bureau"; found by
# a tester). Whole words only: "Tel" is not in "Hotel".
_WORDS_FROM_VOCABULARY = ("email", "phone")
# Fields a person often has two columns of: the one chosen is read first, the others
# where it is blank (:func:`second_columns`).
_SECOND = ("email", "phone")
# A column called just "Name" (in any language) beside a given-name column holds the
# family name, as German phone books write it ("Name", "Vorname"); beside a family-name
# column it holds the given name (Portuguese "Nome", "Sobrenome").
_BARE_NAME = frozenset({"name", "naam", "namn", "nom", "nome", "nombre", "isim", "名前"})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def guess_column_mapping(header: list[str],
                         rows: list[list[str]] | None = None) -> dict[str, str]:
    """Guess which column of ``header`` holds each canonical field: {canonical: header cell}.

    Names from the header vocabularies' ``generic`` sections first (``headers/*.toml``,
    every language; within a field, the earlier name wins, so "Job Title" is the job
    before Outlook's courtesy "Title"), then the names any known export uses, then
    looser ones ("Work e-mail" is an e-mail); every header cell is used at most once.
    With ``rows`` (the file's first rows, each as long as the header), the e-mail and
    phone guesses are checked against their values (:func:`checked_against_values`).
    """
    mapping = _guess(header)
    if rows:
        frame = pd.DataFrame([list(row[:len(header)]) for row in rows],
                             columns=range(len(header)), dtype=object)
        mapping = checked_against_values(mapping, frame, header, shown=True)
    return mapping


def _guess(header: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for section in ("generic", *vocabulary.SECTIONS[:-1]):
        for field, positions in vocabulary.fields_of(header, section).items():
            free = [p for p in positions if p not in used]
            if field in MAPPABLE and field not in mapping and free:
                mapping[field] = header[free[0]]
                used.add(free[0])
    folded = [normalise_key(str(cell)) for cell in header]
    for canonical in _CONTAINS:
        if canonical in mapping:
            continue
        found = next((p for p, key in enumerate(folded) if p not in used
                      and _contains(key, canonical)), None)
        if found is not None:
            mapping[canonical] = header[found]
            used.add(found)
    return _bare_name_rule(mapping)


def _contains(key: str, field: str) -> bool:
    """Whether the folded header cell ``key`` names ``field`` loosely (see _CONTAINS)."""
    if any(word in key for word in _CONTAINS.get(field, ())):
        return True
    if field not in _WORDS_FROM_VOCABULARY:
        return False
    padded = f" {key} "
    return any(f" {cell} " in padded for cell in vocabulary.cells_for(field))


def second_columns(mapping: dict[str, str], header: list[str],
                   frame: pd.DataFrame) -> dict[str, list[str]]:
    """{field: other header cells read where the mapped column is blank}, for e-mail
    and phone: the columns no field is mapped to whose names hold that field too (in
    any language, as :func:`guess_column_mapping` knows them: "Handy" beside "Telefon",
    found by a tester) and whose values mostly look so. ``frame``'s labels follow
    ``header``'s order. A value left out because the mapped column had one is named in
    the import report (``columns.left_out_note``)."""
    labels = dict(zip(header, frame.columns, strict=False))
    used = set(mapping.values())
    named: dict[str, set[int]] = {}
    for section in vocabulary.SECTIONS:
        for field, positions in vocabulary.fields_of(header, section).items():
            named.setdefault(field, set()).update(positions)
    folded = [normalise_key(str(cell)) for cell in header]
    second: dict[str, list[str]] = {}
    for field in _SECOND:
        if field not in mapping:
            continue
        cells = [cell for position, cell in enumerate(header)
                 if cell not in used and cell in labels and cell.strip()
                 and (position in named.get(field, ()) or _contains(folded[position], field))
                 and _fits_values(frame[labels[cell]], field)]
        cells = list(dict.fromkeys(cells))
        if cells:
            second[field] = cells
            used.update(cells)
    return second


def _bare_name_rule(mapping: dict[str, str]) -> dict[str, str]:
    name = mapping.get("name")
    if name is None:
        # Alone, with no other name column, "Nom", "Nombre" or "Nome" holds the whole
        # name (found by a tester: "Ana Silva" became a family name, or a given name).
        parts = [f for f in ("first_name", "last_name") if f in mapping]
        if len(parts) == 1 and normalise_key(mapping[parts[0]]) in _BARE_NAME:
            mapping["name"] = mapping.pop(parts[0])
        return mapping
    if normalise_key(name) not in _BARE_NAME:
        return mapping
    if "first_name" in mapping and "last_name" not in mapping:
        mapping["last_name"] = mapping.pop("name")
    elif "last_name" in mapping and "first_name" not in mapping:
        mapping["first_name"] = mapping.pop("name")
    return mapping


def has_name(mapping: dict[str, str]) -> bool:
    return any(column in mapping for column in ("name", "first_name", "last_name"))


def looks_like_data(header: list[str]) -> bool:
    """True when the "header" is really a first row of contacts (it holds an e-mail address)."""
    return any(_EMAIL.match(cell.strip()) for cell in header)


_FITS = {  # a guessed column holds this field only when most of its values look so
    "email": lambda values: values.str.match(_EMAIL.pattern),
    "phone": lambda values: values.str.count(r"\d") >= 6,
}


def guess_from_values(frame: pd.DataFrame, *, shown: bool = False) -> dict[str, str]:
    """A mapping for a file without a header: the e-mail column by its @, the name by
    letters and a space and, when the guess is ``shown`` for the participant to confirm
    (the form), a phone column by its digits, written as phones are and not as dates
    ("+46 70 111 2222", found by a tester, not "14/02/2024"; a customer number would
    fit too, so an import nobody checks first does not guess one so).

    Only the columns that can be told apart by their content are guessed; the rest is
    left to the participant.
    """
    mapping: dict[str, str] = {}
    sample = frame.head(50).astype(str)
    for label in sample.columns:
        if _FITS["email"](sample[label].str.strip()).mean() >= 0.5:
            mapping["email"] = label
            break
    for label in sample.columns:
        if label == mapping.get("email"):
            continue
        values = sample[label].str.strip()
        if (values.str.contains(r"[^\W\d_]", regex=True) & values.str.contains(" ")).mean() >= 0.5:
            mapping["name"] = label
            break
    for label in sample.columns if shown else ():
        values = sample[label].str.strip()
        values = values[values != ""]
        if label not in mapping.values() and len(values) and (
                values.str.fullmatch(_PHONE_SHAPE) & ~values.str.fullmatch(_DATE_SHAPE)
                ).mean() >= 0.5:
            mapping["phone"] = label
            break
    return mapping


_PHONE_SHAPE = r"\+?\(?\d[\d\s().\-/]{5,}\d"  # digits as people write phones, 7 or more
_DATE_SHAPE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"


def headerless(width: int) -> list[str]:
    """What the columns of a file without a header row are called: "Column 1" …"""
    return [f"Column {number}" for number in range(1, width + 1)]


def without_header_row(header: list[str], mapping: dict[str, str] | None) -> bool:
    """Whether the file's first row is read as people, under "Column 1" …: with no
    ``mapping``, when :func:`is_headerless` finds so; with one, when it names only such
    columns and the header has none of them (the step-2 form's "The first row is a
    person", ``--columns name=Column 1`` on the command line)."""
    if mapping is None:
        return is_headerless(header)
    named = set(mapping.values())
    return bool(named) and named <= set(headerless(len(header))) and not named & set(header)


def is_headerless(header: list[str]) -> bool:
    """Whether ``header`` is a first row of contacts rather than column names: it holds
    an e-mail address, and no column name the guess knows for a name."""
    return not has_name(_guess(header)) and looks_like_data(header)


_LOOKED_AT = 200  # non-blank values a guess is checked on


def checked_against_values(mapping: dict[str, str], frame: pd.DataFrame,
                           header: list[str], *, shown: bool = False) -> dict[str, str]:
    """A guessed mapping checked against the values, and completed from them: an e-mail
    or phone column whose values mostly do not look so (Google's "E-Mail 1 - Label"
    beside "E-Mail 1 - Wert" holds "* Arbeit", found by a tester) gives way to an unused
    column whose values do, or is not read (then listed under "Columns not read"); an
    empty one stays what its name says. With no e-mail column guessed from the names,
    one is looked for in the values (:func:`guess_from_values`: a tester's "Joignable
    à"), and so is a name column when the guess is ``shown`` for the participant to
    confirm (the form): text with a space is not always a name ("Salon de Lyon"), so an
    import that nobody checks first does not guess one so. Only for a guess: the
    participant's own choice is kept."""
    labels = dict(zip(header, frame.columns, strict=False))

    def fits(field: str, cell: str) -> bool:
        return _fits_values(frame[labels[cell]], field)

    def empty(cell: str) -> bool:
        return not frame[labels[cell]].astype(str).str.strip().ne("").any()

    for field in _FITS:
        cell = mapping.get(field)
        if cell is None or cell not in labels or fits(field, cell) or empty(cell):
            continue
        used = set(mapping.values())
        better = next((c for c in header if c not in used and c in labels and fits(field, c)),
                      None)
        if better is None:
            del mapping[field]
        else:
            mapping[field] = better
    unused = [c for c in dict.fromkeys(header) if c in labels and c.strip()
              and c not in set(mapping.values())]
    if unused and ("email" not in mapping or (shown and not (
            has_name(mapping) and "phone" in mapping))):
        found = guess_from_values(frame[[labels[c] for c in unused]].set_axis(unused, axis=1),
                                  shown=shown)
        if "email" in found:
            mapping.setdefault("email", found["email"])
        if shown and "name" in found and not has_name(mapping):
            mapping["name"] = found["name"]
        if "phone" in found and found["phone"] not in mapping.values():
            mapping.setdefault("phone", found["phone"])
    return mapping


def _fits_values(column: pd.Series, field: str) -> bool:
    """Whether most of the first non-blank values of ``column`` look like ``field``'s
    (the first of Google's ``a ::: b`` values, as it is read)."""
    values = columns.first_value(column.head(_LOOKED_AT * 4)).astype(str).str.strip()
    values = values[values != ""].head(_LOOKED_AT)
    return bool(len(values)) and float(_FITS[field](values).mean()) >= 0.5


def check_mapping(mapping: dict[str, str], header: list[str], name: str,
                  line: int) -> dict[str, str]:
    """Refuse, in plain words, a mapping that names unknown fields or columns."""
    clean = {k: v for k, v in mapping.items() if v not in (None, "")}
    unknown = [k for k in clean if k not in COLUMN_NAMES]
    if unknown:
        raise ContactImportError(
            f"'{unknown[0]}' is not a field the workbook keeps. Choose one of: "
            f"{', '.join(MAPPABLE)}.", file=name, line=line)
    # Letter case and spaces aside, when that names one column (typed on the command line)
    folded: dict[str, list[str]] = {}
    for cell in header:
        folded.setdefault(cell.strip().casefold(), []).append(cell)
    clean = {k: v if v in header or len(folded.get(v.strip().casefold(), [])) != 1
             else folded[v.strip().casefold()][0] for k, v in clean.items()}
    missing = [v for v in clean.values() if v not in header]
    if missing:
        raise ContactImportError(
            f"there is no column called '{missing[0]}' in this file. Its columns are: "
            f"{', '.join(c for c in header if c.strip())}. If that first row is a person, "
            "not column names, call the columns Column 1, Column 2 and so on.",
            file=name, line=line)
    twice = [v for v in dict.fromkeys(clean.values()) if list(clean.values()).count(v) > 1]
    if twice:
        fields = [k for k, v in clean.items() if v == twice[0]]
        raise ContactImportError(
            f"the column '{twice[0]}' is chosen for {' and '.join(fields)}. Choose one column "
            "for each.", file=name, line=line)
    if not has_name(clean):
        raise ContactImportError(NO_NAME_COLUMN, file=name, line=line)
    return clean


NO_NAME_COLUMN = ("none of the columns looks like a name, so there is no one to import. "
                  "Choose which column holds the name (or the first and last name) and try "
                  "again.")


def to_raw(frame: pd.DataFrame, header: list[str], mapping: dict[str, str],
           second: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """The mapped columns under canonical names (the frame's labels follow ``header``);
    a field with ``second`` columns (:func:`second_columns`) takes, row by row, the first
    of its columns that holds something. A cell holding several values as Google writes
    them (``a ::: b``, in a Google-style table whose header is not Google's own) keeps
    the first, but for notes (``columns.left_out_note`` names the others)."""
    label_of: dict[str, str] = {}
    for cell, label in zip(header, frame.columns, strict=False):
        label_of.setdefault(cell, label)
    more = second or {}

    def read(canonical: str, cell: str) -> pd.Series:
        column = frame[label_of[cell]]
        return column if canonical == "notes" else columns.first_value(column,
                                                                        canonical == "url")

    return pd.DataFrame({canonical: columns.first_non_blank(
                            [read(canonical, c) for c in (cell, *more.get(canonical, ()))])
                         for canonical, cell in mapping.items()}, index=frame.index)
