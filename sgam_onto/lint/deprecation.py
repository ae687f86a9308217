"""Use of deprecated resources: a statement that still points to a resource (or term) marked
``owl:deprecated true`` is reported with what ``dcterms:isReplacedBy`` names instead.

Deprecation is data: nothing is deleted, so the old IRI keeps resolving, and the lint tells a
contributor where to move. The deprecated resource's own statements and the statements that
record the history (deprecation, replacement, succession) are not uses.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL

from sgam_onto.lint.vocab import SGAM
from sgam_onto.rdf.convert import OxTerm as Term
from sgam_onto.rdf.convert import ToRdflib

RULE = "deprecated-use"
DEPRECATED = str(OWL.deprecated)
REPLACED_BY = str(DCTERMS.isReplacedBy)
HISTORY = frozenset({DEPRECATED, REPLACED_BY, str(DCTERMS.replaces), SGAM + "succeededBy"})


class Deprecations:
    """Deprecation flags and replacements, gathered file by file.

    A replacement counts for a resource flagged in the same file or in one read before it,
    in the order inputs first, then the landscape (``ordered`` says where a file stands).
    """

    def __init__(self) -> None:
        self._files: list[tuple[int, set[str], list[tuple[str, str]]]] = []

    def start(self, order: int) -> None:
        self._files.append((order, set(), []))

    def add(self, subject: str, predicate: str, value: Term) -> None:
        """Note one statement with an IRI subject and one of the two history predicates."""
        _, flags, replacements = self._files[-1]
        if predicate == DEPRECATED:
            if isinstance(value, ox.Literal) and ToRdflib().term(value).toPython() is True:
                flags.add(subject)
        elif isinstance(value, ox.NamedNode):
            replacements.append((subject, value.value))

    def resources(self) -> dict[str, tuple[str, ...]]:
        """Every IRI marked deprecated, with its replacements (sorted, maybe none)."""
        found: dict[str, set[str]] = {}
        for _, flags, replacements in sorted(self._files, key=lambda file: file[0]):
            for node in flags:
                found.setdefault(node, set())
            for node, successor in replacements:
                if node in found:
                    found[node].add(successor)
        return {iri: tuple(sorted(by)) for iri, by in found.items()}
