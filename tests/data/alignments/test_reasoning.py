"""HermiT (real Java) still finds the ontology consistent with the alignments loaded.

The alignments bring only declarations of the mapped targets (target-declarations.ttl), never
an external vocabulary, so reasoning stays as fast as it was and OWL 2 DL is kept: every IRI
has one kind. A contradicting axiom shows that the alignment axioms do take part.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from sgam_onto.landscape import Landscape, load_landscape
from sgam_onto.reason import run_hermit
from tests.conftest import needs_java

SGAM = "https://w3id.org/sgam-onto#"
ORG_COLLABORATION = URIRef("http://www.w3.org/ns/org#OrganizationalCollaboration")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@needs_java
def test_consistent_with_alignments_and_same_inferences(aligned: Landscape):
    core = run_hermit(load_landscape().graph)
    result = run_hermit(aligned.graph)
    assert result.consistent, result.explanation
    assert result.unsatisfiable == frozenset()
    assert result.inferred == core.inferred


@needs_java
def test_alignment_axioms_take_part_in_reasoning(aligned: Landscape):
    graph = Graph()
    graph += aligned.graph
    graph.add((ORG_COLLABORATION, OWL.disjointWith, URIRef(SGAM + "StandardsBody")))
    result = run_hermit(graph)
    # joint bodies are standards bodies; made disjoint from ORG collaborations, either no
    # joint body can exist (the class is unsatisfiable) or the data, which has joint bodies
    # with distinct parents, has no model at all
    assert not result.consistent or SGAM + "JointBody" in result.unsatisfiable


def test_every_iri_has_one_kind(aligned: Landscape):
    kinds: dict[URIRef, set[URIRef]] = {}
    for kind in KINDS:
        for node in aligned.graph.subjects(RDF.type, kind):
            kinds.setdefault(node, set()).add(kind)
    assert {node: found for node, found in kinds.items() if len(found) > 1} == {}
