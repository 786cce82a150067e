"""The facilitator's dashboard: read the drop folder, show the room, refresh on demand.

A thin view over ``networking_kit.cohort``: the folder box and Refresh button, the files
that were skipped, the key numbers and four charts. Never a traceback: a missing folder
or a bad file is a sentence.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from networking_kit import charts
from networking_kit.cohort import DROP_ENV_VAR, drop_folder
from networking_kit.cohort_report import (
    TOO_FEW,
    CohortReport,
    aggregate,
    cohort_html,
    load_summaries,
    tie_mix_sentence,
    venue_names,
)
from networking_kit.dates import day_month_year
from networking_kit.ui._status import download_link, sentence
from networking_kit.ui.chart_table import picture, picture_and_table
from networking_kit.ui.page_style import page_style

HOW_TO_SET = (
    f"No drop folder is set yet. Create a folder everyone's workbooks can write to, then "
    f"start the app with it, for example <code>{DROP_ENV_VAR}=/srv/networking-kit/drop "
    "networking-kit app</code> (on JupyterHub, set it in the hub's environment), or type "
    "the folder's path above and press Refresh.")


class CohortDashboard:
    """The folder to read, a Refresh button, and what the summaries in it add up to."""

    def __init__(self, folder: Path | str | None = None, today: date | None = None):
        chosen = folder if folder is not None else drop_folder()
        self.today = today or date.today()
        self.folder = widgets.Text(
            value="" if chosen is None else str(chosen), description="Drop folder",
            placeholder="the folder participants share into",
            layout=widgets.Layout(width="min(100%, 640px)"))
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh",
                                             button_style="primary")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.save_button = widgets.Button(description="Make the report (a web page)",
                                          icon="download",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save_report())
        self.problems = widgets.HTML()
        self.numbers = widgets.HTML()
        self.charts = widgets.VBox()
        self.status = widgets.HTML()
        self.report: CohortReport | None = None
        self.widget = widgets.VBox([
            widgets.HTML(page_style()), widgets.HBox([self.folder, self.refresh_button]),
            self.numbers, self.charts, self.problems, widgets.HBox([self.save_button]),
            self.status])
        self.refresh()

    def path(self) -> Path | None:
        text = self.folder.value.strip()
        return Path(text).expanduser() if text else None

    def refresh(self) -> None:
        """Read the folder again: summaries shared since the last look appear."""
        folder = self.path()
        self.status.value = ""
        if folder is None:
            self.report = None
            self.numbers.value = f"<p>{HOW_TO_SET}</p>"
            self.problems.value = ""
            self.charts.children = []
            return
        try:
            summaries, problems = load_summaries(folder)
            self.report = aggregate(summaries)
            self.numbers.value = _numbers(self.report, self.today)
            self.problems.value = _problems(problems)
            shown = summaries and not self.report.too_few
            self.charts.children = _charts(self.report) if shown else []
        except Exception as error:  # shown as a sentence, never as a traceback
            self.report = None
            self.numbers.value = sentence(f"The folder could not be read ({error}).")
            self.charts.children = []

    def save_report(self) -> None:
        """Make the self-contained HTML report: a download link on the page, and a copy
        beside the summaries' folder when that folder's parent can be written."""
        folder = self.path()
        if folder is None:
            self.status.value = sentence("Type the drop folder first.")
            return
        summaries, problems = load_summaries(folder)
        page = cohort_html(aggregate(summaries), problems, self.today, str(folder))
        name = f"cohort-report-{self.today.isoformat()}.html"
        link = download_link(name, page.encode("utf-8"))
        out = folder.parent / name
        try:
            out.write_text(page, encoding="utf-8")
        except OSError as error:
            kept = f"(no copy kept on the server: {error.strerror or error})"
        else:
            kept = f"A copy is kept on the server as <code>{html.escape(str(out))}</code>."
        self.status.value = (f"<p>The report of {len(summaries)} summaries is ready: "
                             f"{link}. {kept}</p>")


def _numbers(report: CohortReport, today: date) -> str:
    if not report.participants:
        return ("<p>No summaries yet. When participants press <b>Share</b> in step 4, they "
                "appear here: press Refresh to look again.</p>")
    if report.too_few:
        people = "person has" if report.participants == 1 else "people have"
        return (f"<p>As of {day_month_year(today)}: <b>{report.participants}</b> {people} "
                f"shared a summary.</p><p>{html.escape(TOO_FEW)}</p>")
    cards = (
        (report.participants, "people shared a summary"),
        (report.goals_complete, "have a goal they can check"),
        (int(report.total.median), "people in a typical map (median)"),
        (int(report.planned_actions.median), "actions in a typical plan (median)"),
        (report.with_commitments, "will try a venue three times"),
    )
    items = "".join(
        f"<div style='background:#f0f4f8; border-left:5px solid #0072B2; border-radius:4px; "
        f"padding:6px 12px; min-width:150px'><div style='font-size:1.6em; font-weight:700'>"
        f"{n}</div><div>{html.escape(what)}</div></div>" for n, what in cards)
    return (f"<p>As of {day_month_year(today)}:</p><div style='display:flex; flex-wrap:wrap; "
            f"gap:10px'>{items}</div><p>Half the room has between {report.total.low:.0f} and "
            f"{report.total.high:.0f} people in their map. The median spread over parts of "
            f"life is {report.context_diversity.median:.2f} of 1. "
            f"{html.escape(tie_mix_sentence(report))}</p>")


def _problems(problems: list[str]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return (f"<details><summary>{len(problems)} file{'s' if len(problems) != 1 else ''} "
            f"skipped (everything else was counted)</summary><ul>{items}</ul></details>")


def _charts(report: CohortReport) -> list[widgets.Widget]:
    figures = [
        charts.cohort_goal_mix_chart(report.goal_mix),
        charts.cohort_layers_chart(report.cumulative),
        charts.cohort_venues_chart(report.venues, report.participants, venue_names()),
        charts.cohort_actions_chart(report.planned_each),
    ]
    return [widgets.VBox(picture_and_table(picture(figure)),
                         layout=widgets.Layout(width="100%")) for figure in figures]


def cohort_dashboard(folder: Path | str | None = None,
                     today: date | None = None) -> widgets.Widget:
    """The dashboard for ``folder`` (default: ``NETWORKING_KIT_DROP``)."""
    return CohortDashboard(folder, today).widget
