"""The fast path as an engine of ``sgam_onto.validate`` (see ``sgam_onto.validate.engines``).

It validates a data graph (copied into a store) or, without any rdflib graph, files read
straight into the validation store (``FastData.from_files``); the labels of the focus nodes
are then read from the store, as ``sgam_onto.landscape.label_of`` reads them from a graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from sgam_onto.fastshacl.data import FastData
from sgam_onto.fastshacl.run import validate
from sgam_onto.validate.results import Validated

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from sgam_onto.validate.results import ValidationResult


class Fast:
    """The shapes compiled to SPARQL over Oxigraph; pyshacl for what cannot be compiled."""

    name = "fast"

    def graph(self, data: Graph, shapes: Graph,
              focus_nodes: Iterable[Node] | None = None) -> list[ValidationResult]:
        return validate(FastData.from_graph(data), shapes, focus_nodes=focus_nodes).results

    def files(self, files: Sequence[Path], shapes: Graph,
              version: str | None = None) -> Validated | None:
        """The files go into the validation store as the landscape loader would merge them
        (local module imports folded, the version stamped)."""
        from sgam_onto import __version__
        from sgam_onto.cim.load import is_cim_xml
        from sgam_onto.stores.direct import finish

        if any(is_cim_xml(path) for path in files):  # read by its own reader, see ``landscape``
            return None
        data = FastData.from_files(files)
        data.triples += finish(data.store, version or __version__)
        results = validate(data, shapes).results
        from sgam_onto.landscape import store_labels

        focus = {r.focus for r in results if isinstance(r.focus, URIRef)}
        return Validated(results, store_labels(data.store, focus), dict(data.prefixes),
                         data.triples)
