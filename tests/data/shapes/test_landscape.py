"""The real landscape conforms to the shapes users validate against, and to the QA shapes."""

from __future__ import annotations

from sgam_onto.landscape import load_landscape
from sgam_onto.validate import render, validate_graph, validate_landscape
from sgam_onto.validate.shapes import load_shapes, shapes_files
from tests.data.shapes.conftest import ROOT


def test_the_landscape_has_no_violations_and_no_warnings() -> None:
    outcome = validate_landscape(load_landscape())
    assert outcome.conforms(strict=True), render(outcome, "text")


def test_the_ontology_and_schemes_pass_the_internal_quality_shapes() -> None:
    qa = load_shapes(shapes_files([ROOT / "shapes" / "qa"]))
    results = validate_graph(load_landscape().graph, shapes=qa)
    assert results == [], [(str(r.focus), str(r.source_shape)) for r in results]
