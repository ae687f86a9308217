"""The project's IRIs are written once, in sgam_onto/namespace.py; every module imports them.

The hash namespace may not appear anywhere else in the package, not even in prose. Other IRIs
of the project (ontology IRI, id base, shapes namespace) may be mentioned in help texts and
comments, but a string that is one of them, as a value, is built from namespace.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.architecture.imports import PACKAGE

HOME = PACKAGE / "namespace.py"
VOCABULARY = "https://w3id.org/sgam-onto#"
OWN_IRI = re.compile(r"https://w3id\.org/sgam-onto\S*")


def _text_files() -> list[Path]:
    """The package's own files: not byte code, not the data a wheel copies in (_resources)."""
    return [p for p in sorted(PACKAGE.rglob("*")) if p.is_file() and p != HOME
            and not {"__pycache__", "_resources"} & set(p.parts)]


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree)
                     if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    return {id(n.body[0].value) for n in nodes  # type: ignore[attr-defined]
            if n.body and isinstance(n.body[0], ast.Expr)  # type: ignore[attr-defined]
            and isinstance(n.body[0].value, ast.Constant)}  # type: ignore[attr-defined]


def iri_values(source: str) -> list[tuple[int, str]]:
    """String values (not docstrings) of ``source`` that are exactly an IRI of the project."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
            and OWN_IRI.fullmatch(n.value)]


def test_the_namespace_is_written_only_in_its_home() -> None:
    found = []
    for path in _text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{path.relative_to(PACKAGE.parent)}:{n}" for n, line in
                  enumerate(text.splitlines(), 1) if VOCABULARY in line]
    assert found == [], "import NS, SGAM or SPARQL_PREFIX from sgam_onto.namespace instead"


def test_no_module_holds_an_iri_of_the_project_as_a_value() -> None:
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {value}"
             for path in _text_files() if path.suffix == ".py"
             for line, value in iri_values(path.read_text(encoding="utf-8"))]
    assert found == [], "build these from sgam_onto.namespace (ONTOLOGY_IRI, BASE, ID_BASE, ...)"


def test_values_are_told_from_prose_and_docstrings() -> None:
    source = '''"""Docs name https://w3id.org/sgam-onto/id/x freely."""
A = "https://w3id.org/sgam-onto/id/"
B = "see https://w3id.org/sgam-onto/VERSION for the graph"
def f():
    """https://w3id.org/sgam-onto"""
    return "https://w3id.org/sgam-onto"
'''
    assert iri_values(source) == [(2, "https://w3id.org/sgam-onto/id/"),
                                  (6, "https://w3id.org/sgam-onto")]
