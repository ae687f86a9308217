"""Where each resource's documents live in the published site, and how pages link to them.

Paths mirror the IRIs: ``https://w3id.org/sgam-onto/id/body/iec-tc57-wg17`` is documented by
``id/body/iec-tc57-wg17.html`` (+ ``.ttl``, ``.jsonld``). The hash namespace
(``sgam:``) is one document, ``ontology.html``, with an anchor per term;
individuals of that namespace (SKOS concepts and schemes) also get a page of their own under
``concept/``. Every link inside the site is relative, so the site can be hosted under any path.
"""

from __future__ import annotations

import functools
import posixpath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from sgam_onto.landscape import label_of
from sgam_onto.namespace import BASE
from sgam_onto.namespace import ID_BASE as ID
from sgam_onto.namespace import NS as VOCAB
from sgam_onto.namespace import ONTOLOGY_IRI as ONTOLOGY

SCHEMA_TYPES = frozenset(
    {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        RDF.Property,
        OWL.TransitiveProperty,
        OWL.FunctionalProperty,
        OWL.Ontology,
    }
)


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, target: str) -> str:
    """`target` (a site path, maybe with #fragment) as seen from the page at `from_page`."""
    path, _, fragment = target.partition("#")
    if path == from_page and fragment:
        return f"#{fragment}"
    start = posixpath.dirname(from_page) or "."
    rel = posixpath.relpath(path, start) if path else posixpath.basename(from_page)
    return rel + (f"#{fragment}" if fragment else "")


class SiteMap:
    """Decides the document of every IRI the pages show. `graph` is what the pages show (the
    landscape plus its alignment files); `core` is the landscape alone."""

    def __init__(self, graph: Graph, core: Graph | None = None, lang: str = "en") -> None:
        self.graph = graph
        self.lang = lang  # labels in this language where a resource has one, else English
        self.core = core if core is not None else graph
        self._labels: dict[URIRef, str] = {}
        self.schema_terms: set[str] = set()
        self.concepts: set[str] = set()
        for s in set(graph.subjects()):
            if not isinstance(s, URIRef) or not str(s).startswith(VOCAB):
                continue
            types = set(graph.objects(s, RDF.type))
            if types & SCHEMA_TYPES:
                self.schema_terms.add(str(s))
            else:
                self.concepts.add(str(s))
        self.instances = sorted(
            {
                str(n)
                for t in graph
                for n in (t[0], t[2])
                if isinstance(n, URIRef) and str(n).startswith(ID) and _slug_ok(str(n))
            }
        )

    def page(self, iri: str) -> str | None:
        """The site path of the HTML document for `iri` (with #anchor), or None if external."""
        if iri in (ONTOLOGY, BASE, VOCAB):
            return "ontology.html"
        if iri.startswith(VOCAB):
            local = iri[len(VOCAB) :]
            if iri in self.concepts:
                return f"concept/{local}.html"
            return f"ontology.html#{local}"
        if iri.startswith(ID) and _slug_ok(iri):
            return iri[len(BASE) :] + ".html"
        return None

    def stem(self, iri: str) -> str | None:
        """The site path without extension for resources that have their own documents."""
        if iri.startswith(ID) and _slug_ok(iri):
            return iri[len(BASE) :]
        if iri in self.concepts:
            return f"concept/{iri[len(VOCAB) :]}"
        return None

    def href(self, from_page: str, iri: str) -> str:
        """A link from `from_page` to the document of `iri`; external IRIs stay absolute."""
        target = self.page(iri)
        return iri if target is None else relative(from_page, target)

    def label(self, node: URIRef | Literal) -> str:
        """An rdfs:label in the site's language (else English, else plain), then
        skos:prefLabel, then the local name."""
        if isinstance(node, Literal):
            return str(node)
        cached = self._labels.get(node)
        if cached is None:
            cached = self._labels[node] = self._label(node)
        return cached

    def _label(self, node: URIRef) -> str:
        return label_of(self.graph, node, (RDFS.label, SKOS.prefLabel), self.lang)


def local_name(iri: str) -> str:
    for separator in ("#", "/", ":"):
        if separator in iri:
            tail = iri.rsplit(separator, 1)[1]
            if tail:
                return tail
    return iri


def kind_of(iri: str) -> str:
    """`body` for .../id/body/x."""
    return iri[len(ID) :].split("/", 1)[0]


def _slug_ok(iri: str) -> bool:
    rest = iri[len(ID) :]
    parts = rest.split("/")
    return len(parts) == 2 and all(
        part and all(c.isascii() and (c.isalnum() or c in "-_") for c in part) for part in parts
    )
