"""Step 2's sorting form: closeness and context for hundreds, or 30,000, contacts.

Only one page of rows ever exists as widgets (``ui.triage_rows``), built as the first
page needs them. Paging and filtering change the values shown in those ~25 rows instead
of building new ones, so the form is as quick with a full LinkedIn export as with the
sample. Every click is one action of the step's session
(``steps.map.MapSession``), which saves it and changes its table in memory; the form
redraws its rows from that table when the session says contacts changed, whoever
changed them.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pandas as pd

from networking_kit import triage
from networking_kit.network import plural
from networking_kit.settings import TRIAGE_PAGE_SIZE
from networking_kit.steps._session import Change, ChangeEvent
from networking_kit.steps.map import MapSession
from networking_kit.ui._status import TraitChange
from networking_kit.ui.chart_table import drawing_note
from networking_kit.ui.map_details import DetailPanel
from networking_kit.ui.map_guard import ADD_PEOPLE_FIRST, LOST, guard
from networking_kit.ui.map_guard import LABELLED as _LABELLED
from networking_kit.ui.redraw import Redraws, RowsFirst
from networking_kit.ui.sort_keys import SortKeys
from networking_kit.ui.triage_rows import (
    RowEvents,
    RowLooks,
    TriageRow,
    context_options,
    strength_options,
)
from networking_kit.vocab import Context, Source, TieStrength

# The chosen closeness must stand out from the five others at a glance.
_CSS = ("<style>.nk-closeness .widget-toggle-button.mod-active{background:#0072B2;"
        "color:white;font-weight:600}</style>")


class TriageForm:
    """Filters, one page of rows, batch changes and the detail panel."""

    def __init__(self, session: MapSession, size: int = TRIAGE_PAGE_SIZE,
                 redraws: Redraws | None = None):
        """``redraws``: the page's (``ui.redraw``); with it, a page built in a kernel makes
        the first ``settings.ROWS_BEFORE_PAGE`` rows now and the rest of the page's rows
        once the page is ready, with the pictures (they are below the fold while the page
        opens)."""
        self.session = session
        self.size = size
        self.page_number = 1
        self.ticked: set[str] = set()
        self._loading = False
        self._matching = pd.Index([])
        self._matching_ids: set[str] = set()
        self.status = widgets.HTML()
        self._build_filters()
        self._build_batch()
        self.looks = RowLooks()
        self._events = RowEvents(self._on_tick, self._on_row_edit, self._on_details)
        # The rows made so far, one per person a page has shown at once (25 at most);
        # ``list`` holds the lines of those showing someone, and the detail panel (made
        # when first opened) under the row whose Details was clicked.
        self.rows: list[TriageRow] = []
        self.list = widgets.VBox()
        self._details: DetailPanel | None = None
        self._open: TriageRow | None = None
        self.previous = widgets.Button(description="Previous page", icon="arrow-left",
                                       layout=widgets.Layout(width="auto"))
        self.next = widgets.Button(description="Next page", icon="arrow-right",
                                   layout=widgets.Layout(width="auto"))
        self.page_label = widgets.HTML()
        # Shown once, where the rows would be: the pager appears twice, above and below.
        self.nobody = widgets.HTML()
        self.previous.on_click(guard(self.session, self.status, lambda _b: self.go(-1), LOST))
        self.next.on_click(guard(self.session, self.status, lambda _b: self.go(+1), LOST))
        pager = widgets.HBox([self.previous, self.page_label, self.next],
                             layout=widgets.Layout(align_items="center", margin="6px 0"))
        self.keys = SortKeys()
        self.widget = widgets.VBox(
            [widgets.HTML(_CSS), self.filters, self.batch, self.status, self.keys, pager,
             self.nobody, self.list, pager, self.status],
            layout=widgets.Layout(padding="6px 0"))
        # Shown where the rows would be ("nobody"), above them while the rest are made.
        self.later = RowsFirst(redraws, "triage rows",
                               lambda: self._show_page(keep_details=True),
                               drawing_note("Filling in the rest of this page…"),
                               note=self.nobody)
        self.refresh(keep_page=False)
        session.listen(self._on_change, Change.CONTACTS)

    @property
    def details(self) -> DetailPanel:
        """The detail panel (what they know, trust, notes …), made the first time it is
        asked for: most visits never open it."""
        if self._details is None:
            self._details = DetailPanel(self.session)
        return self._details

    @property
    def shown_rows(self) -> list[TriageRow]:
        """The rows showing someone on this page, top to bottom."""
        return [row for row in self.rows if row.contact_id is not None]

    def _on_change(self, event: ChangeEvent) -> None:
        """Follow the session: redraw the rows of this page when the people changed are
        among those listed, filter again when someone new arrived (a quick add, another
        window), and start again at page 1 after an import or the sample."""
        if not event.contact_ids:
            self.refresh(keep_page=False)
            return
        new = event.contact_ids - self._matching_ids
        if new:  # a quick add: filter just the new rows, not 30,000 again
            found = triage.select(self.session.rows(new), self.current_filter())
            self._matching = self._matching.append(found.index)
            self._matching_ids |= set(found["contact_id"].astype(str))
        self._show_page(keep_details=True)

    # ------------------------------------------------------------------ filters

    def _build_filters(self) -> None:
        self.search = widgets.Text(
            description="Search", placeholder="a name, organisation or word, then Enter",
            continuous_update=False, layout=widgets.Layout(width="380px"))
        self.company = widgets.Dropdown(description="Organisation", style=_LABELLED,
                                        layout=widgets.Layout(width="340px"))
        self.position = widgets.Text(
            description="Job title contains", placeholder="e.g. manager, then Enter",
            continuous_update=False, style=_LABELLED, layout=widgets.Layout(width="320px"))
        self.source = widgets.Dropdown(description="Came from", style=_LABELLED,
                                       layout=widgets.Layout(width="320px"))
        self.unsorted_only = widgets.Checkbox(description="Only people not sorted yet",
                                              indent=False, layout=widgets.Layout(width="auto"))
        self.clear_filters = widgets.Button(description="Show everyone", icon="undo",
                                            layout=widgets.Layout(width="auto"))
        self._fill_choices()
        on_filter = guard(self.session, self.status, lambda _change: self.refresh(keep_page=False),
                                     LOST)
        for control in (self.search, self.company, self.position, self.source,
                        self.unsorted_only):
            control.observe(lambda change: None if self._loading else on_filter(change),
                            names="value")
        self.clear_filters.on_click(guard(self.session, self.status, self._clear, LOST))
        self.filters = widgets.VBox([
            widgets.HBox([self.search, self.company],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.position, self.source],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.unsorted_only, self.clear_filters],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
        ])

    def _fill_choices(self) -> None:
        """Organisation and source lists from the table, keeping the current choices."""
        contacts = self.session.contacts
        companies = [("All organisations", "")] + [
            (f"{name} ({count})", name) for name, count in triage.company_choices(contacts)]
        sources = [("Anywhere", "")] + [
            (Source.label_of(s), s) for s in sorted(contacts["source"].dropna().unique())]
        with self._quiet():
            for control, options in ((self.company, companies), (self.source, sources)):
                keep = control.value
                control.options = options
                control.value = keep if keep in [v for _, v in options] else ""

    def current_filter(self) -> triage.TriageFilter:
        return triage.TriageFilter(search=self.search.value, company=self.company.value or "",
                                   position=self.position.value,
                                   source=self.source.value or "",
                                   untriaged_only=self.unsorted_only.value)

    def _clear(self, _button: widgets.Button) -> str:
        with self._quiet():
            self.search.value = self.position.value = ""
            self.company.value = self.source.value = ""
            self.unsorted_only.value = False
        self.refresh(keep_page=False)
        if self.session.contacts.empty:
            return self.nobody_sentence()
        return f"Showing everyone: {plural(len(self._matching), 'person', 'people')}."

    # -------------------------------------------------------------------- pages

    def refresh(self, keep_page: bool = True) -> None:
        """Filter again (after a filter change, an import or a quick add) and show a page.

        The matching rows are a snapshot: sorting someone does not make them vanish from
        the page under the mouse, even with "only people not sorted yet" ticked.
        """
        self._fill_choices()
        matching = triage.select(self.session.contacts, self.current_filter())
        self._matching = matching.index
        self._matching_ids = set(matching["contact_id"].astype(str))
        if not keep_page:
            self.page_number = 1
            self.ticked.clear()
        self._show_page()

    def go(self, step: int) -> str:
        self.page_number += step
        self._show_page()
        return ""

    @property
    def pages(self) -> int:
        return triage.page_count(len(self._matching), self.size)

    def page_ids(self) -> list[str]:
        return [r.contact_id for r in self.rows if r.contact_id is not None]

    def _show_page(self, keep_details: bool = False) -> None:
        if not keep_details:
            self._open = None  # its row may now show someone else
            if self._details is not None:
                self._details.hide()
        self.page_number = min(max(1, self.page_number), self.pages)
        start = (self.page_number - 1) * self.size
        labels = self._matching[start:start + self.size]
        # Labels that a reload dropped are skipped rather than failing.
        labels = labels[labels.isin(self.session.contacts.index)]
        records: list[dict[str, Any]] = self.session.contacts.loc[labels].to_dict(
            "records", into=dict)
        records = records[:self.later.take(len(records))]
        with self._quiet():
            for number, record in enumerate(records):
                ticked = record["contact_id"] in self.ticked
                if number < len(self.rows):
                    self.rows[number].show(record, ticked)
                else:  # a page longer than any before: one more row, made with its person
                    self.rows.append(TriageRow(self.looks, self._events, record, ticked))
            for row in self.rows[len(records):]:
                row.show(None, False)
            self.select_page.value = bool(records) and all(
                r["contact_id"] in self.ticked for r in records)
        self._lay_out()
        count = len(self._matching)
        self.page_label.value = (
            f"<span style='margin:0 12px'>{plural(count, 'person', 'people')} · page "
            f"<b>{self.page_number}</b> of {self.pages:,}</span>" if count else "")
        if not count:
            self.nobody.value = html.escape(self.nobody_sentence())
        for pager in (self.previous, self.page_label, self.next):
            pager.layout.display = None if count else "none"
        self.previous.disabled = self.page_number <= 1
        self.next.disabled = self.page_number >= self.pages
        self._show_ticked()

    def _lay_out(self) -> None:
        """The list's lines: every row showing someone, the detail panel under its row."""
        children: list[widgets.Widget] = []
        for row in self.shown_rows:
            children.append(row.line)
            if row is self._open and self._details is not None:
                children.append(self._details.widget)
        if tuple(children) != self.list.children:
            self.list.children = children

    def nobody_sentence(self) -> str:
        """Why the page is empty: an empty map and filters that match nobody need
        different next steps."""
        if self.session.contacts.empty:
            return f"Nobody to sort yet: {ADD_PEOPLE_FIRST}."
        return "Nobody matches these filters. Press Show everyone to see the whole list."

    @contextlib.contextmanager
    def _quiet(self) -> Iterator[None]:
        """Set widget values from the table without each one counting as an edit."""
        was, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was

    # --------------------------------------------------------------------- rows

    def _on_row_edit(self, row: TriageRow, column: str, change: TraitChange) -> None:
        if self._loading or row.contact_id is None:
            return
        contact_id = row.contact_id
        value = change["new"] or None

        def save() -> str:
            self.session.edit_contact(contact_id, **{column: value})
            name = self._name(contact_id)
            if column == "strength":  # the closeness buttons have no blank choice
                return f"Saved: {name} is now “{TieStrength(value or '').short_label}”."
            place = Context(value).label.lower() if value else "not set"
            return f"Saved: where you know {name} from is {place}."

        guard(self.session, self.status, save)()
        # Redraw the row from the table: "not sorted yet" goes, or a failed click goes back.
        record = self._record(contact_id)
        with self._quiet():
            row.show(record, contact_id in self.ticked)
        if record is None:  # removed meanwhile (combined in another window)
            self._lay_out()

    def _on_tick(self, row: TriageRow, ticked: bool) -> None:
        if self._loading or row.contact_id is None:
            return
        (self.ticked.add if ticked else self.ticked.discard)(row.contact_id)
        self._show_ticked()

    def _on_details(self, row: TriageRow) -> None:
        if row.contact_id is None:
            return
        panel = self.details
        self._open = row
        self._lay_out()
        panel.open(row.contact_id)

    def _record(self, contact_id: str) -> dict[str, Any] | None:
        return self.session.record(contact_id)

    def _name(self, contact_id: str) -> str:
        record = self._record(contact_id)
        return "this person" if record is None else str(record["name"])

    # -------------------------------------------------------------------- batch

    def _build_batch(self) -> None:
        self.select_page = widgets.Checkbox(description="Tick everyone on this page",
                                            indent=False, layout=widgets.Layout(width="auto"))
        self.ticked_label = widgets.HTML()
        self.scope = widgets.RadioButtons(
            options=[("the people I ticked", "ticked"),
                     ("everyone who matches the filters", "matching")],
            value="ticked", description="Change", style=_LABELLED,
            layout=widgets.Layout(width="auto"))
        self.batch_strength = widgets.Dropdown(
            options=[(s.label, s.value) for s in TieStrength], value=TieStrength.KNOWN.value,
            description="Closeness", style=_LABELLED, layout=widgets.Layout(width="470px"))
        self.set_strength = widgets.Button(description="Set closeness", icon="check",
                                           layout=widgets.Layout(width="auto"))
        self.batch_context = widgets.Dropdown(
            options=[(c.label, c.value) for c in Context], value=Context.WORK_OUTSIDE.value,
            description="Where from", style=_LABELLED, layout=widgets.Layout(width="350px"))
        self.set_context = widgets.Button(description="Set where from", icon="check",
                                          layout=widgets.Layout(width="auto"))
        self.select_page.observe(self._on_select_page, names="value")
        self.set_strength.on_click(guard(self.session,
            self.status, lambda _b: self.apply_batch(strength=self.batch_strength.value)))
        self.set_context.on_click(guard(self.session,
            self.status, lambda _b: self.apply_batch(context=self.batch_context.value)))
        self.batch = widgets.VBox([
            widgets.HTML("<b>Sort many at once</b>"),
            widgets.HBox([self.select_page, self.ticked_label],
                         layout=widgets.Layout(align_items="center")),
            self.scope,
            widgets.HBox([self.batch_strength, self.set_strength],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.batch_context, self.set_context],
                         layout=widgets.Layout(flex_flow="row wrap")),
        ], layout=widgets.Layout(border="1px solid #e0e0e0", padding="6px", margin="8px 0"))

    def _on_select_page(self, change: TraitChange) -> None:
        if self._loading:
            return
        ids = self.page_ids()
        if change["new"]:
            self.ticked.update(ids)
        else:
            self.ticked.difference_update(ids)
        with self._quiet():
            for row in self.rows:
                if row.contact_id is not None:
                    row.tick.value = row.contact_id in self.ticked
        self._show_ticked()

    def _show_ticked(self) -> None:
        self.ticked_label.value = (
            f"<span style='margin-left:12px'>{plural(len(self.ticked), 'person', 'people')} "
            "ticked</span>" if self.ticked else "")

    def apply_batch(self, **fields: str) -> str:
        """Set closeness or context for the ticked people, or for everyone matching."""
        if self.scope.value == "matching":
            ids = self.session.contacts.loc[self._matching, "contact_id"].tolist()
        else:
            ids = sorted(self.ticked)
        if not ids:
            return ("Tick some people first, or choose \"everyone who matches the filters\"."
                    if self.scope.value == "ticked" else self.nobody_sentence())
        self.session.sort_many(ids, **fields)
        (column, value), = fields.items()
        what = (TieStrength(value).short_label if column == "strength"
                else Context(value).label)
        verb = "is now" if len(ids) == 1 else "are now"
        return f"Saved: {plural(len(ids), 'person', 'people')} {verb} “{what}”."


__all__ = ["TriageForm", "context_options", "strength_options"]
