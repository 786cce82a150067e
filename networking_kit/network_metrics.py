"""The map's key numbers, each with one plain sentence saying what it means for the person.

:func:`describe_network` turns the canonical contacts table (and the who-knows-whom
census, when there is one) into a list of :class:`Metric` for step 2's "Your network in
numbers" and the exported plan. Pure functions; nothing is drawn or saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from networking_kit.fields import infer_fields
from networking_kit.network import Brokerage, brokerage, diversity, layer_sizes, sector_of, tie_mix
from networking_kit.vocab import Context, TieStrength
from networking_kit.words import plural

if TYPE_CHECKING:
    pass

# ------------------------------------------------------------ metrics in plain words


@dataclass(frozen=True)
class Metric:
    """One number about the network, with a sentence saying what it means for the person."""

    key: str
    title: str
    value: str
    sentence: str
    # The numbers behind the words, for a "details" toggle: may use the research terms
    # ("effective size", "constraint"); ``sentence`` and ``value`` never do.
    details: str = ""


# What each number reads of an unchanged set of people: the contacts table's columns, and
# ``TIES`` for the census' ties. A caller that keeps numbers between changes (step 2's
# session) keeps each one until what it reads changes (or people come or go).
TIES = "+ties"
READS: dict[str, frozenset[str]] = {
    "layers": frozenset({"strength"}),
    "context_diversity": frozenset({"context"}),
    "sector_diversity": frozenset({"tags", "company", "position"}),
    "weak_ties": frozenset({"strength"}),
    "concentration": frozenset({"company"}),
    "brokerage": frozenset({TIES}),
}
# memo(key, what it reads (READS[key]), compute): compute() or the kept result of it.
MetricMemo = Callable[[str, frozenset[str], Callable[[], Metric]], Metric]


def _no_memo(_key: str, _reads: frozenset[str], compute: Callable[[], Metric]) -> Metric:
    return compute()


def describe_network(contacts: pd.DataFrame, ties: Iterable[tuple[str, str]] = (),
                     census: Iterable[str] = (),
                     inferred: pd.Series | None = None,
                     memo: MetricMemo = _no_memo) -> list[Metric]:
    """The map's key numbers, each explained in one plain sentence.

    ``census`` are the contacts the participant looked at in the who-knows-whom census;
    the brokerage numbers appear only when there is one, since without it they would
    describe a network of strangers that does not exist. ``inferred`` is
    ``fields.infer_fields(contacts)`` when the caller kept it (a step session does: it
    reads every organisation and title, about 0.3 s at 30,000 contacts). ``memo`` makes
    each number (by its key, with what it reads: ``READS``), so a caller can keep the
    numbers a change did not touch (a sort touches neither organisations nor fields: 40
    of the 60 ms at 30,000 contacts); the brokerage number's key also names the census.
    """
    if contacts.empty:
        return [Metric("size", "People in your map", "0",
                       "Your map is empty: bring in an export or add a few people by hand.")]
    parts: list[tuple[str, Callable[[], Metric]]] = [
        ("layers", lambda: _layer_metric(contacts)),
        ("context_diversity", lambda: _context_metric(contacts)),
        ("sector_diversity", lambda: _sector_metric(contacts, inferred)),
        ("weak_ties", lambda: _weak_metric(contacts)),
        ("concentration", lambda: _concentration_metric(contacts))]
    metrics = [memo(key, READS[key], compute) for key, compute in parts]
    census = list(census)
    if len(census) >= 2:
        ties = list(ties)
        metrics.append(memo(f"brokerage:{','.join(census)}", READS["brokerage"],
                            lambda: _brokerage_metric(brokerage(census, ties))))
    return metrics


def _layer_metric(contacts: pd.DataFrame) -> Metric:
    rows = {row.strength: row for row in layer_sizes(contacts)}
    inner = rows[TieStrength.CLOSE].cumulative
    meaningful = rows[TieStrength.KNOWN].cumulative
    close = plural(inner, "person", "people")
    if inner > 20:
        closeness = (f"You count {close} as close, more than the 15 or so most people "
                     "can keep up with; some may really be in regular touch rather than close.")
    elif inner < 5:
        closeness = (f"You count {close} as close. That is fine for someone who values "
                     "a few deep ties; make sure they hear from you.")
    else:
        closeness = (f"You count {close} as close, in line with the 15 or so most "
                     "people have.")
    return Metric("layers", "Close and meaningful ties", f"{inner} close · {meaningful} in all",
                  closeness + f" Around 150 meaningful contacts is typical; you have {meaningful}.")


def _context_metric(contacts: pd.DataFrame) -> Metric:
    """Words first, then the index in brackets: "0.94 of 1" alone means nothing to most people.

    The value is words only, since the printed plan already puts it in brackets.
    """
    result = diversity(contacts, "context")
    if result.groups == 0:
        return Metric("context_diversity", "Where you know people from", "not recorded",
                      "Choose where you know each person from while sorting them, to see "
                      "how varied your network is.")
    label = Context(result.largest_group).label.lower() if result.largest_group else "—"
    details = (f"Index of qualitative variation {result.iqv:.2f} (0: all from one part of "
               f"your life, 1: spread evenly over all {len(Context)}); Blau index "
               f"{result.blau:.2f}.")
    word = variety_word(result.iqv)
    if result.iqv >= 0.75:
        text = "Your people come from many parts of your life, which brings fresh news."
    elif result.iqv >= 0.45:
        text = "Your people come from a few parts of your life."
    else:
        text = ("Most of your people come from one part of your life; people from "
                "other parts can add new views.")
    return Metric("context_diversity", "Where you know people from", word,
                  f"{text} The biggest group is {label} ({result.largest_share:.0%}).",
                  details)


def variety_word(iqv: float) -> str:
    """How varied the contexts are, in words (normalised IQV: 0 one group, 1 all even)."""
    if iqv >= 0.75:
        return "Very varied"
    return "Fairly varied" if iqv >= 0.45 else "Mostly one part of your life"


def _sector_metric(contacts: pd.DataFrame, inferred: pd.Series | None = None) -> Metric:
    """Fields from the first tag; where none is typed, from what the organisation and job
    title show (``fields.infer_fields``), so an import does not read "not recorded"."""
    typed = sector_of(contacts)
    inferred = infer_fields(contacts) if inferred is None else inferred
    sectors = contacts.assign(sector=typed.where(typed.notna(), inferred))
    result = diversity(sectors, "sector")
    if result.groups == 0:
        organisations = contacts["company"].dropna().nunique()
        if organisations:
            return Metric("sector_diversity", "Fields you reach", "not recorded yet",
                          f"Your people work at {plural(organisations, 'organisation')}; "
                          "say which field some of them are in (under your goal, below) "
                          "to see how many fields you reach.")
        return Metric("sector_diversity", "Fields you reach", "not recorded",
                      "Add each person's field as their first tag to see how many fields "
                      "you reach.")
    unknown = int(sectors["sector"].isna().sum())
    rest = (f" For {plural(unknown, 'person', 'people')} the field is not known yet."
            if unknown else "")
    if result.groups == 1:
        text = (f"Everyone whose field you noted is in {result.largest_group}; people in "
                "other fields could bring new openings.")
    else:
        text = (f"You know people in {plural(result.groups, 'field')}; the largest is "
                f"{result.largest_group} with {result.largest_share:.0%} of them.")
    return Metric("sector_diversity", "Fields you reach", plural(result.groups, "field"),
                  text + rest)


def share_words(share: float) -> str:
    """A share as a whole percentage that never hides a few people: "under 1%" rather
    than "0%" when some are there, "over 99%" rather than "100%" when some are not."""
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def _weak_metric(contacts: pd.DataFrame) -> Metric:
    mix = tie_mix(contacts)
    weak, dormant = share_words(mix.weak), share_words(mix.dormant)
    text = (f"{weak[0].upper()}{weak[1:]} of your contacts are weaker ties. New information "
            "and openings often come through them, so they are worth a light touch now and "
            "then.")
    if mix.dormant:
        text += (f" {dormant[0].upper()}{dormant[1:]} are dormant: old ties are often glad "
                 "to hear from you.")
    if mix.untriaged:
        untriaged = share_words(mix.untriaged)
        text += f" {untriaged[0].upper()}{untriaged[1:]} are not sorted yet."
    return Metric("weak_ties", "Weak and dormant ties", f"{weak} weak · {dormant} dormant",
                  text)


def _concentration_metric(contacts: pd.DataFrame) -> Metric:
    companies = contacts["company"].dropna()
    if companies.empty:
        return Metric("concentration", "Largest organisation", "not recorded",
                      "Your contacts have no organisations recorded yet.")
    counts = companies.value_counts()
    share = counts.iloc[0] / len(contacts)
    text = (f"{share:.0%} of your contacts work at {counts.index[0]}. "
            + ("If you left, much of your network would change with you: widen it now."
               if share >= 0.3 else "Your network does not hang on one organisation."))
    return Metric("concentration", "Largest organisation", f"{share:.0%}", text)


def _brokerage_metric(result: Brokerage) -> Metric:
    """What the census means for the person, in words; Burt's numbers (1992) behind the
    "details" toggle only."""
    looked_at = f"the {result.alters} people you looked at"
    separate = result.effective_size >= 0.6 * result.alters
    if result.density == 0:
        who = f"None of {looked_at} know each other"
    elif result.density == 1:
        who = f"All of {looked_at} know each other"
    else:
        who = f"{'Few' if separate else 'Most'} of {looked_at} know each other"
    news = (f"so they bring you news from about "
            f"{plural(max(1, round(result.effective_size)), 'direction')}")
    details = (f"Effective size {result.effective_size:.1f} of {result.alters}, constraint "
               f"{result.constraint:.2f}, {result.density:.0%} of the pairs know each other "
               "(Burt 1992, Structural Holes).")
    if separate:
        value = "You link separate circles"
        text = f"{who}, {news}: you hear things others do not."
    else:
        value = "A tight circle"
        text = (f"{who}: a tight circle, {news}. Good support, fewer new ideas; someone "
                "from another circle would widen it.")
    return Metric("brokerage", "Who knows whom", value, text, details)
