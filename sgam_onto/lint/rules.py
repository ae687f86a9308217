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

from collections.abc import Iterable

import pyoxigraph as ox

from sgam_onto.lint.deprecation import HISTORY
from sgam_onto.lint.deprecation import RULE as DEPRECATED_USE
from sgam_onto.lint.keys import iri_key, near_key
from sgam_onto.lint.messages import Groups, Naming, quote
from sgam_onto.lint.survey import CACHE, PLAIN_TYPES, Statement, Survey, Term, unpack
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
_PROJECT = (SGAM, SGAMSH)
__all__ = ["RULES", "FileRules", "Hit", "iri_key", "near_key"]


def rank(statement: Statement) -> Rank:
    """Where a statement stands among the file's statements sorted as rdflib terms."""
    subject, _, value, s, p, o, _ = statement
    return ((_kind(subject), s), (0, p), (_kind(value), o))


def _kind(term: Term) -> int:
    return 0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.Literal) else 2


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
        uses: dict[str, dict[str, bool]] = {"property": {}, "class": {}}
        deprecated = self.survey.deprecated
        for quad in quads:
            if len(suspect) > CACHE:
                suspect.clear()
                uses = {"property": {}, "class": {}}
            statement = unpack(quad)
            subject, predicate, value, s, p, o, iris = statement
            ranked: Rank | None = None
            for iri, place in iris:
                flagged = suspect.get(iri)
                if flagged is None:
                    flagged = suspect[iri] = self._suspect(iri)
                    if place < 3:
                        groups.note(iri)
                if flagged:
                    ranked = ranked or rank(statement)
                    self._first(iri, (ranked, place), statement)
            if type(value) is ox.Literal:
                self._literal(subject, predicate, value, o)
            used = [(p, "property", 0)]
            if p == RDF_TYPE and type(value) is ox.NamedNode:
                used.append((o, "class", 1))
            for term, role, place in used:
                flags = uses[role]
                flagged = flags.get(term)
                if flagged is None:
                    flagged = flags[term] = self.naming.misused(term, role) is not None
                if flagged:
                    ranked = ranked or rank(statement)
                    seen = self.undeclared.get(term)
                    if seen is None or (ranked, place) < seen[:2]:
                        self.undeclared[term] = (ranked, place, role, subject, predicate)
            if self.contribution and (s.startswith(_PROJECT) or s == ONTOLOGY) and type(
                subject
            ) is ox.NamedNode:
                ranked = ranked or rank(statement)
                seen_at = self.redefined.get(s)
                if seen_at is None or ranked < seen_at[0]:
                    self.redefined[s] = (ranked, subject, predicate)
            if deprecated and (p in deprecated or o in deprecated) and p not in HISTORY and (
                s not in deprecated
            ):
                for term in (predicate, value):
                    if type(term) is ox.NamedNode and term.value in deprecated:
                        self.hits.append((term, subject, predicate, DEPRECATED_USE,
                                          self.naming.deprecated(term.value)))

    def _suspect(self, iri: str) -> bool:
        """Whether a rule may report this IRI: a bad scheme, a hidden character, or a key the
        first pass saw spelt more than one way."""
        survey = self.survey
        hidden = not iri.isascii() or ASCII_CONTROL.search(iri)
        return bool(scheme_problem(iri) is not None or (hidden and hidden_characters(iri))
                    or survey.case.marked(iri_key(iri)) or survey.near.marked(near_key(iri)))

    def _first(self, iri: str, at: tuple[Rank, int], statement: Statement) -> None:
        seen = self.first.get(iri)
        if seen is None or at < seen[:2]:
            predicate = None if at[1] == 0 else statement[1]
            self.first[iri] = (*at, statement[0], predicate)

    def _literal(self, subject: Term, predicate: ox.NamedNode, value: ox.Literal,
                 lexical: str) -> None:
        datatype = value.datatype.value
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
