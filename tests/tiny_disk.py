"""A small file system for storage-fault tests: full after a few kilobytes, or read-only.

Mounting needs root (CI and these machines run as root); tests that use it skip otherwise.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def tiny_disk(folder: Path, size_kb: int = 64) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` mounted on ``folder`` (created) while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs",
                    str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    """Remount the tiny disk at ``folder`` read-only, as a locked USB stick or CD is."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
