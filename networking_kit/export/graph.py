"""The network as a graph for tools that draw networks: GraphML (Gephi) and Kumu's CSV.

The participant is one node, every contact another, with an edge from the participant to
each contact weighted by closeness, plus the who-knows-whom ties from the census.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from networking_kit.export.privacy import Privacy, PrivacyFilter, writable
from networking_kit.export.tables import write_csv
from networking_kit.network import sector_of
from networking_kit.vocab import Context, TieStrength

ME = "me"
# Edge weight by closeness, so layout tools pull close people in.
WEIGHTS: dict[str, int] = {
    TieStrength.CLOSEST: 5, TieStrength.CLOSE: 4, TieStrength.REGULAR: 3,
    TieStrength.KNOWN: 2, TieStrength.ACQUAINTANCE: 1, TieStrength.DORMANT: 1}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _node_id(contact_id: object) -> str:
    """A contact's id as a node name: written as it is, less anything XML forbids."""
    return writable(str(contact_id))


def network_graph(contacts: pd.DataFrame, ties: Iterable[tuple[str, str]], privacy: Privacy,
                  participant: str = "Me") -> nx.Graph[str]:
    """An undirected graph: the participant, the contacts and the census ties.

    Every label and description has been through the export's ``PrivacyFilter``, so it
    shows what ``privacy`` allows and holds no character XML forbids.
    """
    shown = PrivacyFilter(contacts, privacy)
    private = shown.frame(contacts)
    graph: nx.Graph[str] = nx.Graph()
    graph.add_node(ME, label=shown.text(participant) or "Me", kind="me", strength="",
                   context="", sector="", company="")
    columns = zip(private["contact_id"].map(_node_id), private["name"],
                  contacts["strength"].astype("object"), contacts["context"].astype("object"),
                  sector_of(private), private["company"].astype("object"), strict=True)
    for contact_id, name, strength, context, sector, company in columns:
        strength, context = _text(strength), _text(context)
        graph.add_node(
            contact_id, label=_text(name) or "?", kind="contact", strength=strength,
            context=Context(context).label if context else "", sector=shown.text(_text(sector)),
            company=_text(company))
        graph.add_edge(ME, contact_id, weight=WEIGHTS.get(strength, 1), kind="knows")
    for a, b in ties:
        a, b = _node_id(a), _node_id(b)
        if a != ME and b != ME and a in graph and b in graph:
            graph.add_edge(a, b, weight=1, kind="know each other")
    return graph


def graphml_text(graph: nx.Graph[str]) -> str:
    """GraphML as text; networkx escapes every label as XML."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def kumu_elements_csv(graph: nx.Graph[str]) -> str:
    """Kumu's elements sheet: Label, Type, Tags and a Description per person."""
    rows = []
    for node, data in graph.nodes(data=True):
        tags = "|".join(t for t in (data["strength"], data["context"], data["sector"]) if t)
        kind = "Me" if node == ME else "Person"
        rows.append([node, data["label"], kind, tags, data["company"]])
    return write_csv(["ID", "Label", "Type", "Tags", "Description"], rows)


def kumu_connections_csv(graph: nx.Graph[str]) -> str:
    """Kumu's connections sheet: From, To (element IDs), Type and Strength."""
    rows = [[a, b, data["kind"], data["weight"]] for a, b, data in graph.edges(data=True)]
    return write_csv(["From", "To", "Type", "Strength"], rows)
