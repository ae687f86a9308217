"""``validate --engine fast`` reports what the pyshacl engine reports."""

from __future__ import annotations

from pathlib import Path

from sgam_onto.fastshacl.reference import pyshacl_results
from sgam_onto.landscape import load_landscape
from sgam_onto.validate import validate_files
from sgam_onto.validate.shapes import load_shapes
from tests.fastshacl.compare import ROOT, keys

EXAMPLES = ROOT / "examples"


def test_invalid_contribution_same_results_as_pyshacl() -> None:
    contribution = EXAMPLES / "invalid-contribution.ttl"
    outcome = validate_files([contribution], engine="fast")
    reference = pyshacl_results(load_landscape([contribution]).graph, load_shapes())
    assert keys(outcome.results) == keys(reference)
    assert not outcome.conforms()
    assert outcome.inputs == [Path(contribution)]
    assert all(outcome.labels.get(r.focus) for r in outcome.results if "/id/" in str(r.focus))
