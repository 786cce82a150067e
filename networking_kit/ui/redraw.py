"""Heavy redraws, debounced: the map and the numbers follow every change by themselves.

A burst of sorting clicks (or a name typed after a name) costs one redraw of the pictures
``settings.REDRAW_DEBOUNCE_MS`` after the last one, not one per click, and no section needs
a "Refresh" button. Meanwhile each waiting section says it is updating. The timer is the
kernel's own event loop (Voila, JupyterLab), so redraws run between clicks on the same
thread as every widget callback and never race them; with no running loop (plain Python,
tests, nbval) redraws wait for :meth:`Redraws.flush`, or run at once with ``at_once``.
Steps 2 and 3 both redraw their pictures through this one mechanism.

The heavy pictures are also first drawn this way (:meth:`Redraws.after_page`): a page's
cells build its forms, each cell putting the drawing off again (:meth:`Redraws.postpone`),
and the pictures are drawn once the last cell has run, "Drawing…" meanwhile; so a Run All
returns and the forms answer without waiting for a 30,000-person map. :func:`flush_all`
draws whatever is waiting on every page (a benchmark, a test).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

from networking_kit.settings import REDRAW_DEBOUNCE_MS

# Up to this many people step 2's numbers, gaps and field checklist are worked out in the
# same click (a few tens of milliseconds); above it they follow the pictures' debounce.
LIVE_REDRAW_PEOPLE = 2_000
# Every page's redraws, so flush_all() can reach them; weak, so a closed page is forgotten.
_ALL: weakref.WeakSet[Redraws] = weakref.WeakSet()


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop when this runs in one (Voila, JupyterLab, a Run All), else
    None (plain Python, the tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


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
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        loop = running_loop()
        if loop is None:  # no event loop: flush() runs them, now or when called
            if self._at_once:
                self.flush()
            return
        self._timer = loop.call_later(self.delay, self.flush)

    def after_page(self, key: str, redraw: Callable[[], None],
                   busy: Callable[[], None] | None = None) -> None:
        """Draw ``key`` for the first time once the page is built: in a kernel, as a change
        is (``busy`` now, the drawing when the cells stop coming: each section a cell
        builds calls :meth:`postpone`); with no event loop, now."""
        if running_loop() is None:
            self._run(redraw)
        else:
            self.request(key, redraw, busy)

    def postpone(self) -> None:
        """Another part of the page was just built: wait the whole delay again before
        drawing (a cell after it is likely on its way)."""
        if self._timer is not None:
            self._timer.cancel()
            loop = running_loop()
            self._timer = None if loop is None else loop.call_later(self.delay, self.flush)

    def flush(self) -> None:
        """Run every pending redraw now (the timer calls this; so can a test)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        pending, self._pending = self._pending, {}
        for redraw in pending.values():
            self._run(redraw)

    def _run(self, redraw: Callable[[], None]) -> None:
        try:
            redraw()
        except Exception as error:  # one broken picture must not stop the others
            if self._on_error is None:
                raise
            self._on_error(error)


def flush_all() -> None:
    """Draw now whatever waits on every page of this kernel (a benchmark timing the
    pictures, a test); each page's own timer does it live."""
    for redraws in list(_ALL):
        redraws.flush()
