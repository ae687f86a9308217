"""`--landscape DIR` and the checkout the user is in decide which files a command works on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sgam_onto import paths
from sgam_onto.cli import main
from tests.conftest import LANDSCAPE_ROOT


@pytest.fixture
def two_clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(LANDSCAPE_ROOT, one)
    shutil.copytree(LANDSCAPE_ROOT, two)
    return one, two


def test_validate_inside_one_clone_reports_locations_in_that_clone(
    two_clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    one, two = two_clones
    broken = one / "ontology" / "data" / "bodies.ttl"
    lines = broken.read_text().count("\n")
    broken.write_text(broken.read_text() + "\nstandard:x a sgam:Standard .\n")
    monkeypatch.chdir(one)
    assert main(["validate", "--no-lint"]) == 1
    out, err = capsys.readouterr()
    assert f"ontology/data/bodies.ttl:{lines + 2}" in out
    assert str(two) not in out + err
    assert err.strip().endswith(f"landscape {one} (the checkout you are in)")


@pytest.mark.parametrize("where", ["before", "after"])
def test_the_landscape_option_chooses_explicitly(
    two_clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture, where: str,
) -> None:
    one, two = two_clones
    monkeypatch.chdir(one)
    args = ["--landscape", str(two), "validate"] if where == "before" else [
        "validate", "--landscape", str(two)]
    assert main(args) == 0
    assert capsys.readouterr().err.strip().endswith(f"landscape {two} ({paths.ROOT_ENV})")


def test_a_landscape_option_without_a_landscape_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    assert main(["validate", "--landscape", str(tmp_path)]) == 2
    assert "no ontology/sgam.ttl and shapes/" in capsys.readouterr().err
