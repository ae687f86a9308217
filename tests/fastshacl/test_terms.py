"""Stored forms of literals: what the store would rewrite is kept as a surrogate, the rest as is,
and every stored term comes back as the rdflib term the project's loader makes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from sgam_onto.fastshacl.terms import SURROGATE, Encoder, to_rdflib
from sgam_onto.rdf.convert import ToRdflib

XSD = "http://www.w3.org/2001/XMLSchema#"


def _typed(lexical: str, name: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(XSD + name))


@pytest.mark.parametrize(("lexical", "name"), [
    ("1", "integer"), ("-42", "integer"), ("0", "integer"), ("true", "boolean"),
    ("false", "boolean"), ("x", "integer"), ("2018", "gYear"), ("A08", "integer"),
])
def test_kept_as_is_when_the_store_keeps_it(lexical: str, name: str) -> None:
    lit = _typed(lexical, name)
    stored = Encoder().literal(lit)
    assert stored == lit
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), stored))
    assert next(iter(store)).object == lit  # the store really gives it back unchanged


@pytest.mark.parametrize(("lexical", "name"), [
    ("01", "integer"), ("+3", "integer"), ("7", "int"), ("1", "boolean"), ("0.50", "decimal"),
])
def test_surrogate_when_the_store_would_rewrite_it(lexical: str, name: str) -> None:
    stored = Encoder().literal(_typed(lexical, name))
    assert stored.datatype.value == SURROGATE + XSD + name
    assert stored.value == lexical
    expected = ToRdflib().term(_typed(lexical, name))
    assert to_rdflib(stored) == expected
    assert to_rdflib(stored).datatype == URIRef(XSD + name)


def test_strings_and_language_tags_come_back_as_the_loader_makes_them() -> None:
    tagged = ox.Literal("colour", language="en-gb")
    assert Encoder().term(tagged) is tagged
    assert to_rdflib(tagged) == Literal("colour", lang="en-GB")
    assert to_rdflib(ox.Literal("x")) == Literal("x")
    assert to_rdflib(ox.BlankNode("b1")) == ToRdflib().term(ox.BlankNode("b1")).__class__("b1")
