"""The published N-Triples, JSON-LD and RDF/XML, written by pyoxigraph's serializers.

pyoxigraph writes triples in the order it is given them and keeps blank-node labels, so the
triples are first given RDFC-1.0 canonical blank-node labels and sorted: the same graph then
always gives the same bytes, whatever order and blank-node ids it was built with. Turtle comes
from the project's deterministic writer (`sgam_onto.rdf.turtle`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from sgam_onto.errors import SgamError
from sgam_onto.rdf.convert import to_oxigraph

# An RDF/XML property element needs a local name that is an XML NCName.
_NCNAME_TAIL = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\Z")


def canonical_triples(graph: Graph) -> list[ox.Triple]:
    """The triples with canonical blank-node labels (RDFC-1.0), sorted."""
    dataset = ox.Dataset(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in dataset)
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def ntriples(graph: Graph) -> str:
    """Canonical N-Triples, one sorted line per triple."""
    return ox.serialize(canonical_triples(graph), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def jsonld(graph: Graph, prefixes: Mapping[str, str]) -> str:
    """JSON-LD in expanded form (a node object per subject, sorted), indented for reading."""
    data = ox.serialize(
        canonical_triples(graph), format=ox.RdfFormat.JSON_LD, prefixes=dict(prefixes)
    )
    return json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n"


def rdfxml(graph: Graph, prefixes: Mapping[str, str]) -> str:
    """RDF/XML, one rdf:Description per subject (sorted), with the prefixes the graph uses.

    Raises SgamError for a predicate RDF/XML cannot write (no NCName at the end of its IRI).
    """
    for predicate in sorted({str(p) for p in graph.predicates()}):
        if _NCNAME_TAIL.search(predicate) is None:
            raise SgamError(f"cannot write predicate <{predicate}> in RDF/XML: its IRI does not "
                            "end in an XML name")
    return ox.serialize(
        canonical_triples(graph),
        format=ox.RdfFormat.RDF_XML,
        prefixes=used_prefixes(graph, prefixes),
    ).decode("utf-8")


# ---------------------------------------------------------------------------- per resource


def describe(graph: Graph, node: Node, incoming: bool = True) -> Graph:
    """What a resource's own document says: its triples, the blank nodes they reach, and
    (with `incoming`) the triples of named resources that point at it."""
    out = Graph(bind_namespaces="none")
    stack: list[Node] = [node]
    seen: set[Node] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for _, p, o in graph.triples((current, None, None)):
            out.add((current, p, o))
            if isinstance(o, BNode):
                stack.append(o)
    if incoming:
        for s, p, _ in graph.triples((None, None, node)):
            if not isinstance(s, BNode):
                out.add((s, p, node))
    return out


def used_prefixes(graph: Graph, prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace occurs in some IRI of the graph."""
    iris: Iterable[str] = {str(n) for t in graph for n in t if isinstance(n, URIRef)} | {
        str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype
    }
    found = {}
    for prefix, ns in prefixes.items():
        if any(i.startswith(ns) for i in iris):
            found[prefix] = ns
    return dict(sorted(found.items()))
