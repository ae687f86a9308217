"""The concept schemes as SKOS tools (Skosmos, pyLODE's VocPub profile) read them: with no
RDFS entailment, so every concept must say skos:Concept itself and hang from a top concept."""

from __future__ import annotations

from tests.data.ontology.conftest import select


def test_every_instance_of_a_concept_subclass_is_typed_skos_concept(landscape) -> None:
    untyped = select(landscape, """
        SELECT ?x WHERE { ?c rdfs:subClassOf+ skos:Concept . ?x a ?c
                          FILTER NOT EXISTS { ?x a skos:Concept } }""")
    assert untyped == []
    (count,) = select(landscape, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a skos:Concept }")
    assert int(count[0]) > 80  # the SGAM plane, the controlled lists and the glossary


def test_every_concept_is_in_a_typed_scheme(landscape) -> None:
    assert select(landscape, """
        SELECT ?x WHERE { ?x a skos:Concept
            FILTER NOT EXISTS { ?x skos:inScheme ?s . ?s a skos:ConceptScheme } }""") == []


def test_every_concept_without_a_broader_one_is_a_top_concept_both_ways(landscape) -> None:
    assert select(landscape, """
        SELECT ?x ?s WHERE { ?x skos:inScheme ?s
            FILTER NOT EXISTS { ?x skos:broader ?b }
            FILTER NOT EXISTS { ?x skos:topConceptOf ?s . ?s skos:hasTopConcept ?x } }""") == []
