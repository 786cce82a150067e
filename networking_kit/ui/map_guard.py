"""What every step 2 form shares: the sentences for a failure or an empty map, and the
guard that turns a failed action into one of them (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from networking_kit.steps.map import MapSession
from networking_kit.ui._status import say

SORRY = ("Sorry, that change could not be saved. What you saved before is safe; "
         "try again, or reload the page.")
LOST = "Sorry, that did not work. Nothing you saved is lost; try again, or reload the page."
LABELLED = {"description_width": "initial"}
# Said wherever step 2 has nothing to show yet. It names the section rather than saying
# "above", which is not true of every page the forms appear on.
ADD_PEOPLE_FIRST = "add people in “Get people in” first"


def guard(session: MapSession, status: widgets.HTML, action: Callable[..., str | None],
          sorry: str = SORRY) -> Callable[..., bool]:
    """Wrap a widget callback: its sentence goes to ``status``; a failure becomes
    ``sorry`` rather than a traceback, and is kept on ``session.last_error`` for a
    facilitator. The wrapped callback returns whether the action succeeded."""

    def run(*args: Any) -> bool:
        try:
            sentence = action(*args)
        except Exception as error:
            session.last_error = error
            say(status, sorry, error=True)
            return False
        if sentence:
            say(status, sentence)
        return True

    return run


__all__ = ["ADD_PEOPLE_FIRST", "LABELLED", "LOST", "SORRY", "guard"]
