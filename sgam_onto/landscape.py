"""The landscape: the ontology, concept schemes and data files loaded as one graph.

Every file passes the strict syntax gate first; the rdflib Graph built from what the parser
returned is the source of truth. The pyoxigraph Store is a query index over the same triples,
built on first use; nothing is ever written back from it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from sgam_onto import __version__
from sgam_onto import namespace as sgam_ns
from sgam_onto.cim.load import cim_quads
from sgam_onto.namespace import NS as SGAM
from sgam_onto.rdf.convert import add_quads, store_from_graph
from sgam_onto.rdf.parse import parse_file
from sgam_onto.stores.direct import input_files

# From this many triples on, the loaded graph is moved out of the collector's reach (gc.freeze)
FREEZE_TRIPLES = 100_000
ONTOLOGY_IRI = URIRef(sgam_ns.ONTOLOGY_IRI)


@dataclass
class Landscape:
    """The loaded files, their merged graph and the package version stamped into it."""

    files: list[Path]
    graph: Graph
    version: str
    prefixes: dict[str, str] = field(default_factory=dict)
    load_seconds: float = 0.0
    _store: ox.Store | None = field(default=None, repr=False)

    @property
    def store(self) -> ox.Store:
        """An in-memory pyoxigraph Store with the same triples in its default graph."""
        if self._store is None:
            self._store = store_from_graph(self.graph)
        return self._store

    def __len__(self) -> int:
        return len(self.graph)


def load_landscape(
    extra_files: Iterable[str | Path] = (),
    with_alignments: bool = False,
    *,
    files: Iterable[str | Path] | None = None,
    version: str = __version__,
) -> Landscape:
    """Load the landscape through the syntax gate; raises LoadError on the first bad file.

    ``files`` replaces the default file list (the resource directories, see ``paths``);
    ``extra_files`` are added to it, e.g. a contribution to be checked with the rest, or a CIM
    network model: CIM XML files and zips of them are read together as one model by
    ``sgam_onto.cim.load``.
    """
    started = time.perf_counter()
    chosen, cim_files = input_files(extra_files, with_alignments, files)
    graph = Graph(bind_namespaces="none")
    prefixes: dict[str, str] = {}
    for path in chosen:
        parsed = parse_file(path)
        add_quads(graph, parsed.quads)
        for prefix, namespace in parsed.prefixes.items():
            prefixes.setdefault(prefix, namespace)
    if cim_files:  # CIM XML has its own identifiers (IEC 61970-552): one model, its own reader
        add_quads(graph, cim_quads(cim_files))
        chosen += cim_files
    for prefix, namespace in sorted(prefixes.items()):
        graph.bind(prefix, namespace, override=False, replace=False)
    fold_local_modules(graph)
    stamp_version(graph, version)
    settle(graph)
    return Landscape(chosen, graph, version, prefixes, time.perf_counter() - started)


def settle(graph: Graph) -> None:
    """Keep a large graph out of later full garbage collections.

    A graph of a million triples is millions of tracked Python objects that every full
    collection walks: pauses of seconds in the middle of a query. The graph is only read
    after loading and is freed by reference counting, so freezing what exists now (the graph
    included) costs nothing but those walks. Small graphs are left alone: their walks are
    short, and a process that loads many of them (a test run) keeps collecting their cycles.
    """
    if len(graph) >= FREEZE_TRIPLES:
        gc.freeze()


def fold_local_modules(graph: Graph) -> None:
    """Make a merged graph one ontology: a module whose import the graph itself holds (a document
    layer importing the domain) loses its owl:imports and its owl:Ontology type, keeping its
    annotations. The import is resolved by the local file already loaded; a merged graph or dump
    that kept it would import itself, and two ontology headers in one document are read
    differently by each parser. Imports of anything else stay, and are never fetched.
    """
    loaded = set(graph.subjects(RDF.type, OWL.Ontology))
    for module, target in list(graph.subject_objects(OWL.imports)):
        if target in loaded and module != ONTOLOGY_IRI:
            graph.remove((module, OWL.imports, target))
            graph.remove((module, RDF.type, OWL.Ontology))


def stamp_version(graph: Graph, version: str) -> None:
    """Give the ontology its versionIRI and versionInfo from the package version.

    sgam.ttl names the same version (the tests and publish check it); whatever version a file
    names is replaced, so that a landscape loaded under another version says only that one.
    """
    graph.remove((ONTOLOGY_IRI, OWL.versionIRI, None))
    graph.remove((ONTOLOGY_IRI, OWL.versionInfo, None))
    graph.add((ONTOLOGY_IRI, OWL.versionIRI, URIRef(f"{ONTOLOGY_IRI}/{version}")))
    graph.add((ONTOLOGY_IRI, OWL.versionInfo, Literal(version)))


def label_of(
    graph: Graph, node: URIRef, properties: tuple[URIRef, ...] = (RDFS.label,), lang: str = "en"
) -> str:
    """A label in `lang`, else English, else untagged, from the first property that has one,
    else the local name."""
    for prop in properties:
        labels = [lab for lab in graph.objects(node, prop) if isinstance(lab, Literal)]
        for wanted in dict.fromkeys((lang, "en", None)):
            matching = sorted(str(lab) for lab in labels if lab.language == wanted)
            if matching:
                return matching[0]
        if labels:
            return sorted(str(lab) for lab in labels)[0]
    return local_name(node)


def local_name(node: URIRef) -> str:
    text = str(node)
    for separator in ("#", "/"):
        if separator in text:
            text = text.rsplit(separator, 1)[1] or text
    return text


def counts(graph: Graph, namespace: str = SGAM) -> dict[str, int]:
    """Asserted instances per OWL class of the namespace, keyed by label, sorted by label."""
    classes = {
        c for c in graph.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef) and str(c).startswith(namespace)
    }
    named: dict[str, list[URIRef]] = {}
    for cls in classes:
        named.setdefault(label_of(graph, cls), []).append(cls)
    result: dict[str, int] = {}
    for label, same in named.items():
        for cls in same:
            key = label if len(same) == 1 else f"{label} ({local_name(cls)})"
            result[key] = len(set(graph.subjects(RDF.type, cls)))
    return dict(sorted(result.items(), key=lambda kv: (kv[0].casefold(), kv[0])))


def store_labels(store: ox.Store, nodes: Iterable[URIRef]) -> dict[URIRef, str]:
    """``sgam_onto.landscape.label_of`` for each node, read from a store: an English label,
    else an untagged one, else any (the smallest of each kind), else the local name."""
    label = ox.NamedNode(str(RDFS.label))
    found = {}
    for node in nodes:
        texts = [q.object for q in store.quads_for_pattern(ox.NamedNode(str(node)), label, None)
                 if isinstance(q.object, ox.Literal)]
        for wanted in ("en", None):
            matching = sorted(t.value for t in texts if t.language == wanted)
            if matching:
                found[node] = matching[0]
                break
        else:
            found[node] = min(t.value for t in texts) if texts else local_name(node)
    return found


def store_counts(store: ox.Store, namespace: str = SGAM) -> dict[str, int]:
    """``counts`` read from a store: asserted instances per OWL class of the namespace, keyed
    by label (the same label and tie-breaking rules), sorted by label."""
    rdf_type, owl_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.Class))
    classes = {q.subject for q in store.quads_for_pattern(None, rdf_type, owl_class)
               if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(namespace)}
    labels = store_labels(store, [URIRef(c.value) for c in classes])
    named: dict[str, list[ox.NamedNode]] = {}
    for cls in classes:
        named.setdefault(labels[URIRef(cls.value)], []).append(cls)
    result: dict[str, int] = {}
    for label, same in named.items():
        for cls in same:
            key = label if len(same) == 1 else f"{label} ({local_name(URIRef(cls.value))})"
            result[key] = len({q.subject for q in store.quads_for_pattern(None, rdf_type, cls)})
    return dict(sorted(result.items(), key=lambda kv: (kv[0].casefold(), kv[0])))
