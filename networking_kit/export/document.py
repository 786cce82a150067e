"""What goes into the personal action plan, gathered once from the workbook.

Every format (HTML, Markdown, PDF) renders this one ``PlanDocument``, so they can never
disagree about what the plan says. Values here are plain text; each renderer escapes
them for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, ClassVar

import pandas as pd

from networking_kit.export.checkin import CheckInSection, check_in_section
from networking_kit.export.privacy import Privacy, PrivacyFilter, display_name
from networking_kit.export.svg import context_legend, ego_map_svg, layers_svg
from networking_kit.followups import Action, week_start
from networking_kit.gaps import find_gaps
from networking_kit.goal_diagnostic import DiagnosticResult, score_diagnostic
from networking_kit.goals import Goal, GoalKind, check_goal
from networking_kit.network import layer_sizes
from networking_kit.network_metrics import describe_network
from networking_kit.settings import CHECK_IN_DAYS, DUNBAR_LAYERS, PLAN_WEEKS
from networking_kit.store import Workbook
from networking_kit.store.records import load_goal, load_plan, load_weeks_away
from networking_kit.vocab import ActionKind, ActionStatus

_LEFT_OUT = (ActionStatus.SKIPPED, ActionStatus.DROPPED)


@dataclass(frozen=True)
class PlannedAction:
    """One row of the dated schedule.

    ``people`` lists, comma-separated and as the export shows them, the action's people
    its title does not already name ("Suggest a coffee with S. R." needs no "with S. R."
    after it); empty when the title names them all.
    """

    due_on: date | None
    title: str
    why: str
    kind: str
    status: str
    people: str


@dataclass
class PlanDocument:
    """The plan in plain text and numbers, ready for any format."""

    participant: str
    made_on: date
    goal_kind: str
    goal_statement: str
    goal_why: str
    goal_missing: list[str]
    commitments: list[dict[str, Any]]
    review_date: date | None
    contact_count: int
    layers: list[dict[str, Any]]
    metrics: list[dict[str, str]]
    map_svg: str = field(metadata={"markup": True})  # built here from escaped text
    layers_svg: str = field(metadata={"markup": True})
    legend: list[tuple[str, str, int]]
    gap_sentences: list[str]
    rewarm: list[dict[str, str]]
    introductions: list[dict[str, str]]
    schedule: list[PlannedAction]
    check_ins: list[date]
    privacy: Privacy = field(default_factory=Privacy)
    away_weeks: list[date] = field(default_factory=list)  # Mondays, within the twelve weeks
    check_in: CheckInSection = field(default_factory=CheckInSection)  # before and after
    away_line: ClassVar[str] = "I am away this week."  # the same words in every format

    def schedule_by_week(self, with_away: bool = True) -> list[tuple[date, list[PlannedAction]]]:
        """The schedule grouped by the Monday of each week, earliest first.

        Weeks the participant is away are included even when empty, so the printed plan
        can say why nothing is planned in them.
        """
        weeks: dict[date, list[PlannedAction]] = {}
        for monday in self.away_weeks if with_away else ():
            weeks[monday] = []
        for action in self.schedule:
            if action.due_on is None:
                continue
            weeks.setdefault(week_start(action.due_on), []).append(action)
        return sorted(weeks.items())


def build_plan(workbook: Workbook, today: date | None = None,
               privacy: Privacy | None = None,
               contacts: pd.DataFrame | None = None) -> PlanDocument:
    """Gather the participant's plan from their workbook file.

    Every piece of text in it has been through one ``PrivacyFilter``, whichever part of
    the toolkit wrote the sentence, so no format can show more than ``privacy`` allows.
    ``contacts`` is the workbook's contacts table when the caller already loaded it (a
    step session keeps it: loading 30,000 people takes about half a second); it is read
    from the file when None.
    """
    today = today or date.today()
    privacy = privacy or Privacy()
    goal = load_goal(workbook) or Goal()
    contacts = workbook.load_contacts() if contacts is None else contacts
    ties = workbook.load_ties()
    census = workbook.get_profile("census", []) or []
    shown = PrivacyFilter(contacts, privacy)
    names = {cid: display_name(name, privacy)
             for cid, name in zip(contacts["contact_id"], contacts["name"], strict=True)}
    gaps = find_gaps(contacts, goal, ties, today) if goal.kind else None
    actions = private_actions(workbook, shown)
    result = score_diagnostic(goal.answers) if goal.answers else None
    return shown.value(PlanDocument(
        participant=workbook.get_profile("participant_name", "") or "",
        made_on=today,
        goal_kind=goal.kind.label if goal.kind else "",
        goal_statement=goal.statement() if goal.kind else "",
        goal_why=_goal_why(result, goal.kind),
        goal_missing=_missing(goal, today),
        commitments=[{"name": c.display_name, "target": c.target,
                      "visits": [v for v in c.visits if v]} for c in goal.commitments],
        review_date=goal.review_date or goal.by_when,
        contact_count=len(contacts),
        layers=[{"label": r.strength.short_label, "count": r.count,
                 "cumulative": r.cumulative, "typical": DUNBAR_LAYERS.get(r.strength)}
                for r in layer_sizes(contacts)],
        metrics=[{"title": m.title, "value": m.value, "sentence": m.sentence}
                 for m in describe_network(contacts, ties, census)],
        map_svg=ego_map_svg(contacts, shown=shown.frame),
        layers_svg=layers_svg(layer_sizes(contacts)),
        legend=context_legend(contacts),
        gap_sentences=list(gaps.sentences) if gaps
        else ["Set a goal in step 1 to see the gaps in your map for it."],
        rewarm=[{"name": names.get(r.contact_id, r.name), "reason": r.reason}
                for r in (gaps.rewarm[:5] if gaps else [])],
        introductions=[{"name": names.get(i.introducer_id, i.introducer), "reason": i.reason}
                       for i in (gaps.introductions[:5] if gaps else [])],
        schedule=_schedule(actions, names, today),
        check_ins=_check_ins(actions, today),
        privacy=privacy,
        away_weeks=_away_weeks(workbook, today),
        check_in=check_in_section(
            workbook, contacts, {c.target: c.count for c in gaps.coverage} if gaps else {},
            names, today),
    ))


def _missing(goal: Goal, today: date) -> list[str]:
    return check_goal(goal, today) if goal.kind else ["Choose your goal in step 1."]


def private_actions(workbook: Workbook, shown: PrivacyFilter) -> list[Action]:
    """The saved plan with titles and reasons through ``shown``, the export's filter.

    Every export that shows actions (the plan, the actions CSV, the calendar) reads them
    through here, so none of them can leak a name the participant chose to hide; the
    action's own people are hidden by their first names too ("Message Viktor").
    """
    return [replace(action, title=shown.text(action.title, action.contact_ids),
                    why=shown.text(action.why, action.contact_ids))
            for action in load_plan(workbook)]


def _schedule(actions: list[Action], names: dict[str, str],
              today: date) -> list[PlannedAction]:
    """Planned actions for the next twelve weeks (check-ins are listed on their own)."""
    end = today + timedelta(weeks=PLAN_WEEKS)
    out = []
    for action in actions:
        due = action.due_on
        if action.status in _LEFT_OUT or action.kind == ActionKind.CHECK_IN:
            continue
        if due is not None and not today - timedelta(days=7) <= due <= end:
            continue
        out.append(PlannedAction(
            due, action.title, action.why, action.kind, action.status,
            ", ".join(_not_named_in(action.title, [names[p] for p in action.contact_ids
                                                   if p in names]))))
    return sorted(out, key=lambda a: (a.due_on or date.max, a.title))


def _not_named_in(title: str, people: list[str]) -> list[str]:
    """The ``people`` whose shown name (full or initials) is not a whole phrase of ``title``."""
    return [name for name in people
            if not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title)]


def _check_ins(actions: list[Action], today: date) -> list[date]:
    """The saved check-in dates, or 30, 60 and 90 days from today when none are planned."""
    saved = sorted(a.due_on for a in actions
                   if a.kind == ActionKind.CHECK_IN and a.due_on and a.status not in _LEFT_OUT)
    return saved or [today + timedelta(days=d) for d in CHECK_IN_DAYS]


def _away_weeks(workbook: Workbook, today: date) -> list[date]:
    """The Mondays of the weeks away that fall in the twelve weeks the plan shows."""
    first = week_start(today)
    end = first + timedelta(weeks=PLAN_WEEKS)
    return sorted(m for m in load_weeks_away(workbook) if first <= m < end)


def _goal_why(result: DiagnosticResult | None, kind: GoalKind | None) -> str:
    """Why this goal, in words: what the answers showed, not the diagnostic's points."""
    grounds = result.grounds.get(kind) if result and kind else None
    if grounds:
        return grounds[0].upper() + grounds[1:]
    return "I chose it myself." if kind else ""
