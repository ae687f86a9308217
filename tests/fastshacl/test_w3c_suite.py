"""The fast path against pyshacl on the W3C SHACL test suite (core and SPARQL).

Every test case is validated by both; where the fast path compiles the shapes, both must give
the same results. The cases it leaves to pyshacl are listed in UNSUPPORTED, with the reason
the compiler gives, so that the list cannot grow unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import Namespace

from sgam_onto.errors import SgamError
from sgam_onto.fastshacl import FastData, Unsupported, validate
from sgam_onto.fastshacl.reference import pyshacl_results
from tests.fastshacl.compare import SHARED, both, keys, read_graph

SUITE = SHARED / "testsuites" / "data-shapes" / "data-shapes-test-suite" / "tests"
BASE = "https://w3c.github.io/data-shapes/data-shapes-test-suite/tests/"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

# case -> words of the reason the fast path gives for leaving it to pyshacl
UNSUPPORTED: dict[str, str] = {
    "core/property/lessThan-001.ttl": "sh:lessThan",
    "core/property/lessThan-002.ttl": "sh:lessThan",
    "core/property/lessThanOrEquals-001.ttl": "sh:lessThan",
    "sparql/component/nodeValidator-001.ttl": "requiredParam is not supported",
    "sparql/component/optional-001.ttl": "optionalParam is not supported",
    "sparql/component/propertyValidator-select-001.ttl": "lang is not supported",
    "sparql/component/validator-001.ttl": "is not supported",
    "sparql/pre-binding/pre-binding-007.ttl": "nested SELECT",
    "sparql/pre-binding/shapesGraph-001.ttl": "shapesGraph",
    "sparql/pre-binding/unsupported-sparql-006.ttl": "lang is not supported",
}


def _cases() -> list[Path]:
    if not SUITE.is_dir():
        return []
    found = []
    for path in sorted(SUITE.rglob("*.ttl")):
        if path.name == "manifest.ttl":
            continue
        if "sht:Validate" in path.read_text(encoding="utf-8"):
            found.append(path)
    return found


def _name(path: Path) -> str:
    return path.relative_to(SUITE).as_posix()


def _graphs(path: Path) -> tuple[Graph, Graph]:
    manifest = read_graph(path, BASE + _name(path))
    action = next(manifest.objects(None, MF.action))
    graphs = []
    for which in (SHT.dataGraph, SHT.shapesGraph):
        iri = manifest.value(action, which)
        local = SUITE / str(iri)[len(BASE):] if isinstance(iri, URIRef) else path
        graphs.append(manifest if local == path else read_graph(local, str(iri)))
    return graphs[0], graphs[1]


pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"{SUITE} is absent")


def _expected(path: Path) -> object:
    manifest = read_graph(path, BASE + _name(path))
    return next(manifest.objects(None, MF.result))


@pytest.mark.parametrize("path", _cases(), ids=_name)
def test_same_results_as_pyshacl(path: Path) -> None:
    data, shapes = _graphs(path)
    name = _name(path)
    report = _expected(path)
    if report == SHT.Failure:  # shapes SHACL forbids: both validators must refuse them
        with pytest.raises(Unsupported):
            validate(FastData.from_graph(data), shapes, fallback="raise")
        with pytest.raises(SgamError):
            validate(FastData.from_graph(data), shapes, fallback="pyshacl")
        return
    if name in UNSUPPORTED:
        with pytest.raises(Unsupported, match=UNSUPPORTED[name]):
            validate(FastData.from_graph(data), shapes, fallback="raise")
        try:
            reference = keys(pyshacl_results(data, shapes))
        except SgamError as err:  # pyshacl cannot run it either: the fallback says so
            assert "does not support" in str(err)
            with pytest.raises(SgamError, match="does not support"):
                validate(FastData.from_graph(data), shapes, fallback="pyshacl")
            return
        fast = keys(validate(FastData.from_graph(data), shapes, fallback="pyshacl").results)
    else:
        fast, reference = both(data, shapes)
    assert fast == reference


def test_the_suite_is_there() -> None:
    assert len(_cases()) >= 110


def _sparql_cases() -> list[Path]:
    return [p for p in _cases() if _name(p).startswith("sparql/") and _name(p) not in UNSUPPORTED
            and _expected(p) != SHT.Failure]


@pytest.mark.parametrize("path", _sparql_cases(), ids=_name)
def test_sparql_constraints_run_once_for_all_nodes_as_pyshacl_per_node(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's pre-binding cases are where one query for all focus nodes would go wrong."""
    from sgam_onto.fastshacl import jobs

    monkeypatch.setattr(jobs, "PER_NODE_AT_MOST", 0)
    data, shapes = _graphs(path)
    fast, reference = both(data, shapes)
    assert fast == reference
