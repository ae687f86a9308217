"""`sgam-onto report` end to end on the real landscape: formats, --out, errors and exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sgam_onto.cli import main
from sgam_onto.errors import EXIT_LOAD, EXIT_OK
from sgam_onto.report import SECTIONS
from tests.report.readers import html_tables, markdown_tables

REPO = Path(__file__).resolve().parents[2]


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_on_stdout_by_default(capsys):
    code, out, err = report(capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("# IEC SRD 63268:2020")
    assert set(markdown_tables(out)) == {s.key for s in SECTIONS}
    for section in SECTIONS:
        assert f"`sgam-onto query {section.query}`" in out


def test_html_written_to_a_file_and_nothing_on_stdout(capsys, tmp_path):
    target = tmp_path / "landscape.html"
    code, out, err = report(capsys, "--format", "html", "--out", str(target))
    assert (code, out, err) == (EXIT_OK, "", "")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    tables, _ = html_tables(text)
    assert set(tables) == {s.key for s in SECTIONS}
    assert [p.name for p in tmp_path.iterdir()] == ["landscape.html"]  # no temporary left


def test_out_replaces_an_existing_file(capsys, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old content\n", encoding="utf-8")
    code, _, _ = report(capsys, "--out", str(target))
    assert code == EXIT_OK
    assert target.read_text(encoding="utf-8").startswith("# IEC SRD 63268:2020")


def test_an_unwritable_target_is_exit_2_and_leaves_nothing(capsys, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = report(capsys, "--out", str(blocker / "report.md"))
    assert code == EXIT_LOAD
    assert out == ""
    assert "cannot write the report" in err
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-directory"]


def test_an_unknown_format_is_exit_2(capsys):
    code, out, err = report(capsys, "--format", "pdf")
    assert code == EXIT_LOAD
    assert out == ""
    assert "invalid choice" in err


def test_a_landscape_that_does_not_load_is_exit_2_naming_the_file(capsys, tmp_path, monkeypatch):
    root = tmp_path / "root"
    shutil.copytree(REPO / "ontology", root / "ontology")
    shutil.copytree(REPO / "queries", root / "queries")
    broken = root / "ontology" / "data" / "bodies.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nthis is not turtle .\n",
                      encoding="utf-8")
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(root))
    target = tmp_path / "report.md"
    code, out, err = report(capsys, "--out", str(target))
    assert code == EXIT_LOAD
    assert out == ""
    assert "bodies.ttl:" in err
    assert not target.exists()


def test_help_lists_the_formats(capsys):
    code, out, _ = report(capsys, "--help")
    assert code == EXIT_OK
    assert "--format {md,html}" in out and "--out FILE" in out


def test_report_runs_on_an_on_disk_store(tmp_path, capsys):
    from sgam_onto.cli import main

    store = tmp_path / "store"
    assert main(["load", "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(store)]) == 0
    on_disk = capsys.readouterr().out
    assert main(["report"]) == 0
    assert on_disk == capsys.readouterr().out
