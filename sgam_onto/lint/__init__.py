"""Lint of RDF files beyond SHACL: spellings, schemes, hidden characters, datatypes,
undeclared terms and contributions that reach into the project's own vocabulary.

``lint_files(paths, landscape)`` returns the findings for the given files (each parsed by the
strict syntax gate; a file that cannot be parsed raises LoadError), judged against the loaded
landscape: its declarations say which project terms exist, its IRIs which spellings are taken.
``validate`` can add the findings to its report; ``sgam-onto lint`` prints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from sgam_onto.lint.findings import Finding
from sgam_onto.lint.rules import RULES

if TYPE_CHECKING:
    from rdflib import Graph

    from sgam_onto.landscape import Landscape


def lint_files(paths: Iterable[str | Path], landscape: Landscape | None) -> list[Finding]:
    """Findings for ``paths`` (sorted by file, line, rule); ``landscape`` may include them."""
    from rdflib import URIRef

    from sgam_onto.lint.rules import FileContext, iri_key, near_key, recorded_variants, run_rules
    from sgam_onto.lint.spelling import tag_case_clashes
    from sgam_onto.lint.vocab import Vocabulary
    from sgam_onto.rdf.convert import graph_from_quads
    from sgam_onto.rdf.locate import Locator
    from sgam_onto.rdf.parse import parse_file

    files = [Path(p) for p in paths]
    parsed = {path: parse_file(path) for path in files}
    graphs = {path: graph_from_quads(p.quads) for path, p in parsed.items()}
    vocabulary = Vocabulary()
    keys: dict[str, set[str]] = {}
    near: dict[str, set[str]] = {}

    def note(graph: Graph) -> None:
        vocabulary.add_graph(graph)
        for triple in graph:
            for term in triple:
                if isinstance(term, URIRef):
                    keys.setdefault(iri_key(str(term)), set()).add(str(term))
                    near.setdefault(near_key(str(term)), set()).add(str(term))

    project = _project_files(landscape)
    schema_terms: set[str] = set()
    project_declared: set[str] = set()
    if landscape is not None:  # what the project declares: the landscape minus contributions
        note(landscape.graph)
        theirs = Vocabulary()
        for path, graph in graphs.items():
            if _resolved(path) not in project:
                theirs.add_graph(graph)
        ours = vocabulary.classes | vocabulary.properties | vocabulary.datatypes
        schema_terms = {str(t) for t in ours - theirs.declared}
        project_declared = {str(t) for t in vocabulary.declared - theirs.declared}
    for graph in graphs.values():
        note(graph)
    variants = set().union(*(recorded_variants(g) for g in graphs.values()))
    if landscape is not None:
        variants |= recorded_variants(landscape.graph)
    from sgam_onto.lint.deprecation import deprecated_resources, deprecated_uses

    deprecated = deprecated_resources(
        [*graphs.values(), *([landscape.graph] if landscape is not None else [])])
    texts = {path: _text(path) for path in files}
    findings = [Finding(path, line, "lang-tag-case", message)
                for path, line, message in tag_case_clashes(texts.items())]
    for path in files:
        prefixes = parsed[path].prefixes
        ctx = FileContext(path, graphs[path], vocabulary, keys,
                          contribution=_resolved(path) not in project, prefixes=prefixes,
                          schema_terms=schema_terms, variants=variants,
                          project_declared=project_declared, near_keys=near,
                          deprecated=deprecated)
        locator = Locator(path, texts[path], prefixes)
        seen: set[tuple[int, str, str]] = set()
        for term, subject, predicate, rule, message in chain(run_rules(ctx),
                                                             deprecated_uses(ctx)):
            line = locator.line(term, subject, predicate)
            if (line, rule, message) not in seen:
                seen.add((line, rule, message))
                findings.append(Finding(path, line, rule, message))
    return sorted(findings)


def _project_files(landscape: Landscape | None) -> set[Path]:
    """The project's own files: everything under ontology/ and shapes/, and what was loaded."""
    from sgam_onto import paths

    own: set[Path] = set()
    for root in (paths.ontology_dir(), paths.shapes_dir()):
        if root.is_dir():
            own.update(_resolved(p) for p in root.rglob("*") if p.is_file())
    if landscape is not None:
        own.update(_resolved(p) for p in landscape.files if _inside_project(p))
    return own


def _inside_project(path: Path) -> bool:
    from sgam_onto import paths

    resolved = _resolved(path)
    return any(resolved.is_relative_to(_resolved(root))
               for root in (paths.ontology_dir(), paths.shapes_dir()))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig", "replace")
    except OSError:
        return ""


__all__ = ["RULES", "Finding", "lint_files"]
