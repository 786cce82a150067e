"""Step 2's who-knows-whom without asking every pair (issue 15, item 5): ties guessed from
what the file says two people share (``census.inferred_pairs``), each shown as a guess
that one click confirms (it becomes a tie like any ticked pair) or rejects (remembered,
so it is not offered again), and the circles and bridges among the chosen people
(``network.circles``) in plain words. A mixin of :class:`~networking_kit.steps.map.
MapSession`, like ``steps.map_fields``: it uses the session's memory (``contacts``,
``ties``, ``census_default``), cache and ``set_pair``. The people the census offers
(:meth:`CensusGuesses.census_candidates`) are kept here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd

from networking_kit.census import Pair, candidates, circles_sentences, inferred_pairs, pair_of
from networking_kit.network import circles
from networking_kit.network_metrics import TIES
from networking_kit.steps._session import Change, StepSession
from networking_kit.vocab import ASKABLE

T = TypeVar("T")
REJECTED_KEY = "ties_rejected"  # profile key: pairs the participant said do not know each other
# What ``census.inferred_pairs`` reads of the chosen people, and the ties (confirmed pairs
# are left out; a rejected guess is noted as a change of the ties).
GUESSES_READ = frozenset({"company", "context", "tags", TIES})
# What ``census.candidates`` reads of each person: who is offered, by closeness and name.
_OFFER_READS = frozenset({"strength", "name", "contact_id"})
_ASKABLE = [s.value for s in ASKABLE]


class CensusGuesses(StepSession):
    """The guessed ties' actions and views; see :class:`MapSession` for the memory."""

    contacts: pd.DataFrame
    ties: list[tuple[str, str]]
    revision: int

    def _kept(self, key: str, compute: Callable[[], T], reads: frozenset[str],
              blank_added: frozenset[str] | None = None) -> T:
        raise NotImplementedError  # MapMemo's

    def census_default(self) -> list[str]:
        raise NotImplementedError  # MapSession's

    def set_pair(self, first: str, second: str, know_each_other: bool = True, *,
                 members: list[str] | None = None) -> None:
        raise NotImplementedError  # MapSession's

    def rows(self, contact_ids: Iterable[str]) -> pd.DataFrame:
        raise NotImplementedError  # MapSession's

    def _note_ties(self) -> None:
        raise NotImplementedError  # MapMemo's

    def _rows_touched(self, revision: int, reads: frozenset[str]) -> list[int] | None:
        raise NotImplementedError  # MapMemo's

    def census_members(self) -> list[str]:
        raise NotImplementedError  # MapSession's

    # (revision, the saved choice, what was offered then): census_candidates'
    _offered: tuple[int, list[str], dict[str, str]] | None = None

    def census_candidates(self) -> dict[str, str]:
        """{contact id: name} the census offers, closest first (``census.candidates``).

        Kept through adds and edits of people who were not offered and are not close
        enough to ask now (a quick add of someone not close, sorting people as known or
        by where from): they cannot enter the list and did not leave it (at 30,000
        people, choosing the candidates again is about 25 ms a click)."""
        saved = self.census_members()
        kept = self._offered
        if kept is not None and kept[1] == saved:
            rows = self._rows_touched(kept[0], _OFFER_READS)
            if rows is not None and not self._may_move_offer(rows, kept[2]):
                self._offered = (self.revision, saved, kept[2])
                return kept[2]
        offered = candidates(self.contacts, saved)
        self._offered = (self.revision, saved, offered)
        return offered

    def _may_move_offer(self, positions: list[int], offered: dict[str, str]) -> bool:
        """Whether any of these rows was offered, or is close enough to ask now."""
        if not positions:
            return False
        rows = self.contacts.iloc[sorted(set(positions))]
        return bool(rows["contact_id"].astype(str).isin(list(offered)).any()
                    or rows["strength"].astype("object").isin(_ASKABLE).any())

    def rejected_ties(self) -> set[Pair]:
        """The pairs the participant said do not know each other (saved in the profile)."""
        raw: Any = self.workbook.get_profile(REJECTED_KEY, []) or []
        return {pair_of(str(p[0]), str(p[1])) for p in raw
                if isinstance(p, list | tuple) and len(p) == 2}

    def guessed_ties(self, members: list[str] | None = None) -> dict[Pair, str]:
        """Pairs among the census people (``members``, else the saved or default choice)
        who probably know each other, with why ("both at Roche"): neither confirmed nor
        rejected yet. Guesses only; the numbers count confirmed ties alone."""
        chosen = self.census_default() if members is None else members
        known = set(self.ties)
        # Kept until the chosen people's organisations, where-from or tags change, or the
        # ties (a rejected guess is saved with them): not after every sort (a store read
        # and a pass over 30,000 ids).
        return self._kept(f"guessed:{','.join(chosen)}", lambda: {
            pair: why for pair, why in inferred_pairs(
                self.rows(chosen), chosen, self.rejected_ties()).items() if pair not in known},
            reads=GUESSES_READ)

    def confirm_tie(self, first: str, second: str, members: list[str] | None = None) -> None:
        """Yes, they know each other: the guess becomes a tie (``set_pair``), and the
        census choice shown (``members``, else the saved or default one) is saved."""
        self.set_pair(first, second, know_each_other=True,
                      members=self.census_default() if members is None else members)

    def reject_tie(self, first: str, second: str) -> None:
        """No, they do not: remembered so it is not guessed again, and any tie between
        them removed, in one transaction."""
        pair = pair_of(first, second)
        with self._action(Change.TIES, contact_ids=frozenset(pair)):
            rejected = sorted(self.rejected_ties() | {pair})
            self.workbook.set_profile(REJECTED_KEY, [list(p) for p in rejected])
            if pair in set(self.ties):
                self.workbook.set_tie(*pair, know_each_other=False)
                self.ties = [t for t in self.ties if t != pair]
            self.revision += 1
            self._note_ties()

    def circles_in_words(self, members: list[str] | None = None) -> list[str]:
        """The circles among the census people and who bridges them, in plain sentences
        (``census.circles_sentences``), from confirmed ties only."""
        chosen = self.census_default() if members is None else members
        rows = self.rows(chosen)  # the few chosen, not a name for each of 30,000 people
        names = dict(zip(rows["contact_id"].astype(str), rows["name"].astype(str),
                         strict=True))
        return circles_sentences(circles(chosen, self.ties), names)


__all__ = ["REJECTED_KEY", "CensusGuesses"]
