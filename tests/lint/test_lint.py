"""The lint rules on committed contributions, the command line, and the real landscape."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sgam_onto.cli import main
from sgam_onto.errors import LoadError
from sgam_onto.landscape import Landscape, load_landscape
from sgam_onto.lint import RULES, Finding, lint_files

HERE = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def landscape(landscape_root: Path) -> Landscape:
    return load_landscape(with_alignments=True)


def by_line(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [(f.path.name, f.line, f.rule) for f in findings]


def test_each_rule_on_the_line_it_concerns(landscape: Landscape) -> None:
    findings = lint_files([HERE / "mistakes.ttl"], landscape)
    assert by_line(findings) == [
        ("mistakes.ttl", 10, "iri-case-clash"),
        ("mistakes.ttl", 13, "iri-case-clash"),
        ("mistakes.ttl", 15, "iri-scheme"),
        ("mistakes.ttl", 17, "iri-scheme"),
        ("mistakes.ttl", 19, "text-not-nfc"),
        ("mistakes.ttl", 21, "text-hidden-character"),
        ("mistakes.ttl", 23, "literal-ill-typed"),
        ("mistakes.ttl", 25, "datatype-unknown"),
        ("mistakes.ttl", 27, "undeclared-term"),
        ("mistakes.ttl", 29, "undeclared-term"),
        ("mistakes.ttl", 31, "undeclared-term"),
        ("mistakes.ttl", 33, "redefines-project-term"),
        ("mistakes.ttl", 35, "redefines-project-term"),
        ("mistakes.ttl", 40, "lang-tag-case"),
        ("mistakes.ttl", 43, "iri-near-duplicate"),
        ("mistakes.ttl", 45, "iri-near-duplicate"),
    ]
    assert {f.rule for f in findings} == set(RULES)
    text = {f.line: f.message for f in findings}
    assert text[10] == "body:IEC-TC57 differs only by case from body:iec-tc57; use one spelling"
    assert "by a trailing slash from body:iec-tc8" in text[13]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at position 3" in text[21]
    assert text[25].endswith("did you mean xsd:integer?")
    assert text[27].endswith("did you mean sgam:Body?")
    assert text[29].endswith("did you mean skos:prefLabel?")
    assert text[31] == "sgam:maintains is used as a class but the ontology declares it a property"
    assert text[40].startswith("language tag @EN-gb is also written @en-GB (line 42)")
    assert "differ only by http/https" in text[43]


def test_finding_prints_as_path_line_rule_message(landscape: Landscape) -> None:
    finding = lint_files([HERE / "mistakes.ttl"], landscape)[0]
    assert str(finding) == (
        f"{HERE / 'mistakes.ttl'}:10: iri-case-clash: body:IEC-TC57 differs only by case "
        "from body:iec-tc57; use one spelling"
    )


def test_a_clean_contribution_has_no_findings(landscape: Landscape) -> None:
    assert lint_files([HERE / "clean.ttl"], landscape) == []


def test_a_clean_file_is_not_blamed_for_another_files_typo(landscape: Landscape) -> None:
    findings = lint_files([HERE / "clean.ttl", HERE / "mistakes.ttl"], landscape)
    assert not [f for f in findings if f.path.name == "clean.ttl"]


def test_rdfxml_contribution(landscape: Landscape) -> None:
    findings = lint_files([HERE / "mistakes.rdf"], landscape)
    assert by_line(findings) == [
        ("mistakes.rdf", 4, "iri-case-clash"),
        ("mistakes.rdf", 6, "literal-ill-typed"),
    ]
    assert findings[1].message.endswith("day 30 does not exist in month 02")


def test_the_project_files_may_state_their_own_terms(landscape: Landscape) -> None:
    findings = lint_files(landscape.files, landscape)
    assert [f for f in findings if f.rule == "redefines-project-term"] == []


def test_a_file_that_cannot_be_parsed_is_a_load_error(
    landscape: Landscape, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/s> <http://e/p> .\n")
    with pytest.raises(LoadError) as caught:
        lint_files([bad], landscape)
    assert caught.value.line == 1


def _not_warnings(err: str) -> list[str]:
    """stderr without the loader's warnings (the fixture landscape has an owl:imports)."""
    return [line for line in err.splitlines() if ": warning: " not in line]


def test_command_line_exit_codes(
    landscape_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["lint", str(HERE / "clean.ttl")]) == 0
    assert _not_warnings(capsys.readouterr().err) == ["0 findings in 0 of 1 files"]
    assert main(["lint", str(HERE / "mistakes.ttl")]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 16
    assert all(line.startswith(f"{HERE / 'mistakes.ttl'}:") for line in out.splitlines())
    assert _not_warnings(err) == ["16 findings in 1 of 1 files"]
    assert main(["lint", "--ignore", "iri-case-clash", "--ignore", "undeclared-term",
                 str(HERE / "mistakes.ttl")]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 11

    assert main(["lint", str(tmp_path / "absent.ttl")]) == 2
    assert "absent.ttl: no such file" in capsys.readouterr().err
    assert main(["lint", "--ignore", "no-such-rule"]) == 2


def test_rule_names_of_the_command_match_the_package() -> None:
    from sgam_onto.commands.lint import RULE_NAMES

    assert set(RULE_NAMES) == set(RULES)


def test_a_typo_that_validates_vacuously_is_caught(tmp_path: Path) -> None:
    """No shape looks at skos:preflabel or dcterms:titel: SHACL passes them, lint does not."""
    from sgam_onto.validate import validate_files

    typo = tmp_path / "typo.ttl"
    typo.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        '<https://w3id.org/sgam-onto/id/body/iec> skos:preflabel "IEC" ;\n'
        '    dcterms:titel "International Electrotechnical Commission" .\n'
    )
    outcome = validate_files([typo], lint=False)
    assert outcome.conforms() and outcome.results == []
    findings = lint_files([typo], load_landscape(with_alignments=True))
    assert validate_files([typo]).lint == findings
    assert [(f.line, f.rule) for f in findings] == [(3, "undeclared-term"), (4, "undeclared-term")]
    assert findings[0].message.endswith("did you mean skos:prefLabel?")
    assert findings[1].message.endswith("did you mean dcterms:title?")


def test_the_landscape_is_clean() -> None:
    """The project's own files pass their own lint (run as CI would, in a subprocess)."""
    env = {k: v for k, v in os.environ.items() if k != "SGAM_ONTO_ROOT"}
    done = subprocess.run([sys.executable, "-m", "sgam_onto", "lint"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
