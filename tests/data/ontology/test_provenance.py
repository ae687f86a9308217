"""Every landscape fact points to where it comes from, and every term is declared and defined."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from tests.data.ontology.conftest import select

SGAM = "https://w3id.org/sgam-onto#"
ID = "https://w3id.org/sgam-onto/id/"


def test_every_instance_has_provenance(landscape):
    missing = select(landscape, f"""
        SELECT DISTINCT ?s WHERE {{
          ?s a ?c . FILTER(STRSTARTS(STR(?s), "{ID}"))
          FILTER NOT EXISTS {{ ?s a/rdfs:subClassOf* sgam:SourceLocation }}
          FILTER NOT EXISTS {{ ?s a sgam:CuratedSource }}
          FILTER NOT EXISTS {{ ?s sgam:source ?src }} }}""")
    assert missing == []


def test_sources_are_locations_or_curated(landscape):
    bad = select(landscape, """
        SELECT DISTINCT ?src WHERE { ?s sgam:source ?src .
          FILTER NOT EXISTS { ?src a/rdfs:subClassOf* sgam:SourceLocation }
          FILTER NOT EXISTS { ?src a sgam:CuratedSource } }""")
    assert bad == []
    labels = select(landscape, "SELECT ?l WHERE { ?s a sgam:SourceLocation ; rdfs:label ?l }")
    assert all(label.strip() for (label,) in labels)


def test_every_sgam_term_used_is_declared_labelled_and_defined(landscape):
    graph = landscape.graph
    declared = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(SGAM)}
    used = {t for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(SGAM)}
    assert used - declared == set()
    for term in graph.subjects(RDF.type, None):
        if not str(term).startswith(SGAM):
            continue
        kinds = set(graph.objects(term, RDF.type))
        if kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert graph.value(term, RDFS.label) is not None, term
            assert graph.value(term, SKOS.definition) is not None, term


def test_ontology_metadata(landscape):
    from sgam_onto import __version__
    graph = landscape.graph
    onto = URIRef("https://w3id.org/sgam-onto")
    dcterms = "http://purl.org/dc/terms/"
    vann = "http://purl.org/vocab/vann/"
    for prop in ("title", "description", "license", "creator", "source", "bibliographicCitation"):
        assert graph.value(onto, URIRef(dcterms + prop)) is not None, prop
    assert str(graph.value(onto, URIRef(vann + "preferredNamespacePrefix"))) == "sgam"
    assert str(graph.value(onto, URIRef(vann + "preferredNamespaceUri"))) == SGAM
    assert graph.value(onto, OWL.versionIRI) == URIRef(f"https://w3id.org/sgam-onto/{__version__}")
