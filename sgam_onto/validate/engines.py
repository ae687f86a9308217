"""The two SHACL engines behind ``sgam_onto.validate``, and the small interface they share.

pyshacl is the reference; the fast path (``sgam_onto.fastshacl``: the shapes compiled to
SPARQL over Oxigraph) gives the same results, which the differential tests prove. Both take a
data graph; the fast one can also read files straight into its store, without an rdflib graph
(``files`` gives None when an engine needs the graph). Heavy engines are imported only when a
validation runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from rdflib import Graph
from rdflib.term import Node

from sgam_onto.validate.results import Validated, ValidationResult


class Engine(Protocol):
    """A SHACL validator as ``sgam_onto.validate`` uses it."""

    name: str

    def graph(self, data: Graph, shapes: Graph,
              focus_nodes: Iterable[Node] | None = None) -> list[ValidationResult]:
        """The results of ``data`` (holding the ontology; only read) against ``shapes``,
        sorted; with ``focus_nodes`` only those of these nodes."""
        ...

    def files(self, files: Sequence[Path], shapes: Graph) -> Validated | None:
        """The files (the landscape's and the inputs) validated as read, or None when the
        engine needs them loaded into a graph first."""
        ...


class Pyshacl:
    """pyshacl, the reference validator (``sgam_onto.validate.engine``)."""

    name = "pyshacl"

    def graph(self, data: Graph, shapes: Graph,
              focus_nodes: Iterable[Node] | None = None) -> list[ValidationResult]:
        from sgam_onto.validate.engine import run_shapes

        return run_shapes(data, shapes, focus_nodes=focus_nodes)

    def files(self, files: Sequence[Path], shapes: Graph) -> Validated | None:
        return None


NAMES = ("pyshacl", "fast")


def engine(name: str) -> Engine:
    """The engine called ``name`` (one of ``NAMES``)."""
    if name == "pyshacl":
        return Pyshacl()
    if name == "fast":
        from sgam_onto.fastshacl.backend import Fast

        return Fast()
    raise ValueError(f"unknown SHACL engine {name!r}: use one of {', '.join(NAMES)}")
