"""The dataset's files: the full dumps in every format, and a JSON-LD context for writing
landscape data by hand. Their VoID/DCAT description is made by `sgam_onto.publish.void`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, XSD

from sgam_onto.publish.rdfio import jsonld, ntriples, rdfxml, used_prefixes
from sgam_onto.publish.site import VOCAB
from sgam_onto.rdf.turtle import serialize_turtle

# extension -> (media type, label)
FORMATS = {
    "ttl": ("text/turtle", "Turtle"),
    "nt": ("application/n-triples", "N-Triples"),
    "jsonld": ("application/ld+json", "JSON-LD"),
    "rdf": ("application/rdf+xml", "RDF/XML"),
}
DUMP_STEM = "data/sgam-onto"
ONTOLOGY_STEM = "ontology"


@dataclass(frozen=True)
class Dump:
    """A file of the site that holds RDF: its site path, media type and byte size."""

    path: str
    media_type: str
    label: str
    size: int
    subset: str  # "dataset" (the landscape), "ontology" or "alignment:<name>"


def serialise(graph: Graph, prefixes: Mapping[str, str], ext: str) -> bytes:
    """The graph in the format of extension `ext`, deterministically."""
    if ext == "ttl":
        return serialize_turtle(graph, used_prefixes(graph, prefixes)).encode("utf-8")
    if ext == "nt":
        return ntriples(graph).encode("utf-8")
    if ext == "jsonld":
        return jsonld(graph, prefixes).encode("utf-8")
    if ext == "rdf":
        return rdfxml(graph, prefixes).encode("utf-8")
    raise ValueError(ext)


def jsonld_context(graph: Graph, prefixes: Mapping[str, str]) -> bytes:
    """A JSON-LD context for writing landscape data by hand: the prefixes, and one term per
    property of the vocabulary (object properties typed @id, datatype properties with their
    range datatype)."""
    ctx: dict[str, object] = {p: ns for p, ns in sorted(prefixes.items()) if ns[-1:] in "/#"}
    terms: dict[str, object] = {}
    for prop in sorted(
        {s for s in graph.subjects(RDF.type, OWL.ObjectProperty) if str(s).startswith(VOCAB)},
        key=str,
    ):
        terms[str(prop)[len(VOCAB) :]] = {"@id": str(prop), "@type": "@id"}
    for prop in sorted(
        {s for s in graph.subjects(RDF.type, OWL.DatatypeProperty) if str(s).startswith(VOCAB)},
        key=str,
    ):
        local = str(prop)[len(VOCAB) :]
        ranges = sorted(str(r) for r in graph.objects(prop, RDFS.range))
        entry: dict[str, str] = {"@id": str(prop)}
        if ranges and ranges[0].startswith(str(XSD)) and ranges[0] != str(XSD.string):
            entry["@type"] = ranges[0]
        terms.setdefault(local, entry)
    for local in sorted(terms):
        if local not in ctx:
            ctx[local] = terms[local]
    ctx.setdefault("label", {"@id": str(RDFS.label), "@container": "@language"})
    return (json.dumps({"@context": ctx}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
