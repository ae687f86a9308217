"""Shared by the shape tests: the real landscape as background, fixtures read as graphs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from sgam_onto.validate.results import ValidationResult, read_results

ROOT = Path(__file__).resolve().parents[3]
SHAPE_FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
QA_FIXTURES = SHAPE_FIXTURES / "qa"


def read_graph(path: Path) -> Graph:
    """A fixture file through the strict syntax gate."""
    return graph_from_quads(parse_file(path).quads)


def result_keys(results: list[ValidationResult]) -> Counter:
    """What a result is, as data: focus, path, component, severity, source shape, value."""
    return Counter((*r.key, r.value) for r in results)


def expected_results(path: Path) -> list[ValidationResult]:
    return read_results(read_graph(path))


def subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef)}


class Background:
    """A private copy of the landscape to which one fixture at a time is added."""

    def __init__(self) -> None:
        from sgam_onto.landscape import load_landscape

        self.graph = Graph(bind_namespaces="none")
        self.graph += load_landscape().graph

    @contextmanager
    def plus(self, fixture: Graph) -> Iterator[Graph]:
        added = [t for t in fixture if t not in self.graph]
        for triple in added:
            self.graph.add(triple)
        try:
            yield self.graph
        finally:
            for triple in added:
                self.graph.remove(triple)


@pytest.fixture(scope="session")
def background() -> Background:
    return Background()
