"""The deterministic writers give graphs isomorphic to their input, whatever the node ids."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

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
