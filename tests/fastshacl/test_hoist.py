"""An sh:sparql constraint runs once for all focus nodes only where that means pre-binding.

The expectation is computed apart from the engine: rdflib evaluates the query once per focus
node with $this written in everywhere (SHACL's pre-binding), and the one-query answer comes
from Oxigraph with $this free, kept for the focus nodes. Each query the rule refuses has data
on which the two answers differ, so the refusal is needed, not only cautious.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from sgam_onto.fastshacl.hoist import runs_once
from sgam_onto.fastshacl.terms import to_rdflib

PREFIX = "PREFIX ex: <http://example.org/>\n"
DATA = """
@prefix ex: <http://example.org/> .
ex:a ex:p ex:x ; ex:q ex:x ; ex:r ex:y .
ex:b ex:p ex:y ; ex:p ex:z .
ex:c ex:q ex:x .
ex:d ex:p ex:x .
ex:x ex:p ex:x .
ex:z ex:s ex:b .
"""
FOCUS = ["a", "b", "c", "d", "lonely"]  # ex:lonely is a focus node with no triple at all

SAME = {
    "triple and filters": """SELECT $this ?v WHERE { $this ex:p ?v .
        FILTER NOT EXISTS { $this ex:q ?v } FILTER (?v != $this) }""",
    "distinct, a bind, and an OPTIONAL that does not name it": """SELECT DISTINCT $this ?v
        WHERE { $this ex:p ?w OPTIONAL { ?w ex:s ?t } BIND (COALESCE(?t, ?w) AS ?v) }""",
    "an EXISTS in a bind": """SELECT $this ?v WHERE { $this ex:p ?v
        BIND (EXISTS { $this ex:q ?v } AS ?known) FILTER (!?known) }""",
    "ordered": "SELECT $this ?v WHERE { $this ex:p ?v } ORDER BY ?v",
}
DIFFERENT = {
    "a UNION branch's filter": """SELECT $this ?v WHERE { $this ex:p ?v .
        { FILTER NOT EXISTS { $this ex:q ?v } } UNION { ?v ex:s ?any } }""",
    "a nested group's filter that its own group does not bind": """SELECT $this ?v WHERE {
        $this ex:p ?v . { ?v ex:p ?w FILTER (?w != $this) } }""",
    "an OPTIONAL that names it": """SELECT $this ?v WHERE { $this ex:p ?v
        OPTIONAL { { ?w ex:p ?v FILTER (?w != $this) } } FILTER (!BOUND(?w)) }""",
    "a sub-select": """SELECT $this ?v WHERE { $this ex:p ?v .
        { SELECT ?v WHERE { ?v ex:p ?o FILTER (?o != $this) } } }""",
    "a sub-select inside an EXISTS": """SELECT $this ?v WHERE { $this ex:p ?v
        FILTER EXISTS { SELECT ?v WHERE { ?v ex:p ?w FILTER (?w != $this) } } }""",
    "a filter inside an EXISTS inside a UNION branch": """SELECT $this ?v WHERE {
        $this ex:p ?v . { FILTER NOT EXISTS { ?x ex:q ?v FILTER (?x != $this) } }
        UNION { ?v ex:s ?any } }""",
    "an OPTIONAL whose EXISTS names it": """SELECT $this ?v ?any WHERE { $this ex:p ?v .
        OPTIONAL { { ?v ex:p ?any FILTER NOT EXISTS { ?x ex:q ?v FILTER (?x = $this) } } } }""",
    "LIMIT": "SELECT $this ?v WHERE { $this ex:p ?v } LIMIT 1",
    "bound only by a path": "SELECT $this ?v WHERE { $this ex:p* ?v }",
    "bound only in a filter": """SELECT $this ?p WHERE { BIND (ex:p AS ?p)
        FILTER NOT EXISTS { $this ?p ?v } }""",
    "not projected": "SELECT ?v WHERE { $this ex:p ?v . ?v ex:p ?v }",
}
# pre-binding cannot write the node in where these put $this: refused, with nothing to compare
UNDEFINED = {
    "grouped": "SELECT $this (COUNT(?v) AS ?n) WHERE { $this ex:p ?v } GROUP BY $this",
    "rebound": "SELECT $this ?v WHERE { ex:a ex:p ?v BIND (ex:b AS ?this) }",
}


def _graph() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


def _store() -> ox.Store:
    store = ox.Store()
    store.load(DATA.encode(), ox.RdfFormat.TURTLE)
    return store


def _per_node(query: str) -> set[tuple]:
    """SHACL's pre-binding: $this written in everywhere, one evaluation per focus node."""
    graph, found = _graph(), set()
    for name in FOCUS:
        node = URIRef(f"http://example.org/{name}")
        text = re.sub(r"[$?]this\b", f"<{node}>", query)
        text = re.sub(r"SELECT (DISTINCT )?<[^>]+>", r"SELECT \1", text, count=1)
        for row in graph.query(PREFIX + text):
            found.add((node, *row))
    return found


def _once(query: str) -> set[tuple]:
    """The query with $this free, in Oxigraph, kept for the focus nodes."""
    focus = {ox.NamedNode(f"http://example.org/{name}") for name in FOCUS}
    solutions = _store().query(PREFIX + query)
    names = [v.value for v in solutions.variables]
    return {
        (to_rdflib(row["this"]), *(to_rdflib(row[n]) for n in names if n != "this"))
        for row in solutions
        if "this" in names and row["this"] in focus
    }


@pytest.mark.parametrize("name", sorted(SAME))
def test_allowed_queries_give_the_pre_bound_answer(name: str) -> None:
    query = SAME[name]
    assert runs_once(PREFIX + query)
    expected = _per_node(query)
    assert expected  # the data gives the query something to find
    assert _once(query) == expected


@pytest.mark.parametrize("name", sorted(DIFFERENT))
def test_refused_queries_would_give_another_answer(name: str) -> None:
    query = DIFFERENT[name]
    assert not runs_once(PREFIX + query)
    assert _once(query) != _per_node(query)


@pytest.mark.parametrize("name", sorted(UNDEFINED))
def test_queries_pre_binding_cannot_write_are_refused(name: str) -> None:
    assert not runs_once(PREFIX + UNDEFINED[name])


def test_text_rdflib_cannot_read_stays_per_node() -> None:
    assert not runs_once("SELECT $this WHERE { $this ex:undeclared ?v }")


def test_the_fact_provenance_constraints_run_once() -> None:
    """The project's per-fact provenance shapes target thousands of nodes at scale."""
    from rdflib.namespace import SH

    from sgam_onto.validate.shapes import load_shapes

    shapes = load_shapes()
    selects = {
        str(shape).rsplit("#", 1)[-1]: str(shapes.value(constraint, SH.select))
        for shape, constraint in shapes.subject_objects(SH.sparql)
    }
    prefixes = ("PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
                "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                "PREFIX sgam: <https://w3id.org/sgam-onto#>\n")
    for name in ("CuratedFact-curatedFrom", "CuratedFact-exists", "Resource-curatedSource-tied"):
        assert runs_once(prefixes + selects[name]), name


class _Held:
    """Stands for the store's solution iterator in a caller's frame."""


def test_parsing_keeps_no_frame_of_the_caller_alive() -> None:
    """The caller's locals are freed when it returns, without the garbage collector: a
    solution iterator freed later, on another thread, is an error of the store."""
    import gc
    import weakref

    def caller() -> weakref.ref:
        held = _Held()
        assert runs_once(PREFIX + SAME["triple and filters"])
        assert not runs_once(PREFIX + "SELECT $this WHERE { $this ex:p ?v } LIMIT")
        return weakref.ref(held)

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        held = caller()
        assert held() is None
    finally:
        if was_enabled:
            gc.enable()
