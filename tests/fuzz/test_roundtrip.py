"""Fuzzing the formatter: parse -> format -> parse gives the same graph (exact literals),
and formatting is idempotent; the output uses only the prefixes given."""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is not installed (dev extra)")

import pyoxigraph as ox
from hypothesis import given
from rdflib import Graph
from rdflib.compare import isomorphic

from sgam_onto.commands.fmt import format_bytes
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes
from sgam_onto.rdf.turtle import serialize_turtle
from tests.fuzz.strategies import PREFIXES, graphs, ntriples


def read(text: str, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> Graph:
    return graph_from_quads(parse_bytes(text, fmt, "fuzz").quads)


@given(graphs())
def test_parse_format_parse_is_the_same_graph(graph: Graph) -> None:
    source = ntriples(graph)
    parsed = read(source, ox.RdfFormat.N_TRIPLES)
    assert isomorphic(parsed, graph)
    prefixed = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + source
    formatted, dropped = format_bytes(prefixed.encode("utf-8"))
    assert dropped == []
    assert isomorphic(read(formatted), graph)


@given(graphs())
def test_formatting_is_idempotent(graph: Graph) -> None:
    text = serialize_turtle(graph, PREFIXES)
    again, _ = format_bytes(text.encode("utf-8"))
    assert format_bytes(again.encode("utf-8"))[0] == again
    assert isomorphic(read(again), graph)


@given(graphs())
def test_the_writer_is_read_back_exactly(graph: Graph) -> None:
    assert isomorphic(read(serialize_turtle(graph, PREFIXES)), graph)
    assert isomorphic(read(serialize_turtle(graph)), graph)  # no prefixes at all
