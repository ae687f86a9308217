"""What ``sgam-onto validate --engine fast`` and ``check`` run: the same outcome as pyshacl's.

A loaded landscape (with the files under review) is validated by the fast path and returned
as a ValidationOutcome, so the report formats, exit codes and FILE:LINE locations are those of
``sgam_onto.validate`` (``validate_files(..., engine="fast")`` loads the files and calls it).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDFS

from sgam_onto.validate.results import ValidationOutcome

if TYPE_CHECKING:
    from rdflib import Graph

    from sgam_onto.landscape import Landscape


def validate_landscape_fast(
    landscape: Landscape, *, shapes: Graph | None = None, inputs: Sequence[Path] = ()
) -> ValidationOutcome:
    """Like ``sgam_onto.validate.validate_landscape``, on the fast path."""
    from sgam_onto.fastshacl import FastData, validate
    from sgam_onto.landscape import label_of
    from sgam_onto.validate.shapes import load_shapes

    started = time.perf_counter()
    graph = landscape.graph
    outcome = validate(FastData.from_graph(graph), shapes if shapes is not None else load_shapes())
    return ValidationOutcome(
        results=outcome.results,
        files=list(landscape.files),
        inputs=list(inputs),
        labels={r.focus: label_of(graph, r.focus) for r in outcome.results
                if isinstance(r.focus, URIRef)},
        prefixes=dict(landscape.prefixes),
        triples=len(graph),
        seconds=time.perf_counter() - started,
    )


def validate_files_fast(
    files: Sequence[Path], *, inputs: Sequence[Path] = (), shapes: Graph | None = None,
    version: str | None = None,
) -> ValidationOutcome:
    """``files`` (the landscape's and the inputs) validated on the fast path without an rdflib
    graph: they go straight into the validation store (``FastData.from_files``), and the
    labels of the focus nodes are read from it."""
    from sgam_onto import __version__
    from sgam_onto.fastshacl import FastData, validate
    from sgam_onto.stores.direct import finish
    from sgam_onto.validate.shapes import load_shapes

    started = time.perf_counter()
    data = FastData.from_files(files)
    data.triples += finish(data.store, version or __version__)
    outcome = validate(data, shapes if shapes is not None else load_shapes())
    focus = {r.focus for r in outcome.results if isinstance(r.focus, URIRef)}
    return ValidationOutcome(
        results=outcome.results,
        files=list(files),
        inputs=list(inputs),
        labels=store_labels(data.store, focus),
        prefixes=dict(data.prefixes),
        triples=data.triples,
        seconds=time.perf_counter() - started,
    )


def store_labels(store: ox.Store, nodes: Iterable[URIRef]) -> dict[URIRef, str]:
    """``sgam_onto.landscape.label_of`` for each node, read from a store: an English label,
    else an untagged one, else any (the smallest of each kind), else the local name."""
    from sgam_onto.landscape import local_name

    label = ox.NamedNode(str(RDFS.label))
    found = {}
    for node in nodes:
        texts = [q.object for q in store.quads_for_pattern(ox.NamedNode(str(node)), label, None)
                 if isinstance(q.object, ox.Literal)]
        for wanted in ("en", None):
            matching = sorted(t.value for t in texts if t.language == wanted)
            if matching:
                found[node] = matching[0]
                break
        else:
            found[node] = min(t.value for t in texts) if texts else local_name(node)
    return found
