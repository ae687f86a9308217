"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/),
answered at GET /sparql without a query: what it is, the query language, the result formats it
writes, and its default dataset with the number of triples it holds."""

from __future__ import annotations

import pyoxigraph as ox

from sgam_onto.publish.formats import RDF_FORMATS
from sgam_onto.publish.site import BASE, ONTOLOGY
from sgam_onto.serve.results import RESULT_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
SIMPLE_ENTAILMENT = "http://www.w3.org/ns/entailment/Simple"


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def service_description(endpoint: str, triples: int, version: str) -> list[ox.Triple]:
    """The description of the endpoint at the absolute IRI `endpoint`."""
    service = ox.NamedNode(endpoint)
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("default")
    out = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), ox.NamedNode(SIMPLE_ENTAILMENT)),
        ox.Triple(
            service,
            ox.NamedNode(DCTERMS + "title"),
            ox.Literal(f"sgam-onto {version} read-only SPARQL endpoint", language="en"),
        ),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, ox.NamedNode(DCTERMS + "source"), ox.NamedNode(ONTOLOGY)),
        ox.Triple(dataset, ox.NamedNode(VOID + "sparqlEndpoint"), service),
        ox.Triple(dataset, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
                  ox.NamedNode(BASE + "void")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(default_graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(triples),
                  datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    formats = [f.iri for f in RESULT_FORMATS.values()] + [f.iri for f in RDF_FORMATS]
    out += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(iri)) for iri in formats]
    return out
