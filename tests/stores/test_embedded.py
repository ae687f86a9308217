"""The embedded store: exact term conversion, whole-store graph replacement, graph views."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from sgam_onto.rdf.convert import ToRdflib, graph_from_quads
from sgam_onto.rdf.parse import parse_file
from sgam_onto.stores import embedded
from sgam_onto.stores.base import STAGING_PREFIX

XSD = "http://www.w3.org/2001/XMLSchema#"
G1 = "https://example.org/graph/1"
G2 = "https://example.org/graph/2"


@pytest.fixture
def literals(fixtures: Path) -> Graph:
    return graph_from_quads(parse_file(fixtures / "literals.ttl").quads)


def _back(quads: Iterator[ox.Quad]) -> Graph:
    convert = ToRdflib()
    out = Graph()
    for q in quads:
        out.add((convert.term(q.subject), convert.term(q.predicate), convert.term(q.object)))
    return out


def test_conversion_round_trip_is_exact(literals: Graph) -> None:
    back = _back(embedded.graph_to_quads(literals, ox.NamedNode(G1)))
    assert isomorphic(back, literals)
    thing, integer = URIRef("http://example.org/thing"), URIRef("http://example.org/integer")
    assert {str(o) for o in back.objects(thing, integer)} == {"01", "+12", "-0"}
    labels = {(str(o), o.language) for o in back.objects(thing, URIRef("http://example.org/label"))}
    assert ("colour", "en-GB") in labels


def test_store_canonicalises_but_the_files_as_parsed_graph_keeps_the_lexical_form(
    literals: Graph, tmp_path: Path
) -> None:
    embedded.replace_graph(tmp_path / "store", G1, literals)
    store = embedded.open_store(tmp_path / "store", read_only=True)
    integers = {
        q.object.value
        for q in store.quads_for_pattern(None, ox.NamedNode("http://example.org/integer"), None)
    }
    assert "01" not in integers  # Oxigraph stores "01"^^xsd:integer as "1"
    one = Literal("01", datatype=URIRef(XSD + "integer"), normalize=False)
    assert any(str(o) == "01" and o == one for o in literals.objects())
    back = embedded.read_graph(store, G1)
    # true and "1"^^xsd:boolean are one value, so the store keeps one triple for the two
    assert len(back) == len(literals) - 1
    assert not isomorphic(back, literals)  # read-back data is never written over the files


def test_landscape_round_trips_through_the_store_up_to_canonical_literals(tmp_path: Path) -> None:
    from sgam_onto.landscape import load_landscape

    graph = load_landscape().graph
    assert embedded.replace_graph(tmp_path / "store", G1, graph) == len(graph)
    store = embedded.open_store(tmp_path / "store", read_only=True)
    assert isomorphic(_canonical(embedded.read_graph(store, G1)), _canonical(graph))


def _canonical(graph: Graph) -> Graph:
    """Literals as Oxigraph stores them, to compare what a store can give back."""
    store = ox.Store()
    store.bulk_extend(embedded.graph_to_quads(graph, ox.DefaultGraph()))
    return embedded.read_graph(store, "default")


def _small() -> Graph:
    small = Graph()
    small.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal("c")))
    return small


def _graphs(path: Path) -> dict[str, Graph]:
    store = embedded.open_store(path, read_only=True)
    names = [*(g.value for g in store.named_graphs()), "default"]
    return {name: embedded.read_graph(store, name) for name in names}


def test_replace_does_not_duplicate_and_leaves_other_graphs(
    literals: Graph, tmp_path: Path
) -> None:
    path = tmp_path / "store"
    embedded.replace_graph(path, G2, _small())
    embedded.replace_graph(path, "default", _small())
    first = embedded.replace_graph(path, G1, literals)
    assert embedded.replace_graph(path, G1, literals) == first
    assert embedded.replace_graph(path, G1, _small()) == 1
    graphs = _graphs(path)
    assert set(graphs) == {G1, G2, "default"}
    assert all(isomorphic(g, _small()) for g in graphs.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # nothing left beside it


def test_a_load_failing_midway_leaves_the_store_as_it_was(literals: Graph, tmp_path: Path) -> None:
    path = tmp_path / "store"
    embedded.replace_graph(path, G1, literals)
    embedded.replace_graph(path, G2, _small())
    before = _graphs(path)

    def broken() -> Iterator[ox.Triple]:
        for i in range(1000):
            yield ox.Triple(ox.NamedNode(f"http://example.org/s{i}"),
                            ox.NamedNode("http://example.org/p"), ox.Literal(str(i)))
        raise OSError("disk went away")

    with pytest.raises(OSError, match="disk went away"):
        embedded.replace_graph(path, G1, broken())
    after = _graphs(path)
    assert set(after) == set(before) == {G1, G2, "default"}
    assert all(isomorphic(after[name], before[name]) for name in before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_staging_graphs_of_an_older_in_place_load_are_dropped(
    literals: Graph, tmp_path: Path
) -> None:
    path = tmp_path / "store"
    store = embedded.open_store(path)
    leftover = ox.NamedNode(STAGING_PREFIX + "crashed")
    store.add(ox.Quad(leftover, leftover, leftover, leftover))
    del store
    embedded.replace_graph(path, G1, literals)
    assert set(_graphs(path)) == {G1, "default"}


def test_a_build_left_by_a_killed_load_is_removed(literals: Graph, tmp_path: Path) -> None:
    path = tmp_path / "store"
    embedded.replace_graph(path, G1, literals)
    (tmp_path / ".store.x1.loading").mkdir()
    embedded.replace_graph(path, G2, _small())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert set(_graphs(path)) == {G1, G2, "default"}


def test_a_view_queries_one_graph_as_its_default(literals: Graph, tmp_path: Path) -> None:
    embedded.replace_graph(tmp_path / "store", G1, literals)
    embedded.replace_graph(tmp_path / "store", G2, _small())
    store = embedded.open_store(tmp_path / "store", read_only=True)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(embedded.GraphView(store, G2).query(count)))["n"].value) == 1
    assert int(next(iter(store.query(count)))["n"].value) == 0  # the store's default graph
    view = embedded.GraphView(store, G1)
    labels = list(view.quads_for_pattern(None, ox.NamedNode("http://example.org/label"), None))
    assert len(labels) == 3


def test_opening_a_missing_store_read_only_says_how_to_create_it(tmp_path: Path) -> None:
    from sgam_onto.errors import SgamError

    with pytest.raises(SgamError, match="sgam-onto load --store"):
        embedded.open_store(tmp_path / "nothing", read_only=True)
    with pytest.raises(SgamError, match="not a valid IRI"):
        embedded.graph_name("not an iri")
