"""Swapping a built directory into place: exchange, fallback with two renames, recovery."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sgam_onto.io import swap


def _tree(root: Path, content: str) -> Path:
    root.mkdir(parents=True)
    (root / "file.txt").write_text(content, encoding="utf-8")
    return root


@pytest.fixture(params=["exchange", "two renames"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "exchange" and not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux only")
    if request.param == "two renames":
        monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    return request.param


def test_the_new_directory_replaces_the_old_and_nothing_is_left(mode: str, tmp_path: Path) -> None:
    target = _tree(tmp_path / "site", "old")
    new = swap.sibling(target, ".new")
    (new / "file.txt").write_text("new", encoding="utf-8")
    swap.replace_directory(new, target)
    assert (target / "file.txt").read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_missing_target_is_created(mode: str, tmp_path: Path) -> None:
    new = _tree(tmp_path / ".site.x.new", "new")
    swap.replace_directory(new, tmp_path / "site")
    assert (tmp_path / "site" / "file.txt").read_text(encoding="utf-8") == "new"


def test_a_failed_second_rename_puts_the_old_directory_back(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    target = _tree(tmp_path / "site", "old")
    with pytest.raises(FileNotFoundError):
        swap.replace_directory(tmp_path / "never-built", target)
    assert (target / "file.txt").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_recover_restores_a_swap_cut_between_its_renames(tmp_path: Path) -> None:
    _tree(tmp_path / ".site.abc.old", "old")
    swap.recover(tmp_path / "site")
    assert (tmp_path / "site" / "file.txt").read_text(encoding="utf-8") == "old"
    swap.recover(tmp_path / "site")  # nothing to do now
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_leftover_builds_are_removed(tmp_path: Path) -> None:
    target = _tree(tmp_path / "site", "kept")
    _tree(tmp_path / ".site.1.new", "a")
    _tree(tmp_path / ".other.1.new", "b")
    swap.remove_siblings(target, ".new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.1.new", "site"]
