"""Run the compiled shapes over the validation store and collect pyshacl-identical results.

Each shape with a target gives its jobs (``jobs``); all query text is written first, then the
jobs run on a few threads (the store evaluates a query without holding the interpreter lock).
A shape the compiler cannot handle, with every shape it uses, is validated by pyshacl instead
(``fallback="pyshacl"``) or makes validation fail (``fallback="raise"``); nothing is skipped
silently.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from sgam_onto.fastshacl.data import FastData
from sgam_onto.fastshacl.jobs import Job, ShapeJobs
from sgam_onto.fastshacl.model import ShapesGraph, Unsupported
from sgam_onto.validate.pyshacl_fixes import as_specified
from sgam_onto.validate.results import ValidationResult, sort_results


@dataclass
class FastOutcome:
    """The results, and which shapes pyshacl validated because the fast path could not."""

    results: list[ValidationResult]
    fallback: dict[Node, str] = field(default_factory=dict)  # shape -> why
    queries: int = 0
    seconds: float = 0.0


def validate(
    data: FastData,
    shapes: Graph,
    *,
    fallback: str = "pyshacl",
    focus_nodes: Iterable[Node] | None = None,
    workers: int | None = None,
) -> FastOutcome:
    """Validate ``data`` against ``shapes``; see the module docstring for ``fallback``.

    The queries are written first and then run on ``workers`` threads (the store evaluates a
    query without holding the interpreter lock); by default one per processor, at most 4."""
    if fallback not in ("pyshacl", "raise"):
        raise ValueError("fallback must be 'pyshacl' or 'raise'")
    started = time.perf_counter()
    run = ShapeJobs(ShapesGraph(as_specified(shapes)), data)
    unsupported: dict[Node, str] = {}
    jobs: list[Job] = []
    for shape in run.shapes.targeted():
        try:
            jobs += run.shape(shape)
        except Unsupported as err:
            if fallback == "raise":
                raise
            unsupported[shape.node] = str(err)
    found_by: dict[Node, list[ValidationResult]] = {}
    for job, outcome in zip(jobs, _execute(jobs, workers), strict=True):
        if isinstance(outcome, Unsupported):
            if fallback == "raise":
                raise outcome
            unsupported.setdefault(job.root, str(outcome))
        else:
            found_by.setdefault(job.root, []).extend(outcome)
    results: set[ValidationResult] = set()
    for root, found in found_by.items():
        if root not in unsupported:
            results.update(found)
    if unsupported:
        results.update(_pyshacl(data, run.shapes, unsupported))
    listed = list(results)
    if focus_nodes is not None:
        wanted = set(focus_nodes)
        listed = [r for r in listed if r.focus in wanted]
    return FastOutcome(
        sort_results(listed), unsupported, run.queries, time.perf_counter() - started
    )


def _execute(jobs: list[Job], workers: int | None
             ) -> list[list[ValidationResult] | Unsupported]:
    """The outcome of each job, in order; an Unsupported is returned, not raised."""
    def outcome(job: Job) -> list[ValidationResult] | Unsupported:
        try:
            return job.run()
        except Unsupported as err:
            return err

    count = workers or min(4, os.cpu_count() or 1)
    if count <= 1 or len(jobs) <= 1:
        return [outcome(job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda i: not jobs[i].first)
    with ThreadPoolExecutor(count) as pool:
        futures = {i: pool.submit(outcome, jobs[i]) for i in order}
        return [futures[i].result() for i in range(len(jobs))]


def _pyshacl(data: FastData, shapes: ShapesGraph, unsupported: dict[Node, str]
             ) -> list[ValidationResult]:
    """pyshacl's results for the shapes the fast path could not compile (and those they use)."""
    from sgam_onto.fastshacl.reference import pyshacl_results

    graph = shapes.graph
    keep = _reachable(graph, unsupported)
    dropped = {s.node for s in shapes.targeted()} - keep
    subset = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        subset.bind(prefix, namespace)
    subset.addN((s, p, o, subset) for s, p, o in graph if s not in dropped)
    return [r for r in pyshacl_results(data.rdflib_graph(), subset) if r.source_shape in keep]


def _reachable(graph: Graph, roots: Iterable[Node]) -> set[Node]:
    """The shapes ``roots`` use, directly or through other shapes, themselves included."""
    seen: set[Node] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for _p, obj in graph.predicate_objects(node):
            if isinstance(obj, BNode | URIRef) and not isinstance(obj, Literal):
                stack.append(obj)
    return seen



__all__ = ["FastOutcome", "Unsupported", "validate"]
