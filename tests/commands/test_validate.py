"""`sgam-onto validate` end to end on the examples, as a user runs it from the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SH

from sgam_onto.cli import main
from sgam_onto.landscape import load_landscape
from sgam_onto.validate.shapes import load_shapes

ROOT = Path(__file__).resolve().parents[2]
BAD = "examples/invalid-contribution.ttl"
GOOD = "examples/valid-contribution.ttl"
SGAMSH = "https://w3id.org/sgam-onto/shapes#"
SGAM = "https://w3id.org/sgam-onto#"

# Each mistake of the example: the rule it breaks and the line the report points at.
MISTAKES = [
    ("CoordinationItem-party", 20),  # a single party
    ("CoordinationItem-highImportance", 28),  # missing, because it is misspelt
    ("Resource-vocabulary", 31),  # sgam:highImportant
    ("CoordinationItem-party", 33),  # unknown body IEC TC 57 WG 99
    ("Interaction-from", 42),
    ("Interaction-to", 42),
    ("Interaction-number-unique", 61),  # number 6 again
    ("Resource-source", 69),  # no provenance
    ("StandardsBody-parentBody-acyclic", 73),
    ("StandardsBody-parentBody-acyclic", 77),
    ("Standard-designation", 84),  # IEC61850-7-420
]


@pytest.fixture(autouse=True)
def _repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SGAM_ONTO_ROOT", raising=False)
    monkeypatch.chdir(ROOT)


def run_cli(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SGAM_ONTO_ROOT"}
    return subprocess.run(
        [sys.executable, "-m", "sgam_onto", "validate", *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def in_process(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _flat(text: str) -> str:
    return " ".join(text.split())


def _message(shape: str) -> str:
    return str(load_shapes().value(URIRef(SGAMSH + shape), SH.message))


def test_valid_example_conforms() -> None:
    done = run_cli(GOOD)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "0 violations, 0 warnings in 0 resources (conforms)\n"


def test_invalid_example_reports_every_mistake_where_it_is() -> None:
    done = run_cli(BAD)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    for shape, line in MISTAKES:
        rule = f"[sgamsh:{shape}]  at {BAD}:{line}"
        assert any(rule in text for text in lines), rule
        assert _flat(_message(shape)) in _flat(done.stdout), shape
    # the existing interaction 6 is reported too, where the landscape defines it
    assert "interaction:6  " in done.stdout
    assert "at ontology/data/interactions.ttl:" in done.stdout
    # the misspelt property is also a lint finding, at the line that uses it
    assert f"  {BAD}:31: undeclared-term: sgam:highImportant " in done.stdout
    assert lines[-1] == (
        "12 violations, 0 warnings, 1 lint finding in 8 resources (does not conform)"
    )


def test_syntax_error_gives_path_line_column_and_exit_2(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "PREFIX sgam: <https://w3id.org/sgam-onto#>\n\nsgam:x sgam:y sgam:w .\nsgam:z sgam:p ; .\n"
    )
    code, out, err = in_process(capsys, str(broken))
    assert code == 2 and out == ""
    assert err.startswith(f"{broken}:4:15: ")


def test_missing_file_and_unknown_option_exit_2(capsys) -> None:
    code, out, err = in_process(capsys, "no-such-file.ttl")
    assert (code, out) == (2, "")
    assert err.startswith("no-such-file.ttl: no such file")
    code, _, err = in_process(capsys, "--no-such-option")
    assert code == 2 and "unrecognized arguments" in err


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys) -> None:
    orphan = tmp_path / "orphan.ttl"
    orphan.write_text(
        "PREFIX body: <https://w3id.org/sgam-onto/id/body/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
        "PREFIX source: <https://w3id.org/sgam-onto/id/source/>\n\n"
        "body:iec-tc57-wg10\n"
        "    a sgam:WorkingGroup ;\n"
        '    rdfs:label "IEC TC 57 WG 10"@en ;\n'
        '    sgam:designation "IEC TC 57 WG 10" ;\n'
        "    sgam:source source:curated-iec-and-iso-catalogues ;\n"
        ".\n"
    )
    code, out, _ = in_process(capsys, str(orphan))
    assert code == 0
    assert out.splitlines()[-1] == "0 violations, 1 warning in 1 resource (conforms)"
    assert f"warning  sgam:parentBody  [sgamsh:CommitteeUnit-parentBody]  at {orphan}:6" in out
    code, out, _ = in_process(capsys, "--strict", str(orphan))
    assert code == 1
    assert out.splitlines()[-1] == "0 violations, 1 warning in 1 resource (does not conform)"


def test_json_on_stdout_summary_on_stderr(capsys) -> None:
    code, out, err = in_process(capsys, "--format", "json", BAD)
    assert code == 1
    doc = json.loads(out)
    located = sorted(
        (r["sourceShape"][len(SGAMSH):], r["location"]["line"])
        for r in doc["results"]
        if r["location"]["file"] == BAD
    )
    assert located == sorted(MISTAKES)
    assert err.startswith("12 violations, 0 warnings, 1 lint finding in 8 resources (")


def test_the_landscape_alone_conforms(capsys) -> None:
    code, out, _ = in_process(capsys)
    assert code == 0
    assert out == "0 violations, 0 warnings in 0 resources (conforms)\n"


def test_other_shapes_can_be_chosen(capsys) -> None:
    code, out, _ = in_process(capsys, "--shapes", "shapes/qa", "--strict")
    assert code == 0, out


def test_fast_engine_reports_what_pyshacl_reports(capsys: pytest.CaptureFixture) -> None:
    bad = Path(__file__).resolve().parents[2] / "examples" / "invalid-contribution.ttl"
    reports = {}
    for engine in ("pyshacl", "fast"):
        assert main(["validate", "--engine", engine, "--format", "json", str(bad)]) == 1
        reports[engine] = json.loads(capsys.readouterr().out)

    def keyed(report: dict) -> list:
        return sorted(json.dumps(r, sort_keys=True) for r in report["results"])
    assert keyed(reports["fast"]) == keyed(reports["pyshacl"])
    assert len(reports["fast"]["results"]) == 12


SPARQL_SHAPE = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sgam: <https://w3id.org/sgam-onto#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/shapes#> .

<https://example.org/shapes> sh:declare [
    sh:prefix "sgam" ; sh:namespace "https://w3id.org/sgam-onto#"^^xsd:anyURI ] .
ex:Prefixes owl:imports <https://example.org/shapes> .

ex:ItemShape a sh:NodeShape ;
  sh:targetClass sgam:CoordinationItem ;
  sh:sparql [
    sh:message "coordination item {$this} is of high importance" ;
    sh:prefixes ex:Prefixes ;
    sh:select "SELECT $this WHERE { $this sgam:highImportance true . %s }" ] .
"""


def test_user_shapes_read_prefixes_through_a_local_owl_imports(tmp_path: Path) -> None:
    shapes = tmp_path / "own.ttl"
    shapes.write_text(SPARQL_SHAPE % "", encoding="utf-8")
    done = run_cli("--shapes", str(shapes), "--format", "json")
    assert done.returncode == 1, done.stderr
    focus = {r["focusNode"]["value"] for r in json.loads(done.stdout)["results"]}
    graph = load_landscape().graph
    high = {str(s) for s in graph.subjects(URIRef(SGAM + "highImportance"), Literal(True))}
    assert focus == high and len(high) == 7


def test_shapes_the_reference_engine_cannot_run_are_one_line_exit_2(tmp_path: Path) -> None:
    shapes = tmp_path / "own.ttl"
    shapes.write_text(SPARQL_SHAPE % "GRAPH $shapesGraph { ?s ?p ?o }", encoding="utf-8")
    done = run_cli("--shapes", str(shapes))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = [line for line in done.stderr.strip().splitlines() if ": warning: " not in line]
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "the reference validator (pyshacl) does not support" in lines[0]
    assert "warning: owl:imports is not followed" in done.stderr  # the shapes import locally


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_lint_findings_join_the_report_and_fail_it(
    engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / GOOD).read_text(encoding="utf-8")
    contribution = tmp_path / "hidden.ttl"
    contribution.write_text(
        text + '\ncoordination:27 rdfs:comment "a \\u202E note"@en .\n', encoding="utf-8"
    )
    line = text.count("\n") + 2
    where = f"{contribution}:{line}"

    code, out, _ = in_process(capsys, "--engine", engine, str(contribution))
    assert code == 1
    assert f"  {where}: text-hidden-character: " in out
    assert out.endswith("0 violations, 0 warnings, 1 lint finding in 0 resources "
                        "(does not conform)\n")

    code, out, _ = in_process(capsys, "--engine", engine, "--format", "json", str(contribution))
    doc = json.loads(out)
    assert code == 1 and doc["conforms"] is False and doc["results"] == []
    assert [(f["line"], f["rule"]) for f in doc["lint"]] == [(line, "text-hidden-character")]

    code, out, _ = in_process(capsys, "--engine", engine, "--format", "markdown",
                              str(contribution))
    assert code == 1 and f"- `{where}` **text-hidden-character**: " in out

    code, out, _ = in_process(capsys, "--engine", engine, "--no-lint", str(contribution))
    assert code == 0 and out.endswith("(conforms)\n")
