"""What the query runner needs from a store, and the graph names loads write into."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import pyoxigraph as ox

from sgam_onto.namespace import ONTOLOGY_IRI

# Graphs written while a load is in progress; a crashed load leaves one behind, the next removes it.
STAGING_PREFIX = "urn:sgam-onto:staging:"
DEFAULT_GRAPH_NAME = "default"  # --graph default: the store's own default graph, no dataset


class StoreLike(Protocol):
    """The part of ``pyoxigraph.Store`` that running a query and labelling its rows uses."""

    def query(
        self, query: str, *, substitutions: Mapping[ox.Variable, Any] | None = None, **kwargs: Any
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterable[ox.Quad]: ...


def release_graph(version: str | None = None) -> str:
    """The named graph a release is loaded into by default: its owl:versionIRI."""
    if version is None:
        from sgam_onto import __version__ as version
    return f"{ONTOLOGY_IRI}/{version}"
