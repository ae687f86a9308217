"""validate_landscape / validate_files / validate_graph: what they read, what they leave alone."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from sgam_onto.errors import LoadError
from sgam_onto.landscape import load_landscape
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes, parse_file
from sgam_onto.validate import validate_files, validate_graph, validate_landscape
from sgam_onto.validate.api import validate_data
from sgam_onto.validate.results import read_results
from tests.data.shapes.conftest import result_keys, subjects
from tests.validate.conftest import EXAMPLES

SGAMSH = "https://w3id.org/sgam-onto/shapes#"
ID = "https://w3id.org/sgam-onto/id/"


def test_the_landscape_and_a_contribution_are_left_unchanged() -> None:
    landscape = load_landscape()
    contribution = graph_from_quads(parse_file(EXAMPLES / "invalid-contribution.ttl").quads)
    before = set(landscape.graph), set(contribution)
    assert validate_data(landscape.graph) is landscape.graph  # read in place, not copied
    validate_landscape(landscape)
    outcome = validate_landscape(landscape, contribution)
    assert outcome.violations > 0
    assert (set(landscape.graph), set(contribution)) == before


def test_the_ontology_is_added_when_the_data_lacks_it() -> None:
    """sh:targetClass follows rdfs:subClassOf only through the data graph (SHACL 2.1.3.2)."""
    data = graph_from_quads(parse_bytes(
        "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
        "<https://w3id.org/sgam-onto/id/body/x> a sgam:WorkingGroup .\n",
        ox.RdfFormat.TURTLE,
    ).quads)
    before = set(data)
    shapes = {str(r.source_shape)[len(SGAMSH):] for r in validate_graph(data)}
    # WorkingGroup is a StandardizationEntity only through the ontology's subclass axioms
    assert {"StandardizationEntity-designation", "Resource-label", "Resource-source"} <= shapes
    assert set(data) == before


def test_focus_nodes_give_the_full_results_for_those_nodes() -> None:
    """The targets rewritten for focus nodes select what full validation selects."""
    landscape = load_landscape()
    contribution = graph_from_quads(parse_file(EXAMPLES / "invalid-contribution.ttl").quads)
    data = validate_data(landscape.graph, contribution)
    focus = subjects(contribution)
    full = [r for r in validate_graph(data) if r.focus in focus]
    assert full
    assert result_keys(validate_graph(data, focus_nodes=focus)) == result_keys(full)
    assert validate_graph(data, focus_nodes=[]) == []


def test_missing_and_broken_files_are_load_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        validate_files([tmp_path / "missing.ttl"])
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "PREFIX sgam: <https://w3id.org/sgam-onto#>\n\nsgam:x sgam:y sgam:w .\nsgam:z sgam:p ; .\n"
    )
    with pytest.raises(LoadError) as caught:
        validate_files([broken])
    assert (caught.value.path, caught.value.line, caught.value.column) == (broken, 4, 15)


def test_outcome_counts_and_verdicts(invalid_outcome) -> None:
    assert invalid_outcome.violations == 13
    assert invalid_outcome.warnings == 0
    assert invalid_outcome.resources == 8
    assert invalid_outcome.summary() == (
        "13 violations, 0 warnings, 1 lint finding in 8 resources"
    )
    assert [(f.line, f.rule) for f in invalid_outcome.lint] == [(32, "undeclared-term")]
    assert not invalid_outcome.conforms()
    assert invalid_outcome.triples > len(load_landscape().graph)


def test_the_report_graph_holds_the_results(invalid_outcome) -> None:
    report = invalid_outcome.report_graph()
    assert len(list(report.subjects(SH.conforms, None))) == 1
    assert (None, SH.conforms, None) in report
    assert not next(report.objects(None, SH.conforms)).toPython()
    assert result_keys(read_results(report)) == result_keys(invalid_outcome.results)


def test_a_conforming_contribution() -> None:
    outcome = validate_files([EXAMPLES / "valid-contribution.ttl"])
    assert outcome.results == [] and outcome.lint == []
    assert outcome.conforms(strict=True)
    assert outcome.summary() == "0 violations, 0 warnings in 0 resources"
    addition = URIRef(ID + "coordination/nc2024-meter-data-cem")
    assert addition not in {r.focus for r in outcome.results}
    assert isinstance(outcome.report_graph(), Graph)


def test_owl_imports_are_never_followed(tmp_path: Path) -> None:
    """An import of an unreachable document must not be fetched (nothing listens on port 9)."""
    contribution = tmp_path / "imports.ttl"
    contribution.write_text(
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
        "<https://example.org/extension> a owl:Ontology ;\n"
        "    owl:imports <http://127.0.0.1:9/elsewhere.ttl> .\n"
    )
    outcome = validate_files([contribution])
    assert outcome.conforms(strict=True), [str(r) for r in outcome.results]
