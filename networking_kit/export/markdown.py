"""The plan as Markdown: readable as plain text, and tidy when a Markdown viewer shows it.

Text from the participant or a contacts file is escaped, so a name such as
``[click](http://x)`` or ``<script>`` shows as typed rather than becoming a link or markup.
"""

from __future__ import annotations

import re

from networking_kit.dates import day_month, day_month_year, short_day_month, weekday_day_month
from networking_kit.export.document import PlanDocument
from networking_kit.vocab import ActionStatus

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")


def md(text: object) -> str:
    """Escape Markdown's active characters in one piece of text; keep it on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def plan_markdown(plan: PlanDocument) -> str:
    # "My …" whoever it is: a possessive on any name ("Sam Rivera (sample)'s") reads oddly.
    who = f"{md(plan.participant)} · " if plan.participant else ""
    lines = ["# My networking action plan", "",
             f"{who}Made on {day_month_year(plan.made_on)} · {plan.contact_count} people in "
             "the map", "",
             "## My goal", ""]
    if plan.goal_statement:
        lines += [f"**{md(plan.goal_kind)}:** {md(plan.goal_statement)}", ""]
        if plan.goal_why:
            lines += [f"Why this goal: {md(plan.goal_why)}", ""]
        if plan.review_date:
            lines += [f"I will review it on {day_month_year(plan.review_date)}.", ""]
    lines += [f"- To finish the goal: {md(item)}" for item in plan.goal_missing]
    if plan.commitments:
        lines += ["", "### Where I will go (each at least three times)", "",
                  "| Venue | Each time I will | Dates |", "|---|---|---|"]
        lines += [f"| {md(c['name'])} | {md(c['target'])} | "
                  + ", ".join(short_day_month(v) for v in c["visits"]) + " |"
                  for c in plan.commitments]
    lines += ["", "## My network today", "",
              "| Closeness | People | Counting inwards | Usual number |", "|---|---|---|---|"]
    lines += [f"| {md(r['label'])} | {r['count']} | {r['cumulative']} | {r['typical'] or ''} |"
              for r in plan.layers]
    lines += [""] + [f"- **{md(m['title'])}** ({md(m['value'])}): {md(m['sentence'])}"
                     for m in plan.metrics]
    lines += ["", "## Gaps, and who can help", ""] + [md(s) for s in plan.gap_sentences]
    for title, people in (("People to re-warm", plan.rewarm),
                          ("Introductions to ask for", plan.introductions)):
        lines += ["", f"### {title}", ""]
        lines += [f"- **{md(p['name'])}**: {md(p['reason'])}" for p in people] or ["- (none yet)"]
    lines += ["", "## My next twelve weeks", ""]
    for monday, actions in plan.schedule_by_week():
        lines += [f"### Week of {day_month(monday)}", ""]
        if monday in plan.away_weeks:
            lines.append(plan.away_line)
        for action in actions:
            if action.due_on is None:  # never: the schedule by week holds dated actions
                continue
            with_whom = f" (with {md(action.people)})" if action.people else ""
            box = "[x]" if action.status == ActionStatus.DONE else "[ ]"
            lines.append(f"- {box} {weekday_day_month(action.due_on)}: {md(action.title)}"
                         f"{with_whom}")
        lines.append("")
    if not plan.schedule_by_week(with_away=False):
        lines += ["No follow-ups planned yet: plan them in step 3.", ""]
    if plan.check_in.changes:
        lines += ["## Check in: what changed since I made my plan", ""]
        lines += [f"- {md(s)}" for s in plan.check_in.changes]
        lines += ["", "| Closeness | When I made my plan | Now |", "|---|---|---|"]
        lines += [f"| {md(str(r['label']))} | {r['before']} | {r['after']} |"
                  for r in plan.check_in.layers]
        lines += [""] + [f"{md(h)}  " for h in plan.check_in.history] + [""]
    lines += ["## Check-ins with myself", ""]
    lines += [f"- [ ] {day_month_year(day)}: what did I do, what came of it, what will I change?"
              for day in plan.check_ins]
    lines += ["", "## My notes", "", "", "", "---",
              "Made with networking_kit on my own computer. Keep it somewhere safe.", ""]
    return "\n".join(lines)
