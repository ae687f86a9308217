"""Focus-node validation selects exactly what full validation selects, for every target kind.

pyshacl's own focus_nodes option is not used: it also filters nested shapes (sh:not over a
literal, sh:or members), which changes results. The engine rewrites the targets instead.
"""

from __future__ import annotations

from itertools import combinations

import pyoxigraph as ox
from rdflib import Graph

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes
from sgam_onto.validate.engine import run_shapes
from tests.data.shapes.conftest import result_keys

PREFIXES = """
PREFIX ex: <https://example.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
SHAPES = PREFIXES + """
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "https://example.org/"^^xsd:anyURI ] .
ex:ByClass a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:not [ sh:pattern "^x" ] ] .
ex:Thing a rdfs:Class, sh:NodeShape ; sh:property [ sh:path ex:size ; sh:datatype xsd:integer ] .
ex:BySubject a sh:PropertyShape ; sh:targetSubjectsOf ex:link ; sh:path ex:link ;
    sh:or ( [ sh:class ex:Thing ] [ sh:class ex:Other ] ) .
ex:ByObject a sh:NodeShape ; sh:targetObjectsOf ex:link ;
    sh:property [ sh:path ex:name ; sh:maxCount 1 ] .
ex:ByNode a sh:NodeShape ; sh:targetNode ex:d ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:BySparql a sh:NodeShape ;
    sh:target [ a sh:SPARQLTarget ; sh:prefixes ex:prefixes ;
        sh:select "SELECT ?this WHERE { ?this ex:size ?s . FILTER (?s > 10) }" ] ;
    sh:property [ sh:path ex:name ; sh:minCount 2 ] .
"""
DATA = PREFIXES + """
ex:SubThing rdfs:subClassOf ex:Thing .
ex:a a ex:SubThing ; ex:name "xa" ; ex:size 20 ; ex:link ex:b , ex:e .
ex:b a ex:Other ; ex:name "b1" , "b2" ; ex:size "big" .
ex:c a ex:Thing ; ex:link ex:d ; ex:size "seven" .
ex:d ex:size 11 .
ex:e ex:name "e" .
"""


def _graph(text: str) -> Graph:
    return graph_from_quads(parse_bytes(text, ox.RdfFormat.TURTLE).quads)


def test_every_focus_subset_gives_the_filtered_full_results() -> None:
    shapes, data = _graph(SHAPES), _graph(DATA)
    before = set(data)
    full = run_shapes(data, shapes)
    nodes = sorted({s for s in data.subjects() if "example.org/" in str(s)}, key=str)
    for size in range(len(nodes) + 1):
        for focus in combinations(nodes, size):
            expected = [r for r in full if r.focus in focus]
            assert result_keys(run_shapes(data, shapes, focus_nodes=focus)) == result_keys(
                expected
            ), focus
    assert set(data) == before


def test_each_target_kind_selects_its_nodes() -> None:
    found = {
        (str(r.focus).rsplit("/", 1)[-1], str(r.component).rsplit("#", 1)[-1])
        for r in run_shapes(_graph(DATA), _graph(SHAPES))
    }
    assert found == {
        ("a", "NotConstraintComponent"),  # class target through rdfs:subClassOf
        ("c", "MinCountConstraintComponent"),  # class target: no ex:name
        ("c", "DatatypeConstraintComponent"),  # implicit class target (shape is a class)
        ("a", "OrConstraintComponent"),  # subjects-of target, value ex:e
        ("c", "OrConstraintComponent"),  # subjects-of target, value ex:d
        ("b", "MaxCountConstraintComponent"),  # objects-of target
        ("d", "MinCountConstraintComponent"),  # node target and SPARQL target
        ("a", "MinCountConstraintComponent"),  # SPARQL target
    }
