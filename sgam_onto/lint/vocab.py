"""Which terms exist: the project's own (declared in the landscape) and those of the standard
vocabularies the landscape reuses (the closed term lists rdflib ships, read offline).

A term of a namespace listed here that is not among its terms is a typo or an invention; in a
namespace not listed here nothing can be said, and nothing is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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

CLASS_TYPES = frozenset(map(str, (OWL.Class, RDFS.Class, RDFS.Datatype, SH.NodeShape)))
PROPERTY_TYPES = frozenset(map(str, (
    RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty,
    OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty, OWL.OntologyProperty,
)))
_TYPE = str(RDF.type)
_DATATYPE = str(RDFS.Datatype)
_SUBCLASS = str(RDFS.subClassOf)
_DEFINING = frozenset({_SUBCLASS, str(RDFS.subPropertyOf)})
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
    """The terms a set of files declares, by kind, plus the standard vocabularies.

    ``keep`` says which declared subjects are remembered: the project's vocabulary keeps all
    (it is the size of the landscape); the vocabulary of a million-triple input keeps only
    what a rule asks about (project terms, datatypes), never every typed instance.
    """

    keep: Callable[[str, str], bool] = lambda iri, kind: True
    classes: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)
    datatypes: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)  # anything typed or defined at all

    def add(self, subject: str, predicate: str, kind: str) -> None:
        """Note one statement whose subject is the IRI ``subject`` (objects as IRI strings)."""
        if predicate == _TYPE:
            if not self.keep(subject, kind):
                return
            self.declared.add(subject)
            if kind in CLASS_TYPES:
                self.classes.add(subject)
            if kind in PROPERTY_TYPES:
                self.properties.add(subject)
            if kind == _DATATYPE:
                self.datatypes.add(subject)
        elif predicate in _DEFINING and self.keep(subject, predicate):
            self.declared.add(subject)
            (self.classes if predicate == _SUBCLASS else self.properties).add(subject)

    def exists(self, iri: str) -> bool | None:
        """True/False for a term of a known namespace; None when nothing can be said."""
        namespace = namespace_of(iri)
        if namespace is None:
            return None
        if namespace in (SGAM, SGAMSH):
            return iri in self.declared
        local = iri[len(namespace):]
        return local in STANDARD_TERMS[namespace] or bool(_CONTAINER_MEMBER.fullmatch(local))

    def candidates(self, iri: str) -> Iterable[str]:
        """Known terms of the same namespace, for "did you mean" suggestions."""
        namespace = namespace_of(iri)
        if namespace is None:
            return []
        if namespace in (SGAM, SGAMSH):
            return [t for t in self.declared if t.startswith(namespace)]
        return [namespace + local for local in STANDARD_TERMS[namespace]]


def namespace_of(iri: str) -> str | None:
    """The standard or project namespace ``iri`` belongs to, if it is one we know."""
    if iri.startswith((SGAM, SGAMSH)):
        return SGAM if iri.startswith(SGAM) else SGAMSH
    for namespace in STANDARD_TERMS:
        if iri.startswith(namespace):
            return namespace
    return None


def project_term(iri: str) -> bool:
    return iri.startswith((SGAM, SGAMSH))
