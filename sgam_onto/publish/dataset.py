"""The dataset's machine-readable description: full dumps, a JSON-LD context, and a VoID +
DCAT description naming every dump, the SPARQL endpoint and the alignment linksets."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from sgam_onto.publish import rdfio
from sgam_onto.publish.site import BASE, ID, ONTOLOGY, VOCAB
from sgam_onto.rdf.turtle import serialize_turtle

VOID = "http://rdfs.org/ns/void#"
VOID_DOC = BASE + "void"
DATASET = URIRef(VOID_DOC + "#dataset")
ONTOLOGY_SUBSET = URIRef(VOID_DOC + "#ontology")
SERVICE = URIRef(VOID_DOC + "#sparql-service")
ENDPOINT = URIRef(BASE + "sparql")
IANA = "https://www.iana.org/assignments/media-types/"
SRD = URIRef(ID + "standard/iec-srd-63268-2020")

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
    subset: str  # "dataset", "ontology" or "linkset:<name>"


def serialise(graph: Graph, prefixes: Mapping[str, str], ext: str) -> bytes:
    """The graph in the format of extension `ext`, deterministically."""
    if ext == "ttl":
        return serialize_turtle(graph, rdfio.used_prefixes(graph, prefixes)).encode("utf-8")
    if ext == "nt":
        return rdfio.ntriples(graph).encode("utf-8")
    if ext == "jsonld":
        return rdfio.jsonld(graph, prefixes).encode("utf-8")
    if ext == "rdf":
        return rdfio.rdfxml(graph, prefixes).encode("utf-8")
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


def linkset_graph(graph: Graph) -> Graph:
    """The triples of an alignment file that link a landscape IRI to an outside IRI."""
    out = Graph(bind_namespaces="none")
    for s, p, o in graph:
        if (
            isinstance(s, URIRef)
            and str(s).startswith(ONTOLOGY)
            and isinstance(o, URIRef)
            and not str(o).startswith(ONTOLOGY)
        ):
            out.add((s, p, o))
    return out


def _namespace(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[0] + sep
    return iri


def void_graph(
    graph: Graph,
    ontology_graph: Graph,
    dumps: list[Dump],
    version: str,
    linksets: Mapping[str, Graph],
    example: str | None,
) -> Graph:
    """VoID + DCAT for the dataset, its ontology subset, the endpoint and the linksets."""
    g = Graph(bind_namespaces="none")
    void = lambda local: URIRef(VOID + local)  # noqa: E731
    doc = URIRef(VOID_DOC)
    g.add((doc, RDF.type, void("DatasetDescription")))
    g.add((doc, DCTERMS.title, Literal("Description of the sgam-onto dataset", lang="en")))
    g.add((doc, FOAF.primaryTopic, DATASET))
    onto = URIRef(ONTOLOGY)
    for node in (DATASET,):
        g.add((node, RDF.type, void("Dataset")))
        g.add((node, RDF.type, DCAT.Dataset))
    title = graph.value(onto, DCTERMS.title)
    description = graph.value(onto, DCTERMS.description)
    g.add((DATASET, DCTERMS.title, title or Literal("sgam-onto", lang="en")))
    if description is not None:
        g.add((DATASET, DCTERMS.description, description))
    for prop in (DCTERMS.license, DCTERMS.creator, DCTERMS.bibliographicCitation):
        for value in graph.objects(onto, prop):
            g.add((DATASET, prop, value))
    g.add((DATASET, DCTERMS.source, SRD))
    g.add((DATASET, URIRef(str(DCAT) + "version"), Literal(version)))
    g.add((DATASET, OWL.versionInfo, Literal(version)))
    g.add((DATASET, DCAT.landingPage, URIRef(BASE)))
    g.add((DATASET, void("uriSpace"), Literal(ID)))
    g.add((DATASET, void("sparqlEndpoint"), ENDPOINT))
    g.add((DATASET, DCAT.accessService, SERVICE))
    if example:
        g.add((DATASET, void("exampleResource"), URIRef(example)))
    g.add((DATASET, void("rootResource"), onto))
    g.add((DATASET, void("triples"), Literal(len(graph))))
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    g.add((DATASET, void("distinctSubjects"), Literal(len(set(graph.subjects())))))
    g.add((DATASET, void("entities"), Literal(len({s for s in subjects if str(s).startswith(ID)}))))
    g.add((DATASET, void("properties"), Literal(len(set(graph.predicates())))))
    classes = Counter(o for o in graph.objects(None, RDF.type))
    g.add((DATASET, void("classes"), Literal(len(classes))))
    for cls, count in sorted(classes.items(), key=lambda kv: str(kv[0])):
        if not str(cls).startswith(VOCAB):
            continue
        part = URIRef(f"{VOID_DOC}#class-{str(cls)[len(VOCAB) :]}")
        g.add((DATASET, void("classPartition"), part))
        g.add((part, void("class"), cls))
        g.add((part, void("entities"), Literal(count)))
    vocabularies = sorted(
        {_namespace(str(p)) for p in graph.predicates()}
        | {_namespace(str(o)) for o in classes if isinstance(o, URIRef)}
    )
    for ns in vocabularies:
        g.add((DATASET, void("vocabulary"), URIRef(ns)))

    g.add((ONTOLOGY_SUBSET, RDF.type, void("Dataset")))
    g.add((ONTOLOGY_SUBSET, RDF.type, DCAT.Dataset))
    g.add(
        (
            ONTOLOGY_SUBSET,
            DCTERMS.title,
            Literal("sgam-onto ontology and concept schemes", lang="en"),
        )
    )
    g.add((ONTOLOGY_SUBSET, void("triples"), Literal(len(ontology_graph))))
    g.add((ONTOLOGY_SUBSET, FOAF.primaryTopic, onto))
    g.add((DATASET, void("subset"), ONTOLOGY_SUBSET))

    for dump in dumps:
        target = {"dataset": DATASET, "ontology": ONTOLOGY_SUBSET}.get(dump.subset)
        if target is None:
            target = URIRef(f"{VOID_DOC}#{dump.subset.replace(':', '-')}")
        url = URIRef(BASE + dump.path)
        dist = URIRef(f"{VOID_DOC}#dump-{dump.path.replace('/', '-').replace('.', '-')}")
        g.add((target, void("dataDump"), url))
        g.add((target, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{dump.label} ({dump.path})", lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.mediaType, URIRef(IANA + dump.media_type)))
        g.add((dist, DCTERMS["format"], Literal(dump.media_type)))
        g.add((dist, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))

    g.add((SERVICE, RDF.type, DCAT.DataService))
    g.add((SERVICE, DCTERMS.title, Literal("sgam-onto SPARQL endpoint", lang="en")))
    g.add((SERVICE, DCAT.endpointURL, ENDPOINT))
    g.add((SERVICE, DCAT.servesDataset, DATASET))
    g.add((SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add(
        (
            SERVICE,
            DCTERMS.description,
            Literal(
                "Read-only SPARQL 1.1 Protocol endpoint, served by 'sgam-onto serve'.", lang="en"
            ),
        )
    )

    for name, links in sorted(linksets.items()):
        node = URIRef(f"{VOID_DOC}#linkset-{name}")
        target = URIRef(f"{VOID_DOC}#target-{name}")
        g.add((node, RDF.type, void("Linkset")))
        g.add((node, DCTERMS.title, Literal(f"Alignment {name}", lang="en")))
        g.add((node, void("subjectsTarget"), DATASET))
        g.add((node, void("objectsTarget"), target))
        g.add((node, void("triples"), Literal(len(links))))
        g.add((DATASET, void("subset"), node))
        for predicate in sorted(set(links.predicates()), key=str):
            g.add((node, void("linkPredicate"), predicate))
        spaces = Counter(_namespace(str(o)) for o in links.objects())
        g.add((target, RDF.type, void("Dataset")))
        for space, _ in sorted(spaces.items()):
            g.add((target, void("uriSpace"), Literal(space)))
    return g


def void_turtle(g: Graph) -> bytes:
    prefixes = {
        "dcat": str(DCAT),
        "dcterms": str(DCTERMS),
        "foaf": str(FOAF),
        "owl": str(OWL),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "vann": "http://purl.org/vocab/vann/",
        "void": VOID,
        "xsd": str(XSD),
        "sgam": VOCAB,
    }
    return serialize_turtle(g, prefixes).encode("utf-8")
