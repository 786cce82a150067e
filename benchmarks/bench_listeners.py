"""Step 2's listeners: what every section of the page costs after each step-2 action.

The sample participant (goal, census, ties, plan) with a LinkedIn-sized synthetic network
added (30,000 contacts by default). Step 2's whole page is built and first drawn, as in the
app; then each action runs ``--rounds`` times on that page, each round on other people, as
a participant going down the list would, and everything its change event makes redraw is
drawn at once (the debounce flushed). For each action this prints, in CPU milliseconds of
this process (``time.process_time``, which a busy machine's waiting leaves out; the wall
clock is printed beside the total):

- **action**: the session's own work (the transaction and the memory update);
- **listeners**: every listener of the change event plus every redraw it asked for,
  and then one line per listener or redraw that took more than half a millisecond.

The floor is one ``Workbook.update_contact`` on the same file in the same run. Goal (issue
11): every action's listeners ≤ 150 ms more than the action at 30,000 contacts. Ends with
``slowest listeners: ACTION N ms (R× floor)``. Timing is printed, never asserted.

Pictures are redrawn in place, as in the workshop app, whose server serves plotly's page
code once (``networking_kit/plotly_bundle.py``); ``--new-widgets`` makes a new chart
widget for each redraw instead, as in a kernel whose server does not (JupyterLab).

Run: ``PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_listeners.py [--size 30000]
[--rounds 5] [--only "sort one" …] [--new-widgets]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The same participant as bench_actions (run as a script, benchmarks/ is on the path).
from bench_actions import TODAY, build

from networking_kit.steps._session import ChangeEvent
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui import chart_table
from networking_kit.ui.map import MapWorkbook
from networking_kit.ui.redraw import Redraws

LISTENERS_MS = 150.0
_SHOWN_MS = 0.5  # a part that took less than this is left out of the breakdown


@dataclass(frozen=True)
class Targets:
    """Who the rounds act on, worked out before the clock starts."""

    everyone: list[str]
    unsorted: list[str]


def targets(page: MapWorkbook) -> Targets:
    contacts = page.session.contacts
    return Targets(contacts["contact_id"].astype(str).tolist(),
                   contacts.loc[contacts["strength"].isna(), "contact_id"].astype(str).tolist())


def _add_by_hand(page: MapWorkbook, i: int, _people: Targets) -> None:
    """What Enter in the name box does: the form's own path, fields chosen first."""
    page.closeness.value = "known"
    page.add_person(f"Quincy Newcomer{i}")


# name: action(page, round number, people): each round acts on other people.
ACTIONS: dict[str, Callable[[MapWorkbook, int, Targets], object]] = {
    "add by hand": _add_by_hand,
    "sort one (closeness)": lambda p, i, t: p.session.edit_contact(
        t.unsorted[i], strength="close"),
    "sort one (dormant)": lambda p, i, t: p.session.edit_contact(
        t.unsorted[-1 - i], strength="dormant"),
    "sort many (25, closeness)": lambda p, i, t: p.session.sort_many(
        t.unsorted[100 + 25 * i: 125 + 25 * i], strength="known"),
    "sort many (25, where from)": lambda p, i, t: p.session.sort_many(
        t.everyone[1000 + 25 * i: 1025 + 25 * i], context="client"),
    "set a census pair": lambda p, i, t: p.session.set_pair(
        p.session.census_default()[i % 2], p.session.census_default()[i % 2 + 1],
        know_each_other=i % 4 < 2),
}


def floor_ms(path: Path, rounds: int) -> float:
    """CPU milliseconds of one ``update_contact`` (median)."""
    with open_workbook(path) as workbook:
        ids = workbook.load_contacts()["contact_id"].astype(str).tolist()
        times = []
        for i in range(max(rounds, 9)):
            start = time.process_time()
            workbook.update_contact(ids[i], strength="regular")
            times.append(time.process_time() - start)
    return statistics.median(times) * 1000


class Meter:
    """CPU seconds spent in each listener and each redraw of one page, by name."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, call: Callable[..., None]) -> Callable[..., None]:
        def timed(*args: object) -> None:
            start = time.process_time()
            try:
                call(*args)
            finally:
                self.spent[name] += time.process_time() - start

        return timed

    def take(self) -> dict[str, float]:
        spent, self.spent = dict(self.spent), defaultdict(float)
        return spent


def _listener_name(listener: Callable[[ChangeEvent], None]) -> str:
    owner = getattr(listener, "__self__", None)
    qualified = getattr(listener, "__qualname__", repr(listener))
    if owner is not None:
        return f"{type(owner).__name__}.{listener.__name__} (now)"
    return f"{qualified.split('.<locals>')[0]} (now)"


def metered_page(workbook: Workbook, meter: Meter) -> MapWorkbook:
    """Step 2's page with every section built and drawn, each listener and redraw timed."""
    page = MapWorkbook(workbook, TODAY)
    for section in (page.get_people_in, page.triage, page.pictures, page.metrics,
                    page.census, page.gaps, page.summary):
        section()
    page.flush_redraws()
    session = page.session
    session._listeners = [(topics, meter.wrap(_listener_name(listener), listener))
                          for topics, listener in session._listeners]
    request = page.redraws.request

    def metered_request(key: str, redraw: Callable[[], None],
                        busy: Callable[[], None] | None = None) -> None:
        request(key, meter.wrap(f"{key} (redraw)", redraw), busy)

    page.redraws.request = metered_request  # type: ignore[method-assign]
    return page


def time_action(source: Path, scratch: Path, name: str, rounds: int,
                ) -> tuple[list[float], list[float], list[float], dict[str, list[float]]]:
    """Per round: action CPU s, listeners CPU s, wall s, and each part's CPU s."""
    copy = scratch / "page.sqlite"
    for leftover in scratch.glob(f"{copy.name}*"):
        leftover.unlink()
    shutil.copy2(source, copy)
    meter = Meter()
    actions, listeners, walls = [], [], []
    parts: dict[str, list[float]] = defaultdict(list)
    with open_workbook(copy) as workbook:
        page = metered_page(workbook, meter)
        redraws: Redraws = page.redraws
        act, people = ACTIONS[name], targets(page)
        for i in range(rounds):
            meter.take()
            wall, cpu = time.perf_counter(), time.process_time()
            act(page, i, people)
            redraws.flush()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            spent = meter.take()
            heard = sum(spent.values())
            actions.append(cpu - heard)
            listeners.append(heard)
            walls.append(wall)
            for part in spent.keys() | parts.keys():
                parts[part].append(spent.get(part, 0.0))
        if page.session.last_error is not None:
            raise RuntimeError(f"a listener failed: {page.session.last_error!r}")
    return actions, listeners, walls, parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="action names to run")
    parser.add_argument("--new-widgets", action="store_true",
                        help="a new chart widget per redraw (a server without plotly's "
                             "code served once), not redrawn in place as in the app")
    args = parser.parse_args(argv)
    chart_table.IN_PLACE = not args.new_widgets
    ms = 1000
    slowest: tuple[float, str] | None = None
    with tempfile.TemporaryDirectory(prefix="networking-kit-listeners-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        source = build(folder, args.size)
        floor = floor_ms(source, args.rounds)
        print(f"step 2, {args.size:,} contacts (built in {time.perf_counter() - started:.1f}"
              f" s); floor: one update_contact {floor:.2f} ms CPU; medians of {args.rounds}"
              "; CPU ms unless said; pictures "
              + ("as new widgets" if args.new_widgets else "redrawn in place"))
        print(f"  {'action':<28} {'action':>8} {'listeners':>10} {'× floor':>8} "
              f"{'wall ms':>8}")
        scratch = folder / "scratch"
        scratch.mkdir()
        for name in args.only or list(ACTIONS):
            actions, listeners, walls, parts = time_action(source, scratch, name,
                                                           args.rounds)
            action = statistics.median(actions) * ms
            heard = statistics.median(listeners) * ms
            over = heard > LISTENERS_MS and args.size >= 30_000
            print(f"  {name:<28} {action:>8.1f} {heard:>10.1f} {heard / floor:>7.0f}× "
                  f"{statistics.median(walls) * ms:>8.1f}"
                  + (f"   listeners over {LISTENERS_MS:g} ms" if over else ""), flush=True)
            for part, times in sorted(parts.items(), key=lambda kv: -statistics.median(
                    kv[1])):
                cost = statistics.median(times) * ms
                if cost >= _SHOWN_MS:
                    print(f"      {part:<40} {cost:>8.1f}")
            if slowest is None or heard > slowest[0]:
                slowest = (heard, name)
    if slowest is not None:
        print(f"\nslowest listeners: {slowest[1]} {slowest[0]:.0f} ms "
              f"({slowest[0] / floor:.0f}× floor; goal ≤ {LISTENERS_MS:g} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
