"""Introductions to make: two contacts who should meet, because one can help with what the
other needs (``needs``), both close enough for the participant to vouch for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from networking_kit.followups.first_rows import row_dicts, stable_order
from networking_kit.followups.needs import needs_of, topics
from networking_kit.vocab import ASKABLE, TieStrength, Trust
from networking_kit.words import quoted, short_topic

# People the participant knows well enough to vouch for in an introduction.
VOUCHABLE: tuple[str, ...] = (*(s.value for s in ASKABLE), TieStrength.KNOWN.value)
MAX_INTRODUCTIONS_EACH = 2
_READ = ("contact_id", "name", "company", "can_help_with", "i_can_offer", "notes", "tags")
_PER_TOPIC = 20  # candidates per topic and side: keeps 30,000 contacts quick


def match_introductions(contacts: pd.DataFrame, ties: Iterable[tuple[str, str]] = (),
                        limit: int = 10) -> list[tuple[str, str, str]]:
    """Pairs of contacts who should meet: one can help with what the other needs.

    A pair ``(a, b, reason)`` has ``a < b`` whichever way the help flows, so each pair
    appears once. Nobody is paired with themselves, nor with someone they already know:
    a pair in the who-knows-whom census, or two people at the same organisation. Both must
    be close enough for the participant to vouch for them (known or closer, trust not
    "not yet"). Best pairs first: help both ways, then closeness and trust.
    """
    strength = contacts["strength"].astype("object")
    trust = contacts["trust"].astype("object")
    ok = (strength.isin(VOUCHABLE) & (trust != Trust.NOT_YET.value).fillna(True)).fillna(False)
    people = contacts[ok.astype(bool).to_numpy()]
    if len(people) < 2:
        return []
    rank = {s: i for i, s in enumerate(reversed(VOUCHABLE), start=1)}
    closeness = people["strength"].astype("object").map(rank).fillna(0)
    trusted = (people["trust"].astype("object") == Trust.HIGH.value).fillna(False)
    weighted = closeness + trusted * 0.5
    people = people.assign(_c=weighted.to_numpy())
    order = people.iloc[stable_order(people["contact_id"].to_numpy(dtype=object),
                                     -people["_c"].to_numpy(dtype=float))]
    helpers: dict[str, list[str]] = {}
    needers: dict[str, list[str]] = {}
    info: dict[str, dict[str, Any]] = {}
    # Only people with words to read can help or need (``topics``, ``needs_of``: tags
    # beyond the first), and only what is read goes into their rows: at 30,000 contacts
    # a row of every column for every vouchable person took most of this function's time.
    worded = (order["can_help_with"].notna() | order["i_can_offer"].notna()
              | order["notes"].notna()
              | order["tags"].str.contains(";", regex=False).fillna(False)).to_numpy(bool)
    rows = row_dicts(order.loc[worded, list(_READ)])
    for row in rows:
        cid = str(row["contact_id"])
        info[cid] = row
        for topic in topics(row.get("can_help_with")):
            helpers.setdefault(topic, []).append(cid)
        for topic in needs_of(row):
            needers.setdefault(topic, []).append(cid)
    known = {tuple(sorted(pair)) for pair in ties}
    flows: dict[tuple[str, str], set[tuple[str, str]]] = {}  # pair -> {(helper, needer)}
    for topic in sorted(set(helpers) & set(needers)):
        for helper in helpers[topic][:_PER_TOPIC]:
            for needer in needers[topic][:_PER_TOPIC]:
                if helper == needer:
                    continue
                pair = (min(helper, needer), max(helper, needer))
                if pair in known or _same_company(info[helper], info[needer]):
                    continue
                flows.setdefault(pair, set()).add((helper, needer))
    near = dict(zip(order["contact_id"].astype("object"), order["_c"], strict=True))
    scored = []
    for pair, directions in flows.items():
        score = len(directions) * 10 + sum(float(near[c]) for c in pair)
        scored.append((-score, info[pair[0]]["name"], info[pair[1]]["name"], pair, directions))
    scored.sort(key=lambda s: (s[0], str(s[1]), str(s[2]), s[3]))
    chosen: list[tuple[str, str]] = []
    used: dict[str, int] = {}
    # Spread the introductions: first everyone at most once (five ideas among four people
    # read as one clique), then a second one each where good pairs are left; never three.
    for cap in range(1, MAX_INTRODUCTIONS_EACH + 1):
        for _, _, _, pair, _ in scored:
            if len(chosen) >= limit:
                break
            if pair in chosen or any(used.get(c, 0) >= cap for c in pair):
                continue
            for c in pair:
                used[c] = used.get(c, 0) + 1
            chosen.append(pair)
    return [(a, b, _intro_reason(info, sorted(flows[(a, b)]))) for a, b in chosen]


def _same_company(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ca, cb = a.get("company"), b.get("company")
    return isinstance(ca, str) and isinstance(cb, str) and ca.casefold() == cb.casefold()


def _intro_reason(info: Mapping[str, Mapping[str, Any]],
                  directions: list[tuple[str, str]]) -> str:
    parts = []
    for helper, needer in directions[:2]:
        offers = str(info[helper]["can_help_with"]).strip()
        if short_topic(offers):
            parts.append(f"{info[helper]['name']} knows about {offers}, "
                         f"which {info[needer]['name']} could use")
        else:
            parts.append(f"{info[needer]['name']} could use what {info[helper]['name']} "
                         f"offers: {quoted(offers)}")
    return "; and ".join(parts) + "."


