"""SHACL paths as comparable values: read from a graph, written back, printed."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes
from sgam_onto.validate.shacl_paths import path_text, read_path, write_path

EX = "https://example.org/"
SHAPES = """
PREFIX ex: <https://example.org/>
PREFIX sh: <http://www.w3.org/ns/shacl#>
ex:seq sh:path ( ex:a [ sh:inversePath ex:a ] ) .
ex:alt sh:path [ sh:alternativePath ( [ sh:inversePath ex:a ] [ sh:zeroOrMorePath ex:b ] ) ] .
ex:one sh:path [ sh:oneOrMorePath ex:c ] .
ex:opt sh:path [ sh:zeroOrOnePath ex:d ] .
ex:iri sh:path ex:e .
"""


def _paths() -> tuple[Graph, dict[str, object]]:
    graph = graph_from_quads(parse_bytes(SHAPES, ox.RdfFormat.TURTLE).quads)
    return graph, {
        str(s).rsplit("/", 1)[1]: read_path(graph, o) for s, o in graph.subject_objects(SH.path)
    }


def test_paths_read_as_values() -> None:
    _, paths = _paths()
    a, b = URIRef(EX + "a"), URIRef(EX + "b")
    assert paths["seq"] == ("sequence", (a, ("inverse", a)))
    assert paths["alt"] == ("alternative", (("inverse", a), ("zeroOrMore", b)))
    assert paths["one"] == ("oneOrMore", URIRef(EX + "c"))
    assert paths["opt"] == ("zeroOrOne", URIRef(EX + "d"))
    assert paths["iri"] == URIRef(EX + "e")


def test_paths_survive_a_round_trip_through_another_graph() -> None:
    _, paths = _paths()
    for path in paths.values():
        other = Graph()
        node = write_path(other, path)
        assert isinstance(node, URIRef if isinstance(path, URIRef) else BNode)
        assert read_path(other, node) == path


def test_paths_print_in_sparql_syntax() -> None:
    _, paths = _paths()
    short = {k: path_text(v, lambda iri: "ex:" + str(iri)[len(EX):]) for k, v in paths.items()}
    assert short == {
        "seq": "(ex:a/^ex:a)",
        "alt": "(^ex:a|ex:b*)",
        "one": "ex:c+",
        "opt": "ex:d?",
        "iri": "ex:e",
    }
    assert path_text(paths["iri"]) == "<https://example.org/e>"
    assert path_text(None) == ""
