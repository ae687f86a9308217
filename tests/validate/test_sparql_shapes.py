"""The SPARQL-based shapes (every sgam: term declared, no parent-body cycle) find each kind of
mistake, and both engines run them as written with the same results.

pyshacl runs the shapes as written in shapes/ (SPARQL targets and constraints, advanced mode);
the fast engine must agree on every graph, including the contribution with mistakes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef

from sgam_onto.fastshacl.backend import Fast
from sgam_onto.landscape import load_landscape
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes, parse_file
from sgam_onto.validate.api import validate_data
from sgam_onto.validate.engine import run_shapes
from sgam_onto.validate.shapes import SGAMSH, load_shapes
from tests.data.shapes.conftest import result_keys

ROOT = Path(__file__).resolve().parents[2]
SPARQL_SHAPES = [URIRef(SGAMSH + "Resource-vocabulary"),
                 URIRef(SGAMSH + "StandardsBody-parentBody-acyclic")]

# Every case the vocabulary and cycle checks distinguish.
EDGE_CASES = """
PREFIX body: <https://w3id.org/sgam-onto/id/body/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sgam: <https://w3id.org/sgam-onto#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX x: <https://example.org/x/>

x:misspelt-property sgam:parentBodies body:iec ; sgam:parentBodies body:iso .
x:undeclared-class a sgam:Comittee .
x:typed-but-not-a-class a sgam:StatusInPlace .
x:untyped-value sgam:status sgam:StatusInPlce .
x:typed-value sgam:status sgam:StatusInPlace .
x:declared-here sgam:madeUp x:v .
sgam:madeUp a owl:ObjectProperty .
x:blank sgam:kind [ sgam:unknownInside 1 ] .
body:x1 sgam:parentBody body:x2 .
body:x2 sgam:parentBody body:x3 .
body:x3 sgam:parentBody body:x1 , body:iec .
body:x4 sgam:parentBody body:x1 .
body:x5 sgam:parentBody body:x5 .
"""


def _only(shapes: Graph, keep: list) -> Graph:
    """The shapes ``keep`` with everything they reference (nested nodes, prefix declarations)."""
    subset = Graph()
    todo = list(keep)
    seen = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in shapes.triples((node, None, None)):
            subset.add((s, p, o))
            if isinstance(o, BNode) or str(p).endswith("prefixes"):
                todo.append(o)
    return subset


def _graphs() -> dict[str, Graph]:
    landscape = load_landscape().graph
    bad = graph_from_quads(parse_file(ROOT / "examples" / "invalid-contribution.ttl").quads)
    edges = graph_from_quads(parse_bytes(EDGE_CASES, ox.RdfFormat.TURTLE).quads)
    return {
        "landscape": validate_data(landscape),
        "invalid-contribution": validate_data(landscape, bad),
        "edge-cases": validate_data(landscape, edges),
    }


GRAPHS = _graphs()


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_fast_results_equal_pyshacl(name: str) -> None:
    shapes = _only(load_shapes(), SPARQL_SHAPES)
    data = GRAPHS[name]
    reference = run_shapes(data, shapes)
    fast = Fast().graph(data, shapes)
    assert result_keys(fast) == result_keys(reference)
    assert sorted(r.message for r in fast) == sorted(r.message for r in reference)
    if name != "landscape":
        assert {r.source_shape for r in reference} == set(SPARQL_SHAPES)


def _name(node) -> str:
    return "blank" if isinstance(node, BNode) else str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_edge_cases_find_each_kind_of_mistake(engine: str) -> None:
    shapes = _only(load_shapes(), SPARQL_SHAPES)
    run = run_shapes if engine == "pyshacl" else Fast().graph
    found = {(_name(r.focus), _name(r.value)) for r in run(GRAPHS["edge-cases"], shapes)}
    assert found == {
        ("misspelt-property", "parentBodies"),
        ("undeclared-class", "Comittee"),
        ("typed-but-not-a-class", "StatusInPlace"),
        ("untyped-value", "StatusInPlce"),
        ("blank", "unknownInside"),
        ("x1", "x2"),
        ("x2", "x3"),
        ("x3", "x1"),
        ("x5", "x5"),
    }
