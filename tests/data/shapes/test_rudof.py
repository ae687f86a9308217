"""rudof, a second SHACL engine, finds on each invalid fixture what the fixture's expected
report says (focus node, path, source shape), for every shape that uses only features rudof
supports. Which shapes those are is computed from the shapes; the features rudof lacks are
listed in tests/data/shapes/rudof.py.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from sgam_onto.landscape import load_landscape
from sgam_onto.validate.shacl_paths import path_text
from sgam_onto.validate.shapes import load_shapes, shapes_files
from tests.data.shapes.conftest import ROOT, SHAPE_FIXTURES, expected_results, read_graph, subjects
from tests.data.shapes.rudof import lacking_features, session, validate_with

SGAMSH = "https://w3id.org/sgam-onto/shapes#"
SHAPE_FILES = shapes_files([ROOT / "shapes"])
CASES = sorted(p.name for p in SHAPE_FIXTURES.iterdir() if p.is_dir() and p.name != "qa")
LACKING = lacking_features(load_shapes(SHAPE_FILES))
SUPPORTED = [c for c in CASES if SGAMSH + c not in LACKING]


@pytest.fixture(scope="module")
def rudof():
    return session(SHAPE_FILES, load_landscape().graph.serialize(format="nt"))


def test_the_shapes_rudof_cannot_run_are_the_known_ones() -> None:
    # Keeps the list in tests/data/shapes/rudof.py true: a new shape with one of these features
    # shows up here, and so does a rewrite that removes one.
    assert {k.removeprefix(SGAMSH): v for k, v in LACKING.items()} == {
        "Resource-vocabulary": "SPARQL-based target",
        "CoordinationItem-number-unique": "sequence path",
        "Interaction-number-unique": "sequence path",
        "InterfaceContext-columnKey-unique": "sequence path",
        "Standard-designation-unique": "sequence path",
        "StandardizationEntity-designation-unique": "sequence path",
    }


def test_rudof_finds_no_violation_in_the_landscape(rudof) -> None:
    assert validate_with(rudof) == set()


@pytest.mark.parametrize("shape", SUPPORTED)
def test_rudof_reports_what_the_invalid_fixture_expects(rudof, shape: str) -> None:
    case = SHAPE_FIXTURES / shape
    fixture: Graph = read_graph(case / "invalid.ttl")
    mine = {str(s) for s in subjects(fixture)}
    found = {r for r in validate_with(rudof, fixture.serialize(format="nt")) if r[0] in mine}
    expected = {
        (str(r.focus), path_text(r.path), str(r.source_shape))
        for r in expected_results(case / "expected.ttl")
    }
    assert found == expected
