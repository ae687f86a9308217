"""How data terms are held in the validation store, and how they come back out.

Oxigraph canonicalises some typed literals when it stores them ("01"^^xsd:integer becomes
"1", "7"^^xsd:int becomes "7"^^xsd:integer), which would change counts, values and datatype
checks. Every literal whose stored form would differ from its parsed form is therefore stored
as a *surrogate*: the same lexical form with the datatype ``SURROGATE + original datatype``,
which Oxigraph keeps verbatim. Literals already in canonical form, strings and language-tagged
strings are stored as they are. ``encode`` is deterministic, so constants of the shapes
(sh:in, sh:hasValue) are encoded the same way and compare by identity.

``to_rdflib`` turns a stored term back into exactly the rdflib term that the project's loader
(``sgam_onto.rdf.convert``) makes from the parsed file, blank node identifiers kept.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from sgam_onto.rdf.convert import bcp47_case

SURROGATE = "urn:x-fastshacl:dt:"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = ox.NamedNode(XSD + "string")
RDF_LANG_STRING = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
XSD_INTEGER = ox.NamedNode(XSD + "integer")
XSD_BOOLEAN = ox.NamedNode(XSD + "boolean")
# Lexical forms that Oxigraph stores unchanged (checked by tests/fastshacl/test_terms.py).
CANONICAL_INTEGER = r"(?:0|-?[1-9][0-9]{0,17})"
_CANONICAL_INTEGER = re.compile(CANONICAL_INTEGER + r"\Z")
# Datatypes whose literals Oxigraph parses into values (and so may rewrite).
_VALUE_TYPES = frozenset(
    XSD + name
    for name in (
        "boolean", "float", "double", "decimal", "integer", "int", "long", "short",
        "byte", "nonNegativeInteger", "nonPositiveInteger", "negativeInteger",
        "positiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte", "dateTime", "dateTimeStamp", "time", "date", "gYearMonth",
        "gYear", "gMonthDay", "gDay", "gMonth", "duration", "yearMonthDuration",
        "dayTimeDuration",
    )
)

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


class Encoder:
    """Maps parsed literals to their stored form, remembering each distinct literal once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], ox.Literal] = {}
        self._scratch = ox.Store()
        self._probe = (ox.NamedNode("urn:x-fastshacl:probe"),) * 2

    def literal(self, lit: ox.Literal) -> ox.Literal:
        """The stored form of a typed literal (not a string or a language-tagged string)."""
        key = (lit.value, lit.datatype.value)
        stored = self._cache.get(key)
        if stored is None:
            stored = self._cache[key] = self._stored_form(lit)
        return stored

    def term(self, term: OxTerm) -> OxTerm:
        if type(term) is ox.Literal and term.language is None:
            datatype = term.datatype
            if datatype != XSD_STRING:
                return self.literal(term)
        return term

    def _stored_form(self, lit: ox.Literal) -> ox.Literal:
        datatype = lit.datatype
        if datatype.value not in _VALUE_TYPES:
            return lit
        if datatype == XSD_INTEGER and _CANONICAL_INTEGER.match(lit.value):
            return lit
        if datatype == XSD_BOOLEAN and lit.value in ("true", "false"):
            return lit
        if self._round_trip(lit) == lit:
            return lit
        return ox.Literal(lit.value, datatype=ox.NamedNode(SURROGATE + datatype.value))

    def _round_trip(self, lit: ox.Literal) -> ox.Literal:
        """What the store gives back for ``lit``."""
        quad = ox.Quad(*self._probe, lit)
        self._scratch.add(quad)
        try:
            return next(iter(self._scratch)).object  # type: ignore[return-value]
        finally:
            self._scratch.clear()

    def distinct_literals(self) -> list[tuple[str, str]]:
        """(lexical form, datatype) of every typed literal seen so far."""
        return list(self._cache)


def original_datatype(datatype: str) -> str:
    return datatype[len(SURROGATE):] if datatype.startswith(SURROGATE) else datatype


def to_rdflib(term: OxTerm | None) -> Node | None:
    """The rdflib term the project's loader makes for the parsed form of ``term``."""
    if term is None:
        return None
    if type(term) is ox.NamedNode:
        return URIRef(term.value)
    if type(term) is ox.BlankNode:
        return BNode(term.value)
    if type(term) is ox.Literal:
        if term.language:
            return Literal(term.value, lang=bcp47_case(term.language), normalize=False)
        datatype = term.datatype.value
        if datatype == XSD_STRING.value:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(original_datatype(datatype)), normalize=False)
    raise TypeError(f"cannot convert {term!r}")


def from_rdflib(term: Node) -> OxTerm:
    """The parsed (not yet encoded) pyoxigraph term for an rdflib term; ids are kept."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def sparql(term: OxTerm) -> str:
    """``term`` written in SPARQL syntax (blank nodes cannot be written: callers bind them)."""
    if type(term) is ox.BlankNode:
        raise ValueError("a blank node cannot be written into a query")
    return str(term)
