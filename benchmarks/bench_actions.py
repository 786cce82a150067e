"""Every participant action, driven through the step sessions, against a same-run floor.

Two workbook files: the sample participant (about 150 contacts) and the same participant
with a LinkedIn-sized synthetic network added (30,000 contacts). For each, every action is
timed twice, each time on its own copy of the file:

- **action**: on a bare session (no page): its one transaction and its memory update;
- **+ listeners**: on a session with the step's page built (every section listening), the
  action plus everything its change event redraws, debounced pictures flushed at once.

Each time is printed as wall-clock milliseconds and as the CPU milliseconds of this
process (``time.process_time``): on a shared, busy machine the wall clock counts the
waiting for a core too, the CPU time only the work. The floor is one
``Workbook.update_contact`` on the same file in the same run. Goals
(issue 11): every action ≤ 50 ms at 30,000 contacts and its listeners ≤ 150 ms more.
Prints one line per action and ends with ``slowest action: NAME N ms (R× floor)``. Timing
is printed, never asserted.

Pictures are redrawn in place, as in the workshop app, whose server serves plotly's page
code once (``networking_kit/plotly_bundle.py``, as ``bench_listeners.py`` does);
``--new-widgets`` makes a new chart widget for each redraw instead, as in a kernel whose
server does not (JupyterLab).

Run: ``.venv/bin/python benchmarks/bench_actions.py [--sizes 150 30000] [--rounds 5]
[--only NAME …] [--new-widgets]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from networking_kit.followups.events import Met
from networking_kit.goal_diagnostic import QUESTIONS
from networking_kit.samples import large_network
from networking_kit.steps.followups import FollowupSession
from networking_kit.steps.goal import GoalSession
from networking_kit.steps.map import MapSession
from networking_kit.steps.sample import make_sample_workbook
from networking_kit.store import Workbook, open_workbook
from networking_kit.ui import chart_table
from networking_kit.ui.followups import FollowupWorkbook
from networking_kit.ui.goal import GoalWorkbook
from networking_kit.ui.map import MapWorkbook
from networking_kit.vocab import ActionStatus, TieStrength

TODAY = date(2026, 11, 23)
GOAL_MS, LISTENERS_MS = 50.0, 150.0


@dataclass
class Step:
    """How to open one step bare and with its page; ``flush`` draws what is debounced."""

    bare: Callable[[Workbook], object]
    page: Callable[[Workbook], tuple[object, Callable[[], None]]]


def _map_page(workbook: Workbook) -> tuple[object, Callable[[], None]]:
    page = MapWorkbook(workbook, TODAY)
    for section in (page.get_people_in, page.triage, page.pictures, page.metrics,
                    page.census, page.gaps, page.summary):
        section()
    page.flush_redraws()
    return page.session, page.flush_redraws


def _followup_page(workbook: Workbook) -> tuple[object, Callable[[], None]]:
    page = FollowupWorkbook(workbook, TODAY)
    for section in (page.keep_warm, page.suggestions, page.schedule, page.after_an_event,
                    page.log, page.calendar, page.summary):
        section()
    return page.session, lambda: None  # no event loop here: its pictures redraw at once


def _goal_page(workbook: Workbook) -> tuple[object, Callable[[], None]]:
    page = GoalWorkbook(GoalSession(workbook, TODAY))
    for section in (page.diagnostic, page.choice, page.situation, page.builder,
                    page.venues, page.summary):
        section()
    return page.session, lambda: None


STEPS = {
    "map": Step(lambda w: MapSession(w, TODAY), _map_page),
    "followups": Step(lambda w: FollowupSession(w, TODAY), _followup_page),
    "goal": Step(lambda w: GoalSession(w, TODAY), _goal_page),
}


def _open_ids(session: FollowupSession, status: ActionStatus) -> list[str]:
    return [a.action_id for a in session.plan if a.status == status]


def _people(session: MapSession) -> list[str]:
    return session.contacts["contact_id"].astype(str).tolist()


# name: (step, action(session, round number)). Each round acts on different people or
# actions, as a participant going down a list would.
ACTIONS: dict[str, tuple[str, Callable[[object, int], object]]] = {
    "add a person": ("map", lambda s, i: s.add_person(f"Quincy Newcomer{i}",
                                                       strength="known")),
    "sort one": ("map", lambda s, i: s.edit_contact(_people(s)[-1 - i], strength="close")),
    "sort many (25)": ("map", lambda s, i: s.sort_many(
        _people(s)[25 * i: 25 * i + 25], context="client")),
    "set a census pair": ("map", lambda s, i: s.set_pair(_people(s)[2 * i],
                                                          _people(s)[2 * i + 1])),
    "keep an action": ("followups", lambda s, i: s.keep(
        _open_ids(s, ActionStatus.PLANNED)[0])),
    "skip an action": ("followups", lambda s, i: s.skip(
        _open_ids(s, ActionStatus.PLANNED)[0])),
    "change an action": ("followups", lambda s, i: s.change(
        s.plan[i].action_id, title=f"Call about the spring project ({i})")),
    "done": ("followups", lambda s, i: s.done(_open_ids(s, ActionStatus.PLANNED)[0],
                                              TODAY)),
    "log a call": ("followups", lambda s, i: s.log_call(
        s.contacts["contact_id"].iloc[3 * i], TODAY, note="caught up")),
    "log an event (2 people)": ("followups", lambda s, i: s.log_event(
        f"Product meet-up {i}", [Met(f"Ida Event{i}", "pricing"),
                                 Met(f"Joe Event{i}", "hiring")], TODAY)),
    "set a rhythm": ("followups", lambda s, i: s.set_layer_rhythm(
        TieStrength.CLOSE, 21 + i, 60 + i)),
    "set away weeks": ("followups", lambda s, i: s.set_away(
        TODAY - timedelta(days=TODAY.weekday()) + timedelta(weeks=2 + i), True)),
    "answer a question": ("goal", lambda s, i: s.answer(
        QUESTIONS[i % len(QUESTIONS)].key, QUESTIONS[i % len(QUESTIONS)].options[
            i % len(QUESTIONS[i % len(QUESTIONS)].options)].key)),
    "set the goal's date": ("goal", lambda s, i: s.set_by_when(TODAY + timedelta(
        weeks=10 + i))),
}


def build(folder: Path, size: int) -> Path:
    """The sample participant's workbook, plus ``size - 150`` synthetic people."""
    path = folder / f"participant-{size}.sqlite"
    workbook = make_sample_workbook(path, TODAY)
    extra = size - workbook.count_contacts()
    if extra > 0:
        workbook.save_contacts(large_network(extra))
    workbook.close()
    return path


def floor_ms(path: Path, rounds: int) -> float:
    with open_workbook(path) as workbook:
        ids = workbook.load_contacts()["contact_id"].astype(str).tolist()
        times = []
        for i in range(max(rounds, 9)):
            start = time.perf_counter()
            workbook.update_contact(ids[i], strength="regular")
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_action(source: Path, scratch: Path, name: str, rounds: int,
                with_page: bool) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``rounds`` runs of one action."""
    step_name, act = ACTIONS[name]
    step = STEPS[step_name]
    copy = scratch / f"{'page' if with_page else 'bare'}.sqlite"
    for leftover in scratch.glob(f"{copy.name}*"):
        leftover.unlink()
    shutil.copy2(source, copy)
    with open_workbook(copy) as workbook:
        if with_page:
            session, flush = step.page(workbook)
        else:
            session, flush = step.bare(workbook), (lambda: None)
        times, cpu = [], []
        for i in range(rounds):
            start, started_cpu = time.perf_counter(), time.process_time()
            act(session, i)
            flush()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - started_cpu)
    return statistics.median(times) * 1000, statistics.median(cpu) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 30_000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="action names to run")
    parser.add_argument("--new-widgets", action="store_true",
                        help="a new chart widget per redraw (a server without plotly's "
                             "code served once), not redrawn in place as in the app")
    args = parser.parse_args(argv)
    chart_table.IN_PLACE = not args.new_widgets
    names = args.only or list(ACTIONS)
    slowest: tuple[float, str, float] | None = None
    with tempfile.TemporaryDirectory(prefix="networking-kit-actions-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            started = time.perf_counter()
            source = build(folder, size)
            floor = floor_ms(source, args.rounds)
            print(f"\n{size:,} contacts (built in {time.perf_counter() - started:.1f} s); "
                  f"floor: one update_contact {floor:.2f} ms; medians of {args.rounds}; "
                  "pictures " + ("as new widgets" if args.new_widgets else "redrawn in place"))
            print(f"  {'action':<26} {'action ms':>10} {'cpu ms':>8} {'× floor':>8} "
                  f"{'listeners ms':>13} {'cpu ms':>8}")
            scratch = folder / "scratch"
            scratch.mkdir(exist_ok=True)
            for name in names:
                bare, bare_cpu = time_action(source, scratch, name, args.rounds, False)
                paged, paged_cpu = time_action(source, scratch, name, args.rounds, True)
                listeners = max(0.0, paged - bare)
                listeners_cpu = max(0.0, paged_cpu - bare_cpu)
                flags = []
                if size >= 30_000 and bare > GOAL_MS:
                    flags.append(f"action over {GOAL_MS:g} ms")
                if size >= 30_000 and listeners > LISTENERS_MS:
                    flags.append(f"listeners over {LISTENERS_MS:g} ms")
                print(f"  {name:<26} {bare:>10.1f} {bare_cpu:>8.1f} {bare / floor:>7.0f}× "
                      f"{listeners:>13.1f} {listeners_cpu:>8.1f}"
                      + (f"   {'; '.join(flags)}" if flags else ""), flush=True)
                if size == max(args.sizes) and (slowest is None or bare > slowest[0]):
                    slowest = (bare, name, bare / floor)
    if slowest is not None:
        print(f"\nslowest action: {slowest[1]} {slowest[0]:.0f} ms ({slowest[2]:.0f}× floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
