"""`sgam-onto export sssom`: stdout or an atomically written file, exit codes per the CLI."""

from __future__ import annotations

from pathlib import Path

from sgam_onto.cli import main
from sgam_onto.commands.export import sssom_text
from sgam_onto.errors import EXIT_LOAD, EXIT_OK


def test_stdout(capsys):
    assert main(["export", "sssom"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out == sssom_text()
    assert out.startswith("#curie_map:\n")


def test_out_replaces_the_file_atomically(tmp_path: Path, capsys):
    target = tmp_path / "sgam-onto.sssom.tsv"
    target.write_text("old content\n", encoding="utf-8")
    assert main(["export", "sssom", "--out", str(target)]) == EXIT_OK
    assert target.read_text(encoding="utf-8") == sssom_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary left
    assert capsys.readouterr().out == ""


def test_unwritable_destinations_exit_2(tmp_path: Path, capsys):
    missing = tmp_path / "no-such-dir" / "out.tsv"
    assert main(["export", "sssom", "--out", str(missing)]) == EXIT_LOAD
    assert "does not exist" in capsys.readouterr().err
    assert not missing.parent.exists()
    assert main(["export", "sssom", "--out", str(tmp_path)]) == EXIT_LOAD
    assert "is a directory" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(capsys):
    assert main(["export", "owl"]) == EXIT_LOAD
    assert "invalid choice" in capsys.readouterr().err
