"""The four report formats, checked on the contribution with mistakes."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes
from sgam_onto.validate import FORMATS, render
from sgam_onto.validate.results import read_results
from tests.data.shapes.conftest import result_keys
from tests.validate.conftest import ROOT

BAD = "examples/invalid-contribution.ttl"
ID = "https://w3id.org/sgam-onto/id/"
PARTY_MESSAGE = "A coordination item asks at least two different entities to coordinate"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_text_groups_by_resource_with_location_message_value_and_fix(invalid_outcome) -> None:
    text = render(invalid_outcome, "text")
    blocks = text.split("\n\n")
    block = blocks[2]  # the third resource in the file: the DER forecasts item
    assert block.splitlines()[0] == (
        'coordination:nc2024-der-forecasts  "Coordination item: DER forecasts"')
    assert (f"<https://w3id.org/sgam-onto/id/coordination/nc2024-der-forecasts>  defined at "
            f"{BAD}:29") in block
    assert f"violation  sgam:party  [sgamsh:CoordinationItem-party]  at {BAD}:33" in block
    assert "value: body:iec-tc57-wg99" in block
    assert "fix:   sgam:party body:iec-tc57-wg17, group:iec-tc57-wg13-wg14 ;" in block
    assert " ".join(block.split()).count(PARTY_MESSAGE) == 1
    assert text.endswith(
        "\nlint\n"
        f"  {BAD}:32: undeclared-term: sgam:highImportant is used as a property but its "
        "vocabulary does not define it; did you mean sgam:highImportance?\n\n"
        "13 violations, 0 warnings, 1 lint finding in 8 resources (does not conform)\n"
    )


def test_json_lists_every_result_with_its_location(invalid_outcome) -> None:
    doc = json.loads(render(invalid_outcome, "json"))
    assert doc["conforms"] is False
    assert doc["summary"]["violations"] == 13
    assert len(doc["results"]) == 13
    party = [r for r in doc["results"] if r["value"] and r["value"]["value"].endswith("wg99")]
    assert party == [
        {
            "focusNode": {"type": "uri",
                          "value": ID + "coordination/nc2024-der-forecasts"},
            "label": "Coordination item: DER forecasts",
            "definedAt": {"file": BAD, "line": 29},
            "location": {"file": BAD, "line": 33},
            "path": "<https://w3id.org/sgam-onto#party>",
            "value": {"type": "uri", "value": "https://w3id.org/sgam-onto/id/body/iec-tc57-wg99"},
            "severity": "violation",
            "constraintComponent": "http://www.w3.org/ns/shacl#ClassConstraintComponent",
            "sourceShape": "https://w3id.org/sgam-onto/shapes#CoordinationItem-party",
            "message": party[0]["message"],
            "fixHint": "sgam:party body:iec-tc57-wg17, group:iec-tc57-wg13-wg14 ;",
        }
    ]
    assert party[0]["message"].startswith(PARTY_MESSAGE)
    literal = [r["value"] for r in doc["results"] if r["value"] and r["value"]["type"] == "literal"]
    assert literal == [{"type": "literal", "value": "IEC61850-7-420"}]


def test_markdown_is_ready_for_a_review_comment(invalid_outcome) -> None:
    markdown = render(invalid_outcome, "markdown")
    lines = markdown.splitlines()
    assert lines[0] == (
        "### ❌ `sgam-onto validate`: 13 violations, 0 warnings, 1 lint finding in 8 resources "
        "(does not conform)"
    )
    assert lines[-3:] == ["#### Lint", "", (
        f"- `{BAD}:32` **undeclared-term**: sgam:highImportant is used as a property but its "
        "vocabulary does not define it; did you mean sgam:highImportance?"
    )]
    assert (
        f"#### `coordination:nc2024-der-forecasts` Coordination item: DER forecasts "
        f"(`{BAD}:29`)" in lines
    )
    assert any(
        line.startswith(f"- **violation** `sgam:party` at `{BAD}:33`: {PARTY_MESSAGE}")
        for line in lines
    )
    assert "  Value: `body:iec-tc57-wg99`. Fix: `sgam:party body:iec-tc57-wg17, " in markdown


def test_turtle_is_the_validation_report_graph(invalid_outcome) -> None:
    text = render(invalid_outcome, "turtle")
    graph = graph_from_quads(parse_bytes(text, ox.RdfFormat.TURTLE).quads)
    assert result_keys(read_results(graph)) == result_keys(invalid_outcome.results)
    assert render(invalid_outcome, "turtle") == text  # deterministic


def test_every_format_reports_a_conforming_outcome(invalid_outcome) -> None:
    from sgam_onto.validate.results import ValidationOutcome

    empty = ValidationOutcome(results=[], prefixes=invalid_outcome.prefixes)
    assert set(FORMATS) == {"text", "json", "markdown", "turtle"}
    assert render(empty, "text") == "0 violations, 0 warnings in 0 resources (conforms)\n"
    assert json.loads(render(empty, "json"))["results"] == []
    assert render(empty, "markdown").startswith("### ✅ ")
    assert "sh:conforms true" in render(empty, "turtle")
