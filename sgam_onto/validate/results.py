"""Validation results as plain values, read from a SHACL validation report graph.

Every result keeps the five facts that identify it (focus node, path, constraint component,
severity, source shape) plus what a person needs to act: the value, the message and the
shape's fix hint. The identifying facts form ``key``, which tests compare as data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from sgam_onto.namespace import SHAPES_NS as SGAMSH
from sgam_onto.rdf.locate import FileIndex, Location, display_path
from sgam_onto.validate.pyshacl_fixes import capped
from sgam_onto.validate.shacl_paths import Path as ShaclPath
from sgam_onto.validate.shacl_paths import read_path, write_path

if TYPE_CHECKING:
    from sgam_onto.lint.findings import Finding

FIX_HINT = URIRef(SGAMSH + "fixHint")
SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
SEVERITY_NAME = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}

ResultKey = tuple[Node, "ShaclPath | None", URIRef, URIRef, Node]


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, with what a person needs to fix it."""

    focus: Node
    path: ShaclPath | None
    component: URIRef
    severity: URIRef
    source_shape: Node
    value: Node | None = None
    message: str = ""
    hint: str = ""

    @property
    def key(self) -> ResultKey:
        """What identifies the result: focus node, path, component, severity, source shape."""
        return (self.focus, self.path, self.component, self.severity, self.source_shape)

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAME.get(self.severity, local_name(self.severity).lower())

    @property
    def predicate(self) -> URIRef | None:
        """The property the path starts with, used to find the line of the statement."""
        path = self.path
        if isinstance(path, tuple) and path[0] == "sequence" and path[1]:
            path = path[1][0]
        return path if isinstance(path, URIRef) else None


@dataclass
class ValidationOutcome:
    """The results of validating a graph, and what is needed to report them.

    A plain value: where the focus nodes are written (``index``) is read from the files by
    whoever builds the outcome (``sgam_onto.validate.pipeline``), not by the outcome itself.
    """

    results: list[ValidationResult]
    files: list[Path] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # the files under review (contributions)
    labels: dict[Node, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    lint: list[Finding] = field(default_factory=list)  # what SHACL cannot see (sgam_onto.lint)
    index: FileIndex = field(default_factory=FileIndex, repr=False, compare=False)

    def count(self, severity: URIRef) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def violations(self) -> int:
        return self.count(SH.Violation)

    @property
    def warnings(self) -> int:
        return self.count(SH.Warning)

    @property
    def infos(self) -> int:
        return self.count(SH.Info)

    @property
    def resources(self) -> int:
        return len({r.focus for r in self.results})

    def conforms(self, strict: bool = False) -> bool:
        """No violations and no lint findings; with ``strict`` no warnings either (infos
        never fail). A lint finding, such as a misspelt term, fails like a violation."""
        return self.violations == 0 and not self.lint and (not strict or self.warnings == 0)

    def summary(self) -> str:
        """``N violations, M warnings in K resources`` (and lint findings, if any)."""
        parts = [plural(self.violations, "violation"), plural(self.warnings, "warning")]
        if self.infos:
            parts.append(plural(self.infos, "info"))
        if self.lint:
            parts.append(plural(len(self.lint), "lint finding"))
        return f"{', '.join(parts)} in {plural(self.resources, 'resource')}"

    def location(self, node: Node, predicate: Node | None = None) -> Location | None:
        """Where ``node`` (or its ``predicate`` statement) is written, input files first."""
        found: list[Location] = []
        if predicate is not None:
            found = self.index.statements.get((node, predicate), [])  # type: ignore[index]
        found = found or self.index.subjects.get(node, [])  # type: ignore[arg-type]
        if not found:
            return None
        inputs = {_resolved(p) for p in self.inputs}
        preferred = [loc for loc in found if _resolved(loc.path) in inputs]
        return (preferred or found)[0]

    def report_graph(self) -> Graph:
        """The results as a standard sh:ValidationReport (sh:conforms as SHACL defines it)."""
        return report_graph(self.results, self.prefixes)


@dataclass
class Validated:
    """What an engine gives back for files it read itself: the results, the labels of their
    focus nodes, the prefixes the files declared and the number of triples validated."""

    results: list[ValidationResult]
    labels: dict[Node, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    triples: int = 0


def report_graph(
    results: Iterable[ValidationResult], prefixes: dict[str, str] | None = None
) -> Graph:
    """A sh:ValidationReport graph holding ``results``."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (prefixes or {}).items():
        graph.bind(prefix, namespace)
    results = list(results)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not results)))
    for result in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus))
        if result.path is not None:
            graph.add((node, SH.resultPath, write_path(graph, result.path)))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        graph.add((node, SH.resultSeverity, result.severity))
        graph.add((node, SH.sourceConstraintComponent, result.component))
        graph.add((node, SH.sourceShape, result.source_shape))
        if result.message:
            graph.add((node, SH.resultMessage, Literal(result.message, lang="en")))
    return graph


def read_results(report: Graph, shapes: Graph | None = None) -> list[ValidationResult]:
    """The sh:ValidationResults of a report graph; fix hints come from the shapes graph.

    Only the report's own sh:result entries count: pyshacl also writes the results of nested
    shapes (sh:node, sh:or members) as sh:detail of the result they explain.
    """
    results = []
    for node in set(report.objects(None, SH.result)):
        path_node = report.value(node, SH.resultPath)
        shape = report.value(node, SH.sourceShape)
        results.append(
            ValidationResult(
                focus=report.value(node, SH.focusNode),
                path=None if path_node is None else read_path(report, path_node),
                component=report.value(node, SH.sourceConstraintComponent),
                severity=report.value(node, SH.resultSeverity) or SH.Violation,
                source_shape=shape,
                value=report.value(node, SH.value),
                message=capped(english(report.objects(node, SH.resultMessage)),
                               report.value(node, SH.sourceConstraintComponent), shape, shapes),
                hint="" if shapes is None else english(shapes.objects(shape, FIX_HINT)),
            )
        )
    return sort_results(results)


def sort_results(results: Iterable[ValidationResult]) -> list[ValidationResult]:
    """A stable order: focus node, severity, path, shape, value."""
    return sorted(
        results,
        key=lambda r: (
            _term_key(r.focus),
            SEVERITY_ORDER.get(r.severity, 9),
            repr(r.path),
            _term_key(r.source_shape),
            str(r.component),
            _term_key(r.value),
        ),
    )


def english(literals: Iterable[Node]) -> str:
    """The English (else untagged, else any) text among ``literals``."""
    texts = [lit for lit in literals if isinstance(lit, Literal)]
    for wanted in ("en", None):
        matching = sorted(str(t) for t in texts if (t.language or None) == wanted)
        if matching:
            return matching[0]
    return sorted(str(t) for t in texts)[0] if texts else ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def local_name(node: Node) -> str:
    text = str(node)
    for separator in ("#", "/"):
        if separator in text:
            text = text.rsplit(separator, 1)[1] or text
    return text


def _resolved(path: Path) -> Path:
    return _resolved_in(path, os.getcwd())


@lru_cache(maxsize=1024)
def _resolved_in(path: Path, cwd: str) -> Path:
    """Cached: each result's location is compared with the inputs, the same few files."""
    try:
        return Path(cwd, path).resolve()
    except OSError:
        return path


def _term_key(node: Node | None) -> tuple:
    if node is None:
        return (0, "")
    if isinstance(node, URIRef):
        return (1, str(node))
    if isinstance(node, Literal):
        return (2, str(node), str(node.datatype or ""), node.language or "")
    return (3, str(node))


__all__ = [
    "FIX_HINT",
    "Location",
    "Validated",
    "ValidationOutcome",
    "ValidationResult",
    "display_path",
    "english",
    "read_results",
    "report_graph",
    "sort_results",
]
