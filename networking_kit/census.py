"""The who-knows-whom census: whom to offer, whom to start with, how many to allow.

Pairs grow as n², so the census is about a few of the participant's closest people
(``settings.CENSUS_MAX``), chosen from the people close enough to ask
(``vocab.TieStrength.askable``). Pure functions on the canonical contacts table.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import combinations

import pandas as pd

from networking_kit.network import Circles
from networking_kit.settings import CENSUS_CANDIDATES, CENSUS_MAX
from networking_kit.vocab import ASKABLE, INNER, Context, TieStrength
from networking_kit.words import and_list, plural

_RANK = {s.value: n for n, s in enumerate(TieStrength)}


def candidates(contacts: pd.DataFrame, saved: list[str]) -> dict[str, str]:
    """{contact id: name} to choose from: everyone close enough to ask, and whoever was
    chosen before, closest first then by name; at most ``CENSUS_CANDIDATES`` (more only
    to keep every saved choice)."""
    strength = contacts["strength"].astype("object")
    chosen = contacts[strength.isin([s.value for s in ASKABLE])
                      | contacts["contact_id"].isin(saved)]
    rank = chosen["strength"].astype("object").map(_RANK).fillna(len(TieStrength))
    chosen = chosen.assign(_rank=rank).sort_values(["_rank", "name"])
    chosen = chosen.head(max(CENSUS_CANDIDATES, len(saved)))
    return {str(c): str(n) for c, n in zip(chosen["contact_id"], chosen["name"], strict=True)}


def default_members(contacts: pd.DataFrame) -> list[str]:
    """Whom the census starts with before the participant chose: the innermost people,
    up to ``CENSUS_MAX``, closest first."""
    offered = candidates(contacts, [])
    inner = set(contacts.loc[contacts["strength"].astype("object").isin(
        [s.value for s in INNER]), "contact_id"].astype(str))
    return [c for c in offered if c in inner][:CENSUS_MAX]


def clip_members(members: Iterable[str], known: set[str]) -> list[str]:
    """The choice as saved: people in the map, each once, at most ``CENSUS_MAX``."""
    return [c for c in dict.fromkeys(members) if c in known][:CENSUS_MAX]


Pair = tuple[str, str]  # two contact ids, smaller first


def pair_of(first: str, second: str) -> Pair:
    return (min(first, second), max(first, second))


# Where the participant knows both people from a group (a school, a club, a network): the
# file's tags then name the group they share.
_GROUP_CONTEXTS = frozenset({Context.ALUMNI.value, Context.COMMUNITY.value})


def inferred_pairs(contacts: pd.DataFrame, members: Iterable[str],
                   rejected: Collection[Pair] = ()) -> dict[Pair, str]:
    """Pairs among ``members`` who probably know each other, with why, in plain words:
    people at the same organisation ("both at Roche"; the name compared without case or
    extra spaces), and people the participant knows from a school or a community who
    share one of its tags ("both in Toastmasters": where the file says so, as a Google or
    Outlook group does; a LinkedIn export holds no school or community, so it gives only
    the first kind). Pairs the participant said do not know each other (``rejected``) are
    left out; confirmed ones are the caller's to leave out. Only a guess: nothing is
    counted in the numbers until the participant confirms it."""
    chosen = list(dict.fromkeys(members))
    rows = contacts[contacts["contact_id"].isin(chosen)]
    where: dict[str, tuple[str, str]] = {}
    groups: dict[str, dict[str, str]] = {}
    for cid, company, context, tags in zip(
            rows["contact_id"].astype(str), rows["company"].astype("object"),
            rows["context"].astype("object"), rows["tags"].astype("object"), strict=True):
        if isinstance(company, str) and company.strip():
            shown = " ".join(company.split())
            where[cid] = (shown.casefold(), shown)
        if context in _GROUP_CONTEXTS and isinstance(tags, str):
            named = (" ".join(t.split()) for t in tags.split(";"))
            groups[cid] = {t.casefold(): t for t in named if t}
    rejected = set(rejected)
    out: dict[Pair, str] = {}
    for first, second in combinations(chosen, 2):
        pair = pair_of(first, second)
        if pair in rejected:
            continue
        a, b = where.get(first), where.get(second)
        if a is not None and b is not None and a[0] == b[0]:
            out[pair] = f"both at {a[1]}"
            continue
        shared = groups.get(first, {}).keys() & groups.get(second, {}).keys()
        if shared:
            out[pair] = f"both in {groups[first][min(shared)]}"
    return out


def circles_sentences(found: Circles, names: dict[str, str]) -> list[str]:
    """:func:`network.circles` in plain words, one sentence each: the circles, who links
    people who would not otherwise be linked, and who knows none of the others."""
    def who(ids: Iterable[str]) -> str:
        return and_list([names.get(c, "someone") for c in ids])

    if not found.groups:
        return ["As far as you have said, none of them know each other."]
    if len(found.groups) == 1 and not found.alone:
        out = ["They are one circle: each knows the others, directly or through someone."]
    elif len(found.groups) == 1:
        out = [f"{who(found.groups[0])} are one circle."]
    else:
        out = [f"They fall into {plural(len(found.groups), 'circle')}: "
               + "; ".join(who(g) for g in found.groups) + "."]
    if found.bridges:
        out.append(f"{who(found.bridges)} link{'s' if len(found.bridges) == 1 else ''} "
                   "people who would not otherwise be linked: a door between groups.")
    if found.alone:
        out.append(f"{who(found.alone)} know{'s' if len(found.alone) == 1 else ''} none "
                   "of the others.")
    return out
