"""How soon Cancel is heard while a big file is imported: the longest gap between two
looks at the Cancel flag.

Issue 14 asks that Cancel leave the workbook as it was within about a second on a
200 MB file. The import looks at the flag (``importing._check``) between its stages and
at every tick of its long stages; this wraps that check, imports a LinkedIn export of
about ``--mb`` MB into a fresh workbook once and prints the longest gap in wall time
and in CPU time (the wall gap grows with the machine's load: say what the load was).
The merge and save that follow, under the workbook's lock, are not cancellable and are
not counted.

Run: ``PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_import_cancel.py [--mb 200]``
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import write_linkedin_export  # benchmarks/ is on sys.path

from networking_kit.importers import importing
from networking_kit.store import open_workbook

GOAL_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200)
    options = parser.parse_args()
    marks: list[tuple[float, float]] = []
    check = importing._check

    def timed(cancel: threading.Event | None) -> None:
        marks.append((time.perf_counter(), time.process_time()))
        check(cancel)

    importing._check = timed
    with tempfile.TemporaryDirectory() as folder:
        path = write_linkedin_export(Path(folder) / "Big.csv", options.mb * 1024 * 1024 // 120)
        with open_workbook(Path(folder) / "w.sqlite") as workbook:
            began = time.perf_counter()
            importing.import_into_workbook(path, workbook, cancel=threading.Event())
            took = time.perf_counter() - began
        size = path.stat().st_size
    gaps = [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(marks)]
    wall = max(gaps)
    cpu = max(gap[1] for gap in gaps)
    verdict = "ok" if wall[0] <= GOAL_S else "OVER"
    print(f"{size / 1e6:.0f} MB, {len(marks)} looks at Cancel, whole import {took:.0f} s")
    print(f"  longest wall gap {wall[0]:.2f} s (CPU {wall[1]:.2f} s; goal <= {GOAL_S:g} s: "
          f"{verdict}); longest CPU gap {cpu:.2f} s")


if __name__ == "__main__":
    main()
