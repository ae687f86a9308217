"""Term conversion keeps literals exactly and scopes blank nodes to one load."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from sgam_onto.rdf.convert import (
    add_quads,
    bcp47_case,
    graph_from_quads,
    store_from_graph,
    to_oxigraph,
)
from sgam_onto.rdf.parse import parse_bytes, parse_file

EX = "http://example.org/"
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def _objects(graph: Graph, predicate: str) -> set:
    return set(graph.objects(URIRef(EX + "thing"), URIRef(EX + predicate)))


def test_literal_lexical_forms_are_kept(fixtures: Path) -> None:
    graph = graph_from_quads(parse_file(fixtures / "literals.ttl").quads)
    integers = _objects(graph, "integer")
    assert {str(i) for i in integers} == {"01", "+12", "-0"}
    assert all(i.datatype == XSD_INTEGER for i in integers)
    assert {str(d) for d in _objects(graph, "decimal")} == {"1.50", "5."}
    assert {str(d) for d in _objects(graph, "double")} == {"1.0E3", "INF"}
    assert {str(b) for b in _objects(graph, "boolean")} == {"true", "1"}


def test_plain_strings_have_no_datatype_like_rdflib_parses_them(fixtures: Path) -> None:
    graph = graph_from_quads(parse_file(fixtures / "literals.ttl").quads)
    assert Literal("plain") in _objects(graph, "text")


def test_language_tags_in_bcp47_case(fixtures: Path) -> None:
    graph = graph_from_quads(parse_file(fixtures / "literals.ttl").quads)
    assert {(str(x), x.language) for x in _objects(graph, "label")} == {
        ("colour", "en-GB"),
        ("Farbe", "de"),
        ("color", "en-US"),
    }


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en-gb", "en-GB"),
        ("EN", "en"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("sr-latn", "sr-Latn"),
        ("es-419", "es-419"),
        ("de-ch-x-phonebk", "de-CH-x-phonebk"),
        ("en-a-bbb-cc", "en-a-bbb-cc"),
    ],
)
def test_bcp47_case(tag: str, expected: str) -> None:
    assert bcp47_case(tag) == expected


def test_blank_nodes_with_the_same_label_in_two_files_stay_apart() -> None:
    text = '@prefix ex: <http://example.org/> . _:b ex:p "x" .'
    graph = Graph()
    add_quads(graph, parse_bytes(text, ox.RdfFormat.TURTLE).quads)
    add_quads(graph, parse_bytes(text, ox.RdfFormat.TURTLE).quads)
    assert len(set(graph.subjects())) == 2


def test_blank_node_mapping_is_stable_within_one_load() -> None:
    text = "@prefix ex: <http://example.org/> . _:b ex:p 1 . _:b ex:q 2 . ex:a ex:r _:b ."
    graph = graph_from_quads(parse_bytes(text, ox.RdfFormat.TURTLE).quads)
    subjects = {s for s in graph.subjects() if isinstance(s, BNode)}
    assert len(subjects) == 1
    assert graph.value(URIRef(EX + "a"), URIRef(EX + "r")) in subjects


def test_store_canonicalises_literals_so_the_graph_stays_the_source_of_truth(
    fixtures: Path,
) -> None:
    # Oxigraph's store keeps values, not lexical forms: "01" comes back as "1", and
    # "1"^^xsd:boolean merges with true. Never write data back from the store.
    graph = graph_from_quads(parse_file(fixtures / "literals.ttl").quads)
    store = store_from_graph(graph)
    lexicals = {
        q.object.value
        for q in store.quads_for_pattern(None, ox.NamedNode(EX + "integer"), None)
    }
    assert lexicals == {"1", "12", "0"}
    assert len(store) == len(graph) - 1


def test_to_oxigraph_terms() -> None:
    assert to_oxigraph(Literal("01", datatype=XSD_INTEGER, normalize=False)) == ox.Literal(
        "01", datatype=ox.NamedNode(str(XSD_INTEGER))
    )
    assert to_oxigraph(Literal("x", lang="en-GB")).language == "en-gb"
    assert to_oxigraph(Literal("x")) == ox.Literal("x")
    assert to_oxigraph(BNode("abc")) == ox.BlankNode("abc")
