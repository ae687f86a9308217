"""``sgam-onto check`` on the fixture landscape: exit codes, status lines, the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.cli import main
from sgam_onto.commands.check import STEPS, CheckContext, StepResult, run_steps

from ..conftest import needs_java


@needs_java
def test_passes_on_a_good_landscape(landscape_root: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert "  syntax   ok      3 files, 50 triples" in out
    assert "  owl      ok      consistent; 2 defined classes, 3 members" in out
    assert "  body                   3\n" in out
    assert "  maintaining body       2  (inferred)\n" in out
    assert "files    3\ntriples  50\nresult   passed in" in out
    assert err == ""


def test_syntax_error_exits_2_with_position(
    landscape_root: Path, fixtures: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = fixtures / "syntax-error.ttl"
    assert main(["check", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert f"{bad}:4:16: A dot is expected at the end of statements\n" in err
    assert "syntax   FAILED" in out
    assert "owl" not in out  # nothing left to check


@needs_java
def test_inconsistency_exits_1(
    landscape_root: Path, fixtures: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["check", str(fixtures / "inconsistent.ttl")]) == 1
    out, err = capsys.readouterr()
    assert "owl      FAILED  inconsistent" in out
    assert "iec-tc8 is a" in err
    # the fixture also breaks the test landscape's one shape: both steps are reported
    assert err.endswith("check failed: shacl, owl\n")


@needs_java
def test_unsatisfiable_class_exits_1(
    landscape_root: Path, fixtures: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["check", str(fixtures / "unsatisfiable.ttl")]) == 1
    _, err = capsys.readouterr()
    assert "unsatisfiable class (equivalent to owl:Nothing): " in err
    assert "BodyStandard" in err


def test_skip_the_reasoner(landscape_root: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "--skip", "owl"]) == 0
    out, _ = capsys.readouterr()
    assert "  owl      skipped" in out
    assert "  maintaining body       0\n" in out  # asserted only, without the reasoner


def test_missing_landscape_exits_2(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(tmp_path))
    assert main(["check"]) == 2
    _, err = capsys.readouterr()
    assert f"{tmp_path / 'ontology' / 'sgam.ttl'}: no such file" in err


def test_steps_can_be_added(landscape_root: Path, capsys: pytest.CaptureFixture) -> None:
    seen: list[int] = []

    def count_triples(ctx: CheckContext) -> StepResult:
        seen.append(len(ctx.require_landscape()))
        return StepResult(False, "found a problem", ["detail line"])

    code, failed = run_steps(
        CheckContext(), [STEPS[0], ("extra", count_triples)], frozenset()
    )
    out, err = capsys.readouterr()
    assert (code, failed, seen) == (1, ["extra"], [50])
    assert "  extra    FAILED  found a problem" in out
    assert err == "detail line\n"


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_shacl_violation_exits_1(
    engine: str, landscape_root: Path, fixtures: Path, capsys: pytest.CaptureFixture
) -> None:
    argv = ["check", "--skip", "owl", "--engine", engine, str(fixtures / "shacl-violation.ttl")]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 1
    assert "shacl    FAILED" in captured.out
    assert "iec-62056" in captured.err
    assert "needs exactly one integer number" in captured.err


def test_both_engines_report_the_same(
    landscape_root: Path, fixtures: Path, capsys: pytest.CaptureFixture
) -> None:
    reports = []
    for engine in ("fast", "pyshacl"):
        assert main(["check", "--skip", "owl", "--engine", engine,
                     str(fixtures / "shacl-violation.ttl")]) == 1
        reports.append(capsys.readouterr().err)
    assert reports[0] == reports[1] and reports[0]
