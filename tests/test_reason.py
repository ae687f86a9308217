"""HermiT through owlready2, for real: consistency, inferred members, failures with hints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sgam_onto.errors import SgamError
from sgam_onto.landscape import load_landscape
from sgam_onto.reason import defined_classes, run_hermit, to_ntriples

from .conftest import LANDSCAPE_ROOT, needs_java

SGAM = "https://w3id.org/sgam-onto#"
BODY = "https://w3id.org/sgam-onto/id/body/"


def test_defined_classes(landscape_root: Path) -> None:
    graph = load_landscape().graph
    assert [str(c) for c in defined_classes(graph)] == [
        SGAM + "DisbandedBody",
        SGAM + "MaintainingBody",
    ]


def test_imports_are_not_handed_to_owlready(landscape_root: Path) -> None:
    data = to_ntriples(load_landscape().graph)
    assert b"owl#imports" not in data
    assert b"skos/core#Concept" in data


@needs_java
def test_consistent_landscape_and_inferred_members(landscape_root: Path) -> None:
    result = run_hermit(load_landscape().graph)
    assert result.consistent
    assert result.ok
    assert result.unsatisfiable == frozenset()
    assert result.inferred == {
        SGAM + "DisbandedBody": frozenset({BODY + "iec-pc118"}),
        # iec-tc13 is not asserted to be a body: domain, range and the restriction make it one
        SGAM + "MaintainingBody": frozenset({BODY + "iec-tc57", BODY + "iec-tc13"}),
    }
    assert 0 < result.seconds < 60


@needs_java
def test_inconsistent_landscape_with_a_hint(landscape_root: Path, fixtures: Path) -> None:
    result = run_hermit(load_landscape([fixtures / "inconsistent.ttl"]).graph)
    assert not result.consistent
    assert not result.ok
    assert result.inferred == {}
    assert "inconsistent" in result.explanation
    assert (
        f"{BODY}iec-tc8 is a {SGAM}Body and a {SGAM}Standard, which are disjoint"
        in result.explanation
    )


@needs_java
def test_unsatisfiable_class(landscape_root: Path, fixtures: Path) -> None:
    result = run_hermit(load_landscape([fixtures / "unsatisfiable.ttl"]).graph)
    assert result.consistent
    assert not result.ok
    assert result.unsatisfiable == frozenset({SGAM + "BodyStandard"})


def test_missing_java_gives_an_install_hint_not_a_traceback() -> None:
    # An empty PATH: no java to be found. The interpreter is started by its absolute path.
    env = {**os.environ, "PATH": "", "SGAM_ONTO_ROOT": str(LANDSCAPE_ROOT)}
    env.pop("SGAM_ONTO_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "sgam_onto", "reason"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "HermiT needs Java" in done.stderr
    assert "apt-get install default-jre-headless" in done.stderr
    assert "Traceback" not in done.stderr


@needs_java
def test_hermit_runs_with_strict_datatypes(landscape_root: Path, fixtures: Path) -> None:
    # A datatype outside the OWL 2 datatype map is an error, as in Protégé, not silently ignored.
    with pytest.raises(SgamError, match="UnsupportedDatatypeException"):
        run_hermit(load_landscape([fixtures / "gyear.ttl"]).graph)
