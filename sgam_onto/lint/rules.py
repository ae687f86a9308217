"""The lint rules: mistakes SHACL does not see, because a shape only looks where it targets.

The rules run in the second pass over one input file (``FileRules``), statement by statement,
against what the first pass (``survey.Survey``) learnt of all the files. A hit is
``(term, subject, predicate, rule, message)``; ``lint_files`` gives it a line. The rules:

iri-case-clash        an IRI equal to another but for letter case or a trailing slash (two
                      classes or properties the project's own files declare may differ so, and
                      so may a spelling the landscape records with sgam:variantTerm)
iri-near-duplicate    an IRI equal to another but for http/https, "www.", a default port or a
                      trailing "#" (two spellings of one resource that never meet)
lang-tag-case         a language tag written in two cases in the inputs (read from the text:
                      the parser folds case and merges the literals)
iri-scheme            an IRI whose scheme is not http(s), or an http(s) IRI without a host
text-not-nfc          a string not in Unicode NFC (looks the same, compares different)
text-hidden-character invisible, control or bidi characters in a string or IRI
datatype-unknown      a datatype that is neither built in nor declared (rdfs:Datatype)
literal-ill-typed     a lexical form outside its datatype's lexical space
undeclared-term       a class or property of a known vocabulary that it does not define
redefines-project-term  a contribution stating facts about the project's terms or shapes
deprecated-use        a statement pointing to a deprecated resource (``deprecation``)

A rule that names a term once reports it in the file's first statement that shows it, in
the order of sorted statements (IRIs, then literals, then blank nodes, by their text), the
order an rdflib graph of the file sorts into; per-statement rules report every statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from sgam_onto.lint.deprecation import HISTORY
from sgam_onto.lint.deprecation import RULE as DEPRECATED_USE
from sgam_onto.lint.keys import iri_key, near_key
from sgam_onto.lint.messages import Groups, Naming, quote
from sgam_onto.lint.survey import CACHE, PLAIN_TYPES, Survey, Term, iris
from sgam_onto.lint.text import ASCII_CONTROL, describe, hidden_characters, not_nfc
from sgam_onto.lint.vocab import ONTOLOGY, SGAM, SGAMSH
from sgam_onto.lint.xsd import problem

Hit = tuple[Term, Term | None, ox.NamedNode | None, str, str]
Rank = tuple[tuple[int, str], tuple[int, str], tuple[int, str]]

RULES: dict[str, str] = {
    "iri-case-clash": "IRIs that differ only by case or a trailing slash",
    "iri-near-duplicate": "IRIs that differ only by http/https, www., a default port or a "
    "trailing #",
    "lang-tag-case": "language tags written in two cases",
    "iri-scheme": "IRIs that are not absolute http(s) IRIs with a host",
    "text-not-nfc": "strings not in Unicode NFC",
    "text-hidden-character": "invisible, control or bidi characters in strings and IRIs",
    "datatype-unknown": "datatypes neither built in nor declared",
    "literal-ill-typed": "lexical forms outside their datatype's lexical space",
    "undeclared-term": "classes and properties their vocabulary does not define",
    "redefines-project-term": "contributions stating facts about the project's terms or shapes",
    "deprecated-use": "statements pointing to a deprecated resource, with its replacement",
}

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
__all__ = ["RULES", "FileRules", "Hit", "iri_key", "near_key"]


def rank(quad: ox.Quad) -> Rank:
    """Where a statement stands among the file's statements sorted as rdflib terms."""
    return (_rank(quad.subject), _rank(quad.predicate), _rank(quad.object))


def _rank(term: Term) -> tuple[int, str]:
    kind = 0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.Literal) else 2
    return (kind, term.value)


class FileRules:
    """The second pass over one file: every rule, statement by statement. What a rule reports
    once per term waits in ``first`` (a term's first statement, few terms) until the spellings
    of all files are collected (``Groups``); the rest is a hit at once."""

    def __init__(self, survey: Survey, naming: Naming, contribution: bool) -> None:
        self.survey = survey
        self.naming = naming
        self.contribution = contribution
        self.hits: list[Hit] = []
        self.first: dict[str, tuple[Rank, int, Term, ox.NamedNode | None]] = {}
        self.undeclared: dict[str, tuple[Rank, int, str, Term, ox.NamedNode]] = {}
        self.redefined: dict[str, tuple[Rank, ox.NamedNode, ox.NamedNode]] = {}

    def read(self, quads: Iterable[ox.Quad], groups: Groups) -> None:
        suspect: dict[str, bool] = {}
        uses: dict[tuple[str, str], bool] = {}
        deprecated = self.survey.deprecated
        for quad in quads:
            if len(suspect) > CACHE or len(uses) > CACHE:
                suspect.clear()
                uses.clear()
            ranked: Rank | None = None
            for iri, place in iris(quad):
                flagged = suspect.get(iri)
                if flagged is None:
                    flagged = suspect[iri] = self._suspect(iri)
                    if place < 3:
                        groups.note(iri)
                if flagged:
                    ranked = ranked or rank(quad)
                    self._first(iri, (ranked, place), quad)
            subject, predicate, value = quad.subject, quad.predicate, quad.object
            if isinstance(value, ox.Literal):
                self._literal(subject, predicate, value)
            for term, role, place in self._uses(predicate, value):
                key = (term.value, role)
                flagged = uses.get(key)
                if flagged is None:
                    flagged = uses[key] = self.naming.misused(term.value, role) is not None
                if flagged:
                    ranked = ranked or rank(quad)
                    seen = self.undeclared.get(term.value)
                    if seen is None or (ranked, place) < seen[:2]:
                        self.undeclared[term.value] = (ranked, place, role, subject, predicate)
            if self.contribution and isinstance(subject, ox.NamedNode) and (
                subject.value.startswith((SGAM, SGAMSH)) or subject.value == ONTOLOGY
            ):
                ranked = ranked or rank(quad)
                seen_at = self.redefined.get(subject.value)
                if seen_at is None or ranked < seen_at[0]:
                    self.redefined[subject.value] = (ranked, subject, predicate)
            if deprecated and predicate.value not in HISTORY and subject.value not in deprecated:
                for term in (predicate, value):
                    if isinstance(term, ox.NamedNode) and term.value in deprecated:
                        self.hits.append((term, subject, predicate, DEPRECATED_USE,
                                          self.naming.deprecated(term.value)))

    @staticmethod
    def _uses(predicate: ox.NamedNode, value: Term) -> Iterator[tuple[ox.NamedNode, str, int]]:
        yield predicate, "property", 0
        if predicate.value == RDF_TYPE and isinstance(value, ox.NamedNode):
            yield value, "class", 1

    def _suspect(self, iri: str) -> bool:
        """Whether a rule may report this IRI: a bad scheme, a hidden character, or a key the
        first pass saw spelt more than one way."""
        survey = self.survey
        return (scheme_problem(iri) is not None or bool(hidden_characters(iri))
                or survey.case.marked(iri_key(iri)) or survey.near.marked(near_key(iri)))

    def _first(self, iri: str, at: tuple[Rank, int], quad: ox.Quad) -> None:
        seen = self.first.get(iri)
        if seen is None or at < seen[:2]:
            predicate = None if at[1] == 0 else quad.predicate
            self.first[iri] = (*at, quad.subject, predicate)

    def _literal(self, subject: Term, predicate: ox.NamedNode, value: ox.Literal) -> None:
        lexical, datatype = value.value, value.datatype.value
        if datatype in PLAIN_TYPES:
            if lexical.isascii() and not ASCII_CONTROL.search(lexical):
                return
            name = self.naming.short(predicate.value)
            if not_nfc(lexical):
                self.hits.append((value, subject, predicate, "text-not-nfc",
                                  f"{name} value {quote(lexical)} is not in Unicode NFC; "
                                  "normalise it (it prints like, but does not equal, the NFC "
                                  "text)"))
            hidden = hidden_characters(lexical)
            if hidden:
                where, char = hidden[0]
                more = f" (and {len(hidden) - 1} more)" if len(hidden) > 1 else ""
                self.hits.append((value, subject, predicate, "text-hidden-character",
                                  f"{name} value {quote(lexical)} has {describe(char)} "
                                  f"at position {where}{more}; remove it"))
            return
        unknown = self.naming.unknown_datatype(datatype)
        if unknown:
            self.hits.append((value.datatype, subject, predicate, "datatype-unknown", unknown))
            return
        found = problem(lexical, datatype)
        if found:
            self.hits.append((value, subject, predicate, "literal-ill-typed",
                              f"{quote(lexical)}^^{self.naming.short(datatype)}: {found}"))

    def finish(self, groups: Groups) -> list[Hit]:
        """Every hit of the file, once the spellings of all files are known."""
        naming, short = self.naming, self.naming.short
        hits = list(self.hits)
        for iri, (_, _, subject, predicate) in self.first.items():
            term = ox.NamedNode(iri)
            problem = scheme_problem(iri)
            if problem:
                hits.append((term, subject, predicate, "iri-scheme", problem))
            hidden = hidden_characters(iri)
            if hidden:
                hits.append((term, subject, predicate, "text-hidden-character",
                             f"<{iri}> has {describe(hidden[0][1])}; remove it"))
            for rule, message in groups.clashes(iri, naming):
                hits.append((term, subject, predicate, rule, message))
        for iri, (_, _, role, subject, predicate) in self.undeclared.items():
            message = naming.misused(iri, role)
            if message:
                hits.append((ox.NamedNode(iri), subject, predicate, "undeclared-term", message))
        for iri, (_, subject, predicate) in self.redefined.items():
            what = "shape" if iri.startswith(SGAMSH) else "term"
            hits.append((subject, subject, predicate, "redefines-project-term",
                         f"a contribution states facts about the project {what} {short(iri)}; "
                         "change the vocabulary or shapes in the project's own files instead"))
        return hits


def scheme_problem(iri: str) -> str | None:
    """Why ``iri`` is not an absolute http(s) IRI with a host, if it is not."""
    scheme, colon, rest = iri.partition(":")
    scheme = scheme.lower()
    if scheme not in ("http", "https"):
        what = f"the {scheme}: scheme" if colon else "no scheme"
        return f"<{iri}> has {what}; data IRIs are absolute http(s) IRIs"
    if not rest.startswith("//") or rest[2:].split("/", 1)[0] in ("", "."):
        return f"<{iri}> has no host; write the full http(s)://host/... IRI"
    return None
