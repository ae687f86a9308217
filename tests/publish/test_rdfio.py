"""The dumps written by pyoxigraph are isomorphic to their input, read back by two parsers, and
do not depend on blank-node ids or triple order."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from sgam_onto.errors import SgamError
from sgam_onto.publish.rdfio import jsonld, ntriples, rdfxml
from sgam_onto.rdf.convert import graph_from_quads

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER = URIRef(XSD + "integer")
PREFIXES = {"ex": EX, "owl": str(OWL), "rdfs": str(RDFS), "xsd": XSD}


def _graph() -> Graph:
    g = Graph()
    a, b = BNode(), BNode()
    g.add((URIRef(EX + "C"), RDF.type, OWL.Class))
    g.add((URIRef(EX + "C"), OWL.equivalentClass, a))
    g.add((a, RDF.type, OWL.Restriction))
    g.add((a, OWL.onProperty, URIRef(EX + "p")))
    g.add((a, OWL.someValuesFrom, b))
    g.add((b, RDFS.label, Literal('tricky "quote" \\ back\nline <tag> & more', lang="en")))
    g.add(
        (URIRef(EX + "x"), URIRef(EX + "n"), Literal("007", datatype=XSD_INTEGER, normalize=False))
    )
    g.add((URIRef(EX + "x"), URIRef("http://other.org/vocab#pred-1"), Literal("é ✓")))
    g.add((URIRef(EX + "x"), URIRef(EX + "p"), URIRef("urn:isbn:123")))
    return g


def _read(text: str, fmt: ox.RdfFormat) -> Graph:
    """Read with Oxigraph, which keeps lexical forms exactly (rdflib would normalise 007)."""
    return graph_from_quads(ox.parse(text.encode("utf-8"), format=fmt))


def test_round_trips_are_isomorphic() -> None:
    g = _graph()
    assert isomorphic(_read(ntriples(g), ox.RdfFormat.N_TRIPLES), g)
    assert isomorphic(_read(jsonld(g, PREFIXES), ox.RdfFormat.JSON_LD), g)
    assert isomorphic(_read(rdfxml(g, PREFIXES), ox.RdfFormat.RDF_XML), g)


def test_lexical_forms_are_kept() -> None:
    text = ntriples(_graph())
    assert '"007"^^<http://www.w3.org/2001/XMLSchema#integer>' in text
    assert '"007"' in jsonld(_graph(), PREFIXES)


def test_output_does_not_depend_on_blank_node_ids() -> None:
    g1, g2 = _graph(), _graph()  # fresh, different blank node ids
    assert ntriples(g1) == ntriples(g2)
    assert jsonld(g1, PREFIXES) == jsonld(g2, PREFIXES)
    assert rdfxml(g1, PREFIXES) == rdfxml(g2, PREFIXES)


def test_rdflib_reads_the_same_graph() -> None:
    """A second parser; rdflib normalises "007" to "7", so that triple is left out here."""
    g = _graph()
    g.remove((None, URIRef(EX + "n"), None))
    for text, fmt in (
        (ntriples(g), "nt"),
        (jsonld(g, PREFIXES), "json-ld"),
        (rdfxml(g, PREFIXES), "xml"),
    ):
        assert isomorphic(Graph().parse(data=text, format=fmt), g), fmt


def test_output_does_not_depend_on_triple_order() -> None:
    g = _graph()
    reversed_graph = Graph()
    for triple in sorted(g, key=str, reverse=True):
        reversed_graph.add(triple)
    assert ntriples(reversed_graph) == ntriples(g)
    assert rdfxml(reversed_graph, PREFIXES) == rdfxml(g, PREFIXES)


def test_a_predicate_rdfxml_cannot_write_is_an_error() -> None:
    g = Graph()
    g.add((URIRef(EX + "x"), URIRef("urn:isbn:123"), Literal("x")))
    with pytest.raises(SgamError, match="urn:isbn:123"):
        rdfxml(g, PREFIXES)
    assert isomorphic(_read(ntriples(g), ox.RdfFormat.N_TRIPLES), g)
