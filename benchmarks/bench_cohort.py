"""The facilitator's cohort report for a room of 500, against plain ``json.load``.

Measured in one run, so the figures compare on any machine:
- the baseline: ``json.load`` of the same 500 summary files, nothing else;
- ``load_summaries`` (read and check every file, drop repeats), ``aggregate`` and
  ``cohort_html`` (the self-contained report page), each and together.

Goal (issue 8): load + aggregate + report for 500 summaries ≤ 1 s. Timing is printed,
never asserted.

Run: ``.venv/bin/python benchmarks/bench_cohort.py [--count 500] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from _timing import timed  # benchmarks/ is on sys.path when run as a script

from networking_kit.cohort_examples import write_examples
from networking_kit.cohort_report import aggregate, cohort_html, load_summaries

GOAL_SECONDS = 1.0
TODAY = date(2026, 11, 23)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="summaries (default 500)")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="networking-kit-cohort-") as tmp:
        folder = Path(tmp)
        write_examples(folder, args.count)
        files = sorted(folder.glob("*.json"))

        def baseline() -> list[object]:
            out = []
            for path in files:
                with path.open(encoding="utf-8") as handle:
                    out.append(json.load(handle))
            return out

        def everything() -> str:
            summaries, problems = load_summaries(folder)
            return cohort_html(aggregate(summaries), problems, TODAY)

        timed(everything, 1)  # warm the disk cache and the template
        base, _ = timed(baseline, args.rounds)
        load, (summaries, problems) = timed(lambda: load_summaries(folder), args.rounds)
        agg, report = timed(lambda: aggregate(summaries), args.rounds)
        page_s, page = timed(lambda: cohort_html(report, problems, TODAY), args.rounds)
        total, _ = timed(everything, args.rounds)

    print(f"{args.count} summaries, median of {args.rounds} runs "
          f"({len(summaries)} loaded, {len(problems)} skipped)")
    rows = (("json.load baseline", base), ("load_summaries", load), ("aggregate", agg),
            ("cohort_html", page_s), ("all three together", total))
    for name, seconds in rows:
        print(f"  {name:<20} {seconds * 1000:8.1f} ms  {seconds / base:6.2f}× baseline")
    verdict = "ok" if total <= GOAL_SECONDS else "OVER"
    print(f"goal: all three ≤ {GOAL_SECONDS:g} s → {total:.3f} s ({verdict}); "
          f"report page {len(page) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
