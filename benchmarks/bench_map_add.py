"""Step 2 at 30,000 contacts: how long "Add someone by hand" takes to confirm, and one sort.

Every section of the page is built (as in the app), then each add goes through the form's
own path (``MapWorkbook.add_person``: fields reset, the session's one-INSERT action, every
listening section that redraws in the same click) and ends when the confirmation sentence
is on the page. The pictures wait for their debounce and are not part of it (they redraw
after the typing stops). Beside it: the session's action alone, one sorting click through
a row of the form, and the floor (one ``update_contact`` on the same file). Timing is
printed, never asserted.

Run: ``PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_map_add.py [--size 30000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import timed  # benchmarks/ is on sys.path when run as a script

from networking_kit.goals import Goal, GoalKind
from networking_kit.samples import large_network
from networking_kit.steps.map import MapSession
from networking_kit.store import open_workbook
from networking_kit.store.records import save_goal
from networking_kit.ui.map import MapWorkbook

TODAY = date(2026, 11, 23)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    numbers = count()
    with tempfile.TemporaryDirectory() as folder:
        workbook = open_workbook(Path(folder) / "big.sqlite")
        workbook.save_contacts(large_network(args.size))
        save_goal(workbook, Goal(kind=GoalKind.BETTER_CONNECTED, targets=["fintech"]))
        step = MapWorkbook(workbook, TODAY)
        for build in (step.get_people_in, step.triage, step.pictures, step.metrics,
                      step.census, step.gaps, step.summary):
            build()
        ids = iter(step.session.contacts["contact_id"].tolist())
        floor, _ = timed(lambda: workbook.update_contact(next(ids), notes="x"), args.rounds)

        def add_through_form() -> None:
            step.closeness.value = "close"
            step.add_person(f"Typed Person {next(numbers)}")
            assert "Added Typed Person" in step.add_status.value

        form_add, _ = timed(add_through_form, args.rounds)
        session_add, _ = timed(lambda: step.session.add_person(f"Plain {next(numbers)}"),
                               args.rounds)
        rows = iter(step.triage_form.rows * 4)
        closeness = iter(["dormant", "known"] * args.rounds * 4)

        def sort_through_form() -> None:
            next(rows).closeness.value = next(closeness)

        form_sort, _ = timed(sort_through_form, args.rounds)
        session_sort, _ = timed(
            lambda: step.session.edit_contact(next(ids), strength="regular"), args.rounds)
        batch = step.session.contacts["contact_id"].head(1000).tolist()
        sort_many, _ = timed(lambda: step.session.sort_many(batch, context="online"), 3)
        pending = step.redraws.pending
        redraw, _ = timed(step.flush_redraws, 1)
        assert MapSession(workbook, TODAY).people == step.session.people
        workbook.close()
    ms = 1000
    print(f"step 2 with {args.size:,} contacts (medians of {args.rounds})")
    print(f"  floor: one update_contact              {floor * ms:8.1f} ms")
    print(f"  add by hand, to the confirmation       {form_add * ms:8.1f} ms   goal ≤ 1000 ms")
    print(f"  add_person (the session action alone)  {session_add * ms:8.1f} ms")
    print(f"  one sorting click on a row             {form_sort * ms:8.1f} ms")
    print(f"  edit_contact (the session action)      {session_sort * ms:8.1f} ms")
    print(f"  sort_many, 1,000 people                {sort_many * ms:8.1f} ms")
    print(f"  the debounced redraw afterwards        {redraw * ms:8.1f} ms"
          f"   ({', '.join(pending)})")


if __name__ == "__main__":
    main()
