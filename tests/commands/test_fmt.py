"""``sgam-onto fmt``: deterministic rewrite, --check, and never damaging a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from sgam_onto.cli import main
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file


def _graph(path: Path):
    return graph_from_quads(parse_file(path).quads)


def _copy(fixtures: Path, tmp_path: Path, name: str = "literals.ttl") -> Path:
    target = tmp_path / name
    shutil.copy(fixtures / name, target)
    return target


def test_check_lists_files_that_would_change_and_touches_nothing(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    target = _copy(fixtures, tmp_path)
    before = target.read_bytes()
    assert main(["fmt", "--check", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{target}\n"
    assert "1 of 1 files would be reformatted" in err
    assert target.read_bytes() == before


def test_rewrite_is_isomorphic_and_idempotent(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    target = _copy(fixtures, tmp_path)
    original = _graph(target)
    assert main(["fmt", str(target)]) == 0
    formatted = target.read_bytes()
    assert isomorphic(original, _graph(target))
    assert main(["fmt", "--check", str(target)]) == 0
    assert main(["fmt", str(target)]) == 0
    assert target.read_bytes() == formatted
    out, _ = capsys.readouterr()
    assert out == f"{target}\n"  # only the first run changed it
    text = formatted.decode()
    assert text.startswith("# Literal forms that have to survive")
    assert "\n\n# The subject with every kind of literal.\nex:thing\n" in text
    assert ' ;\n    ex:integer\n        -0 ,\n        01 ,\n        +12 ;\n' in text


def test_syntax_error_exits_2_and_leaves_the_file_alone(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = _copy(fixtures, tmp_path, "syntax-error.ttl")
    good = _copy(fixtures, tmp_path)
    before = bad.read_bytes()
    assert main(["fmt", str(bad), str(good)]) == 2
    _, err = capsys.readouterr()
    assert f"{bad}:4:16: A dot is expected at the end of statements" in err
    assert bad.read_bytes() == before
    assert main(["fmt", "--check", str(good)]) == 0  # the good file was still formatted


def test_comments_that_would_be_lost_block_the_rewrite(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    target = tmp_path / "c.ttl"
    text = "@prefix ex: <http://example.org/> .\nex:a ex:p 1 .  # keep me\n"
    target.write_text(text)
    assert main(["fmt", str(target)]) == 1
    _, err = capsys.readouterr()
    assert f"{target}:2: comment would be lost" in err
    assert target.read_text() == text
    assert main(["fmt", "--drop-comments", str(target)]) == 0
    assert target.read_text() == "@prefix ex: <http://example.org/> .\n\nex:a\n    ex:p 1 ;\n.\n"


def test_only_turtle_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "a.nt"
    target.write_text("<http://e/a> <http://e/p> <http://e/o> .\n")
    assert main(["fmt", str(target)]) == 2
    assert "fmt rewrites Turtle (.ttl) files only" in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["fmt", str(tmp_path / "absent.ttl")]) == 2
    assert "absent.ttl: No such file or directory" in capsys.readouterr().err


def test_default_files_are_the_ontology_and_shapes(
    landscape_copy: Path, capsys: pytest.CaptureFixture
) -> None:
    shapes = landscape_copy / "shapes"
    shapes.mkdir(exist_ok=True)  # the fixture root has a shapes/ of its own, already formatted
    (shapes / "s.ttl").write_text("@prefix ex: <http://example.org/> . ex:s ex:p ex:o .\n")
    assert main(["fmt", "--check"]) == 1
    listed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in listed) == [
        "bodies.ttl", "s.ttl", "sgam.ttl", "skos.ttl", "status.ttl"
    ]
    graphs = {p: _graph(Path(p)) for p in listed}
    assert main(["fmt"]) == 0
    assert main(["fmt", "--check"]) == 0
    for path, graph in graphs.items():
        assert isomorphic(graph, _graph(Path(path)))
        ox.parse(path=path)  # and Oxigraph reads it back


def test_the_fixture_header_comment_above_prefixes_is_kept(
    fixtures: Path, tmp_path: Path
) -> None:
    target = _copy(fixtures, tmp_path)
    main(["fmt", str(target)])
    assert target.read_text().splitlines()[:3] == [
        "# Literal forms that have to survive parsing, conversion and formatting exactly.",
        "",
        "@prefix ex: <http://example.org/> .",
    ]
