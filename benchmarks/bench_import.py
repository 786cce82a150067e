"""How long importing LinkedIn's largest possible export takes.

LinkedIn caps a network at 30,000 connections, so that is the file to be fast on. The
baseline is plain ``pandas.read_csv`` of the same file in the same run, so the ratio
means the same on a laptop and on CI. Goal: ``read_contacts`` within 2× of it.

Run: ``.venv/bin/python benchmarks/bench_import.py [--rows 30000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from networking_kit.importers import import_into_workbook, read_contacts
from networking_kit.store import open_workbook

LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address using this setting."\n'
    "\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
FIRST = ["Ada", "Björn", "Chiamaka", "Dmitri", "Elif", "Farah", "Gonzalo", "Hana", "Ines",
         "Jun", "Kwame", "Léa", "Mateo", "Nadia", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Okafor", "Lindqvist", "García", "Nakamura", "Petrov", "O'Neill", "Haddad", "Müller",
        "Kowalski", "Nguyen", "Adeyemi", "Rossi", "Singh", "Dubois", "Fischer", "Khan"]
COMPANIES = ["Acme Ltd", "Northwind", '"Smith, Jones & Co"', "Blue Harbour Consulting",
             "City Hospital", "Fernhill School", "Globex", "Initech", "Umbrella Health"]
POSITIONS = ["Product Manager", "Engineer", "Director of Sales", "Founder", "Nurse", "Teacher",
             '"Partner, Tax"', "Consultant", "Designer", "Analyst"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def write_linkedin_export(path: Path, rows: int, seed: int = 7) -> Path:
    """A synthetic Connections.csv shaped like LinkedIn's current export (invented people)."""
    rng = random.Random(seed)
    lines = [LINKEDIN_NOTES, HEADER]
    for number in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{number}@example.org" if rng.random() < 0.15 else ""
        day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
        url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{number:05d}"
        url = url.replace("'", "")
        lines.append(f"{first},{last},{url},{email},{rng.choice(COMPANIES)},"
                     f"{rng.choice(POSITIONS)},{day}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _time(call: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time leaves out waiting for a core on
    a busy machine, so its fastest run is the steadier figure under load)."""
    start, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = write_linkedin_export(Path(folder) / "Connections.csv", options.rows)
        baseline, ours = [], []
        for _ in range(options.repeat):  # alternated, so that a busy spell hits both
            baseline.append(_time(lambda: pd.read_csv(export, skiprows=3, dtype=str)))
            ours.append(_time(lambda: read_contacts(export)))
        base = statistics.median(wall for wall, _ in baseline)
        mine = statistics.median(wall for wall, _ in ours)
        base_cpu, mine_cpu = min(cpu for _, cpu in baseline), min(cpu for _, cpu in ours)
        print(f"rows: {options.rows}, median of {options.repeat} (CPU: fastest)")
        print(f"pandas.read_csv:  {base * 1000:8.1f} ms   CPU {base_cpu * 1000:6.1f} ms")
        print(f"read_contacts:    {mine * 1000:8.1f} ms   CPU {mine_cpu * 1000:6.1f} ms   "
              f"ratio {mine / base:.2f}x, CPU {mine_cpu / base_cpu:.2f}x (goal <= 2x)")
        with open_workbook(Path(folder) / "workbook.sqlite") as workbook:
            start = time.perf_counter()
            first = import_into_workbook(export, workbook)
            fresh = time.perf_counter() - start
            start = time.perf_counter()
            again = import_into_workbook(export, workbook)
            repeat = time.perf_counter() - start
        print(f"import into a fresh workbook: {fresh:6.2f} s   ({first.summary()})")
        print(f"import the same file again:   {repeat:6.2f} s   ({again.summary()})")


if __name__ == "__main__":
    main()
