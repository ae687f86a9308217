"""Which paths the working-tree rule refuses: links written inside the tree that lead out."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.errors import LoadError
from sgam_onto.io import confine
from sgam_onto.io.atomic import atomic_write


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    inside = tmp_path / "tree"
    (inside / "real").mkdir(parents=True)
    (inside / "real" / "a.ttl").write_text("x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.ttl").write_text("secret")
    (inside / "in.ttl").symlink_to(inside / "real" / "a.ttl")
    (inside / "out.ttl").symlink_to(outside / "b.ttl")
    (inside / "outdir").symlink_to(outside)
    monkeypatch.chdir(inside)
    monkeypatch.delenv(confine.FOLLOW_ENV, raising=False)
    confine.set_follow(None)
    yield inside
    confine.set_follow(None)


@pytest.mark.parametrize("name", ["real/a.ttl", "in.ttl", "../outside/b.ttl", "missing.ttl"])
def test_allowed(tree: Path, name: str) -> None:
    confine.check_inside(name)
    confine.check_inside(tree / name)


@pytest.mark.parametrize("name", ["out.ttl", "outdir/b.ttl", "real/../out.ttl"])
def test_refused(tree: Path, name: str) -> None:
    with pytest.raises(LoadError, match="symbolic link to a file outside the working tree"):
        confine.check_inside(name)


def test_asked_to_follow(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    confine.set_follow(True)
    confine.check_inside("out.ttl")
    confine.set_follow(None)
    monkeypatch.setenv(confine.FOLLOW_ENV, "1")
    confine.check_inside("out.ttl")


def test_the_writer_does_not_write_through_a_link_out_of_the_tree(tree: Path) -> None:
    with pytest.raises(LoadError):
        atomic_write("out.ttl", b"new")
    assert (tree.parent / "outside" / "b.ttl").read_text() == "secret"
    atomic_write("in.ttl", b"new")  # inside: the link's target is replaced, the link kept
    assert (tree / "real" / "a.ttl").read_text() == "new" and (tree / "in.ttl").is_symlink()
