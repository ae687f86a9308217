"""The shapes graph as the SHACL specification reads it (``sgam_onto.validate.spec``)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SH, XSD

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes
from sgam_onto.validate.spec import as_specified

EX = "https://example.org/"


def shapes(text: str) -> Graph:
    """Parsed as the project parses (rdflib's own parser would rewrite "1" as "true")."""
    prefixes = ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                f"@prefix ex: <{EX}> .\n")
    return graph_from_quads(parse_bytes((prefixes + text).encode(), ox.RdfFormat.TURTLE).quads)


def test_a_graph_that_needs_nothing_is_returned_as_it_is() -> None:
    graph = shapes("ex:S sh:path ex:p ; sh:uniqueLang true ; sh:sparql [ sh:prefixes ex:P ] .")
    assert as_specified(graph) is graph


def test_only_the_literal_true_activates_unique_lang() -> None:
    graph = shapes('ex:A sh:uniqueLang "1"^^xsd:boolean . ex:B sh:uniqueLang false . '
                   "ex:C sh:uniqueLang true .")
    before = set(graph)
    fixed = as_specified(graph)
    assert set(fixed.subject_objects(SH.uniqueLang)) == {
        (URIRef(EX + "C"), Literal("true", datatype=XSD.boolean))
    }
    assert set(graph) == before


def test_declarations_of_imported_resources_join_the_prefixes() -> None:
    graph = shapes(
        "ex:P sh:declare [ sh:prefix 'own' ; sh:namespace 'urn:own#'^^xsd:anyURI ] ; "
        "  owl:imports ex:O1 . "
        "ex:O1 owl:imports ex:O2, ex:P ; sh:declare [ sh:prefix 'one' ] . "
        "ex:O2 owl:imports ex:O1 ; sh:declare [ sh:prefix 'two' ] . "
        "ex:Unrelated sh:declare [ sh:prefix 'no' ] . "
        "ex:C sh:prefixes ex:P ."
    )
    fixed = as_specified(graph)
    prefixes = {str(fixed.value(d, SH.prefix)) for d in fixed.objects(URIRef(EX + "P"), SH.declare)}
    assert prefixes == {"own", "one", "two"}
    assert len(list(graph.objects(URIRef(EX + "P"), SH.declare))) == 1
    assert (URIRef(EX + "P"), OWL.imports, URIRef(EX + "O1")) in fixed
