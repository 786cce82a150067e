"""The shape of a participant's network: layers, diversity, weak and dormant ties, brokerage.

Pure functions from the canonical contacts table (and, optionally, the participant's
short census of who knows whom) to numbers, each with a plain sentence that says what
it means for them. Nothing here draws or saves anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx
import pandas as pd

from networking_kit.contacts import DUNBAR_LAYERS, Context, TieStrength

EGO = "__me__"
# Ties outside the ~50 people one is in regular touch with count as weak (Granovetter 1973).
WEAK = (TieStrength.KNOWN.value, TieStrength.ACQUAINTANCE.value)
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
    dormant = (strength == TieStrength.DORMANT.value).sum()
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

# Only people one is already close to, or trusts, are asked for an introduction: asking a
# favour of a weak tie as a first move is exactly what the workshop teaches not to do.
ASKABLE = (TieStrength.CLOSEST.value, TieStrength.CLOSE.value, TieStrength.REGULAR.value)
COLD_AFTER_DAYS = 365
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
_SEARCHED = ("company", "position", "tags", "can_help_with", "notes")


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


def goal_targets(goal: object) -> list[str]:
    """What the goal asks the map about: its targets, else its audience ("who")."""
    targets = [t.strip() for t in getattr(goal, "targets", []) or [] if t and t.strip()]
    if not targets and getattr(goal, "who", "").strip():
        targets = [goal.who.strip()]  # type: ignore[attr-defined]
    return targets


def find_gaps(contacts: pd.DataFrame, goal: object, ties: Iterable[tuple[str, str]] = (),
              today: date | None = None, limit: int = 8) -> GapReport:
    """Read the map against the goal: who is there, what is missing, whom to re-warm or ask.

    ``goal`` is a :class:`networking_kit.goals.Goal` (read by attribute so this module does
    not depend on the goal step). Results are ranked and cut to ``limit`` so step 3 gets
    a short, doable list.
    """
    today = today or date.today()
    kind = str(getattr(goal, "kind", "") or "")
    targets = goal_targets(goal)
    columns = ("can_help_with", "position", "tags") if kind == "better_equipped" else _SEARCHED
    coverage, relevant = [], pd.Series(False, index=contacts.index)
    matched: dict[object, list[str]] = {}
    for target in targets:
        hit = matches(contacts, target, columns)
        relevant |= hit
        for index in contacts.index[hit]:
            matched.setdefault(index, []).append(target)
        coverage.append(_coverage(target, contacts[hit], kind))
    missing = [c.target for c in coverage if c.count == 0]
    if kind == "better_known":
        missing += _venues_without_contacts(contacts, goal)
    rewarm, cold = _rewarm(contacts, relevant, today, limit)
    introductions, introducers = _introductions(contacts, matched, targets, list(ties), kind,
                                                limit)
    sentences = _gap_sentences(kind, coverage, missing, rewarm, cold, introductions,
                               introducers)
    return GapReport(coverage, missing, rewarm, introductions, sentences)


def _coverage(target: str, found: pd.DataFrame, kind: str) -> TargetCoverage:
    counts = found["strength"].astype("object").fillna("unsorted").value_counts()
    by_strength = {str(k): int(v) for k, v in counts.items()}
    close = sum(by_strength.get(s, 0) for s in ASKABLE)
    if found.empty:
        verb = "can help with" if kind == "better_equipped" else "is linked to"
        sentence = f"Nobody in your map {verb} {target} yet: this is a gap to fill."
    else:
        people = "person" if len(found) == 1 else "people"
        sentence = (f"{len(found)} {people} in your map connect to {target}; "
                    f"{close} of them are close enough to ask.")
    return TargetCoverage(target, len(found), by_strength, sentence)


def _venues_without_contacts(contacts: pd.DataFrame, goal: object) -> list[str]:
    names = [getattr(c, "display_name", "") for c in getattr(goal, "commitments", []) or []]
    return [n for n in names if n and not matches(contacts, n).any()]


def _rewarm(contacts: pd.DataFrame, relevant: pd.Series, today: date,
            limit: int) -> tuple[list[Rewarm], int]:
    """Dormant or cold contacts, most useful to the goal first, then most trusted.

    Scored a column at a time, so 30,000 contacts cost no more than a few hundred; only
    the ``limit`` best become objects with a written reason. Returns them and the count.
    """
    strength = contacts["strength"].astype("object")
    days = days_since_contact(contacts, today)
    cold = ((strength == TieStrength.DORMANT.value) | (days > COLD_AFTER_DAYS)).fillna(False)
    trusted = (contacts["trust"].astype("object") == "high").fillna(False)
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
            reasons.append(f"they know about {row['can_help_with']}")
        if offers[index]:
            reasons.append(f"you can offer {row['i_can_offer']}")
        gone = days[index]
        when = "a long time" if pd.isna(gone) else f"{int(gone) // 30} months"
        reason = f"Not in touch for {when}" + (f"; {', '.join(reasons)}." if reasons else ".")
        out.append(Rewarm(str(row["contact_id"]), str(row["name"]), reason,
                          float(score[index])))
    return out, len(chosen)


def _introductions(contacts: pd.DataFrame, matched: dict[object, list[str]],
                   targets: list[str], ties: list[tuple[str, str]], kind: str,
                   limit: int) -> tuple[list[IntroductionAsk], int]:
    """Close or trusted contacts who can open a door towards the goal's targets.

    In order of strength of the link: already in the target, knows someone there (from
    the census), works alongside someone there, works in a neighbouring field.
    """
    strength = contacts["strength"].astype("object")
    askable = (strength.isin(ASKABLE) | (contacts["trust"].astype("object") == "high"))
    askable = (askable & (strength != TieStrength.DORMANT.value)).fillna(False).astype(bool)
    relevant = pd.Series(contacts.index.isin(list(matched)), index=contacts.index)
    in_target = set(contacts.loc[relevant, "contact_id"])
    known_to: dict[str, list[str]] = {}
    for a, b in ties:
        if b in in_target:
            known_to.setdefault(a, []).append(b)
        if a in in_target:
            known_to.setdefault(b, []).append(a)
    companies = set(contacts.loc[relevant, "company"].dropna())
    neighbours = {n for t in targets for n in NEIGHBOURING_FIELDS.get(t.lower(), ())}
    sectors = sector_of(contacts)
    link = pd.Series(0.0, index=contacts.index)
    link[sectors.isin(neighbours).to_numpy()] = 1.5
    link[contacts["company"].isin(companies).fillna(False).to_numpy()] = 2.5
    link[contacts["contact_id"].isin(list(known_to)).to_numpy()] = 3.5
    link[relevant.to_numpy()] = 4.0
    bonus = strength.map({"closest": 1.0, "close": 0.6, "regular": 0.3}).fillna(0.0)
    score = (link + bonus).where(askable & (link > 0), 0.0)
    chosen = contacts.index[score > 0]
    order = pd.DataFrame({"score": -score[chosen], "name": contacts.loc[chosen, "name"]})
    best = order.sort_values(["score", "name"], kind="stable").index[:limit]
    names = dict(zip(contacts["contact_id"], contacts["name"], strict=True))
    towards = _and(targets) or "the people your goal names"
    out = []
    for index in best:
        row = contacts.loc[index]
        cid = str(row["contact_id"])
        if link[index] == 4.0:
            own = _and(matched[index])
            reason = (f"they can help with {own} themselves, and may know others who can"
                      if kind == "better_equipped"
                      else f"they are close to you and already in {own}")
        elif link[index] == 3.5:
            who = _and(sorted(names[c] for c in known_to[cid])[:2])
            reason = f"they know {who}, who connect to {towards}"
        elif link[index] == 2.5:
            reason = f"they work at {row['company']}, alongside people in {towards}"
        else:
            reason = f"they work in {sectors[index]}, next door to {towards}"
        out.append(IntroductionAsk(cid, str(row["name"]), towards,
                                   reason[0].upper() + reason[1:] + ".", float(score[index])))
    return out, len(chosen)


def _gap_sentences(kind: str, coverage: list[TargetCoverage], missing: list[str],
                   rewarm: list[Rewarm], cold: int, introductions: list[IntroductionAsk],
                   introducers: int) -> list[str]:
    sentences = [c.sentence for c in coverage]
    if kind == "better_equipped":
        sentences = [s.replace("connect to", "can help with") for s in sentences]
    if not coverage:
        sentences.append("Your goal does not name a field, community or skill yet, so the map "
                         "cannot show gaps; add one in step 1.")
    if kind == "better_known" and missing:
        sentences.append(f"You know nobody yet at {_and(missing)}: go with a small target "
                         "and you will.")
    if introductions:
        sentences.append(f"{_count(introducers, 'person', 'people')} close to you "
                         f"could open a door; start with {introductions[0].introducer}.")
    if rewarm:
        sentences.append(f"{_count(cold, 'dormant or cold contact', None)} could do "
                         f"with a friendly message, starting with {rewarm[0].name}.")
    return sentences


def _count(number: int, one: str, many: str | None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


def _and(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    if inner > 20:
        closeness = (f"You count {inner} people as close, more than the 15 or so most people "
                     "can keep up with; some may really be in regular touch rather than close.")
    elif inner < 5:
        closeness = (f"You count {inner} people as close. That is fine for someone who values "
                     "a few deep ties; make sure they hear from you.")
    else:
        closeness = (f"You count {inner} people as close, in line with the 15 or so most "
                     "people have.")
    return Metric("layers", "Close and meaningful ties", f"{inner} close · {meaningful} in all",
                  closeness + f" Around 150 meaningful contacts is typical; you have {meaningful}.")


def _context_metric(contacts: pd.DataFrame) -> Metric:
    result = diversity(contacts, "context")
    label = Context(result.largest_group).label.lower() if result.largest_group else "—"
    if result.iqv >= 0.75:
        text = "Your contacts come from many parts of your life, which brings fresh news."
    elif result.iqv >= 0.45:
        text = "Your contacts come from a few parts of your life."
    else:
        text = "Most of your contacts come from one part of your life; others can add new views."
    return Metric("context_diversity", "Where you know people from", f"{result.iqv:.2f} of 1",
                  f"{text} The biggest group is {label} ({result.largest_share:.0%}).")


def _sector_metric(contacts: pd.DataFrame) -> Metric:
    sectors = contacts.assign(sector=sector_of(contacts))
    result = diversity(sectors, "sector")
    if result.groups == 0:
        return Metric("sector_diversity", "Fields you reach", "not recorded",
                      "Add each person's field as their first tag to see how many fields "
                      "you reach.")
    return Metric("sector_diversity", "Fields you reach", f"{result.groups} fields",
                  f"You know people in {result.groups} fields; the largest is "
                  f"{result.largest_group} with {result.largest_share:.0%} of them.")


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
    text = (f"Among the {result.alters} people in your census, {result.density:.0%} of the "
            f"possible pairs know each other. Your effective size is {result.effective_size:.1f}"
            f" of {result.alters}: ")
    if result.effective_size >= 0.6 * result.alters:
        text += "you link people who do not know each other, so you hear things others do not."
    else:
        text += ("many of them know each other, which gives support but fewer new ideas; "
                 "someone from another circle would widen it.")
    return Metric("brokerage", "Who knows whom", f"constraint {result.constraint:.2f}", text)
