"""CHANGELOG.md follows Keep a Changelog 1.1.0 and knows the version of pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHANGELOG = ROOT / "CHANGELOG.md"
# The kinds of change Keep a Changelog names, in its order.
KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
RELEASE = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})$")


def _sections() -> list[tuple[str, list[str]]]:
    """(level-2 heading, its lines) in file order."""
    out: list[tuple[str, list[str]]] = []
    for line in CHANGELOG.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            out.append((line, []))
        elif out:
            out[-1][1].append(line)
    return out


def test_unreleased_comes_first_then_releases_newest_first() -> None:
    headings = [h for h, _ in _sections()]
    assert headings[0] == "## [Unreleased]"
    versions = []
    for heading in headings[1:]:
        match = RELEASE.match(heading)
        assert match, f"not a release heading: {heading!r}"
        versions.append(tuple(int(n) for n in match["version"].split(".")))
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)


def test_the_version_of_pyproject_has_its_section() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"]
    assert any(h.startswith(f"## [{version}] - ") for h, _ in _sections())


def test_changes_are_grouped_by_the_kinds_of_the_format_and_listed() -> None:
    for heading, lines in _sections():
        kinds = [line[4:] for line in lines if line.startswith("### ")]
        assert kinds, f"{heading}: no kind of change"
        assert all(k in KINDS for k in kinds), (heading, kinds)
        assert kinds == sorted(kinds, key=KINDS.index), (heading, kinds)
        assert sum(line.startswith("- ") for line in lines) >= len(kinds), heading
