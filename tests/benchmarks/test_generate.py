"""The scale generator at tiny scale: the output parses, and every violation kind is there.

Each kind is recognised by the reference validator (pyshacl) reporting the shape and
constraint component that kind is meant to break.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from sgam_onto.rdf.convert import graph_from_quads  # noqa: E402
from sgam_onto.rdf.parse import parse_file  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("generated")
    out, manifest = folder / "tiny.nt", folder / "tiny.json"
    record = generate.write(out, 12_000, manifest=manifest, seed=7, violations=0.02)
    assert json.loads(manifest.read_text()) == record
    return out, record


def test_output_parses_with_the_promised_size(generated: tuple[Path, dict]) -> None:
    path, record = generated
    quads = parse_file(path).quads
    assert len(quads) == record["triples"] >= 12_000
    assert record["landscape_triples"] > 6_000
    assert record["nations"] >= 2


def test_turtle_output_parses_to_the_same_triples(tmp_path: Path) -> None:
    nt, ttl = tmp_path / "a.nt", tmp_path / "a.ttl"
    generate.write(nt, 500, seed=3, violations=0.5, with_landscape=False)
    generate.write(ttl, 500, seed=3, violations=0.5, with_landscape=False)
    assert graph_from_quads(parse_file(nt).quads).isomorphic(
        graph_from_quads(parse_file(ttl).quads))


def test_same_seed_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "1.nt", tmp_path / "2.nt"
    generate.write(first, 2_000, seed=11, violations=0.3, with_landscape=False)
    generate.write(second, 2_000, seed=11, violations=0.3, with_landscape=False)
    assert first.read_bytes() == second.read_bytes()


def test_every_violation_kind_is_reported(generated: tuple[Path, dict]) -> None:
    from sgam_onto.fastshacl.reference import pyshacl_results
    from sgam_onto.validate.shapes import load_shapes

    path, record = generated
    assert set(record["injected"]) == set(generate.VIOLATIONS) | set(generate.TRAPS)
    results = pyshacl_results(graph_from_quads(parse_file(path).quads), load_shapes())
    reported = {(str(r.source_shape).rsplit("#", 1)[-1], str(r.component).rsplit("#", 1)[-1])
                for r in results}
    missing = {kind: expected for kind, expected in generate.VIOLATIONS.items()
               if expected not in reported}
    assert not missing


def test_without_violations_the_nations_conform(tmp_path: Path) -> None:
    from sgam_onto.fastshacl import FastData, validate
    from sgam_onto.validate.shapes import load_shapes

    path = tmp_path / "clean.nt"
    generate.write(path, 3_000, seed=5, violations=0.0)
    outcome = validate(FastData.from_files([path]), load_shapes())
    synthetic = [r for r in outcome.results if "/id/" in str(r.focus) and "-n0" in str(r.focus)]
    assert synthetic == []
