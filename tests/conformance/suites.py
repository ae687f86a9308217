"""Reading the pinned W3C (and serd, Oxigraph) test manifests from ``../shared/testsuites``.

Each manifest and each test input is parsed with its canonical retrieval IRI as base, as the
suites' README requires; canonical IRIs map back to local files by prefix. Manifests are read
by our own loader too, so a broken copy fails loudly instead of yielding no tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file

SUITES = Path(__file__).resolve().parents[2] / ".." / "shared" / "testsuites"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RDFT = Namespace("http://www.w3.org/ns/rdftest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

# Canonical IRI prefix -> folder under SUITES.
PREFIXES = {
    "https://w3c.github.io/rdf-tests/": "rdf-tests/",
    "https://w3c.github.io/data-shapes/data-shapes-test-suite/tests/":
        "data-shapes/data-shapes-test-suite/tests/",
    "http://drobilla.net/sw/serd/test/": "oxigraph/testsuite/serd-tests/",
    "https://github.com/oxigraph/oxigraph/tests/": "oxigraph/testsuite/oxigraph-tests/",
}

TURTLE = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl"
NTRIPLES = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/manifest.ttl"
SERD_BAD = "http://drobilla.net/sw/serd/test/bad/manifest.ttl"
OXIGRAPH_ERRORS = "https://github.com/oxigraph/oxigraph/tests/parser-error/manifest.ttl"
SPARQL_SYNTAX = "https://w3c.github.io/rdf-tests/sparql/sparql11/syntax-query/manifest.ttl"
SHACL = "https://w3c.github.io/data-shapes/data-shapes-test-suite/tests/manifest.ttl"


def available() -> bool:
    return SUITES.is_dir()


def local(iri: str) -> Path:
    """The local copy of a canonical suite IRI."""
    for prefix, folder in PREFIXES.items():
        if iri.startswith(prefix):
            return SUITES / folder / iri[len(prefix):].split("#", 1)[0]
    raise ValueError(f"no local copy for {iri}")


def read_graph(iri: str) -> Graph:
    """A suite file parsed by the strict loader, relative IRIs resolved against ``iri``."""
    return graph_from_quads(parse_file(local(iri), base_iri=iri).quads)


@dataclass(frozen=True)
class Entry:
    """One test: its name, type (local name), and the IRIs of its action and result."""

    manifest: str
    iri: str
    name: str
    kind: str
    action: str | None
    result: str | None

    @property
    def action_path(self) -> Path:
        assert self.action is not None
        return local(self.action)

    @property
    def result_path(self) -> Path:
        assert self.result is not None
        return local(self.result)


def entries(manifest: str) -> list[Entry]:
    """The entries of a manifest in list order, following ``mf:include``."""
    graph = read_graph(manifest)
    root = URIRef(manifest)
    found: list[Entry] = []
    for include in sorted(graph.objects(root, MF.include), key=str):
        found += entries(str(include))
    for head in graph.objects(root, MF.entries):
        for test in Collection(graph, head):
            kind = graph.value(test, RDF.type)
            action = graph.value(test, MF.action)
            result = graph.value(test, MF.result)
            name = graph.value(test, MF.name)
            found.append(Entry(
                manifest=manifest,
                iri=str(test),
                name=str(name) if name is not None else str(test).rsplit("#", 1)[-1].rsplit(
                    "/", 1)[-1],
                kind=str(kind).rsplit("#", 1)[-1] if kind is not None else "",
                action=str(action) if isinstance(action, URIRef) else None,
                result=str(result) if isinstance(result, URIRef) else None,
            ))
    return found


def cases(manifest: str, *kinds: str) -> list:
    """pytest parameters, one per entry of the given kinds, with readable ids.

    Without the shared folder there is one parameter that skips, saying why.
    """
    if not available():
        return [pytest.param(None, marks=pytest.mark.skip(
            reason=f"the pinned test suites are not at {SUITES}"))]
    return [pytest.param(e, id=e.name) for e in entries(manifest) if not kinds or e.kind in kinds]


def counts(manifest: str) -> dict[str, int]:
    """Entries per test type, for checking the copy against the README's counts."""
    tally: dict[str, int] = {}
    for entry in entries(manifest):
        tally[entry.kind] = tally.get(entry.kind, 0) + 1
    return tally
