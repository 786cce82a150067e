"""The map step at LinkedIn's 30,000-connection maximum, beside the bare-kernel floor.

Measured in one run, so the figures can be compared on any machine:
- the floor: a fresh kernel that imports pandas, plotly and ipywidgets and shows one
  figure (``run_all.py``'s floor notebook), the price of any workbook;
- building the ego map figure for 30,000 people, and the size of its JSON;
- computing every metric, the gaps against a goal and a census of 12;
- one triage edit, including its save to the workbook file;
- the peak memory of a process holding all of that (what a kernel would hold).

Goals (issue 5): ego map ≤ 1 s and ≤ 3 MB of JSON, one triage edit ≤ 20 ms, kernel
≤ 300 MB. Timing is printed, never asserted.

Run: ``.venv/bin/python benchmarks/bench_map.py [--size 30000] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import plotly.io as pio
from _timing import timed  # benchmarks/ is on sys.path when run as a script

from networking_kit.charts import ego_map
from networking_kit.gaps import find_gaps
from networking_kit.goals import Goal, GoalKind
from networking_kit.network_metrics import describe_network
from networking_kit.samples import large_network
from networking_kit.steps.map import MapSession
from networking_kit.store import open_workbook
from networking_kit.triage import TriageFilter, page, select

TODAY = date(2026, 11, 23)


def floor_seconds(rounds: int) -> float:
    from run_all import run_once, seed_workbook, write_floor

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        seeded = seed_workbook(scratch / "seed.sqlite")
        floor = write_floor(scratch)
        return statistics.median(run_once(floor, seeded, scratch, 120)[0]
                                 for _ in range(rounds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    floor = floor_seconds(max(1, args.rounds // 2))
    start = time.perf_counter()
    contacts = large_network(args.size)
    made = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        workbook = open_workbook(Path(folder) / "big.sqlite")
        start = time.perf_counter()
        workbook.save_contacts(contacts)
        saved = time.perf_counter() - start
        start = time.perf_counter()
        contacts = workbook.load_contacts()
        loaded = time.perf_counter() - start

        build, figure = timed(lambda: ego_map(contacts), args.rounds)
        json_bytes = len(pio.to_json(figure, validate=False).encode("utf-8"))
        serialise, _ = timed(lambda: pio.to_json(figure, validate=False), args.rounds)
        census = contacts["contact_id"].head(12).tolist()
        ties = list(zip(census[::2], census[1::2], strict=True))
        metrics, _ = timed(lambda: describe_network(contacts, ties, census), args.rounds)
        goal = Goal(kind=GoalKind.BETTER_CONNECTED, targets=["fintech"])
        gaps, _ = timed(lambda: find_gaps(contacts, goal, ties, TODAY), args.rounds)
        filtered, shown = timed(
            lambda: page(select(contacts, TriageFilter(search="kestrel")), 1), args.rounds)
        ids = iter(contacts["contact_id"].tolist())
        session = MapSession(workbook, TODAY)
        edit, _ = timed(lambda: session.edit_contact(next(ids), strength="close"),
                        max(args.rounds, 20))
        workbook.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"map step with {len(contacts):,} contacts (medians of {args.rounds} runs)")
    print(f"  floor: bare kernel Run-All           {floor:8.2f} s")
    print(f"  make the network (synthetic)         {made:8.2f} s")
    print(f"  save to the workbook file            {saved:8.2f} s")
    print(f"  load from the workbook file          {loaded:8.2f} s")
    print(f"  ego map figure                       {build:8.3f} s   goal ≤ 1 s"
          f"   ({build / floor:.2f}× floor)")
    print(f"  ego map JSON                         {json_bytes / 1e6:8.2f} MB  goal ≤ 3 MB")
    print(f"  ego map to JSON                      {serialise:8.3f} s")
    print(f"  all metrics + census                 {metrics:8.3f} s   ({metrics / floor:.2f}×"
          " floor)")
    print(f"  gaps against a goal                  {gaps:8.3f} s")
    print(f"  filter + one page                    {filtered:8.3f} s   ({len(shown)} rows)")
    print(f"  one triage edit incl. save           {edit * 1000:8.1f} ms  goal ≤ 20 ms")
    print(f"  peak memory of this process          {peak_mb:8.0f} MB  goal ≤ 300 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
