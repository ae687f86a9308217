"""Which terms exist: the project's own (declared in the landscape) and those of the standard
vocabularies the landscape reuses (the closed term lists rdflib ships, read offline).

A term of a namespace listed here that is not among its terms is a typo or an invention; in a
namespace not listed here nothing can be said, and nothing is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DC,
    DCAT,
    DCMITYPE,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROF,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    VANN,
    VOID,
    XSD,
    DefinedNamespace,
)

from sgam_onto.namespace import NS as SGAM
from sgam_onto.namespace import ONTOLOGY_IRI as ONTOLOGY  # noqa: F401 (lint.rules reads it here)
from sgam_onto.namespace import SHAPES_NS as SGAMSH

CLASS_TYPES = frozenset({OWL.Class, RDFS.Class, RDFS.Datatype, SH.NodeShape})
PROPERTY_TYPES = frozenset({
    RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty,
    OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty, OWL.OntologyProperty,
})
_CONTAINER_MEMBER = re.compile(r"_[1-9][0-9]*")

_STANDARD: tuple[type[DefinedNamespace], ...] = (
    RDF, RDFS, OWL, XSD, SKOS, DCTERMS, DC, DCMITYPE, ORG, PROV, DCAT, SH, FOAF, VANN, VOID,
    TIME, PROF,
)
# Terms in use that rdflib's lists lack (they are in the published vocabularies).
_EXTRA: dict[str, frozenset[str]] = {
    str(RDF): frozenset({"li", "Description", "ID", "about", "resource", "parseType",
                         "datatype", "nodeID", "dirLangString"}),
    str(OWL): frozenset({"real", "rational"}),
}


def _terms(namespace: type[DefinedNamespace]) -> frozenset[str]:
    names = set(getattr(namespace, "__annotations__", {}))
    names.update(getattr(namespace, "_extras", []))
    return frozenset(names)


STANDARD_TERMS: dict[str, frozenset[str]] = {
    str(ns): _terms(ns) | _EXTRA.get(str(ns), frozenset()) for ns in _STANDARD
}


@dataclass
class Vocabulary:
    """The terms a graph declares, by kind, plus the standard vocabularies."""

    classes: set[URIRef] = field(default_factory=set)
    properties: set[URIRef] = field(default_factory=set)
    datatypes: set[URIRef] = field(default_factory=set)
    declared: set[URIRef] = field(default_factory=set)  # anything typed or defined at all

    def add_graph(self, graph: Graph) -> None:
        for subject, kind in graph.subject_objects(RDF.type):
            if not isinstance(subject, URIRef):
                continue
            self.declared.add(subject)
            if kind in CLASS_TYPES:
                self.classes.add(subject)
            if kind in PROPERTY_TYPES:
                self.properties.add(subject)
            if kind == RDFS.Datatype:
                self.datatypes.add(subject)
        for subject in graph.subjects(RDFS.subClassOf, None):
            if isinstance(subject, URIRef):
                self.classes.add(subject)
                self.declared.add(subject)
        for subject in graph.subjects(RDFS.subPropertyOf, None):
            if isinstance(subject, URIRef):
                self.properties.add(subject)
                self.declared.add(subject)

    def namespace_of(self, iri: str) -> str | None:
        """The standard or project namespace ``iri`` belongs to, if it is one we know."""
        if iri.startswith((SGAM, SGAMSH)):
            return SGAM if iri.startswith(SGAM) else SGAMSH
        for namespace in STANDARD_TERMS:
            if iri.startswith(namespace):
                return namespace
        return None

    def exists(self, iri: URIRef) -> bool | None:
        """True/False for a term of a known namespace; None when nothing can be said."""
        text = str(iri)
        namespace = self.namespace_of(text)
        if namespace is None:
            return None
        if namespace in (SGAM, SGAMSH):
            return iri in self.declared
        local = text[len(namespace):]
        return local in STANDARD_TERMS[namespace] or bool(_CONTAINER_MEMBER.fullmatch(local))

    def candidates(self, iri: URIRef) -> Iterable[str]:
        """Known terms of the same namespace, for "did you mean" suggestions."""
        text = str(iri)
        namespace = self.namespace_of(text)
        if namespace is None:
            return []
        if namespace in (SGAM, SGAMSH):
            return [str(t) for t in self.declared if str(t).startswith(namespace)]
        return [namespace + local for local in STANDARD_TERMS[namespace]]
