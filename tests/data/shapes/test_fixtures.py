"""Every shape against its fixtures: valid.ttl conforms, invalid.ttl gives exactly expected.ttl.

A fixture is validated the way a contribution is: together with the real landscape, so that
its references to existing bodies, actors and sources resolve. Results are restricted to the
fixture's own subjects (the landscape itself conforms, see test_landscape.py) and compared as
data (focus node, path, constraint component, severity, source shape, value): the invalid
fixture must break its own shape and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.validate.api import validate_graph
from sgam_onto.validate.shapes import load_shapes, shapes_files
from tests.data.shapes.conftest import (
    QA_FIXTURES,
    SHAPE_FIXTURES,
    expected_results,
    read_graph,
    result_keys,
    subjects,
)

USER_CASES = sorted(p.name for p in SHAPE_FIXTURES.iterdir() if p.is_dir() and p.name != "qa")
QA_CASES = sorted(p.name for p in QA_FIXTURES.iterdir() if p.is_dir())
SGAMSH = "https://w3id.org/sgam-onto/shapes#"


def _user_results(background, path: Path):
    fixture = read_graph(path)
    with background.plus(fixture) as data:
        return validate_graph(data, focus_nodes=subjects(fixture))


def _qa_results(path: Path):
    fixture = read_graph(path)
    qa = load_shapes(shapes_files([SHAPE_FIXTURES.parents[2] / "shapes" / "qa"]))
    return validate_graph(fixture, shapes=qa, focus_nodes=subjects(fixture))


@pytest.mark.parametrize("shape", USER_CASES)
def test_valid_fixture_conforms(background, shape: str) -> None:
    results = _user_results(background, SHAPE_FIXTURES / shape / "valid.ttl")
    assert result_keys(results) == {}, [str(r) for r in results]


@pytest.mark.parametrize("shape", USER_CASES)
def test_invalid_fixture_breaks_only_its_shape(background, shape: str) -> None:
    case = SHAPE_FIXTURES / shape
    expected = expected_results(case / "expected.ttl")
    assert expected, "expected.ttl lists no result"
    assert {str(r.source_shape) for r in expected} == {SGAMSH + shape}
    results = _user_results(background, case / "invalid.ttl")
    assert result_keys(results) == result_keys(expected)


@pytest.mark.parametrize("shape", QA_CASES)
def test_qa_valid_fixture_conforms(shape: str) -> None:
    results = _qa_results(QA_FIXTURES / shape / "valid.ttl")
    assert result_keys(results) == {}, [str(r) for r in results]


@pytest.mark.parametrize("shape", QA_CASES)
def test_qa_invalid_fixture_breaks_only_its_shape(shape: str) -> None:
    case = QA_FIXTURES / shape
    expected = expected_results(case / "expected.ttl")
    assert {str(r.source_shape) for r in expected} == {SGAMSH + shape}
    assert result_keys(_qa_results(case / "invalid.ttl")) == result_keys(expected)
