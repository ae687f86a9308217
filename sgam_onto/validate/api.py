"""The one way into validation: ``validate`` runs an engine, lint, and places the findings.

Three sources of findings meet in one ValidationOutcome: the SHACL results of an engine
(``engines``: pyshacl, the reference, or the fast path, with the same results), and the lint of
the files under review (``sgam_onto.lint``; for large inputs in a child process beside
the engine, ``lint_beside``). Where each focus node is written is read from the
Turtle files here, once the results are known, so the outcome is a plain value.

``validate_files`` is what ``sgam-onto validate FILE...`` runs (the files are linted as well);
``validate_landscape`` is the entry for commands (``check``) that already hold a loaded
landscape; ``validate_graph`` gives the results of a data graph alone. None changes the graphs
it is given: they are only read, and what is added to them for validation (a contribution,
the ontology) goes into a new graph.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.term import Node

from sgam_onto.rdf.locate import index_files
from sgam_onto.validate.engines import engine as engine_named
from sgam_onto.validate.lint_beside import linting
from sgam_onto.validate.results import ValidationOutcome, ValidationResult

if TYPE_CHECKING:
    from sgam_onto.landscape import Landscape


def validate(
    files: Iterable[str | Path] = (),
    *,
    landscape: Landscape | None = None,
    extra_graph: Graph | None = None,
    engine: str = "pyshacl",
    shapes: Graph | None = None,
    with_alignments: bool = False,
    lint: bool = False,
    locate: bool = True,
    landscape_files: Sequence[Path] | None = None,
) -> ValidationOutcome:
    """Validate the landscape with ``files`` added (loaded here, strict syntax gate) or an
    already loaded ``landscape`` (whose ``files`` are among its files), plus ``extra_graph``.

    ``landscape_files`` replaces the landscape's own files (``paths``) when a caller has
    already chosen them, as ``check`` has.

    With ``lint`` the files are linted too; with ``locate`` the Turtle files are read for
    where each focus node is written (a report that names no lines does without). Raises
    LoadError (exit code 2) when a file is missing or cannot be parsed.
    """
    from sgam_onto.landscape import load_landscape

    started = time.perf_counter()
    inputs = [Path(f) for f in files]
    shapes = shapes if shapes is not None else _default_shapes()
    runner = engine_named(engine)
    outcome = None
    # lint reads the inputs itself: the landscape it compares them with need not hold them
    with linting(inputs if lint else [], lambda: landscape or load_landscape(
            (), with_alignments, files=landscape_files)) as lint_findings:
        if landscape is None and extra_graph is None:
            from sgam_onto import paths

            chosen = list(landscape_files) if landscape_files is not None else (
                paths.landscape_files() + (paths.alignment_files() if with_alignments else []))
            done = runner.files(chosen + inputs, shapes)
            if done is not None:  # read straight into the engine: only lint needs the landscape
                outcome = ValidationOutcome(done.results, files=chosen + inputs, inputs=inputs,
                                            labels=done.labels, prefixes=done.prefixes,
                                            triples=done.triples)
        if outcome is None:
            landscape = landscape or load_landscape(inputs, with_alignments,
                                                    files=landscape_files)
            outcome = _validate_loaded(runner.graph, landscape, extra_graph, shapes, inputs)
        if locate and outcome.results:  # while a lint child may still be at work
            outcome.index = index_files(outcome.files, {r.focus for r in outcome.results})
        if lint and inputs:
            outcome.lint = lint_findings()
    outcome.seconds = time.perf_counter() - started
    return outcome


def validate_files(
    files: Iterable[str | Path] = (),
    *,
    with_alignments: bool = False,
    shapes_from: Iterable[str | Path] | None = None,
    lint: bool = True,
    engine: str = "pyshacl",
    locate: bool = True,
) -> ValidationOutcome:
    """``validate`` of the landscape with ``files`` added, against the shapes in
    ``shapes_from`` (default ``shapes/``); the files are linted unless ``lint`` is false."""
    from sgam_onto.validate.shapes import load_shapes, shapes_files

    return validate(files, shapes=load_shapes(shapes_files(shapes_from)), engine=engine,
                    with_alignments=with_alignments, lint=lint, locate=locate)


def validate_landscape(
    landscape: Landscape,
    extra_graph: Graph | None = None,
    *,
    shapes: Graph | None = None,
    inputs: Sequence[Path] = (),
    engine: str = "pyshacl",
) -> ValidationOutcome:
    """``validate`` of a loaded ``landscape`` (plus ``extra_graph``, if given).

    ``inputs`` are the files under review, among ``landscape.files``: their locations are
    preferred when a resource is written in several files.
    """
    return validate(inputs, landscape=landscape, extra_graph=extra_graph, shapes=shapes,
                    engine=engine)


def validate_graph(
    data: Graph,
    *,
    shapes: Graph | None = None,
    focus_nodes: Iterable[URIRef] | None = None,
    engine: str = "pyshacl",
) -> list[ValidationResult]:
    """The results of validating ``data`` (with sgam.ttl added to a copy if it lacks it).

    ``focus_nodes`` restricts the results to those nodes (constraints still see the whole
    graph).
    """
    return engine_named(engine).graph(
        validate_data(data), shapes if shapes is not None else _default_shapes(),
        focus_nodes=focus_nodes,
    )


def validate_data(graph: Graph, extra: Graph | None = None) -> Graph:
    """The graph that is validated: ``graph`` itself when it holds the ontology and nothing
    is added (it is only read), else a new graph merging ``graph``, ``extra`` and sgam.ttl."""
    from sgam_onto.validate.engine import has_ontology, merged_copy, with_ontology

    if extra is None and has_ontology(graph):
        return graph
    return with_ontology(merged_copy(graph, extra))


def _validate_loaded(
    check: Callable[[Graph, Graph], list[ValidationResult]], landscape: Landscape,
    extra_graph: Graph | None, shapes: Graph, inputs: Sequence[Path],
) -> ValidationOutcome:
    """The outcome of ``check`` (an engine's ``graph``) on a loaded landscape."""
    from sgam_onto.landscape import label_of

    data = validate_data(landscape.graph, extra_graph)
    results = check(data, shapes)
    prefixes = dict(landscape.prefixes)
    if extra_graph is not None:
        for prefix, namespace in extra_graph.namespaces():
            prefixes.setdefault(prefix, str(namespace))
    labels: dict[Node, str] = {
        r.focus: label_of(data, r.focus) for r in results if isinstance(r.focus, URIRef)
    }
    return ValidationOutcome(results, files=list(landscape.files), inputs=list(inputs),
                             labels=labels, prefixes=prefixes, triples=len(data))


def _default_shapes() -> Graph:
    from sgam_onto.validate.shapes import load_shapes

    return load_shapes()
