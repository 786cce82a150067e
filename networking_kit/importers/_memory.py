"""Handing the memory an import has let go back to the computer, between its stages.

Each stage of an import frees what the one before it made (the file's bytes, the CSV
parser's buffers, the raw cells), but glibc's allocator keeps freed memory for later
``malloc`` calls. Python's own allocator takes the memory for its small objects (every
cell is a string) from separate mappings instead, so what the parser freed is not
reused for the strings made next: without a trim, a 3 MB file's import held about
1.6× the file's size of freed parser memory on top of its peak. ``malloc_trim(0)``
gives it back (glibc's ``malloc_trim(3)``: "release free memory from the heap", top
and middle, since glibc 2.8); Orthanc's server calls it for the same reason. It costs
a walk of the heap, so it is called once after each stage that frees a lot, not on
every tick. Elsewhere than glibc (macOS, Windows, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import sys
import time
from collections.abc import Callable

__all__ = ["give_back", "give_back_over"]


def _trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


class _Info(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (glibc 2.33 and later): all ``size_t``."""

    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _free_bytes() -> Callable[[], int] | None:
    """How many bytes lie free in the C heap (``mallinfo2().fordblks``), or None where it
    cannot be asked."""
    if _TRIM is None:
        return None
    try:
        info = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):  # glibc before 2.33
        return None
    info.argtypes = []
    info.restype = _Info

    def free() -> int:
        return int(info().fordblks)
    return free


_TRIM = _trim()
_FREE = _free_bytes()
_left = [0]  # bytes free in the heap after the last trim (what a trim cannot give back)
_asked = [0.0]  # when give_back_over last asked the heap (time.monotonic, seconds)
_ASK_EVERY_S = 0.02


def give_back() -> None:
    """Return the memory freed so far to the system, where the C library can."""
    if _TRIM is not None:
        _TRIM(0)
        if _FREE is not None:
            _left[0] = _FREE()


def give_back_over(size: int, *, ask: bool = False) -> None:
    """``give_back`` once more than ``size`` bytes have been let go in the C heap since
    the last trim.

    For the ticks of a long stage: a trim only once a stage has let go of a lot
    (canonicalising a 3 MB file's columns held 2.3× its size of freed memory at its
    peak, between the stage's ends). Asking is itself a walk of the heap's free lists:
    about 0.1 ms with a 30,000-row file's cells in memory, measured here (39 asks were
    4 ms of a 90 ms read), so it is asked at most once every ``_ASK_EVERY_S``, unless
    ``ask`` (the caller's own, rarer, reason: a tenth of a stage done). Where the heap
    cannot be asked, nothing is done.
    """
    if _FREE is None:
        return
    now = time.monotonic()
    if not ask and now - _asked[0] < _ASK_EVERY_S:
        return
    _asked[0] = now
    if _FREE() - _left[0] > size:
        give_back()
