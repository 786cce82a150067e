"""The facilitator's view of a room: shared summaries in, one aggregate report out.

:func:`load_summaries` reads a drop folder of the JSON files ``cohort.share_summary``
writes (reporting, never failing on, a broken or repeated one); :func:`aggregate` adds
them up into a :class:`CohortReport`; :func:`cohort_html` and :func:`write_cohort_report`
make it one self-contained HTML page. Nothing here knows about widgets or the store.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from networking_kit.charts_base import GOAL_KIND_COLOURS, OKABE_ITO
from networking_kit.cohort import FORMAT, SUMMARY_ID, VERSION, goal_label, sorted_share
from networking_kit.export.svg import bars_svg, paired_bars_svg
from networking_kit.export.templating import TEMPLATES
from networking_kit.files import atomic_write
from networking_kit.goals import GoalKind
from networking_kit.settings import COHORT_MIN_GROUP, DUNBAR_LAYERS
from networking_kit.venues import load_venue_catalogue
from networking_kit.vocab import WEAK, TieStrength

# A summary is a few hundred bytes; anything much bigger is not one, and is not read.
MAX_FILE_BYTES = 64_000
# No count in a summary can honestly be larger (the largest exports seen hold 30,000
# contacts); a bigger number (10**400 cannot even be drawn) marks a damaged file.
MAX_COUNT = 10_000_000
_VENUE_ID = re.compile(r"^[a-z0-9_]{1,64}$")
_STRENGTHS = tuple(s.value for s in TieStrength)
_COUNTS = ("untriaged", "total", "sector_count", "planned_actions", "done_actions",
           "commitments", "check_ins")
_SHARES = ("context_diversity_iqv", "weak_share", "dormant_share")
# Size bands for "typical network shapes": up to Dunbar's 50, up to his 150, and beyond.
SIZE_BANDS: tuple[tuple[str, int], ...] = (
    ("under 50 people", 50), ("50 to 150", 151), ("151 to 500", 501), ("over 500", 10**12))
# Mix bands by the share of weaker ties (known, acquaintance) among the people a
# participant has sorted (given a closeness): over everyone in the map, a map imported
# and not yet sorted read as "mostly close ties".
MIX_BANDS: tuple[tuple[str, float], ...] = (
    ("mostly close ties", 1 / 3), ("a mix of close and weaker ties", 2 / 3),
    ("mostly weaker ties", 1.01))


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
    version: Any = data.get("version")
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
    return _is_int(value) and 0 <= value <= MAX_COUNT


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
    ("summary_id", lambda v: isinstance(v, str) and bool(SUMMARY_ID.match(v)),
     "a code of 8 to 64 letters a-f and digits"),
    ("made_on", _iso_day, "a date like 2026-11-23"),
    ("goal_kind", lambda v: v is None or v in set(GoalKind), "one of the three goals or empty"),
    ("goal_complete", lambda v: isinstance(v, bool), "true or false"),
    ("layers", lambda v: isinstance(v, dict) and set(v) == set(_STRENGTHS)
     and all(_count(n) for n in v.values()),
     "a count for each closeness (" + ", ".join(_STRENGTHS) + ")"),
    *((name, _count, f"a whole number from 0 to {MAX_COUNT:,}") for name in _COUNTS),
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

    @classmethod
    def whole(cls, values: Iterable[int]) -> Spread:
        """The spread of counts of people (or actions), each quartile rounded to a whole
        number (halves up): a report never says "12.8 people"."""
        spread = cls.of(values)
        return cls(*(float(math.floor(v + 0.5)) for v in (spread.low, spread.median,
                                                          spread.high)))


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
    weak_share: Spread  # among the people each participant sorted (sorted_share)
    dormant_share: Spread
    planned_actions: Spread
    done_actions: Spread
    planned_each: tuple[int, ...]  # one number per participant, for a histogram
    commitments: Spread
    with_commitments: int
    check_ins: Spread
    venues: dict[str, int] = field(default_factory=dict)  # venue id -> people, most first
    sorted_maps: int = 0  # participants who gave anyone a closeness: the shares' base

    def venue_share(self, venue_id: str) -> float:
        return self.venues.get(venue_id, 0) / self.participants if self.participants else 0.0

    @property
    def too_few(self) -> bool:
        """Some summaries, but fewer than ``settings.COHORT_MIN_GROUP``: show the count
        only (:data:`TOO_FEW`), never a breakdown that could point to one person."""
        return 0 < self.participants < COHORT_MIN_GROUP


def tie_mix_sentence(report: CohortReport) -> str:
    """The room's mix of close and weaker ties in one sentence, read from the people each
    participant sorted (the dashboard and the report say it alike)."""
    if not report.sorted_maps:
        return ("Nobody has given their contacts a closeness yet, so there is no mix of "
                "close and weaker ties to show.")
    base = ("" if report.sorted_maps == report.participants
            else f" ({report.sorted_maps} of the {report.participants} maps "
                 f"{'has' if report.sorted_maps == 1 else 'have'} anyone sorted)")
    return (f"Of the people they gave a closeness, a typical map has "
            f"{report.weak_share.median:.0%} weaker ties and "
            f"{report.dormant_share.median:.0%} dormant ones{base}.")


NOT_CHOSEN = "not chosen"
TOO_FEW = (f"The breakdown appears once at least {COHORT_MIN_GROUP} people have shared: "
           "with fewer, even counts can point to one person. Until then, talk about the "
           "room in general terms.")


def aggregate(summaries: Sequence[Mapping[str, Any]]) -> CohortReport:
    """Add the summaries up: counts of goals, quartiles of sizes, how many chose each venue."""
    def spread(name: str) -> Spread:
        return Spread.of(s[name] for s in summaries)

    def whole(name: str) -> Spread:
        return Spread.whole(s[name] for s in summaries)

    kinds = Counter(s["goal_kind"] or NOT_CHOSEN for s in summaries)
    goal_mix = {k: kinds.get(k, 0) for k in (*(str(k) for k in GoalKind), NOT_CHOSEN)}
    cumulative: dict[str, Spread] = {}
    inner = [0] * len(summaries)
    for strength in DUNBAR_LAYERS:
        inner = [n + s["layers"][strength.value] for n, s in zip(inner, summaries, strict=True)]
        cumulative[strength.value] = Spread.whole(inner)
    venues = Counter(v for s in summaries for v in set(s["venues"]))
    return CohortReport(
        participants=len(summaries),
        goal_mix=goal_mix,
        goals_complete=sum(bool(s["goal_complete"]) for s in summaries),
        total=whole("total"),
        layers={k: Spread.whole(s["layers"][k] for s in summaries) for k in _STRENGTHS},
        cumulative=cumulative,
        size_bands=_bands(summaries, "total", SIZE_BANDS),
        mix_bands=_mix_bands(summaries),
        untriaged=whole("untriaged"),
        context_diversity=spread("context_diversity_iqv"),
        sector_count=whole("sector_count"),
        weak_share=Spread.of(_shares(summaries, WEAK)),
        dormant_share=Spread.of(_shares(summaries, (TieStrength.DORMANT,))),
        sorted_maps=len(_shares(summaries, ())),
        planned_actions=whole("planned_actions"),
        done_actions=whole("done_actions"),
        planned_each=tuple(int(s["planned_actions"]) for s in summaries),
        commitments=whole("commitments"),
        with_commitments=sum(s["commitments"] > 0 for s in summaries),
        check_ins=whole("check_ins"),
        venues=dict(sorted(venues.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _mix_bands(summaries: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many participants fall in each tie-mix band, by the weaker share among the
    people they sorted; a participant who sorted no one is in no band."""
    return _bands([{"weak_share": share} for share in _shares(summaries, WEAK)],
                  "weak_share", MIX_BANDS)


def _shares(summaries: Sequence[Mapping[str, Any]],
            strengths: Iterable[TieStrength]) -> list[float]:
    """Each participant's :func:`cohort.sorted_share` of ``strengths``, leaving out those
    who sorted no one: a map of 600 imported people with 12 sorted is not "2% weaker
    ties" (the summary's own ``weak_share`` counts everyone in the map)."""
    kept = tuple(strengths)
    shares = (sorted_share(summary["layers"], kept) for summary in summaries)
    return [share for share in shares if share is not None]


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
        folder=folder, too_few=TOO_FEW, goal_label=goal_label, closeness=_closeness,
        tie_mix=tie_mix_sentence(report),
        typical=lambda name: DUNBAR_LAYERS[TieStrength(name)], venue_rows=[
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
    problems (and in the page), never an exception; only failing to write ``out`` raises
    (OSError; then no part of a new report is left, and an older one is untouched).
    """
    summaries, problems = load_summaries(folder)
    page = cohort_html(aggregate(summaries), problems, today, str(folder))
    atomic_write(Path(out), page)  # whole or not at all: never a 0-byte report
    return len(summaries), problems
