"""Helpers for the differential tests: both validators on the same graphs, results as sets."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from sgam_onto.fastshacl import FastData, validate
from sgam_onto.fastshacl.reference import pyshacl_results
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.validate.results import ValidationResult

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"


def keys(results: list[ValidationResult]) -> set[tuple]:
    """(focus, path, component, severity, source shape, value) of each result."""
    return {(*r.key, r.value) for r in results}


def both(data: Graph, shapes: Graph, *, fallback: str = "raise") -> tuple[set, set]:
    """(fast path results, pyshacl results) for ``data`` against ``shapes``."""
    fast = validate(FastData.from_graph(data), shapes, fallback=fallback).results
    return keys(fast), keys(pyshacl_results(data, shapes))


def read_graph(path: Path, base: str | None = None) -> Graph:
    """A file read through Oxigraph's parser, as the project reads files."""
    fmt = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.N_TRIPLES
    return graph_from_quads(ox.parse(path=str(path), format=fmt, base_iri=base))
