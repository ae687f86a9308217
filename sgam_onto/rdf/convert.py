"""Exact conversion between pyoxigraph and rdflib terms.

Literals keep their lexical form ("01"^^xsd:integer stays "01"): rdflib is told not to
normalise, because the files as parsed are the source of truth (rdflib rewrites the whitespace
of xsd:token and xsd:normalizedString even then, so those are built as written). Oxigraph
lower-cases language tags; they come back in BCP 47 case ("en-GB"), which is how people write them.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_WHITESPACE_TYPES = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + name for name in ("token", "normalizedString")
)
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def _not_ill_typed_warning(record: logging.LogRecord) -> bool:
    # rdflib logs a traceback for every literal whose lexical form does not fit its datatype.
    # We never use the Python value, and ill-typed data is reported by validation instead.
    return not str(record.msg).startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_not_ill_typed_warning)
# ... and warns on stderr about some (" true"^^xsd:boolean): lint names those, with a line.
warnings.filterwarnings("ignore", category=UserWarning, module=r"rdflib\.term")


def bcp47_case(tag: str) -> str:
    """Conventional case of a language tag: language lower, Script title, REGION upper."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    singleton = False  # after an extension or private-use singleton everything is lower case
    for part in parts[1:]:
        if len(part) == 1:
            singleton = True
        if singleton:
            out.append(part.lower())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


class ToRdflib:
    """Converts terms of one load; a blank node id always maps to the same BNode here."""

    def __init__(self) -> None:
        self._bnodes: dict[str, BNode] = {}

    def term(self, term: OxTerm) -> Node:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            node = self._bnodes.get(term.value)
            if node is None:
                node = self._bnodes[term.value] = BNode()
            return node
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=bcp47_case(term.language), normalize=False)
            datatype = term.datatype.value
            if datatype == XSD_STRING:
                return Literal(term.value, normalize=False)
            literal = Literal(term.value, datatype=URIRef(datatype), normalize=False)
            if datatype in _WHITESPACE_TYPES and str(literal) != term.value:
                return as_written(literal, term.value)
            return literal
        raise TypeError(f"cannot convert {term!r} to rdflib (RDF-star is not supported)")


def as_written(literal: Literal, lexical: str) -> Literal:
    """``literal`` with ``lexical`` as its lexical form, bypassing rdflib's whitespace rewrite
    (its value and ill-typed flag, which rdflib computed from the text as written, are kept)."""
    exact = str.__new__(Literal, lexical)
    exact._language = literal.language
    exact._datatype = literal.datatype
    exact._value = literal.value
    exact._ill_typed = literal.ill_typed
    return exact


def to_oxigraph(term: Node) -> OxTerm:
    """The pyoxigraph term for an rdflib term; blank node ids are kept."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        lexical = str(term)
        if term.language:
            return ox.Literal(lexical, language=term.language)
        if term.datatype is not None:
            return ox.Literal(lexical, datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(lexical)
    raise TypeError(f"cannot convert {term!r} to pyoxigraph")


def add_quads(graph: Graph, quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """Add parsed statements to ``graph``; named graphs are merged into it.

    Blank nodes are scoped to this call, so two files that both say ``_:b`` stay apart.
    """
    convert = ToRdflib()
    add = graph.add
    for quad in quads:
        add((convert.term(quad.subject), convert.term(quad.predicate), convert.term(quad.object)))
    return graph


def graph_from_quads(quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """A fresh rdflib Graph holding the parsed statements."""
    return add_quads(Graph(bind_namespaces="none"), quads)


def store_from_graph(graph: Graph, store: ox.Store | None = None) -> ox.Store:
    """Fill a pyoxigraph Store (default graph) with the triples of an rdflib Graph."""
    store = store if store is not None else ox.Store()
    default = ox.DefaultGraph()
    store.bulk_extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), default) for s, p, o in graph
    )
    return store


def store_from_quads(quads: Iterable[ox.Quad], store: ox.Store | None = None) -> ox.Store:
    """Fill a pyoxigraph Store with parsed quads, keeping their graph names."""
    store = store if store is not None else ox.Store()
    store.bulk_extend(quads)
    return store


__all__ = [
    "ToRdflib",
    "add_quads",
    "as_written",
    "bcp47_case",
    "graph_from_quads",
    "store_from_graph",
    "store_from_quads",
    "to_oxigraph",
]
