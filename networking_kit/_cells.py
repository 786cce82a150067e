"""A column of raw cells as plain text, checked and tidied a whole column at a time.

A :class:`Column` holds one column's cells ("" where blank) and the same cells joined by
NUL characters, so that "is anything here more than plain, single-spaced text?" is one
search that runs in C; :func:`tidy_cells` hands only the values that need it to
``contact_fields.tidy_text``. :func:`lower` and :func:`split_joined` are the whole-column
edits the canonical table (``_canonical``) and the merge (``contacts_merge``) build on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from networking_kit.contact_fields import is_missing, tidy_text

Cells = list[str]  # one column's text, "" where the cell is blank


class Column(NamedTuple):
    """A column's cells, and the same cells joined by NUL for whole-column searches.

    ``array`` is the raw column's own object array while the cells are still exactly
    its values, so that the string column can be made from it without another copy.
    """

    values: Cells
    joined: str
    array: np.ndarray | None = None


# Everything ``str.split()``/``\s`` treats as white space besides the plain space.
_ODD_SPACE_ASCII = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ODD_SPACE = _ODD_SPACE_ASCII + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_NEEDS_TIDY = re.compile(f"[{re.escape(_ODD_SPACE)}]|  ")


def cells(values: pd.Series | list[Any]) -> Column:
    """Column values as strings, "" for anything missing."""
    items = values.tolist() if isinstance(values, pd.Series) else list(values)
    try:
        joined = "\x00".join(items)  # succeeds only when every value is already a string
    except TypeError:
        items = [v if isinstance(v, str) else ("" if is_missing(v) else str(v)) for v in items]
        return _joined(items)
    if isinstance(values, pd.Series) and values.dtype == object:
        return Column(items, joined, values.to_numpy())
    return Column(items, joined)


def object_array(values: Sequence[Any]) -> np.ndarray:
    """``np.array(values, dtype=object)``, quicker: numpy looks into every string of more
    than a few dozen characters (a profile address) before it stores it, ``fromiter``
    just stores it (10 ms against under 1 ms for 30,000 addresses, numpy 2.4)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _plain(joined: str, data: bytes | None) -> bool:
    """True when no value needs more than its spaces seen to: NFC already, no odd spaces.
    ``data``: ``latin1(joined)``, worked out once by the caller."""
    if data is None and not _is_nfc(joined):  # Latin-1 text is NFC (see _is_nfc)
        return False
    spaces = _ODD_SPACE_ASCII if joined.isascii() else _ODD_SPACE
    return not any(space in joined for space in spaces)


def _is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, at once for Latin-1 text.

    Every character below U+0300 is NFC on its own and combines with nothing before it
    (quick-check "yes", combining class 0), so text made only of them is NFC; Python's
    check looks each character up, which is most of a column's tidying time.
    """
    return latin1(text) is not None or unicodedata.is_normalized("NFC", text)


def latin1(text: str) -> bytes | None:
    """``text`` as Latin-1 bytes (a plain copy for such text), or None when it is not."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _spaces_around(joined: str, latin: bytes | None) -> tuple[bool, bool]:
    """(a value holds two spaces in a row, a value starts or ends with a space).

    The same as searching the joined column for "  ", " \\x00" and "\\x00 " (and a space
    at either end), but numpy compares neighbouring bytes in a few quick passes, where
    each two-character search is a slow walk through the whole text. ``latin``:
    ``latin1(joined)``, worked out once by the caller.
    """
    if " " not in joined:
        return False, False
    data = np.frombuffer(latin or joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    space, separator = data == ord(" "), data == 0
    double = bool((space[:-1] & space[1:]).any())
    ends = bool(space[0] or space[-1]
                or (space[:-1] & separator[1:]).any() or (separator[:-1] & space[1:]).any())
    return double, ends


def tidy_cells(column: Column) -> Column:
    """``tidy_text`` over a column of strings ("" for blank); plain columns take a fast path.

    A plain column with nothing to trim comes back as it is, list and joined text alike.
    """
    values, joined = column.values, column.joined
    latin = latin1(joined)  # once for both checks: a copy of the column's text
    double, ends = _spaces_around(joined, latin)
    if not double and _plain(joined, latin):
        return _joined([v.strip() for v in values]) if ends else column
    return _joined([(tidy_text(v) or "") if _NEEDS_TIDY.search(v) or not v.isascii()
                    else v.strip() for v in values])


def _joined(values: Cells) -> Column:
    """A column of new cells (no raw array: they are not the raw column's values)."""
    return Column(values, "\x00".join(values))


# Which Latin-1 characters ``str.lower`` changes: A-Z and À … Þ (but not ×).
_CAPITAL = np.array([chr(code).lower() != chr(code) for code in range(256)])


def lower(text: str) -> str:
    """``text.lower()``; quicker for Latin-1 text whose only capitals are A-Z.

    ``str.lower`` on text that is not pure ASCII looks every character up in the Unicode
    tables (and LinkedIn addresses hold names such as björn or garcía). When no character
    beyond ASCII would change, lowering the Latin-1 bytes (``bytes.lower`` touches A-Z
    only) gives the same text in one quick pass, and text with no capital at all is
    returned as it is.
    """
    encoded = None if text.isascii() else latin1(text)
    if encoded is None:
        return text.lower()
    codes = np.frombuffer(encoded, dtype=np.uint8)
    if _CAPITAL[codes[codes >= 0x80]].any():
        return text.lower()
    if not ((codes - np.uint8(ord("A"))) < 26).any():  # unsigned: below "A" wraps around
        return text
    return encoded.lower().decode("latin-1")


def split_joined(joined: str, size: int) -> Cells | None:
    """``joined`` split into ``size`` values again, or None when a value held a NUL."""
    if size == 0:
        return []
    return joined.split("\x00") if joined.count("\x00") == size - 1 else None
