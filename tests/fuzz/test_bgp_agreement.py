"""Fuzzing the query engines against each other: on generated graphs, the embedded store
(Oxigraph) and rdflib's SPARQL engine give the same solutions for generated basic graph
patterns.

Literals are in canonical lexical form: the store canonicalises others on insert (a documented
difference; the files as parsed stay the source of truth).
"""

from __future__ import annotations

from collections import Counter

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is not installed (dev extra)")

from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef

from sgam_onto.rdf.convert import store_from_graph

NODES = [URIRef(f"http://example.org/n{i}") for i in range(4)]
PREDICATES = [URIRef(f"http://example.org/p{i}") for i in range(3)]
XSD = "http://www.w3.org/2001/XMLSchema#"
VALUES = [
    Literal("a"), Literal("a", lang="en"), Literal("b", lang="en-gb"), Literal("1", datatype=
    URIRef(XSD + "integer")), Literal("true", datatype=URIRef(XSD + "boolean")), Literal(""),
    Literal("x y", datatype=URIRef("http://example.org/dt")),
]
VARIABLES = ["?a", "?b", "?c", "?d"]


@st.composite
def graph_and_pattern(draw: st.DrawFn) -> tuple[Graph, str]:
    blanks = [BNode(f"b{i}") for i in range(2)]
    subjects = NODES + blanks
    objects = NODES + blanks + VALUES
    graph = Graph(bind_namespaces="none")
    for _ in range(draw(st.integers(0, 15))):
        graph.add((draw(st.sampled_from(subjects)), draw(st.sampled_from(PREDICATES)),
                   draw(st.sampled_from(objects))))

    def position(constants: list) -> str:
        if draw(st.booleans()):
            return draw(st.sampled_from(VARIABLES))
        return draw(st.sampled_from(constants)).n3()

    patterns = [
        f"{position(NODES)} {position(PREDICATES)} {position(NODES + VALUES)} ."
        for _ in range(draw(st.integers(1, 3)))
    ]
    return graph, "SELECT * WHERE { " + " ".join(patterns) + " }"


def key(term: object) -> tuple:
    import pyoxigraph as ox

    if term is None:
        return ("unbound",)
    if isinstance(term, URIRef | ox.NamedNode):
        return ("iri", str(term) if isinstance(term, URIRef) else term.value)
    if isinstance(term, BNode | ox.BlankNode):
        return ("blank", str(term) if isinstance(term, BNode) else term.value)
    if isinstance(term, Literal):
        return ("literal", str(term), (term.language or "").lower(),
                str(term.datatype) if term.datatype and not term.language else "")
    assert isinstance(term, ox.Literal)
    datatype = term.datatype.value
    plain = datatype in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
    return ("literal", term.value, term.language or "", "" if plain else datatype)


@given(graph_and_pattern())
def test_store_and_rdflib_agree_on_basic_graph_patterns(case: tuple[Graph, str]) -> None:
    graph, query = case
    ours = store_from_graph(graph).query(query)
    names = [v.value for v in ours.variables]
    embedded = Counter(
        tuple(sorted((n, key(row[n])) for n in names if row[n] is not None)) for row in ours
    )
    reference = Counter(  # bindings, not rows: rdflib yields no row for an empty solution
        tuple(sorted((str(v), key(t)) for v, t in solution.items() if t is not None))
        for solution in graph.query(query).bindings
    )
    assert embedded == reference, query
