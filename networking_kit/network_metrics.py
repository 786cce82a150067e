"""The map's key numbers, each with one plain sentence saying what it means for the person.

:func:`describe_network` turns the canonical contacts table (and the who-knows-whom
census, when there is one) into a list of :class:`Metric` for step 2's "Your network in
numbers" and the exported plan. Pure functions; nothing is drawn or saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from networking_kit.fields import infer_fields
from networking_kit.network import (
    Brokerage,
    Counts,
    brokerage,
    diversity_of,
    layer_rows,
    sector_of,
    tie_mix_of,
    value_counts,
)
from networking_kit.vocab import Context, TieStrength
from networking_kit.words import plural

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


# What the brokerage number reads: ``TIES``, the census' ties (and its key names the
# census), so a caller that keeps it between changes (step 2's session) keeps it until
# who knows whom changes. The other numbers are worked out from :class:`NetworkCounts`.
TIES = "+ties"
READS: dict[str, frozenset[str]] = {"brokerage": frozenset({TIES})}
# memo(key, what it reads (READS[key]), compute): compute() or the kept result of it.
MetricMemo = Callable[[str, frozenset[str], Callable[[], Metric]], Metric]


@dataclass(frozen=True)
class NetworkCounts:
    """What the numbers (but brokerage) are worked out from: how many people, and how
    many hold each closeness code, context code, field (:func:`sectors`) and
    organisation (``network.Counts``: blanks under None). Counts add up row by row, so a
    caller can keep them and bring them up to date for the rows a change touched."""

    total: int
    strength: Counts
    context: Counts
    sector: Counts
    company: Counts


def sectors(contacts: pd.DataFrame, inferred: pd.Series | None = None) -> pd.Series:
    """Each person's field: the first tag (``network.sector_of``), or, where none is
    typed, what the organisation and job title show (``inferred``, which is
    ``fields.infer_fields(contacts)``: worked out here when not given). Row by row."""
    typed = sector_of(contacts)
    inferred = infer_fields(contacts) if inferred is None else inferred
    return typed.where(typed.notna(), inferred.to_numpy(dtype=object))


def network_counts(contacts: pd.DataFrame,
                   inferred: pd.Series | None = None) -> NetworkCounts:
    """:class:`NetworkCounts` of the whole table (``inferred``: as for :func:`sectors`)."""
    return NetworkCounts(len(contacts), value_counts(contacts["strength"]),
                         value_counts(contacts["context"]),
                         value_counts(sectors(contacts, inferred)),
                         value_counts(contacts["company"]))


def _no_memo(_key: str, _reads: frozenset[str], compute: Callable[[], Metric]) -> Metric:
    return compute()


def describe_network(contacts: pd.DataFrame, ties: Iterable[tuple[str, str]] = (),
                     census: Iterable[str] = (),
                     inferred: pd.Series | None = None,
                     memo: MetricMemo = _no_memo,
                     counts: NetworkCounts | None = None) -> list[Metric]:
    """The map's key numbers, each explained in one plain sentence.

    ``census`` are the contacts the participant looked at in the who-knows-whom census;
    the brokerage numbers appear only when there is one, since without it they would
    describe a network of strangers that does not exist. ``inferred`` is
    ``fields.infer_fields(contacts)`` when the caller kept it (a step session does: it
    reads every organisation and title, about 0.3 s at 30,000 contacts). ``counts`` are
    :func:`network_counts` of ``contacts`` when the caller kept them (step 2's session
    brings them up to date row by row: counting 30,000 rows again is about 50 ms a
    click). ``memo`` makes the brokerage number (by its key, which names the census, and
    what it reads: ``READS``), so a caller can keep it while nobody's ties change.
    """
    if contacts.empty:
        return [Metric("size", "People in your map", "0",
                       "Your map is empty: bring in an export or add a few people by hand.")]
    counts = network_counts(contacts, inferred) if counts is None else counts
    metrics = [_layer_metric(counts), _context_metric(counts), _sector_metric(counts),
               _weak_metric(counts), _concentration_metric(counts)]
    census = list(census)
    if len(census) >= 2:
        ties = list(ties)
        metrics.append(memo(f"brokerage:{','.join(census)}", READS["brokerage"],
                            lambda: _brokerage_metric(brokerage(census, ties))))
    return metrics


def _layer_metric(counts: NetworkCounts) -> Metric:
    rows = {row.strength: row for row in layer_rows(counts.strength)}
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


def _context_metric(counts: NetworkCounts) -> Metric:
    """Words first, then the index in brackets: "0.94 of 1" alone means nothing to most people.

    The value is words only, since the printed plan already puts it in brackets.
    """
    result = diversity_of(counts.context, "context")
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


def _sector_metric(counts: NetworkCounts) -> Metric:
    """Fields from the first tag; where none is typed, from what the organisation and job
    title show (:func:`sectors`), so an import does not read "not recorded"."""
    result = diversity_of(counts.sector, "sector")
    if result.groups == 0:
        organisations = sum(1 for k, n in counts.company.items() if k is not None and n)
        if organisations:
            return Metric("sector_diversity", "Fields you reach", "not recorded yet",
                          f"Your people work at {plural(organisations, 'organisation')}; "
                          "say which field some of them are in (under your goal, below) "
                          "to see how many fields you reach.")
        return Metric("sector_diversity", "Fields you reach", "not recorded",
                      "Add each person's field as their first tag to see how many fields "
                      "you reach.")
    unknown = int(counts.sector.get(None, 0))
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


def _weak_metric(counts: NetworkCounts) -> Metric:
    mix = tie_mix_of(counts.strength, counts.total)
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


def _concentration_metric(counts: NetworkCounts) -> Metric:
    companies = diversity_of(counts.company, "company")
    if companies.largest_group is None:
        return Metric("concentration", "Largest organisation", "not recorded",
                      "Your contacts have no organisations recorded yet.")
    share = counts.company[companies.largest_group] / counts.total
    text = (f"{share:.0%} of your contacts work at {companies.largest_group}. "
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
