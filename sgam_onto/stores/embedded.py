"""The embedded store: pyoxigraph in memory (the landscape's ``.store``) or on disk (``--store``).

A store on disk is loaded once and queried many times. Each load replaces one named graph (by
default the release's version IRI) by building the new store beside the old one and swapping
the two, so a reader never sees half a graph and a crashed load leaves the previous store in
place. Oxigraph canonicalises some
literals ("01"^^xsd:integer is stored as "1"): what is read back from a store is for querying
and is never written back to the Turtle files.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from sgam_onto.errors import SgamError
from sgam_onto.rdf.convert import ToRdflib, to_oxigraph
from sgam_onto.stores.base import DEFAULT_GRAPH_NAME, STAGING_PREFIX


@dataclass
class GraphView:
    """A pyoxigraph Store seen through one graph: queries use it as their default graph."""

    store: ox.Store
    graph: str = DEFAULT_GRAPH_NAME

    @property
    def graph_name(self) -> ox.NamedNode | ox.DefaultGraph:
        return graph_name(self.graph)

    def query(self, query: str, **kwargs: Any) -> Any:
        kwargs.setdefault("default_graph", self.graph_name)
        return self.store.query(query, **kwargs)

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterable[ox.Quad]:
        return self.store.quads_for_pattern(
            subject, predicate, object, self.graph_name if graph_name is None else graph_name
        )


def graph_name(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    """``default`` names the store's default graph; anything else must be an absolute IRI."""
    if graph == DEFAULT_GRAPH_NAME:
        return ox.DefaultGraph()
    try:
        return ox.NamedNode(graph)
    except ValueError as err:
        raise SgamError(f"--graph {graph!r}: not a valid IRI ({err})") from None


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open (or, for writing, create) an on-disk store; errors name the directory."""
    from sgam_onto.io.swap import recover

    path = Path(path)
    recover(path)  # a load cut off between the two renames of a swap (see replace_graph)
    if read_only and not path.is_dir():
        raise SgamError(
            f"--store {path}: no store there; create it with 'sgam-onto load --store {path}'"
        )
    if not read_only and path.exists() and not path.is_dir():
        raise SgamError(f"--store {path}: exists and is not a directory")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        raise SgamError(f"--store {path}: cannot open the store ({err})") from None


def graph_to_quads(graph: Graph, target: ox.NamedNode | ox.DefaultGraph) -> Iterable[ox.Quad]:
    """The rdflib triples as pyoxigraph quads in ``target``; terms converted exactly."""
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), target)


def replace_graph(
    path: str | Path, graph: str, data: Graph | Iterable[ox.Triple | ox.Quad]
) -> int:
    """Make ``graph`` of the on-disk store at ``path`` hold exactly ``data``; returns the number
    of triples now in it. The store is created if there is none.

    A new store is built beside the old one (its other graphs copied, the data bulk-loaded) and
    put in its place whole (``sgam_onto.io.swap``): a reader opening the store sees the old or
    the new one, and a load that fails or is killed at any point leaves the old store as it
    was. Replacing the graph inside the store in one Oxigraph transaction was the other way;
    it rewrote a million triples in about six minutes where this takes seconds.
    """
    from sgam_onto.io.swap import recover, remove_siblings, replace_directory, sibling

    target = graph_name(graph)
    path = Path(path)
    with _exclusive(path):
        recover(path)
        if path.exists() and not path.is_dir():
            raise SgamError(f"--store {path}: exists and is not a directory")
        remove_siblings(path, ".loading")
        building = sibling(path, ".loading")
        try:
            store = ox.Store(str(building))
            if path.exists():
                store.bulk_extend(_kept(open_store(path, read_only=True), target))
            store.bulk_extend(_in_graph(data, target))
            store.flush()
            triples = count(store, graph)
            del store  # closes the database before its directory moves
            replace_directory(building, path)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    return triples


def _kept(old: ox.Store, replaced: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
    """The quads of every other graph (not those of an interrupted in-place load)."""
    for quad in old:
        name = quad.graph_name
        if name == replaced or (
            isinstance(name, ox.NamedNode) and name.value.startswith(STAGING_PREFIX)
        ):
            continue
        yield quad


def _in_graph(
    data: Graph | Iterable[ox.Triple | ox.Quad], target: ox.NamedNode | ox.DefaultGraph
) -> Iterable[ox.Quad]:
    if isinstance(data, Graph):
        return graph_to_quads(data, target)
    return (ox.Quad(t.subject, t.predicate, t.object, target) for t in data)


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """One load at a time per folder of stores, so two loads cannot undo each other."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def count(store: ox.Store, graph: str) -> int:
    """Triples in one graph of the store."""
    result = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph_name(graph)
    )
    return int(next(iter(result))["n"].value)


def has_graph(store: ox.Store, graph: str) -> bool:
    target = graph_name(graph)
    return isinstance(target, ox.DefaultGraph) or store.contains_named_graph(target)


def read_graph(store: ox.Store, graph: str) -> Graph:
    """One graph of the store as an rdflib Graph, for comparison and export only.

    The store has canonicalised some literals, so this is not the files as parsed and must never
    be written back over them.
    """
    convert = ToRdflib()
    out = Graph(bind_namespaces="none")
    for quad in store.quads_for_pattern(None, None, None, graph_name(graph)):
        out.add((convert.term(quad.subject), convert.term(quad.predicate),
                 convert.term(quad.object)))
    return out

