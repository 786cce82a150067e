"""The facilitator's view of a room: anonymised summaries in, one aggregate report out.

A participant may opt in to share a small summary of their workbook: counts and venue
catalogue ids only, never a name, an address, a company or a word they typed. Each
summary is one JSON file in a drop folder the facilitator sets up (``NETWORKING_KIT_DROP``);
this module writes those files, reads a folder of them back (reporting, never failing
on, a broken or repeated one) and adds them up into a :class:`CohortReport` and a
self-contained HTML page. Nothing here knows about widgets.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from networking_kit.charts_base import GOAL_KIND_COLOURS, OKABE_ITO
from networking_kit.export.svg import bars_svg, paired_bars_svg
from networking_kit.export.templating import TEMPLATES
from networking_kit.goals import GoalKind, goal_done
from networking_kit.network import diversity, layer_sizes, sector_of, tie_mix, untriaged_count
from networking_kit.network_metrics import variety_word
from networking_kit.progress import counts_in_plan
from networking_kit.settings import DUNBAR_LAYERS
from networking_kit.steps.followups_store import load_plan
from networking_kit.steps.goal import load_goal
from networking_kit.store import Workbook
from networking_kit.venues import load_venue_catalogue, mid_sentence
from networking_kit.vocab import WEAK, ActionKind, ActionStatus, TieStrength

FORMAT = "networking-kit-cohort-summary"
VERSION = 1
DROP_ENV_VAR = "NETWORKING_KIT_DROP"
SUMMARY_ID_KEY = "cohort_summary_id"  # in the workbook profile: re-sharing replaces one file
# A summary is a few hundred bytes; anything much bigger is not one, and is not read.
MAX_FILE_BYTES = 64_000
_ID = re.compile(r"^[0-9a-f]{8,64}$")
_VENUE_ID = re.compile(r"^[a-z0-9_]{1,64}$")
_STRENGTHS = tuple(s.value for s in TieStrength)
_COUNTS = ("untriaged", "total", "sector_count", "planned_actions", "done_actions",
           "commitments", "check_ins")
_SHARES = ("context_diversity_iqv", "weak_share", "dormant_share")
# Size bands for "typical network shapes": up to Dunbar's 50, up to his 150, and beyond.
SIZE_BANDS: tuple[tuple[str, int], ...] = (
    ("under 50 people", 50), ("50 to 150", 151), ("151 to 500", 501), ("over 500", 10**12))
# Mix bands by the share of weaker ties (known, acquaintance) among everyone in the map.
MIX_BANDS: tuple[tuple[str, float], ...] = (
    ("mostly close ties", 1 / 3), ("a mix of close and weaker ties", 2 / 3),
    ("mostly weaker ties", 1.01))


# ----------------------------------------------------------------- the participant side


def drop_folder() -> Path | None:
    """The folder the facilitator set up for summaries (``NETWORKING_KIT_DROP``), or None."""
    chosen = os.environ.get(DROP_ENV_VAR, "").strip()
    return Path(chosen).expanduser() if chosen else None


def summary_id(workbook: Workbook) -> str:
    """A random id kept in the workbook, so sharing again replaces the earlier file.

    Random rather than derived from anything about the person, so it says nothing.
    """
    saved = workbook.get_profile(SUMMARY_ID_KEY)
    if isinstance(saved, str) and _ID.match(saved):
        return saved
    fresh = secrets.token_hex(8)
    workbook.set_profile(SUMMARY_ID_KEY, fresh)
    return fresh


def summarise(workbook: Workbook, today: date | None = None) -> dict[str, Any]:
    """What a participant shares: counts and catalogue venue ids, nothing they typed.

    Every value is a number, a yes/no, a goal kind or a venue id from the catalogue; the
    goal's wording, the places named and every contact field stay in the workbook.
    """
    today = today or date.today()
    contacts = workbook.load_contacts()
    goal = load_goal(workbook)
    mix = tie_mix(contacts)
    plan = load_plan(workbook)
    # What step 3 and the printed plan count: dated actions, and those done. Ideas with
    # no date yet ("later") are not yet a plan, and counting them made the shared number
    # larger than the one the participant had just read.
    kept = [a for a in plan if counts_in_plan(a.status, a.due_on)]
    catalogue = {venue.id for venue in load_venue_catalogue()}
    chosen = [] if goal is None else [*goal.venues, *(c.venue_id for c in goal.commitments)]
    return {
        "format": FORMAT,
        "version": VERSION,
        "summary_id": summary_id(workbook),
        "made_on": today.isoformat(),
        "goal_kind": None if goal is None or goal.kind is None else str(goal.kind),
        "goal_complete": goal_done(goal, today),
        "layers": {row.strength.value: row.count for row in layer_sizes(contacts)},
        "untriaged": untriaged_count(contacts),
        "total": len(contacts),
        "context_diversity_iqv": round(diversity(contacts, "context").iqv, 3),
        "sector_count": diversity(contacts.assign(sector=sector_of(contacts)), "sector").groups,
        "weak_share": round(mix.weak, 3),
        "dormant_share": round(mix.dormant, 3),
        "planned_actions": len(kept),
        "done_actions": sum(a.status == ActionStatus.DONE for a in kept),
        "venues": sorted({v for v in chosen if v in catalogue}),
        "commitments": 0 if goal is None else len(goal.commitments),
        "check_ins": sum(a.kind == ActionKind.CHECK_IN for a in kept),
    }


def summary_in_words(summary: Mapping[str, Any]) -> list[str]:
    """The shared summary as sentences a participant can check before agreeing to share.

    The file itself is numbers and codes; these say the same things in the workshop's
    words, one line per part, so "nothing about my contacts" can be seen at a glance.
    """
    kind = summary.get("goal_kind")
    goal = goal_label(kind) if kind else "not chosen yet"
    if kind and not summary.get("goal_complete"):
        goal += " (not finished)"
    layers = summary.get("layers", {})
    counts = ", ".join(f"{TieStrength(name).short_label.lower()} {layers[name]}"
                       for name in layers if name in set(TieStrength))
    names = {venue.id: venue.name for venue in load_venue_catalogue()}
    venues = [mid_sentence(names.get(v, v)) for v in summary.get("venues", [])]
    iqv = float(summary.get("context_diversity_iqv") or 0)
    return [
        f"Your goal: {goal}.",
        f"People in your map: {summary.get('total', 0)}"
        + (f" ({counts}; {summary.get('untriaged', 0)} without a closeness yet)."
           if counts else "."),
        f"How varied your circles are: {variety_word(iqv).lower()} ({iqv:.2f}, where 1 is "
        f"the most varied); {summary.get('sector_count', 0)} fields or sectors.",
        f"Weaker ties: {summary.get('weak_share', 0):.0%} of your people; dormant ties: "
        f"{summary.get('dormant_share', 0):.0%}.",
        f"Follow-ups planned: {summary.get('planned_actions', 0)}, done: "
        f"{summary.get('done_actions', 0)}; check-ins: {summary.get('check_ins', 0)}.",
        "Venues you picked from the list: " + (", ".join(venues) or "none yet") + "; "
        f"commitments: {summary.get('commitments', 0)}.",
        "And today's date with a random number, so you can withdraw it later.",
    ]


def share_summary(workbook: Workbook, folder: Path, today: date | None = None) -> Path:
    """Write the summary as ``<summary_id>.json`` in ``folder``, replacing an earlier one.

    Written to a hidden temporary name and renamed, so the facilitator never reads half a
    file. The facilitator is another user: in a shared folder set up for a group (setgid,
    as ``deploy/drop_folder.sh`` makes it) the file is 0o640, readable by that group and
    not by other participants; in a plain folder it is 0o644.
    """
    summary = summarise(workbook, today)
    folder = Path(folder)
    target = folder / f"{summary['summary_id']}.json"
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(summary, out, indent=1, sort_keys=True)
        os.chmod(temporary, _shared_mode(folder))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _shared_mode(folder: Path) -> int:
    group_folder = folder.stat().st_mode & stat.S_ISGID
    return 0o640 if group_folder else 0o644


def withdraw_summary(workbook: Workbook, folder: Path) -> bool:
    """Remove this participant's shared summary again; True when there was one."""
    saved = workbook.get_profile(SUMMARY_ID_KEY)
    if not (isinstance(saved, str) and _ID.match(saved)):
        return False
    target = Path(folder) / f"{saved}.json"
    if not target.exists():
        return False
    target.unlink()
    return True


# ------------------------------------------------------------------ the facilitator side


def load_summaries(folder: Path | str) -> tuple[list[dict[str, Any]], list[str]]:
    """Every valid summary in ``folder``, and one plain sentence per file skipped.

    Bad files (not JSON, another format or version, a missing or wrong field, a negative
    count) and repeats of the same participant (the newest ``made_on`` is kept) are
    reported and skipped; nothing here raises for what is in the folder.
    """
    folder = Path(folder)
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".json"
                       and not p.name.startswith(".") and p.is_file())
    except FileNotFoundError:
        return [], [f"The folder {folder} does not exist yet: check the path, or create it "
                    "and ask participants to share again."]
    except NotADirectoryError:
        return [], [f"{folder} is a file, not a folder: give the folder the summaries go in."]
    except OSError as error:
        return [], [f"The folder {folder} cannot be read ({error.strerror or error})."]
    found: dict[str, tuple[dict[str, Any], Path]] = {}
    problems: list[str] = []
    for path in paths:
        summary, problem = _read_summary(path)
        if problem:
            problems.append(f"Skipped {path.name}: {problem}.")
            continue
        key = summary["summary_id"]
        if key not in found:
            found[key] = (summary, path)
            continue
        earlier, kept = found[key]
        skipped = path
        if summary["made_on"] > earlier["made_on"]:
            found[key], kept, skipped = (summary, path), path, kept
        problems.append(f"Skipped {skipped.name}: it repeats the same participant's summary as "
                        f"{kept.name}, which is as new or newer.")
    return [summary for summary, _ in found.values()], problems


def _read_summary(path: Path) -> tuple[dict[str, Any], str | None]:
    """The checked summary in one file, or a short reason it cannot be used."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {}, "it is far too large to be a summary"
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return {}, "it is not a text file"
    except json.JSONDecodeError as error:
        return {}, f"it is not valid JSON (line {error.lineno})"
    except RecursionError:
        return {}, "it is not a summary (nested too deeply)"
    except OSError as error:
        return {}, f"it cannot be read ({error.strerror or error})"
    return _check(data)


def _check(data: Any) -> tuple[dict[str, Any], str | None]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, "it is not a networking-kit cohort summary"
    version = data.get("version")
    if not _is_int(version) or version < 1:
        return {}, "its version is missing or unreadable"
    if version > VERSION:
        return {}, (f"it was made by a newer networking_kit (summary version {version}); "
                    "update the toolkit to read it")
    for name, valid, wanted in _FIELDS:
        if name not in data:
            return {}, f'the field "{name}" is missing'
        if not valid(data[name]):
            return {}, f'the field "{name}" should be {wanted}'
    layers = data["layers"]
    if data["total"] != sum(layers.values()) + data["untriaged"]:
        return {}, "its counts do not add up (layers and unsorted should make the total)"
    return {name: data[name] for name, _, _ in _FIELDS}, None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(value: Any) -> bool:
    return _is_int(value) and value >= 0


def _share(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and 0 <= value <= 1)


def _iso_day(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and len(value) == 10


_FIELDS: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
    ("summary_id", lambda v: isinstance(v, str) and bool(_ID.match(v)),
     "a code of 8 to 64 letters a-f and digits"),
    ("made_on", _iso_day, "a date like 2026-11-23"),
    ("goal_kind", lambda v: v is None or v in set(GoalKind), "one of the three goals or empty"),
    ("goal_complete", lambda v: isinstance(v, bool), "true or false"),
    ("layers", lambda v: isinstance(v, dict) and set(v) == set(_STRENGTHS)
     and all(_count(n) for n in v.values()),
     "a count for each closeness (" + ", ".join(_STRENGTHS) + ")"),
    *((name, _count, "a whole number, 0 or more") for name in _COUNTS),
    *((name, _share, "a number from 0 to 1") for name in _SHARES),
    ("venues", lambda v: isinstance(v, list) and len(v) <= 100
     and all(isinstance(i, str) and _VENUE_ID.match(i) for i in v),
     "a list of venue ids from the catalogue"),
)


@dataclass(frozen=True)
class Spread:
    """The middle of a set of numbers: lower quartile, median and upper quartile."""

    low: float
    median: float
    high: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        ordered = sorted(values)
        if not ordered:
            return cls(0.0, 0.0, 0.0)
        return cls(_quantile(ordered, 0.25), _quantile(ordered, 0.5), _quantile(ordered, 0.75))


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's and spreadsheets' default)."""
    position = (len(ordered) - 1) * q
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return float(ordered[below] + (ordered[above] - ordered[below]) * (position - below))


@dataclass(frozen=True)
class CohortReport:
    """What the room looks like, added up from everyone who shared."""

    participants: int
    goal_mix: dict[str, int]  # goal kind (or "not chosen") -> people
    goals_complete: int
    total: Spread
    layers: dict[str, Spread]  # each closeness on its own
    cumulative: dict[str, Spread]  # counting inwards, to set beside Dunbar's 5/15/50/150
    size_bands: dict[str, int]
    mix_bands: dict[str, int]
    untriaged: Spread
    context_diversity: Spread
    sector_count: Spread
    weak_share: Spread
    dormant_share: Spread
    planned_actions: Spread
    done_actions: Spread
    planned_each: tuple[int, ...]  # one number per participant, for a histogram
    commitments: Spread
    with_commitments: int
    check_ins: Spread
    venues: dict[str, int] = field(default_factory=dict)  # venue id -> people, most first

    def venue_share(self, venue_id: str) -> float:
        return self.venues.get(venue_id, 0) / self.participants if self.participants else 0.0


NOT_CHOSEN = "not chosen"


def aggregate(summaries: Sequence[Mapping[str, Any]]) -> CohortReport:
    """Add the summaries up: counts of goals, quartiles of sizes, how many chose each venue."""
    def spread(name: str) -> Spread:
        return Spread.of(s[name] for s in summaries)

    kinds = Counter(s["goal_kind"] or NOT_CHOSEN for s in summaries)
    goal_mix = {k: kinds.get(k, 0) for k in (*(str(k) for k in GoalKind), NOT_CHOSEN)}
    cumulative: dict[str, Spread] = {}
    inner = [0] * len(summaries)
    for strength in DUNBAR_LAYERS:
        inner = [n + s["layers"][strength.value] for n, s in zip(inner, summaries, strict=True)]
        cumulative[strength.value] = Spread.of(inner)
    venues = Counter(v for s in summaries for v in set(s["venues"]))
    return CohortReport(
        participants=len(summaries),
        goal_mix=goal_mix,
        goals_complete=sum(bool(s["goal_complete"]) for s in summaries),
        total=spread("total"),
        layers={k: Spread.of(s["layers"][k] for s in summaries) for k in _STRENGTHS},
        cumulative=cumulative,
        size_bands=_bands(summaries, "total", SIZE_BANDS),
        mix_bands=_bands([s for s in summaries if s["total"]], "weak_share", MIX_BANDS),
        untriaged=spread("untriaged"),
        context_diversity=spread("context_diversity_iqv"),
        sector_count=spread("sector_count"),
        weak_share=spread("weak_share"),
        dormant_share=spread("dormant_share"),
        planned_actions=spread("planned_actions"),
        done_actions=spread("done_actions"),
        planned_each=tuple(int(s["planned_actions"]) for s in summaries),
        commitments=spread("commitments"),
        with_commitments=sum(s["commitments"] > 0 for s in summaries),
        check_ins=spread("check_ins"),
        venues=dict(sorted(venues.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _bands(summaries: Sequence[Mapping[str, Any]], name: str,
           bands: Sequence[tuple[str, float]]) -> dict[str, int]:
    counts = dict.fromkeys((label for label, _ in bands), 0)
    for summary in summaries:
        label = next(label for label, below in bands if summary[name] < below)
        counts[label] += 1
    return counts


def venue_names() -> dict[str, str]:
    """Catalogue id -> the venue's plain name, for labels (unknown ids show as they are)."""
    return {venue.id: venue.name for venue in load_venue_catalogue()}


def goal_label(kind: str) -> str:
    return GoalKind(kind).label if kind in set(GoalKind) else kind.capitalize()


# ----------------------------------------------------------------------- the HTML page

_BLUE, _GREY, _ORANGE = OKABE_ITO["blue"], OKABE_ITO["grey"], OKABE_ITO["orange"]
_GREEN, _SKY = OKABE_ITO["bluish_green"], OKABE_ITO["sky_blue"]
_GOAL_COLOURS = {**{str(kind): colour for kind, colour in GOAL_KIND_COLOURS.items()},
                 NOT_CHOSEN: _GREY}


def cohort_html(report: CohortReport, problems: Sequence[str] = (),
                made_on: date | None = None, folder: str = "") -> str:
    """The report as one self-contained page: inline SVG bars, no script, nothing fetched.

    Every file name and problem is escaped by the template, since a drop folder is open
    to anyone in the room.
    """
    names = venue_names()
    goals = [(goal_label(k), n, _GOAL_COLOURS[k]) for k, n in report.goal_mix.items()]
    dunbar = [(s.short_label, report.cumulative[s.value].median, typical)
              for s, typical in DUNBAR_LAYERS.items()]
    venues = [(names.get(v, v), n) for v, n in report.venues.items()]
    return TEMPLATES.get_template("cohort.html.j2").render(
        report=report, problems=list(problems), made_on=made_on or date.today(),
        folder=folder, goal_label=goal_label, closeness=_closeness, venue_rows=[
            (name, n, n / report.participants if report.participants else 0.0)
            for name, n in venues],
        goals_svg=hbar_svg(goals, "Goals chosen"),
        layers_svg=paired_svg(dunbar, "Median people at each closeness beside Dunbar"),
        sizes_svg=hbar_svg([(k, n, _BLUE) for k, n in report.size_bands.items()],
                           "Network sizes"),
        mix_svg=hbar_svg([(k, n, _SKY) for k, n in report.mix_bands.items()], "Tie mix"),
        actions_svg=hbar_svg([(k, n, _GREEN) for k, n in action_histogram(
            report.planned_each).items()], "Planned actions"),
        venues_svg=hbar_svg([(name, n, _ORANGE) for name, n in venues[:12]], "Venues chosen"),
    )


def _closeness(value: str) -> str:
    """A stored closeness ("regular") as the participant reads it ("In regular touch")."""
    return TieStrength(value).short_label


def action_histogram(counts: Iterable[int]) -> dict[str, int]:
    """People by how many actions they planned, in bands a facilitator can read at a glance."""
    bands = (("none", 1), ("1 to 5", 6), ("6 to 10", 11), ("11 to 20", 21), ("21 to 40", 41),
             ("over 40", 10**12))
    out = dict.fromkeys((label for label, _ in bands), 0)
    for count in counts:
        out[next(label for label, below in bands if count < below)] += 1
    return out


def hbar_svg(rows: Sequence[tuple[str, float, str]], label: str, width: int = 640) -> Markup:
    """Horizontal bars with the number written beside each: readable without colour."""
    svg = bars_svg(rows, label, width, number=_number)
    return Markup(svg)  # noqa: S704 - bars_svg escapes every text inside


def paired_svg(rows: Sequence[tuple[str, float, int]], label: str, width: int = 560,
               height: int = 230) -> Markup:
    """The room's median beside the typical number, layer by layer (Dunbar 1993)."""
    svg = paired_bars_svg(rows, label, width, height, font_size=12, number=_number)
    return Markup(svg)  # noqa: S704 - paired_bars_svg escapes every text inside


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def write_cohort_report(folder: Path, out: Path, today: date | None = None,
                        ) -> tuple[int, list[str]]:
    """Read ``folder``, write the HTML report to ``out``: (participants, problems).

    For ``networking-kit cohort DIR --out report.html``. Bad summaries are in the
    problems (and in the page), never an exception; only failing to write ``out`` raises.
    """
    summaries, problems = load_summaries(folder)
    page = cohort_html(aggregate(summaries), problems, today, str(folder))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return len(summaries), problems


# -------------------------------------------------------------------- rehearsal data


def example_summaries(count: int, seed: int = 8) -> list[dict[str, Any]]:
    """Believable made-up summaries, for rehearsing the dashboard and for the tests."""
    import random

    rng = random.Random(seed)  # noqa: S311 - made-up numbers, not secrets
    venues = [venue.id for venue in load_venue_catalogue()]
    kinds = [*(str(k) for k in GoalKind), None]  # a few have not chosen yet
    out = []
    for _ in range(count):
        scale = rng.choice((0.3, 0.6, 1.0, 1.0, 1.5, 3.0))
        layers = {s: max(0, round(rng.gauss(typical, typical / 3) * scale))
                  for s, typical in zip(_STRENGTHS, (5, 10, 30, 60, 60, 20), strict=True)}
        untriaged = rng.choice((0, 0, 0, rng.randrange(0, 300)))
        total = sum(layers.values()) + untriaged
        planned = rng.choice((0, rng.randrange(3, 15), rng.randrange(10, 60)))
        commitments = rng.choice((0, 1, 2, 2, 3))
        out.append({
            "format": FORMAT, "version": VERSION,
            "summary_id": f"{rng.getrandbits(64):016x}",
            "made_on": date(2026, 11, rng.randrange(1, 29)).isoformat(),
            "goal_kind": rng.choices(kinds, weights=(3, 3, 3, 1))[0],
            "goal_complete": rng.random() < 0.6,
            "layers": layers, "untriaged": untriaged, "total": total,
            "context_diversity_iqv": round(rng.uniform(0.2, 1.0), 3),
            "sector_count": rng.randrange(1, 15),
            "weak_share": round(sum(layers[s] for s in WEAK) / total, 3) if total else 0.0,
            "dormant_share": round(layers[TieStrength.DORMANT] / total, 3) if total else 0.0,
            "planned_actions": planned,
            "done_actions": rng.randrange(0, planned + 1) if planned else 0,
            "venues": sorted(rng.sample(venues, rng.randrange(0, 4))),
            "commitments": commitments,
            "check_ins": 3 if planned else 0,
        })
    return out


def write_examples(folder: Path, count: int = 40, seed: int = 8) -> list[Path]:
    """Fill ``folder`` with ``count`` made-up summaries (what a rehearsal needs)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for summary in example_summaries(count, seed):
        path = folder / f"{summary['summary_id']}.json"
        path.write_text(json.dumps(summary, indent=1, sort_keys=True), encoding="utf-8")
        written.append(path)
    return written
