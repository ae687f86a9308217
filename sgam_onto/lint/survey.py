"""The first pass: what the rules need to know about all the files together (the landscape
and the inputs), gathered statement by statement in memory that does not grow with the data.

Kept: the declarations the rules ask about (project terms, datatypes; every declaration of
the landscape itself, which is small), recorded spelling variants, deprecations, and two key
tables (``keys.KeyTable``) that mark IRI keys spelt in more than one way. The second pass
(``rules``) collects the spellings of the marked keys only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from sgam_onto.lint.deprecation import DEPRECATED, REPLACED_BY, Deprecations
from sgam_onto.lint.keys import KeyTable, iri_key, near_key
from sgam_onto.lint.vocab import RDFS, SGAM, Vocabulary, project_term
from sgam_onto.rdf.convert import OxTerm, to_oxigraph

CANONICAL = SGAM + "canonicalTerm"
VARIANT = SGAM + "variantTerm"
_DATATYPE = str(RDFS.Datatype)
PLAIN_TYPES = frozenset({"http://www.w3.org/2001/XMLSchema#string",
                         "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})
Term = OxTerm
CACHE = 200_000  # terms remembered at once to skip repeats; cleared when full


def graph_quads(graph: Graph) -> Iterator[ox.Quad]:
    """An rdflib graph's triples as Oxigraph quads, so both passes read one kind of term."""
    default = ox.DefaultGraph()
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), default)


class Survey:
    """Everything the rules need from all the files; ``read`` each, then ``finish``."""

    def __init__(self, slots: int) -> None:
        self.ours = Vocabulary()  # the landscape's own declarations, all of them
        self.vocabulary = Vocabulary(keep=lambda iri, kind: project_term(iri) or kind == _DATATYPE)
        self.theirs: set[str] = set()  # what contributions declare of the landscape's terms
        self.case = KeyTable(slots)
        self.near = KeyTable(slots)
        self.deprecations = Deprecations()
        self.variants: set[frozenset[str]] = set()
        self.schema_terms: set[str] = set()
        self.project_declared: set[str] = set()
        self.deprecated: dict[str, tuple[str, ...]] = {}

    def read(self, quads: Iterable[ox.Quad], order: int, *, landscape: bool = False,
             contribution: bool = False) -> None:
        """One file (or the landscape graph); ``order`` ranks it for deprecations."""
        theirs = Vocabulary(keep=lambda iri, kind: iri in self.ours.declared)
        vocabularies = [self.vocabulary, *([self.ours] if landscape else []),
                        *([theirs] if contribution else [])]
        self.deprecations.start(order)
        canonical: dict[Term, list[str]] = {}
        variant: dict[Term, list[str]] = {}
        seen: set[Term] = set()  # terms, not texts: most statements repeat a term already met
        for quad in quads:
            subject, predicate, value = quad.subject, quad.predicate, quad.object
            if subject not in seen:
                self._spellings(subject, seen)
            if predicate not in seen:
                self._spellings(predicate, seen)
            if value not in seen:
                self._spellings(value, seen)
            if predicate not in _NOTED_TERMS:
                continue
            s, p, o = subject.value, predicate.value, value.value
            if p in (CANONICAL, VARIANT):
                into = canonical if p == CANONICAL else variant
                into.setdefault(subject, []).append(o)
            elif type(subject) is not ox.NamedNode:
                continue
            elif p in (DEPRECATED, REPLACED_BY):
                self.deprecations.add(s, p, value)
            else:
                kind = o if type(value) is ox.NamedNode else ""
                for vocabulary in vocabularies:
                    vocabulary.add(s, p, kind)
        for record, terms in canonical.items():
            self.variants.update(frozenset((term, other)) for term in terms
                                 for other in variant.get(record, ()))
        self.theirs |= theirs.declared

    def _spellings(self, term: Term, seen: set[Term]) -> None:
        """Enter the IRI a term names (a literal: its datatype's) in both key tables, once
        while the term is remembered in ``seen``."""
        if len(seen) > CACHE:
            seen.clear()
        seen.add(term)
        kind = type(term)
        if kind is ox.Literal:
            iri = term.datatype.value
            if iri in PLAIN_TYPES:
                return
        elif kind is ox.NamedNode:
            iri = term.value
        else:
            return
        self.case.add(iri_key(iri), iri)
        self.near.add(near_key(iri), iri)

    def finish(self) -> None:
        """What follows from all the files: the project's schema and declared terms (the
        landscape's minus what contributions declare), and the deprecated resources."""
        ours = self.ours
        self.schema_terms = (ours.classes | ours.properties | ours.datatypes) - self.theirs
        self.project_declared = ours.declared - self.theirs
        self.deprecated = self.deprecations.resources()


_NOTED_TERMS = frozenset(ox.NamedNode(iri) for iri in (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", str(RDFS.subClassOf),
    str(RDFS.subPropertyOf), CANONICAL, VARIANT, DEPRECATED, REPLACED_BY,
))
