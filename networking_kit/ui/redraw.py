"""Heavy redraws, debounced: the map and the numbers follow every change by themselves.

A burst of sorting clicks (or a name typed after a name) costs one redraw of the pictures
``settings.REDRAW_DEBOUNCE_MS`` after the last one, not one per click, and no section needs
a "Refresh" button. Meanwhile each waiting section says it is updating. The timer is the
kernel's own event loop (Voila, JupyterLab), so redraws run between clicks on the same
thread as every widget callback and never race them; with no running loop (plain Python,
tests, nbval) redraws wait for :meth:`Redraws.flush`, or run at once with ``at_once``.
Steps 2 and 3 both redraw their pictures through this one mechanism.

The heavy pictures are also first drawn this way (:meth:`Redraws.after_page`): a page's
cells build its forms and the pictures are drawn once the last cell has run, "Drawing…"
meanwhile; so a Run All returns and the forms answer without waiting for a 30,000-person
map. Every workbook's last cell says so (``nav.page_ready`` calls :func:`page_is_ready`);
a notebook run a cell at a time never does, so the drawing also starts
``PAGE_WAIT_MS`` after the last section was built (each calls :meth:`Redraws.postpone`).
:func:`flush_all` draws whatever is waiting on every page (a benchmark, a test).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

import ipywidgets as widgets

from networking_kit.settings import REDRAW_DEBOUNCE_MS, ROWS_BEFORE_PAGE
from networking_kit.steps._session import Change, ChangeEvent, StepSession

# Up to this many people step 2's numbers, gaps and field checklist are worked out in the
# same click (a few tens of milliseconds); above it they follow the pictures' debounce.
LIVE_REDRAW_PEOPLE = 2_000
# How long a first drawing waits for the page's next cell, when no last cell says the page
# is ready (a notebook run a cell at a time): longer than a busy kernel's pause between two
# cells of a Run All (a few hundred ms on a loaded machine), short enough to be no bother.
PAGE_WAIT_MS = 2_000
# Every page's redraws, so flush_all() can reach them; weak, so a closed page is forgotten.
_ALL: weakref.WeakSet[Redraws] = weakref.WeakSet()


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop when this runs in one (Voila, JupyterLab, a Run All), else
    None (plain Python, the tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


# How often a page asks whether another window (another tab, an import on the command
# line) changed the workbook: one cheap PRAGMA; a reload only when it did.
POLL_SECONDS = 3.0


def follow_other_windows(session: StepSession) -> None:
    """Keep ``session`` up to date with other windows without a button: every
    ``POLL_SECONDS`` on the kernel's event loop it calls ``session.refresh()``, whose change
    event redraws what listens. Does nothing where no event loop runs (plain Python, the
    tests, which call ``session.refresh()`` themselves). A failure (a closed file, a locked
    disk) is kept on ``session.last_error`` and the next tick tries again."""
    loop = running_loop()
    if loop is None:
        return

    def tick() -> None:
        try:
            session.refresh()
        except Exception as error:
            session.last_error = error
        loop.call_later(POLL_SECONDS, tick)

    loop.call_later(POLL_SECONDS, tick)


class Redraws:
    """Pending redraws by section name; each runs once when the burst of changes ends."""

    def __init__(self, delay_ms: int = REDRAW_DEBOUNCE_MS,
                 on_error: Callable[[BaseException], None] | None = None,
                 at_once: bool = False) -> None:
        """``on_error`` receives a failed redraw's error (None: the error propagates);
        ``at_once``: with no event loop, redraw in the request instead of at ``flush``."""
        self.delay = delay_ms / 1000
        self._at_once = at_once
        self._pending: dict[str, Callable[[], None]] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._on_error = on_error
        self._page_building = False  # first drawings wait for the page (after_page)
        _ALL.add(self)

    @property
    def pending(self) -> list[str]:
        """The sections waiting to be redrawn."""
        return list(self._pending)

    def request(self, key: str, redraw: Callable[[], None],
                busy: Callable[[], None] | None = None) -> None:
        """Redraw ``key`` with ``redraw`` once the changes stop; ``busy`` shows at once
        that it is on its way ("Updating the map…")."""
        self._pending[key] = redraw
        if busy is not None:
            busy()
        if running_loop() is None:  # no event loop: flush() runs them, now or when called
            if self._at_once:
                self.flush()
            return
        self._restart()

    def _restart(self) -> None:
        """(Re)start the timer: the debounce, or while the page is built its longer wait."""
        self._stop_timer()
        loop = running_loop()
        if loop is not None and self._pending:
            wait = PAGE_WAIT_MS / 1000 if self._page_building else self.delay
            self._timer = loop.call_later(wait, self.flush)

    def after_page(self, key: str, redraw: Callable[[], None],
                   busy: Callable[[], None] | None = None) -> None:
        """Draw ``key`` for the first time once the page is built: in a kernel, ``busy``
        now and the drawing after the page's last cell (:func:`page_is_ready`, or
        ``PAGE_WAIT_MS`` after the last :meth:`postpone`); with no event loop, now."""
        if running_loop() is None:
            self._run(redraw)
            return
        self._page_building = True
        self.request(key, redraw, busy)

    def postpone(self) -> None:
        """Another part of the page was just built: wait again before drawing (a cell
        after it is likely on its way)."""
        if self._timer is not None:
            self._restart()

    def page_is_ready(self) -> None:
        """The page's last cell has run: draw what waited for it after the usual delay."""
        if self._page_building:
            self._page_building = False
            self._restart()

    def flush(self) -> None:
        """Run every pending redraw now (the timer calls this; so can a test), in the
        order first asked for. One asked for again by an earlier one (step 3's plan,
        made once the page is built, changes what the check-in and the timeline show)
        runs once, here, in its place; one asked for again after it ran waits for the
        timer."""
        self._stop_timer()
        self._page_building = False
        for key in list(self._pending):
            redraw = self._pending.pop(key, None)
            if redraw is not None:
                self._run(redraw)
        if not self._pending:  # the timer a redraw above started has nothing left to do
            self._stop_timer()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _run(self, redraw: Callable[[], None]) -> None:
        try:
            redraw()
        except Exception as error:  # one broken picture must not stop the others
            if self._on_error is None:
                raise
            self._on_error(error)


class RowsFirst:
    """How many of a long list's rows to make now: ``settings.ROWS_BEFORE_PAGE`` while the
    page is built in a kernel, every row once it is ready (:meth:`Redraws.after_page`
    calls ``redraw`` again), with ``busy`` (HTML: "Filling in …", in the look the browser
    tests wait on) in ``note`` meanwhile, wherever the caller shows it. With no event loop
    or no ``redraws`` (a script, the tests) every row is made at once. Step 2's sorting
    list and step 3's suggestions and weeks use it."""

    def __init__(self, redraws: Redraws | None, name: str, redraw: Callable[[], None],
                 busy: str, note: widgets.HTML | None = None) -> None:
        self.note = note if note is not None else widgets.HTML()
        self.cap: int | None = None
        self.waiting = False  # rows are still to come (after the last ``take``)
        self._redraw, self._busy = redraw, busy
        if redraws is not None and running_loop() is not None:
            self.cap = ROWS_BEFORE_PAGE
            redraws.after_page(name, self._every_row)

    def _every_row(self) -> None:
        self.cap = None
        self._redraw()

    def take(self, wanted: int) -> int:
        """How many of ``wanted`` rows to show now; ``note`` says whether more follow."""
        shown = wanted if self.cap is None else min(wanted, self.cap)
        self.waiting = shown < wanted
        self.note.value = self._busy if self.waiting else ""
        return shown


def keep_contacts_cache(redraws: Redraws, session: StepSession,
                        *topics: Change) -> None:
    """Save the contacts cache for the next opening (``StepSession.keep_for_next_opening``)
    once the page is drawn, and again after each change of ``topics`` (step 2: an import
    or a removal), with the pictures' debounce; nothing when there is nothing to save."""
    if session.cache_waiting:
        redraws.after_page("next opening", session.keep_for_next_opening)

    def after_change(_event: ChangeEvent) -> None:
        if session.cache_waiting:
            redraws.request("next opening", session.keep_for_next_opening)

    if topics:
        session.listen(after_change, *topics)


def page_is_ready() -> None:
    """Every page of this kernel is built (its last cell has run): draw what waits."""
    for redraws in list(_ALL):
        redraws.page_is_ready()


def flush_all() -> None:
    """Draw now whatever waits on every page of this kernel (a benchmark timing the
    pictures, a test); each page's own timer does it live."""
    for redraws in list(_ALL):
        redraws.flush()
