"""The shape of a participant's network: layers, diversity, weak and dormant ties, brokerage.

Pure functions from the canonical contacts table (and, optionally, the participant's
short census of who knows whom) to numbers, each with a plain sentence that says what
it means for them. Nothing here draws or saves anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

# ASKABLE, WEAK, COLD_AFTER_DAYS and plural have their one home in vocab, settings and
# words; they are re-exported here for the modules that still read them from network.
from networking_kit.settings import COLD_AFTER_DAYS as COLD_AFTER_DAYS
from networking_kit.settings import DUNBAR_LAYERS
from networking_kit.vocab import ASKABLE as ASKABLE
from networking_kit.vocab import WEAK as WEAK
from networking_kit.vocab import Context, GoalKind, TieStrength, Trust
from networking_kit.words import and_list, in_sentence
from networking_kit.words import plural as plural

if TYPE_CHECKING:
    from networking_kit.goals import Goal

EGO = "__me__"
# Recency bands for "who has gone cold", in days since the last contact.
RECENCY_BANDS: tuple[tuple[str, int], ...] = (
    ("this month", 31), ("last 3 months", 92), ("last 6 months", 183),
    ("last year", 366), ("over a year", 10**6),
)


@dataclass(frozen=True)
class LayerRow:
    """One closeness layer: how many people the participant has there and the usual number."""

    strength: TieStrength
    count: int
    cumulative: int
    typical_cumulative: int | None


def layer_sizes(contacts: pd.DataFrame) -> list[LayerRow]:
    """People per closeness, from closest outwards, beside Dunbar's cumulative 5/15/50/150."""
    counts = contacts["strength"].astype("object").value_counts()
    rows, running = [], 0
    for strength in TieStrength:
        count = int(counts.get(strength.value, 0))
        running += count if strength is not TieStrength.DORMANT else 0
        rows.append(LayerRow(strength, count,
                             running if strength is not TieStrength.DORMANT else count,
                             DUNBAR_LAYERS.get(strength)))
    return rows


def untriaged_count(contacts: pd.DataFrame) -> int:
    """Contacts whose closeness is not yet set: the triage step's to-do list."""
    return int(contacts["strength"].isna().sum())


def blau_index(counts: Iterable[int]) -> float:
    """Blau's heterogeneity index, 1 − Σ pᵢ²: the chance two random contacts differ.

    0 when everyone is in one group; approaches 1 as people spread over many groups.
    """
    values = [c for c in counts if c > 0]
    total = sum(values)
    if total == 0:
        return 0.0
    return 1.0 - sum((c / total) ** 2 for c in values)


def iqv(counts: Iterable[int], categories: int) -> float:
    """Index of qualitative variation: Blau's index scaled by its maximum, 1 − 1/k.

    1 means contacts are spread evenly over all ``categories`` possible groups, which
    makes networks with different numbers of groups comparable.
    """
    if categories < 2:
        return 0.0
    return blau_index(counts) / (1.0 - 1.0 / categories)


@dataclass(frozen=True)
class Diversity:
    """How spread out contacts are over one attribute (context, sector or company)."""

    attribute: str
    groups: int
    blau: float
    iqv: float
    largest_group: str | None
    largest_share: float


def diversity(contacts: pd.DataFrame, column: str, categories: int | None = None) -> Diversity:
    """Blau index and IQV over ``column``; blanks are left out rather than counted as a group.

    ``categories`` is the number of groups possible (all contexts for ``context``); by
    default the number of groups seen.
    """
    counts = contacts[column].dropna().astype("object").value_counts()
    if column == "context" and categories is None:
        categories = len(Context)
    k = categories or len(counts)
    top = counts.index[0] if len(counts) else None
    share = float(counts.iloc[0] / counts.sum()) if len(counts) else 0.0
    return Diversity(column, len(counts), blau_index(counts.tolist()),
                     iqv(counts.tolist(), k), None if top is None else str(top), share)


def sector_of(contacts: pd.DataFrame) -> pd.Series:
    """The sector of each contact: the first of their tags (the sample and the quick-add
    form put the sector first); blank when there is none."""
    first = contacts["tags"].str.split(";").str[0].str.strip().str.lower()
    return first.where(first.str.len() > 0).astype("object").where(first.notna(), None)


@dataclass(frozen=True)
class TieMix:
    """Shares of strong, weak, dormant and not-yet-sorted ties among all contacts."""

    total: int
    strong: float
    weak: float
    dormant: float
    untriaged: float


def tie_mix(contacts: pd.DataFrame) -> TieMix:
    total = len(contacts)
    if total == 0:
        return TieMix(0, 0.0, 0.0, 0.0, 0.0)
    strength = contacts["strength"].astype("object")
    weak = strength.isin(WEAK).sum()
    dormant = (strength == TieStrength.DORMANT).sum()
    untriaged = strength.isna().sum()
    strong = total - weak - dormant - untriaged
    return TieMix(total, float(strong / total), float(weak / total), float(dormant / total),
                  float(untriaged / total))


def days_since_contact(contacts: pd.DataFrame, today: date) -> pd.Series:
    """Whole days since the last contact; NA where the participant has not said."""
    return (pd.Timestamp(today) - contacts["last_contact"]).dt.days


def recency_bands(contacts: pd.DataFrame, today: date) -> pd.Series:
    """How many contacts were last in touch in each band (plus "not recorded")."""
    days = days_since_contact(contacts, today)
    labels, edges = zip(*RECENCY_BANDS, strict=True)
    bands = pd.cut(days, bins=[-10**6, *edges], labels=labels)
    counts = bands.value_counts().reindex(labels, fill_value=0)
    counts["not recorded"] = int(days.isna().sum())
    return counts


# ------------------------------------------------------------------- who knows whom


def ego_graph(contact_ids: Iterable[str], ties: Iterable[tuple[str, str]]) -> nx.Graph:
    """The participant (``EGO``) tied to each contact, plus the ties between contacts.

    Ties that name someone outside ``contact_ids`` are ignored, as are self-ties: the
    census only covers the people the participant chose.
    """
    graph = nx.Graph()
    alters = list(dict.fromkeys(contact_ids))
    graph.add_node(EGO)
    graph.add_edges_from((EGO, alter) for alter in alters)
    members = set(alters)
    graph.add_edges_from((a, b) for a, b in ties if a != b and a in members and b in members)
    return graph


@dataclass(frozen=True)
class Brokerage:
    """Burt's measures of how far the participant bridges otherwise separate people."""

    alters: int
    density: float
    constraint: float
    effective_size: float


def brokerage(contact_ids: Iterable[str], ties: Iterable[tuple[str, str]]) -> Brokerage:
    """Density among the contacts, and Burt's constraint and effective size for the participant.

    Low constraint and an effective size near the number of contacts mean the people you
    know do not all know each other: you hear things others do not (Burt 1992).
    """
    graph = ego_graph(contact_ids, ties)
    alters = [n for n in graph if n != EGO]
    if not alters:
        return Brokerage(0, 0.0, 0.0, 0.0)
    among = graph.subgraph(alters)
    density = nx.density(among) if len(alters) > 1 else 0.0
    constraint = nx.constraint(graph, nodes=[EGO])[EGO]
    effective = nx.effective_size(graph, nodes=[EGO])[EGO]
    return Brokerage(len(alters), float(density), float(constraint), float(effective))


# ------------------------------------------------------------------ gaps against the goal

# Only people one is already close to (``vocab.ASKABLE``), or trusts, are asked for an
# introduction: asking a favour of a weak tie as a first move is exactly what the
# workshop teaches not to do.
# Fields close enough that people in one often know people in the other. A small,
# editable table: a facilitator can add their audience's fields here.
NEIGHBOURING_FIELDS: dict[str, tuple[str, ...]] = {
    "fintech": ("banking", "payments", "finance", "insurance", "software"),
    "healthcare": ("public sector", "pharma", "life sciences", "insurance"),
    "software": ("data & analytics", "fintech", "design", "consulting"),
    "data & analytics": ("software", "consulting", "research"),
    "education": ("public sector", "research", "non-profit"),
    "public sector": ("education", "healthcare", "non-profit", "consulting"),
    "energy": ("utilities", "engineering", "logistics"),
    "design": ("software", "marketing", "retail"),
    "consulting": ("software", "finance", "public sector"),
    "logistics": ("retail", "energy", "manufacturing"),
    "retail": ("logistics", "design", "marketing"),
}
EMPTY_MAP_GAPS = ("Your map has nobody in it yet, so there is nothing to read against your "
                  "goal: bring in an export or add a few people by hand first.")
_SEARCHED = ("company", "position", "tags", "can_help_with", "notes")
# How much closer an introducer is than the others, on top of the strength of their link.
_ASK_BONUS = {TieStrength.CLOSEST: 1.0, TieStrength.CLOSE: 0.6, TieStrength.REGULAR: 0.3}


def matches(contacts: pd.DataFrame, term: str, columns: Iterable[str] = _SEARCHED) -> pd.Series:
    """Contacts whose company, position, tags, expertise or notes mention ``term``."""
    needle = term.strip().lower()
    hit = pd.Series(False, index=contacts.index)
    if not needle:
        return hit
    for column in columns:
        hit |= contacts[column].str.lower().str.contains(needle, regex=False).fillna(False)
    return hit.astype(bool)


@dataclass(frozen=True)
class TargetCoverage:
    """How the map covers one field, community or kind of expertise the goal names."""

    target: str
    count: int
    by_strength: dict[str, int]
    sentence: str


@dataclass(frozen=True)
class Rewarm:
    contact_id: str
    name: str
    reason: str
    score: float


@dataclass(frozen=True)
class IntroductionAsk:
    """Ask ``introducer`` (someone close or trusted) for an introduction towards ``towards``."""

    introducer_id: str
    introducer: str
    towards: str
    reason: str
    score: float


@dataclass(frozen=True)
class GapReport:
    coverage: list[TargetCoverage]
    missing: list[str]
    rewarm: list[Rewarm]
    introductions: list[IntroductionAsk]
    sentences: list[str]


def goal_targets(goal: Goal) -> list[str]:
    """What the goal asks the map about: its targets, else its audience ("who")."""
    targets = [t.strip() for t in goal.targets if t and t.strip()]
    if not targets and goal.who.strip():
        targets = [goal.who.strip()]
    return targets


def find_gaps(contacts: pd.DataFrame, goal: Goal | None,
              ties: Iterable[tuple[str, str]] = (), today: date | None = None,
              limit: int = 8) -> GapReport:
    """Read the map against the goal: who is there, what is missing, whom to re-warm or ask.

    ``goal`` is None before step 1 is done (then only re-warming is suggested); ``ties``
    are census pairs of contact ids. Results are ranked and cut to ``limit`` so step 3
    gets a short, doable list.
    """
    today = today or date.today()
    kind = goal.kind if goal is not None else None
    targets = goal_targets(goal) if goal is not None else []
    columns = (("can_help_with", "position", "tags") if kind == GoalKind.BETTER_EQUIPPED
               else _SEARCHED)
    coverage, relevant = [], pd.Series(False, index=contacts.index)
    matched: dict[object, list[str]] = {}
    for target in targets:
        hit = matches(contacts, target, columns)
        relevant |= hit
        for index in contacts.index[hit]:
            matched.setdefault(index, []).append(target)
        coverage.append(_coverage(target, contacts[hit], kind))
    missing = [c.target for c in coverage if c.count == 0]
    if kind == GoalKind.BETTER_KNOWN and goal is not None:
        missing += _venues_without_contacts(contacts, goal)
    rewarm, cold = _rewarm(contacts, relevant, today, limit)
    introductions, introducers = _introductions(contacts, matched, targets, list(ties), kind,
                                                limit)
    sentences = _gap_sentences(kind, coverage, missing, rewarm, cold, introductions,
                               introducers)
    if contacts.empty:
        # "Nobody is linked to fintech" is true of an empty map but says nothing useful.
        sentences = [EMPTY_MAP_GAPS]
    return GapReport(coverage, missing, rewarm, introductions, sentences)


def _coverage(target: str, found: pd.DataFrame, kind: GoalKind | None) -> TargetCoverage:
    counts = found["strength"].astype("object").fillna("unsorted").value_counts()
    by_strength = {str(k): int(v) for k, v in counts.items()}
    close = sum(by_strength.get(s, 0) for s in ASKABLE)
    count = len(found)
    if found.empty:
        verb = "can help with" if kind == GoalKind.BETTER_EQUIPPED else "is linked to"
        sentence = f"Nobody in your map {verb} {target} yet: this is a gap to fill."
    else:
        verb = ("can help with" if kind == GoalKind.BETTER_EQUIPPED
                else "connects to" if count == 1 else "connect to")
        if count == 1:
            ask = ("they are close enough to ask" if close
                   else "they are not close enough to ask yet")
        elif close == 0:
            ask = "none of them is close enough to ask yet"
        else:
            ask = f"{close:,} of them {'is' if close == 1 else 'are'} close enough to ask"
        sentence = f"{plural(count, 'person', 'people')} in your map {verb} {target}; {ask}."
    return TargetCoverage(target, count, by_strength, sentence)


def _venues_without_contacts(contacts: pd.DataFrame, goal: Goal) -> list[str]:
    names = [c.display_name for c in goal.commitments]
    return [n for n in names if n and not matches(contacts, n).any()]


def _rewarm(contacts: pd.DataFrame, relevant: pd.Series, today: date,
            limit: int) -> tuple[list[Rewarm], int]:
    """Dormant or cold contacts, most useful to the goal first, then most trusted.

    Scored a column at a time, so 30,000 contacts cost no more than a few hundred; only
    the ``limit`` best become objects with a written reason. Returns them and the count.
    """
    strength = contacts["strength"].astype("object")
    days = days_since_contact(contacts, today)
    cold = ((strength == TieStrength.DORMANT) | (days > COLD_AFTER_DAYS)).fillna(False)
    trusted = (contacts["trust"].astype("object") == Trust.HIGH).fillna(False)
    knows, offers = contacts["can_help_with"].notna(), contacts["i_can_offer"].notna()
    score = 1.0 + 3 * relevant + 1.5 * trusted + 0.5 * knows + 0.5 * offers
    chosen = contacts.index[cold.astype(bool)]
    order = pd.DataFrame({"score": -score[chosen], "name": contacts.loc[chosen, "name"]})
    best = order.sort_values(["score", "name"], kind="stable").index[:limit]
    out = []
    for index in best:
        row = contacts.loc[index]
        reasons = []
        if relevant[index]:
            reasons.append("they connect to your goal")
        if trusted[index]:
            reasons.append("you trust them")
        if knows[index]:
            reasons.append(f"they know about {in_sentence(str(row['can_help_with']))}")
        if offers[index]:
            reasons.append(f"you can offer {in_sentence(str(row['i_can_offer']))}")
        gone = days[index]
        if pd.isna(gone):
            start = "Not in touch for a long time"
        elif int(gone) < 30:
            start = "You marked them dormant"
        else:
            start = f"Not in touch for {plural(int(gone) // 30, 'month')}"
        reason = start + (f"; {', '.join(reasons)}." if reasons else ".")
        out.append(Rewarm(str(row["contact_id"]), str(row["name"]), reason,
                          float(score[index])))
    return out, len(chosen)


def _introductions(contacts: pd.DataFrame, matched: dict[object, list[str]],
                   targets: list[str], ties: list[tuple[str, str]], kind: GoalKind | None,
                   limit: int) -> tuple[list[IntroductionAsk], int]:
    """Close or trusted contacts who can open a door towards the goal's targets.

    In order of strength of the link: already in the target, knows someone there (from
    the census), works alongside someone there, works in a neighbouring field. Each
    reason and ``towards`` name only the targets that introducer's own link reaches, so
    the sentence is true: someone who knows a designer is not offered as a way into
    architecture just because the goal names both.
    """
    strength = contacts["strength"].astype("object")
    askable = (strength.isin(ASKABLE) | (contacts["trust"].astype("object") == Trust.HIGH))
    askable = (askable & (strength != TieStrength.DORMANT)).fillna(False).astype(bool)
    relevant = pd.Series(contacts.index.isin(list(matched)), index=contacts.index)
    fields_of = {str(contacts.at[i, "contact_id"]): found for i, found in matched.items()}
    known_to: dict[str, list[str]] = {}
    for a, b in ties:
        if b in fields_of:
            known_to.setdefault(a, []).append(b)
        if a in fields_of:
            known_to.setdefault(b, []).append(a)
    at_company: dict[str, list[str]] = {}
    for index in contacts.index[relevant]:
        company = contacts.at[index, "company"]
        if isinstance(company, str):
            at_company.setdefault(company, []).extend(matched[index])
    neighbours = {n for t in targets for n in NEIGHBOURING_FIELDS.get(t.lower(), ())}
    sectors = sector_of(contacts)
    link = pd.Series(0.0, index=contacts.index)
    link[sectors.isin(neighbours).to_numpy()] = 1.5
    link[contacts["company"].isin(list(at_company)).fillna(False).to_numpy()] = 2.5
    link[contacts["contact_id"].isin(list(known_to)).to_numpy()] = 3.5
    link[relevant.to_numpy()] = 4.0
    bonus = strength.map(_ASK_BONUS).fillna(0.0)
    score = (link + bonus).where(askable & (link > 0), 0.0)
    chosen = contacts.index[score > 0]
    order = pd.DataFrame({"score": -score[chosen], "name": contacts.loc[chosen, "name"]})
    best = order.sort_values(["score", "name"], kind="stable").index[:limit]
    names = dict(zip(contacts["contact_id"], contacts["name"], strict=True))
    helps = kind == GoalKind.BETTER_EQUIPPED
    out = []
    for index in best:
        row = contacts.loc[index]
        cid = str(row["contact_id"])
        if link[index] == 4.0:
            fields = _in_goal_order(targets, matched[index])
            reason = (f"they can help with {and_list(fields)} themselves, and may know others "
                      "who can" if helps
                      else f"they are close to you and already in {and_list(fields)}")
        elif link[index] == 3.5:
            known = sorted(known_to[cid], key=lambda c: str(names[c]))[:2]
            fields = _in_goal_order(targets, [f for c in known for f in fields_of[c]])
            verb = ("can help with" if helps
                    else "connects to" if len(known) == 1 else "connect to")
            reason = (f"they know {and_list([str(names[c]) for c in known])}, who {verb} "
                      f"{and_list(fields)}")
        elif link[index] == 2.5:
            fields = _in_goal_order(targets, at_company[row["company"]])
            where = "people who can help with" if helps else "people in"
            reason = f"they work at {row['company']}, alongside {where} {and_list(fields)}"
        else:
            fields = [t for t in targets
                      if sectors[index] in NEIGHBOURING_FIELDS.get(t.lower(), ())]
            reason = f"they work in {sectors[index]}, next door to {and_list(fields)}"
        out.append(IntroductionAsk(cid, str(row["name"]), and_list(fields),
                                   reason[0].upper() + reason[1:] + ".", float(score[index])))
    return out, len(chosen)


def _in_goal_order(targets: list[str], found: Iterable[str]) -> list[str]:
    """The goal's targets that ``found`` names, once each and in the goal's own order."""
    wanted = set(found)
    return [t for t in dict.fromkeys(targets) if t in wanted]


def _gap_sentences(kind: GoalKind | None, coverage: list[TargetCoverage], missing: list[str],
                   rewarm: list[Rewarm], cold: int, introductions: list[IntroductionAsk],
                   introducers: int) -> list[str]:
    sentences = [c.sentence for c in coverage]
    if not coverage:
        sentences.append("Your goal does not name a field, community or skill yet, so the map "
                         "cannot show gaps; add one in step 1.")
    if kind == GoalKind.BETTER_KNOWN and missing:
        sentences.append(f"You know nobody yet at {and_list(missing)}: go with a small target "
                         "and you will.")
    if introductions:
        sentences.append(f"{plural(introducers, 'person', 'people')} close to you "
                         f"could open a door; start with {introductions[0].introducer}.")
    if rewarm:
        sentences.append(f"{plural(cold, 'dormant or cold contact')} could do "
                         f"with a friendly message, starting with {rewarm[0].name}.")
    return sentences




# ------------------------------------------------------------ metrics in plain words


@dataclass(frozen=True)
class Metric:
    """One number about the network, with a sentence saying what it means for the person."""

    key: str
    title: str
    value: str
    sentence: str


def describe_network(contacts: pd.DataFrame, ties: Iterable[tuple[str, str]] = (),
                     census: Iterable[str] = ()) -> list[Metric]:
    """The map's key numbers, each explained in one plain sentence.

    ``census`` are the contacts the participant looked at in the who-knows-whom census;
    the brokerage numbers appear only when there is one, since without it they would
    describe a network of strangers that does not exist.
    """
    if contacts.empty:
        return [Metric("size", "People in your map", "0",
                       "Your map is empty: bring in an export or add a few people by hand.")]
    metrics = [_layer_metric(contacts), _context_metric(contacts), _sector_metric(contacts),
               _weak_metric(contacts), _concentration_metric(contacts)]
    census = list(census)
    if len(census) >= 2:
        metrics.append(_brokerage_metric(brokerage(census, ties)))
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
    number = f"({result.iqv:.2f}, where 1 is the most varied)"
    word = variety_word(result.iqv)
    if result.iqv >= 0.75:
        text = f"Your people come from many parts of your life {number}, which brings fresh news."
    elif result.iqv >= 0.45:
        text = f"Your people come from a few parts of your life {number}."
    else:
        text = (f"Most of your people come from one part of your life {number}; people from "
                "other parts can add new views.")
    return Metric("context_diversity", "Where you know people from", word,
                  f"{text} The biggest group is {label} ({result.largest_share:.0%}).")


def variety_word(iqv: float) -> str:
    """How varied the contexts are, in words (normalised IQV: 0 one group, 1 all even)."""
    if iqv >= 0.75:
        return "Very varied"
    return "Fairly varied" if iqv >= 0.45 else "Mostly one part of your life"


def _sector_metric(contacts: pd.DataFrame) -> Metric:
    sectors = contacts.assign(sector=sector_of(contacts))
    result = diversity(sectors, "sector")
    if result.groups == 0:
        return Metric("sector_diversity", "Fields you reach", "not recorded",
                      "Add each person's field as their first tag to see how many fields "
                      "you reach.")
    if result.groups == 1:
        text = (f"Everyone whose field you noted is in {result.largest_group}; people in "
                "other fields could bring new openings.")
    else:
        text = (f"You know people in {plural(result.groups, 'field')}; the largest is "
                f"{result.largest_group} with {result.largest_share:.0%} of them.")
    return Metric("sector_diversity", "Fields you reach", plural(result.groups, "field"), text)


def _weak_metric(contacts: pd.DataFrame) -> Metric:
    mix = tie_mix(contacts)
    text = (f"{mix.weak:.0%} of your contacts are weaker ties. New information and openings "
            "often come through them, so they are worth a light touch now and then.")
    if mix.dormant:
        text += f" {mix.dormant:.0%} are dormant: old ties are often glad to hear from you."
    if mix.untriaged:
        text += f" {mix.untriaged:.0%} are not sorted yet."
    return Metric("weak_ties", "Weak and dormant ties", f"{mix.weak:.0%} weak · "
                  f"{mix.dormant:.0%} dormant", text)


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
    """What the census means for the person first; Burt's numbers follow in brackets."""
    looked_at = f"the {result.alters} people you looked at"
    if result.density == 0:
        who = f"None of {looked_at} know each other"
    elif result.density == 1:
        who = f"All of {looked_at} know each other"
    else:
        few = "Few" if result.effective_size >= 0.6 * result.alters else "Many"
        who = f"{few} of {looked_at} know each other ({result.density:.0%} of the pairs)"
    news = (f"so they bring you news from about {plural(round(result.effective_size), 'direction')}"
            f" (effective size {result.effective_size:.1f} of {result.alters})")
    constraint = (f"(constraint {result.constraint:.2f}, which is lower the fewer of your "
                  "people know each other)")
    if result.effective_size >= 0.6 * result.alters:
        value = "You link separate circles"
        text = f"{who}, {news} and you hear things others do not {constraint}."
    else:
        value = "A close-knit circle"
        text = (f"{who}, {news}: good support, fewer new ideas {constraint}; someone from "
                "another circle would widen it.")
    return Metric("brokerage", "Who knows whom", value, text)
