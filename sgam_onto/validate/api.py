"""Validate the landscape, alone or with contributions, against the shapes.

``validate_files`` is what ``sgam-onto validate FILE...`` runs (the files are linted as well);
``validate_landscape`` is the
entry point for other commands (``check``) that already hold a loaded landscape. Neither
changes the graphs it is given: they are only read, and what is added to them for
validation (a contribution, the ontology) goes into a new graph.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from sgam_onto.validate.results import ValidationOutcome, ValidationResult

if TYPE_CHECKING:
    from sgam_onto.landscape import Landscape
    from sgam_onto.lint.findings import Finding


def validate_landscape(
    landscape: Landscape,
    extra_graph: Graph | None = None,
    *,
    shapes: Graph | None = None,
    inputs: Sequence[Path] = (),
) -> ValidationOutcome:
    """Validate ``landscape`` (plus ``extra_graph``, if given) against the user shapes.

    ``inputs`` are the files under review, among ``landscape.files``: their locations are
    preferred when a resource is written in several files.
    """
    from sgam_onto.landscape import label_of

    started = time.perf_counter()
    data = validate_data(landscape.graph, extra_graph)
    results = validate_graph(data, shapes=shapes)
    prefixes = dict(landscape.prefixes)
    if extra_graph is not None:
        for prefix, namespace in extra_graph.namespaces():
            prefixes.setdefault(prefix, str(namespace))
    return ValidationOutcome(
        results=results,
        files=list(landscape.files),
        inputs=list(inputs),
        labels={r.focus: label_of(data, r.focus) for r in results if isinstance(r.focus, URIRef)},
        prefixes=prefixes,
        triples=len(data),
        seconds=time.perf_counter() - started,
    )


def validate_files(
    files: Iterable[str | Path] = (),
    *,
    with_alignments: bool = False,
    shapes_from: Iterable[str | Path] | None = None,
    lint: bool = True,
    engine: str = "pyshacl",
) -> ValidationOutcome:
    """Load the landscape with ``files`` added (strict syntax gate) and validate it all with
    ``engine`` (pyshacl, the reference, or fast: ``sgam_onto.fastshacl``, the same results);
    with ``lint``, the files are linted too (``sgam_onto.lint``).

    Raises LoadError (exit code 2) when a file is missing or cannot be parsed.
    """
    from sgam_onto.landscape import load_landscape
    from sgam_onto.validate.shapes import load_shapes, shapes_files

    started = time.perf_counter()
    inputs = [Path(f) for f in files]
    shapes = load_shapes(shapes_files(shapes_from))
    if engine == "fast" and not _any_cim(inputs):
        # the files go straight into the validation store; only lint reads an rdflib graph
        from sgam_onto import paths
        from sgam_onto.fastshacl.cli import validate_files_fast

        chosen = paths.landscape_files() + (paths.alignment_files() if with_alignments else [])
        outcome = validate_files_fast(chosen + inputs, inputs=inputs, shapes=shapes)
        if lint:
            outcome.lint = lint_inputs(inputs, load_landscape(inputs, with_alignments))
        outcome.seconds = time.perf_counter() - started
        return outcome
    landscape = load_landscape(inputs, with_alignments)
    run = validate_landscape
    if engine == "fast":
        from sgam_onto.fastshacl.cli import validate_landscape_fast as run
    outcome = run(landscape, shapes=shapes, inputs=inputs)
    if lint:
        outcome.lint = lint_inputs(inputs, landscape)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _any_cim(inputs: Sequence[Path]) -> bool:
    """Whether a CIM XML model is among the inputs (read by its own reader, see ``landscape``)."""
    from sgam_onto.cim.load import is_cim_xml

    return any(is_cim_xml(path) for path in inputs)


def lint_inputs(inputs: Sequence[Path], landscape: Landscape) -> list[Finding]:
    """The lint findings of the files under review, judged against the loaded landscape."""
    from sgam_onto.lint import lint_files

    return lint_files(inputs, landscape) if inputs else []


def validate_data(graph: Graph, extra: Graph | None = None) -> Graph:
    """The graph that is validated: ``graph`` itself when it holds the ontology and nothing
    is added (it is only read), else a new graph merging ``graph``, ``extra`` and sgam.ttl."""
    from sgam_onto.validate.engine import has_ontology, merged_copy, with_ontology

    if extra is None and has_ontology(graph):
        return graph
    return with_ontology(merged_copy(graph, extra))


def validate_graph(
    data: Graph,
    *,
    shapes: Graph | None = None,
    focus_nodes: Iterable[URIRef] | None = None,
    native: bool = True,
) -> list[ValidationResult]:
    """The results of validating ``data`` (with sgam.ttl added to a copy if it lacks it).

    ``focus_nodes`` restricts the results to those nodes (constraints still see the whole
    graph). ``native=False`` runs every shape through pyshacl, the reference.
    """
    from sgam_onto.validate.engine import run_shapes
    from sgam_onto.validate.shapes import load_shapes

    return run_shapes(
        validate_data(data),
        shapes if shapes is not None else load_shapes(),
        focus_nodes=focus_nodes,
        native=native,
    )
