"""The embedded store: pyoxigraph in memory (the landscape's ``.store``) or on disk (``--store``).

A store on disk is loaded once and queried many times. Each load replaces one named graph (by
default the release's version IRI) in a single Oxigraph update, so a reader never sees half a
graph and a crashed load leaves the previous graph in place. Oxigraph canonicalises some
literals ("01"^^xsd:integer is stored as "1"): what is read back from a store is for querying
and is never written back to the Turtle files.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
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
    path = Path(path)
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
    store: ox.Store, graph: str, data: Graph | Iterable[ox.Triple | ox.Quad]
) -> int:
    """Make ``graph`` hold exactly ``data``; returns the number of triples now in it.

    The data is bulk-loaded into a fresh staging graph, then one update moves it over the
    target: the swap is a single transaction. Staging graphs left by a crashed load are dropped.
    """
    target = graph_name(graph)
    drop_staging_graphs(store)
    staging = ox.NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}")
    try:
        store.add_graph(staging)
        if isinstance(data, Graph):
            store.bulk_extend(graph_to_quads(data, staging))
        else:
            store.bulk_extend(
                ox.Quad(t.subject, t.predicate, t.object, staging) for t in data
            )
        dest = "DEFAULT" if isinstance(target, ox.DefaultGraph) else str(target)
        store.update(f"MOVE {staging} TO {dest}")
    except BaseException:
        store.remove_graph(staging)
        raise
    store.flush()
    return count(store, graph)


def drop_staging_graphs(store: ox.Store) -> None:
    for name in list(store.named_graphs()):
        if isinstance(name, ox.NamedNode) and name.value.startswith(STAGING_PREFIX):
            store.remove_graph(name)


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

