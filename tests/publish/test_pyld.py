"""PyLD, the JSON-LD processor in Python, expands every published JSON-LD document and turns it
into RDF isomorphic to the Turtle document published next to it (read by pyoxigraph)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from sgam_onto.rdf.convert import graph_from_quads

jsonld = pytest.importorskip("pyld.jsonld", reason="PyLD is in the dev extra")


def _refuse(url: str, options: object = None) -> None:
    raise AssertionError(f"a published document asked PyLD to fetch {url}")


OPTIONS = {"documentLoader": _refuse}


def _documents(site: Path) -> list[tuple[Path, Path]]:
    """Each JSON-LD document with its Turtle counterpart (the context has none: it is no data)."""
    pairs = []
    for path in sorted(site.rglob("*.jsonld")):
        if path.name == "context.jsonld":
            continue
        pairs.append((path, path.with_suffix(".ttl")))
    return pairs


def test_every_jsonld_document_is_its_turtle_for_pyld(site: Path) -> None:
    pairs = _documents(site)
    assert len(pairs) > 900
    assert site / "data" / "sgam-onto.jsonld" in dict(pairs)
    assert site / "ontology.jsonld" in dict(pairs)
    different = []
    for path, turtle in pairs:
        doc = json.loads(path.read_text(encoding="utf-8"))
        expanded = jsonld.expand(doc, OPTIONS)
        assert expanded, path
        nquads = jsonld.to_rdf(doc, {**OPTIONS, "format": "application/n-quads"})
        from_pyld = graph_from_quads(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        from_turtle = graph_from_quads(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))
        if len(from_pyld) != len(from_turtle) or not isomorphic(from_pyld, from_turtle):
            different.append(path.relative_to(site).as_posix())
    assert different == []


def test_the_context_expands_a_compact_document(site: Path) -> None:
    context = json.loads((site / "data" / "context.jsonld").read_text(encoding="utf-8"))
    doc = {**context, "@id": "body:x", "@type": "sgam:WorkingGroup", "parentBody": "body:y"}
    expanded = jsonld.expand(doc, OPTIONS)
    assert expanded == [
        {
            "@id": "https://w3id.org/sgam-onto/id/body/x",
            "@type": ["https://w3id.org/sgam-onto#WorkingGroup"],
            "https://w3id.org/sgam-onto#parentBody": [
                {"@id": "https://w3id.org/sgam-onto/id/body/y"}
            ],
        }
    ]
