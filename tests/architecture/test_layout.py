"""The tests mirror the package: one folder of tests per package folder, and the other folders
of tests/ are the few that cut across it, each named here with what it holds."""

from __future__ import annotations

from tests.architecture.imports import PACKAGE, ROOT

TESTS = ROOT / "tests"
ACROSS = {
    "architecture": "rules of the code's shape (this folder)",
    "benchmarks": "the benchmark scripts of benchmarks/",
    "browser": "the published pages in a real Chromium",
    "conformance": "W3C test suites against the parsers and validators",
    "contributing": "CONTRIBUTING.md, examples/ and the contributor hooks, as written",
    "data": "the data folders: ontology/, shapes/, the alignments and the stored queries",
    "fixtures": "small committed input files",
    "fuzz": "property tests over generated input",
    "golden": "expected results of the catalogue queries",
    "hardening": "hostile and broken input across commands",
}


def _folders(root) -> set[str]:
    return {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}


def test_every_package_folder_has_its_tests_folder() -> None:
    assert sorted(_folders(PACKAGE) - _folders(TESTS)) == []


def test_every_tests_folder_is_a_package_folder_or_says_what_it_crosses() -> None:
    assert sorted(_folders(TESTS) - _folders(PACKAGE) - set(ACROSS)) == []
    assert sorted(set(ACROSS) - _folders(TESTS)) == []
