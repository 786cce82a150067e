"""Heavy redraws, debounced: the map and the numbers follow every change by themselves.

A burst of sorting clicks (or a name typed after a name) costs one redraw of the pictures
``settings.REDRAW_DEBOUNCE_MS`` after the last one, not one per click, and no section needs
a "Refresh" button. Meanwhile each waiting section says it is updating. The timer is the
kernel's own event loop (Voila, JupyterLab), so redraws run between clicks on the same
thread as every widget callback and never race them; with no running loop (plain Python,
tests, nbval) redraws wait for :meth:`Redraws.flush`, or run at once with ``at_once``.
Steps 2 and 3 both redraw their pictures through this one mechanism.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from networking_kit.settings import REDRAW_DEBOUNCE_MS

# Up to this many people step 2's numbers, gaps and field checklist are worked out in the
# same click (a few tens of milliseconds); above it they follow the pictures' debounce.
LIVE_REDRAW_PEOPLE = 2_000


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
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop: flush() runs them, now or when called
            if self._at_once:
                self.flush()
            return
        self._timer = loop.call_later(self.delay, self.flush)

    def flush(self) -> None:
        """Run every pending redraw now (the timer calls this; so can a test)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        pending, self._pending = self._pending, {}
        for redraw in pending.values():
            try:
                redraw()
            except Exception as error:  # one broken picture must not stop the others
                if self._on_error is None:
                    raise
                self._on_error(error)
