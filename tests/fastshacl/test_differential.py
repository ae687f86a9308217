"""The fast path and pyshacl give the same results: on literal traps, on the project's shapes
with generated data full of violations, and on every shape fixture of the project."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph

from sgam_onto.fastshacl import FastData, validate
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from tests.fastshacl.compare import ROOT, both, keys

FIXTURES = Path(__file__).parent / "fixtures"
SHAPE_FIXTURES = ROOT / "tests" / "fixtures" / "shapes"


def _project_shapes() -> Graph:
    from sgam_onto.validate.shapes import load_shapes

    return load_shapes()


def test_literal_traps_give_the_same_results() -> None:
    graph = graph_from_quads(parse_file(FIXTURES / "literals.ttl").quads)
    fast, reference = both(graph, graph)
    assert fast == reference
    assert len(reference) > 30  # the fixture is full of violations: the test can fail


def test_literal_traps_from_the_file_as_parsed() -> None:
    """Reading the file straight into the store keeps the lexical forms too."""
    path = FIXTURES / "literals.ttl"
    graph = graph_from_quads(parse_file(path).quads)
    fast = validate(FastData.from_files([path]), graph, fallback="raise").results
    _fast, reference = both(graph, graph)
    named = {k for k in reference if "example.org" in str(k[0])}
    assert {k for k in keys(fast) if "example.org" in str(k[0])} == named


def test_generated_data_gives_the_same_results(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "generated.nt"
    record = generate.write(path, 9_000, seed=3, violations=0.05)
    graph = graph_from_quads(parse_file(path).quads)
    fast, reference = both(graph, _project_shapes())
    assert fast == reference
    components = _components(reference)
    assert len(components) >= 8 and record["injected"]


def _shape_fixtures() -> list[Path]:
    return sorted(SHAPE_FIXTURES.rglob("*.ttl")) if SHAPE_FIXTURES.is_dir() else []


@pytest.mark.skipif(not _shape_fixtures(), reason="tests/fixtures/shapes/ has no fixtures yet")
def test_shape_fixtures_give_the_same_results() -> None:
    """All fixtures with the landscape in one graph: the engines are compared, not the data."""
    from sgam_onto.landscape import load_landscape

    graph = load_landscape(_shape_fixtures(), with_alignments=True).graph
    fast, reference = both(graph, _project_shapes(), fallback="pyshacl")
    assert fast == reference


@pytest.mark.skipif(not _shape_fixtures(), reason="tests/fixtures/shapes/ has no fixtures yet")
def test_sparql_constraints_run_once_for_all_nodes_give_the_same_results(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sh:sparql constraint that may run once for all its focus nodes does so here, as it
    does on large data, and pyshacl (once per node) finds the same."""
    from sgam_onto.fastshacl import jobs
    from sgam_onto.landscape import load_landscape

    monkeypatch.setattr(jobs, "PER_NODE_AT_MOST", 0)
    graph = load_landscape(_shape_fixtures(), with_alignments=True).graph
    fast, reference = both(graph, _project_shapes(), fallback="pyshacl")
    assert fast == reference
    assert "SPARQLConstraintComponent" in _components(reference)


def test_landscape_with_alignments_gives_the_same_results() -> None:
    from sgam_onto.landscape import load_landscape

    graph = load_landscape(with_alignments=True).graph
    fast, reference = both(graph, _project_shapes(), fallback="pyshacl")
    assert fast == reference


def _same_results_on(fixture: str) -> set:
    """The results of a fixture that is its own shapes graph, the same on both paths."""
    graph = graph_from_quads(parse_file(FIXTURES / fixture).quads)
    fast, reference = both(graph, graph)
    assert fast == reference
    return reference


def _components(keys: set) -> set[str]:
    return {str(k[2]).rsplit("#", 1)[-1] for k in keys}


def test_class_closures_and_subject_targets_give_the_same_results() -> None:
    """Class checks over a subclass closure; shapes targeting the subjects of the property
    their property shapes follow (queried without a separate focus join)."""
    reference = _same_results_on("class_and_subjects.ttl")
    assert {"ClassConstraintComponent", "UniqueLangConstraintComponent",
            "DisjointConstraintComponent", "EqualsConstraintComponent",
            "DatatypeConstraintComponent"} <= _components(reference)


def test_patterns_run_without_their_focus_nodes_and_counts_give_the_same_results() -> None:
    """Violations by nodes that are no focus nodes, blank focus nodes, a path that may be
    empty, and counts above three (compared as counts, not as pairs of values)."""
    reference = _same_results_on("scoped_and_counted.ttl")
    assert {"ClassConstraintComponent", "MaxCountConstraintComponent",
            "UniqueLangConstraintComponent", "DisjointConstraintComponent",
            "QualifiedMaxCountConstraintComponent"} <= _components(reference)
    focus_nodes = {str(k[0]) for k in reference}
    assert "http://example.org/absent" in focus_nodes
    assert not any(node.endswith("/n1") for node in focus_nodes)


def test_many_violations_outside_the_focus_nodes_give_the_same_results() -> None:
    """More solutions without the focus nodes than are looked up one by one."""
    from sgam_onto.fastshacl import jobs

    lines = ["@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .",
             "ex:S a sh:NodeShape ; sh:targetClass ex:C ;",
             "  sh:property [ sh:path ex:p ; sh:class ex:C ; sh:maxCount 1 ] ."]
    lines += [f"ex:x{i} ex:p ex:y{i} , ex:z{i} ." for i in range(jobs._CANDIDATES + 5)]
    lines += ["ex:f1 a ex:C ; ex:p ex:y1 , ex:f2 .", "ex:f2 a ex:C ; ex:p ex:f1 ."]
    graph = Graph().parse(data="\n".join(lines), format="turtle")
    fast, reference = both(graph, graph)
    assert fast == reference
    assert {str(k[0]) for k in reference} == {"http://example.org/f1"}


def test_checks_written_alike_and_fenced_sub_selects_give_the_same_results() -> None:
    """Two shapes with the same checks on other focus nodes (one query serves both), and a
    SPARQL target filtering the solutions of DISTINCT sub-SELECTs."""
    reference = _same_results_on("shared_checks.ttl")
    by_focus = {(str(k[0]).rsplit("/", 1)[-1], str(k[2]).rsplit("#", 1)[-1]) for k in reference}
    assert {("c3", "ClassConstraintComponent"), ("g1", "ClassConstraintComponent"),
            ("c2", "MaxCountConstraintComponent"), ("g1", "MaxCountConstraintComponent"),
            ("c2", "PatternConstraintComponent"), ("g1", "PatternConstraintComponent"),
            ("c3", "MinInclusiveConstraintComponent"), ("g1", "MinInclusiveConstraintComponent"),
            ("b2", "MinCountConstraintComponent")} <= by_focus
    assert not any(focus == "o1" for focus, _ in by_focus)


def test_uniqueness_counted_per_key_gives_the_same_results() -> None:
    """Checks on a path p/^p, counted once per key and joined back: focus nodes with two
    keys, keys crowded by nodes that are no focus nodes or that do not conform."""
    reference = _same_results_on("shared_keys.ttl")
    flagged = {str(k[0]).rsplit("/", 1)[-1] for k in reference}
    # a1's two keys reach a2 and a3; b1 is no item but its key is crowded; c1's key is not;
    # f2's two pair keys reach f1 and f3 (three items, over the bound of 2)
    assert flagged == {"a1", "a2", "a3", "b1", "b2", "b3", "e1", "e2", "e3", "f2"}
