"""The generator on a small ontology written here: which header names the namespace, which
subjects are terms, and a module that Python runs and rdflib accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from sgam_onto.errors import SgamError
from sgam_onto.namespace_gen import declared, render

HEADER = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix vann: <http://purl.org/vocab/vann/> .
@prefix ex: <https://example.org/onto#> .

<https://example.org/onto> a owl:Ontology ;
    vann:preferredNamespaceUri "https://example.org/onto#" .
<https://example.org/onto/id/vocabulary/other>
    vann:preferredNamespaceUri "https://other.example/ns#" .
ex:Body a owl:Class .
ex:party a owl:ObjectProperty, owl:FunctionalProperty .
ex:from a owl:DatatypeProperty .
ex:InPlace a skos:Concept .
ex:Body rdfs:comment "a subject that is not typed here is no new term" .
ex:mentioned rdfs:comment "typed nowhere: not a term" .
<https://other.example/ns#Thing> a owl:Class .
"""


@pytest.fixture
def ontology(tmp_path: Path) -> Path:
    path = tmp_path / "onto.ttl"
    path.write_text(HEADER, encoding="utf-8")
    return path


def test_the_terms_are_the_typed_subjects_of_the_ontology_namespace(ontology: Path) -> None:
    decl = declared([ontology])
    assert (decl.ontology, decl.namespace) == ("https://example.org/onto", "https://example.org/onto#")
    assert decl.terms == {"Body": "classes", "InPlace": "individuals", "from": "properties",
                          "party": "properties"}


def test_the_rendered_module_runs_and_refuses_unknown_terms(ontology: Path) -> None:
    scope: dict = {}
    exec(compile(render(declared([ontology])), "namespace.py", "exec"), scope)
    ns = scope["SGAM"]
    assert ns.Body == URIRef("https://example.org/onto#Body")
    assert ns["from"] == URIRef("https://example.org/onto#from")
    assert scope["ID_BASE"] == "https://example.org/onto/id/"
    assert scope["SHAPES_NS"] == "https://example.org/onto/shapes#"
    with pytest.raises(AttributeError):
        ns.mentioned  # noqa: B018


def test_two_ontologies_naming_a_namespace_are_refused(ontology: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.ttl"
    second.write_text('@prefix vann: <http://purl.org/vocab/vann/> .\n'
                      '<https://example.org/b> a <http://www.w3.org/2002/07/owl#Ontology> ;\n'
                      '    vann:preferredNamespaceUri "https://example.org/b#" .\n',
                      encoding="utf-8")
    with pytest.raises(SgamError, match="one owl:Ontology with vann:preferredNamespaceUri"):
        declared([ontology, second])
