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


def test_files_straight_to_the_store_report_as_the_landscape_graph_does(tmp_path: Path) -> None:
    """``validate --engine fast`` reads the files into the validation store without an rdflib
    graph; results, labels, prefixes and the triple count are those of the graph path."""
    import sys

    from sgam_onto.validate import validate_landscape

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generated = tmp_path / "generated.ttl"
    generate.write(generated, 12_000, seed=5, violations=0.05)
    inputs = [generated, EXAMPLES / "invalid-contribution.ttl"]
    direct = validate_files(inputs, engine="fast", lint=False)
    landscape = load_landscape(inputs)
    graph_path = validate_landscape(landscape, inputs=inputs, engine="fast")
    assert keys(direct.results) == keys(graph_path.results)
    assert len(direct.results) > 20
    assert direct.labels == graph_path.labels
    assert direct.prefixes == landscape.prefixes
    assert direct.triples == len(landscape.graph)
    assert direct.files == landscape.files
