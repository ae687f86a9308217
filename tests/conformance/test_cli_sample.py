"""A sample of the negative syntax tests through the real command line, in a subprocess:
``check FILE`` and ``fmt FILE`` exit 2 with ``PATH:LINE:COL: message`` and no traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conformance import suites
from tests.conformance.suites import Entry

FIXTURE_ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "landscape"
EVERY = 15  # one test in fifteen: fast, yet every kind of mistake shows up


def sample(*kinds: str) -> list:
    if not suites.available():
        return suites.cases(suites.TURTLE)
    chosen = []
    for manifest in (suites.TURTLE, suites.NTRIPLES, suites.SERD_BAD, suites.OXIGRAPH_ERRORS):
        negatives = [e for e in suites.entries(manifest) if e.kind in kinds]
        chosen += [pytest.param(e, id=e.name) for e in negatives[::EVERY]]
    return chosen


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SGAM_ONTO_ROOT": str(FIXTURE_ROOT)}
    env.pop("SGAM_ONTO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "sgam_onto", *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=120,
    )


def copy_as(entry: Entry, tmp_path: Path) -> Path:
    """The test input under a name whose extension says the syntax the test type means."""
    suffix = ".nt" if entry.kind.startswith("TestNTriples") else ".ttl"
    target = tmp_path / (entry.action_path.stem + suffix)
    shutil.copyfile(entry.action_path, target)
    return target


def assert_one_positioned_error(result: subprocess.CompletedProcess, name: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert re.search(rf"^{re.escape(name)}:\d+(:\d+)?: \S", result.stderr, re.MULTILINE), (
        result.stderr
    )


@pytest.mark.parametrize(
    "entry", sample("TestTurtleNegativeSyntax", "TestNTriplesNegativeSyntax")
)
def test_check_refuses_with_position(entry: Entry, tmp_path: Path) -> None:
    target = copy_as(entry, tmp_path)
    result = cli("check", "--skip", "owl", target.name, cwd=tmp_path)
    assert_one_positioned_error(result, target.name)


@pytest.mark.parametrize("entry", sample("TestTurtleNegativeSyntax"))
def test_fmt_refuses_with_position_and_leaves_the_file(entry: Entry, tmp_path: Path) -> None:
    target = copy_as(entry, tmp_path)
    before = target.read_bytes()
    result = cli("fmt", target.name, cwd=tmp_path)
    assert_one_positioned_error(result, target.name)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
