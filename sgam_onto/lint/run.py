"""``lint_files``: two streaming passes over the files, then lines for the few findings.

The first pass (``survey``) reads the landscape and every input to learn what exists; the
second (``rules``) reads the inputs again and judges each statement; then the spellings of
the keys the first pass marked decide the clashes. Time is linear in the statements; memory
holds the key tables, the vocabulary and the hits, not the statements. Only a file with
findings is read as text, to give them lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sgam_onto.lint.findings import Finding
from sgam_onto.lint.keys import slots_for
from sgam_onto.lint.messages import Groups, Naming
from sgam_onto.lint.rules import FileRules, Hit
from sgam_onto.lint.source import Source, Stamp, text_blocks
from sgam_onto.lint.spelling import tag_case_clashes
from sgam_onto.lint.survey import Survey, graph_quads

if TYPE_CHECKING:
    from sgam_onto.landscape import Landscape


def lint_files(paths: Iterable[str | Path], landscape: Landscape | None, *,
               tags: bool = True, checked: Mapping[Path, Stamp | None] | None = None
               ) -> list[Finding]:
    """Findings for ``paths`` (sorted by file, line, rule), judged against ``landscape`` (it
    may or may not include the files; a file that cannot be parsed raises LoadError).
    Without ``tags``, the findings of ``tag_findings`` are left out. ``checked`` gives the
    stamps of files the caller parses strictly itself (see ``Source``)."""
    checked = checked or {}
    sources = [Source(Path(p), checked.get(Path(p))) for p in paths]
    project = _project_files(landscape)
    contribution = [_resolved(s.path) not in project for s in sources]
    survey = Survey(slots_for(sum(s.size() for s in sources)))
    landscape_quads = [] if landscape is None else list(graph_quads(landscape.graph))
    if landscape is not None:
        survey.read(landscape_quads, len(sources), landscape=True)
    for order, source in enumerate(sources):
        survey.read(source.quads(), order, contribution=contribution[order])
    survey.finish()
    groups = Groups(survey)
    passes = []
    for source, theirs in zip(sources, contribution, strict=True):
        rules = FileRules(survey, Naming(survey, source.prefixes), theirs)
        rules.read(source.quads(), groups)
        passes.append(rules)
    groups.read(landscape_quads)
    findings = tag_findings(s.path for s in sources) if tags else []
    for source, rules in zip(sources, passes, strict=True):
        findings += _located(source, rules.finish(groups))
    return sorted(findings)


def tag_findings(paths: Iterable[Path]) -> list[Finding]:
    """The language tags spelt in two cases: read from the text alone, not the statements."""
    return [Finding(path, line, "lang-tag-case", message) for path, line, message
            in tag_case_clashes((path, text_blocks(path)) for path in paths)]


def _located(source: Source, hits: list[Hit]) -> list[Finding]:
    """The hits of one file as findings with lines (one per line, rule and message)."""
    if not hits:
        return []
    from sgam_onto.rdf.convert import ToRdflib
    from sgam_onto.rdf.locate import Locator

    rdflib = ToRdflib().term
    placed = [(rdflib(term), rdflib(subject), None if predicate is None else rdflib(predicate),
               rule, message) for term, subject, predicate, rule, message in hits]
    locator = Locator(source.path, _text(source.path), source.prefixes,
                      subjects={subject for _, subject, _, _, _ in placed})
    lines = {(locator.line(term, subject, predicate), rule, message)
             for term, subject, predicate, rule, message in placed}
    return [Finding(source.path, line, rule, message) for line, rule, message in lines]


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
