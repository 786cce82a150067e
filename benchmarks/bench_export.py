"""Exporting the action plan: the sample participant and a 30,000-contact network.

Each format's time is printed beside a baseline measured in the same run (serialising the
same contacts table with ``DataFrame.to_csv``), so the ratios mean the same on any
machine. Also printed: the HTML plan's size against the 4 MB goal. Nothing is asserted.

Run: ``.venv/bin/python benchmarks/bench_export.py [--size 30000] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from _timing import timed  # benchmarks/ is on sys.path when run as a script

from networking_kit.export.formats import export_to
from networking_kit.export.pdf import find_browser
from networking_kit.samples import large_network
from networking_kit.steps.sample import make_sample_workbook

TODAY = date(2026, 11, 23)
FILES = ("plan.html", "plan.md", "follow-ups.ics", "workbook.json", "contacts.csv",
         "actions.csv", "network.graphml", "plan.pdf")
HTML_GOAL_BYTES = 4_000_000


def measure(label: str, folder: Path, size: int | None, rounds: int) -> None:
    workbook = make_sample_workbook(folder / f"{label}.sqlite", TODAY)
    if size:
        workbook.save_contacts(large_network(size))
    contacts = workbook.load_contacts()
    baseline, _ = timed(lambda: contacts.to_csv(), rounds)
    print(f"\n{label}: {len(contacts):,} contacts; baseline DataFrame.to_csv "
          f"{baseline * 1000:.0f} ms (medians of {rounds})")
    for name in FILES:
        if name.endswith(".pdf") and find_browser() is None:
            print(f"  {name:<22} skipped: no Chrome or Chromium here")
            continue
        out = folder / label / name
        seconds, _ = timed(lambda out=out: export_to(workbook, out, today=TODAY),
                           1 if name.endswith(".pdf") else rounds)
        size_note = f"{out.stat().st_size / 1e6:6.2f} MB"
        goal = ""
        if name == "plan.html":
            goal = f"  (goal ≤ {HTML_GOAL_BYTES / 1e6:.0f} MB)"
        print(f"  {name:<22} {seconds:7.2f} s  {seconds / baseline:7.1f}× baseline  "
              f"{size_note}{goal}")
    workbook.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        measure("sample", Path(folder), None, args.rounds)
        measure(f"{args.size:,} contacts", Path(folder), args.size, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
