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
from collections.abc import Callable

__all__ = ["give_back"]


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


_TRIM = _trim()


def give_back() -> None:
    """Return the memory freed so far to the system, where the C library can."""
    if _TRIM is not None:
        _TRIM(0)
