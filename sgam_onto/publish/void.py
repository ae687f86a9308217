"""The VoID + DCAT description of the published dataset: the whole (everything `serve` answers
over), its parts (landscape, ontology, each alignment file) with their dumps, and the linksets
of each alignment. Every count is computed from the published graphs; licence, agents and dates
come from the ontology header, never from the build time. A SPARQL endpoint is named only when
the caller has one: the static site has none."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, XSD
from rdflib.term import Node

from sgam_onto.export.mappings import vocabulary_prefixes
from sgam_onto.publish.dataset import FORMATS, Dump
from sgam_onto.publish.site import BASE, ID, ONTOLOGY, VOCAB
from sgam_onto.rdf.turtle import serialize_turtle

VOID = "http://rdfs.org/ns/void#"
VOID_NS = Namespace(VOID)
VOID_DOC = BASE + "void"
DATASET = URIRef(VOID_DOC + "#dataset")
LANDSCAPE_SUBSET = URIRef(VOID_DOC + "#landscape")
ONTOLOGY_SUBSET = URIRef(VOID_DOC + "#ontology")
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Published:
    """What a site publishes, as graphs: the landscape dump, the ontology dump and each
    alignment file (by name). Together they are what `serve` answers queries over."""

    landscape: Graph
    ontology: Graph
    alignments: Mapping[str, Graph]
    dumps: list[Dump]
    version: str
    example: str | None = None
    endpoint: str | None = None  # a SPARQL endpoint, only where one really answers


def served_graph(published: Published) -> Graph:
    """The union of every dump: what the whole dataset holds and the endpoint serves."""
    out = Graph(bind_namespaces="none")
    for graph in (published.landscape, *published.alignments.values()):
        for triple in graph:
            out.add(triple)
    return out


def links(graph: Graph, namespaces: Iterable[str]) -> tuple[Graph, Graph]:
    """The RDF links of an alignment file: landscape IRI -> IRI of a target vocabulary
    (outgoing), and target vocabulary IRI -> landscape IRI (incoming)."""
    spaces = tuple(namespaces)
    outgoing, incoming = Graph(bind_namespaces="none"), Graph(bind_namespaces="none")

    def ours(node: object) -> bool:
        return isinstance(node, URIRef) and str(node).startswith(ONTOLOGY)

    def theirs(node: object) -> bool:
        return isinstance(node, URIRef) and str(node).startswith(spaces) and not ours(node)

    for s, p, o in graph:
        if ours(s) and theirs(o):
            outgoing.add((s, p, o))
        elif theirs(s) and ours(o):
            incoming.add((s, p, o))
    return outgoing, incoming


def _namespace(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[0] + sep
    return iri


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "agent"


class _Describer:
    """Adds the statements of the VoID/DCAT document to one graph."""

    def __init__(self, ontology: Graph) -> None:
        self.g = Graph(bind_namespaces="none")
        onto = URIRef(ONTOLOGY)
        self.licences = sorted(ontology.objects(onto, DCTERMS.license), key=str)
        self.dates = {
            prop: sorted(ontology.objects(onto, prop), key=str)
            for prop in (DCTERMS.created, DCTERMS.issued, DCTERMS.modified)
        }
        self.agents = {
            prop: [self.agent(v) for v in sorted(ontology.objects(onto, prop), key=str)]
            for prop in (DCTERMS.creator, DCTERMS.publisher)
        }

    def add(self, s: URIRef, p: URIRef, o: Node) -> None:
        self.g.add((s, p, o))

    def agent(self, value: Node) -> URIRef:
        """The ontology names its creator and publisher; DCAT wants agents, so a name becomes
        a foaf:Agent of this document."""
        if isinstance(value, URIRef):
            return value
        node = URIRef(f"{VOID_DOC}#agent-{_slug(str(value))}")
        self.add(node, RDF.type, FOAF.Agent)
        self.add(node, FOAF.name, Literal(str(value)))
        return node

    def provenance(self, node: URIRef) -> None:
        """Licence, creator, publisher and the release dates of the ontology header."""
        for licence in self.licences:
            self.add(node, DCTERMS.license, licence)
        for prop, agents in self.agents.items():
            for agent in agents:
                self.add(node, prop, agent)
        for prop, values in self.dates.items():
            for value in values:
                self.add(node, prop, value)

    def dataset(self, node: URIRef, title: str, triples: int) -> None:
        self.add(node, RDF.type, VOID_NS.Dataset)
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, DCTERMS.title, Literal(title, lang="en"))
        self.add(node, VOID_NS.triples, Literal(triples))
        self.provenance(node)

    def distribution(self, dataset: URIRef, dump: Dump) -> None:
        url = URIRef(BASE + dump.path)
        dist = URIRef(f"{VOID_DOC}#dump-{dump.path.replace('/', '-').replace('.', '-')}")
        self.add(dataset, VOID_NS.dataDump, url)
        self.add(dataset, DCAT.distribution, dist)
        self.add(dist, RDF.type, DCAT.Distribution)
        self.add(dist, DCTERMS.title, Literal(f"{dump.label} ({dump.path})", lang="en"))
        self.add(dist, DCAT.downloadURL, url)
        self.add(dist, DCAT.accessURL, url)
        self.add(dist, DCAT.mediaType, URIRef(IANA + dump.media_type))
        self.add(dist, DCTERMS["format"], Literal(dump.media_type))
        self.add(dist, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger))
        self.provenance(dist)


def void_graph(published: Published) -> Graph:
    """VoID + DCAT for the dataset and its parts (landscape, ontology, alignments, linksets),
    every count computed from the graphs that are published."""
    d = _Describer(published.ontology)
    served = served_graph(published)
    onto = URIRef(ONTOLOGY)
    doc = URIRef(VOID_DOC)
    d.add(doc, RDF.type, VOID_NS.DatasetDescription)
    d.add(doc, DCTERMS.title, Literal("Description of the sgam-onto dataset", lang="en"))
    d.add(doc, FOAF.primaryTopic, DATASET)

    title = published.ontology.value(onto, DCTERMS.title)
    d.dataset(DATASET, str(title or "sgam-onto"), len(served))
    description = published.ontology.value(onto, DCTERMS.description)
    if description is not None:
        d.add(DATASET, DCTERMS.description, description)
    for prop in (DCTERMS.bibliographicCitation, DCTERMS.source):
        for value in published.ontology.objects(onto, prop):
            d.add(DATASET, prop, value)
    d.add(DATASET, URIRef(str(DCAT) + "version"), Literal(published.version))
    d.add(DATASET, OWL.versionInfo, Literal(published.version))
    d.add(DATASET, DCAT.landingPage, URIRef(BASE))
    d.add(DATASET, VOID_NS.uriSpace, Literal(ID))
    d.add(DATASET, VOID_NS.rootResource, onto)
    if published.example:
        d.add(DATASET, VOID_NS.exampleResource, URIRef(published.example))
    _statistics(d, served)
    if published.endpoint:
        _endpoint(d, URIRef(published.endpoint))

    parts = {
        "dataset": (LANDSCAPE_SUBSET, "sgam-onto landscape without its alignments",
                    published.landscape),
        "ontology": (ONTOLOGY_SUBSET, "sgam-onto ontology and concept schemes",
                     published.ontology),
    }
    for name, graph in sorted(published.alignments.items()):
        parts[f"alignment:{name}"] = (alignment_node(name), f"Alignment {name}", graph)
    for node, part_title, graph in parts.values():
        d.dataset(node, part_title, len(graph))
        d.add(DATASET, VOID_NS.subset, node)
        d.add(DATASET, DCTERMS.hasPart, node)
    d.add(ONTOLOGY_SUBSET, FOAF.primaryTopic, onto)
    for dump in published.dumps:
        d.distribution(parts[dump.subset][0], dump)
        if _part_of_whole(dump):
            d.add(DATASET, VOID_NS.dataDump, URIRef(BASE + dump.path))

    merged = Graph(bind_namespaces="none")
    for graph in published.alignments.values():
        merged += graph
    namespaces = vocabulary_prefixes(merged).values()
    for name, graph in sorted(published.alignments.items()):
        outgoing, incoming = links(graph, namespaces)
        target = URIRef(f"{VOID_DOC}#target-{name}")
        for suffix, found, subjects, objects in (
            ("", outgoing, DATASET, target),
            ("-inverse", incoming, target, DATASET),
        ):
            if len(found) == 0:
                continue
            node = URIRef(f"{VOID_DOC}#linkset-{name}{suffix}")
            d.add(node, RDF.type, VOID_NS.Linkset)
            d.add(node, DCTERMS.title, Literal(f"Links of alignment {name}", lang="en"))
            d.add(node, VOID_NS.subjectsTarget, subjects)
            d.add(node, VOID_NS.objectsTarget, objects)
            d.add(node, VOID_NS.triples, Literal(len(found)))
            d.add(alignment_node(name), VOID_NS.subset, node)
            for predicate in sorted(set(found.predicates()), key=str):
                d.add(node, VOID_NS.linkPredicate, predicate)
            outside = found.objects() if subjects == DATASET else found.subjects()
            d.add(target, RDF.type, VOID_NS.Dataset)
            for space in sorted({_namespace(str(n)) for n in outside}):
                d.add(target, VOID_NS.uriSpace, Literal(space))
    return d.g


def _part_of_whole(dump: Dump) -> bool:
    """Whether the dataset's own void:dataDump lists this file. Loading those files together
    gives the dataset, so each part is listed once: the landscape in N-Triples (as `serve`
    loads it) and each alignment file; a second format would load its blank nodes twice."""
    if dump.subset == "dataset":
        return dump.media_type == FORMATS["nt"][0]
    return dump.subset.startswith("alignment:")


def alignment_node(name: str) -> URIRef:
    return URIRef(f"{VOID_DOC}#alignment-{name}")


def _statistics(d: _Describer, served: Graph) -> None:
    subjects = set(served.subjects())
    d.add(DATASET, VOID_NS.distinctSubjects, Literal(len(subjects)))
    d.add(DATASET, VOID_NS.distinctObjects, Literal(len(set(served.objects()))))
    entities = {s for s in subjects if isinstance(s, URIRef) and str(s).startswith(ID)}
    d.add(DATASET, VOID_NS.entities, Literal(len(entities)))
    d.add(DATASET, VOID_NS.properties, Literal(len(set(served.predicates()))))
    classes = Counter(o for o in served.objects(None, RDF.type))
    d.add(DATASET, VOID_NS.classes, Literal(len(classes)))
    for cls, count in sorted(classes.items(), key=lambda kv: str(kv[0])):
        if not str(cls).startswith(VOCAB):
            continue
        part = URIRef(f"{VOID_DOC}#class-{str(cls)[len(VOCAB) :]}")
        d.add(DATASET, VOID_NS.classPartition, part)
        d.add(part, VOID_NS["class"], cls)
        d.add(part, VOID_NS.entities, Literal(count))
    vocabularies = {_namespace(str(p)) for p in served.predicates()} | {
        _namespace(str(o)) for o in classes if isinstance(o, URIRef)
    }
    for ns in sorted(vocabularies):
        d.add(DATASET, VOID_NS.vocabulary, URIRef(ns))


def _endpoint(d: _Describer, endpoint: URIRef) -> None:
    service = URIRef(VOID_DOC + "#sparql-service")
    d.add(DATASET, VOID_NS.sparqlEndpoint, endpoint)
    d.add(DATASET, DCAT.accessService, service)
    d.add(service, RDF.type, DCAT.DataService)
    d.add(service, DCTERMS.title, Literal("sgam-onto SPARQL endpoint", lang="en"))
    d.add(service, DCAT.endpointURL, endpoint)
    d.add(service, DCAT.servesDataset, DATASET)
    d.add(service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/"))


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
