"""The provenance choice, checked against the tools: the OWL API (Protégé's library) keeps our
axiom annotations in the DL profile, and refuses or drops the alternatives docs/modelling.md
weighs (RDF reification, RDF-star); rdflib, which pySHACL reads through, refuses RDF-star.
"""

from __future__ import annotations

import pytest
import rdflib

from tests.data.ontology.owlapi import dl_violations, needs_owlapi, parse

BASE = """@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/#> .
<http://example.org/o> a owl:Ontology .
ex:p a owl:ObjectProperty .
ex:curatedFrom a owl:AnnotationProperty .
ex:a ex:p ex:b .
"""
AXIOM = BASE + ("[] a owl:Axiom ; owl:annotatedSource ex:a ; owl:annotatedProperty ex:p ;"
                " owl:annotatedTarget ex:b ; ex:curatedFrom ex:catalogue .\n")
REIFIED = BASE + ("[] a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:p ; rdf:object ex:b ;"
                  " ex:curatedFrom ex:catalogue .\n")
STAR = BASE + "<< ex:a ex:p ex:b >> ex:curatedFrom ex:catalogue .\n"


@needs_owlapi
def test_an_axiom_annotation_is_kept_on_the_fact_and_stays_in_owl2_dl() -> None:
    parsed = parse(AXIOM)
    assert parsed.unparsed == []
    [assertion] = parsed.axioms("OBJECT_PROPERTY_ASSERTION")
    assert "Annotation(<http://example.org/#curatedFrom> <http://example.org/#catalogue>)" in (
        assertion
    )
    assert dl_violations(parsed) == []


@needs_owlapi
def test_rdf_reification_is_left_unparsed_and_breaks_the_dl_profile() -> None:
    parsed = parse(REIFIED)
    assert len(parsed.unparsed) >= 3
    assert any("reserved vocabulary" in v for v in dl_violations(parsed))


@needs_owlapi
def test_rdf_star_cannot_be_read_by_the_owl_api() -> None:
    with pytest.raises(Exception, match="UnparsableOntologyException"):
        parse(STAR)


def test_rdf_star_cannot_be_read_by_rdflib() -> None:
    with pytest.raises(Exception, match="Bad syntax"):
        rdflib.Graph().parse(data=STAR, format="turtle")
