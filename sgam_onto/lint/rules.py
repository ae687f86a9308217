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
from sgam_onto.lint.survey import CACHE, PLAIN_TYPES, Survey, Term
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
_RDF_TYPE = ox.NamedNode(RDF_TYPE)
_QUIET, _FIRST, _TYPE = 0, 1, 2
_PROJECT = (SGAM, SGAMSH)
__all__ = ["RULES", "FileRules", "Hit", "iri_key", "near_key"]


def rank(subject: Term, predicate: ox.NamedNode, value: Term) -> Rank:
    """Where a statement stands among the file's statements sorted as rdflib terms."""
    return ((_kind(subject), subject.value), (0, predicate.value), (_kind(value), value.value))


def _kind(term: Term) -> int:
    return 0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.Literal) else 2


IriVerdict = tuple[bool, bool, bool]
"""Of one IRI wherever it stands: suspect, deprecated, a project term a contribution states
facts about."""
Problem = tuple[str, bool, bool, str]
"""Of one literal: rule, whether the hit names the datatype (else the literal), whether the
message starts with the predicate's name, and the rest of the message."""


class FileRules:
    """The second pass over one file: every rule, statement by statement. The verdicts on a
    term are reached once, when the file first shows it (a million statements name some
    hundred thousand terms); what a rule reports once per term waits in ``first`` (a term's
    first statement, few terms) until the spellings of all files are collected (``Groups``);
    the rest is a hit at once."""

    def __init__(self, survey: Survey, naming: Naming, contribution: bool) -> None:
        self.survey = survey
        self.naming = naming
        self.contribution = contribution
        self.hits: list[Hit] = []
        self.first: dict[str, tuple[Rank, int, Term, ox.NamedNode | None]] = {}
        self.undeclared: dict[str, tuple[Rank, int, str, Term, ox.NamedNode]] = {}
        self.redefined: dict[str, tuple[Rank, ox.NamedNode, ox.NamedNode]] = {}
        self._datatypes: dict[str, bool] = {}

    def read(self, quads: Iterable[ox.Quad], groups: Groups) -> None:
        iris: dict[ox.NamedNode, IriVerdict] = {}
        literals: dict[ox.Literal, tuple[bool, tuple[Problem, ...]]] = {}
        uses: dict[str, dict[ox.NamedNode, bool]] = {"property": {}, "class": {}}
        no_iri: IriVerdict = (False, False, False)
        named, literal = ox.NamedNode, ox.Literal
        # What is left to do for a term in its place once judged: nothing (quiet), or only
        # keep its first statement (a candidate IRI); a statement of such terms is done here.
        quiet_subjects: set[Term] = set()
        quiet_values: set[Term] = set()
        predicates: dict[ox.NamedNode, int] = {}  # _QUIET, _FIRST, or _TYPE (a quiet rdf:type)
        classes: dict[ox.NamedNode, int] = {}  # _QUIET or _FIRST, as the object of rdf:type
        for quad in quads:
            subject, predicate, value = quad.subject, quad.predicate, quad.object
            if subject in quiet_subjects:
                role = predicates.get(predicate)
                if role == _TYPE:
                    left = classes.get(value)
                    if left is not None:
                        if left:
                            self._first(value.value, 2, subject, predicate, value)
                        continue
                elif role is not None and value in quiet_values:
                    if role:
                        self._first(predicate.value, 1, subject, predicate, value)
                    continue
            if len(iris) + len(literals) > CACHE:
                for cache in (iris, literals, quiet_subjects, quiet_values, predicates, classes):
                    cache.clear()
                uses = {"property": {}, "class": {}}
            of_subject = no_iri
            if type(subject) is named:
                of_subject = iris.get(subject) or self._iri(subject, iris, groups)
            of_predicate = iris.get(predicate) or self._iri(predicate, iris, groups)
            of_value, problems, kind = no_iri, (), type(value)
            datatype_suspect = False
            if kind is named:
                of_value = iris.get(value) or self._iri(value, iris, groups)
            elif kind is literal:
                datatype_suspect, problems = literals.get(value) or self._literal(
                    value, literals)
                if datatype_suspect:
                    self._first(value.datatype.value, 3, subject, predicate, value)
            if of_subject == no_iri:
                quiet_subjects.add(subject)
            if not (of_value[0] or of_value[1] or datatype_suspect or problems):
                quiet_values.add(value)
            if of_subject[0]:
                self._first(subject.value, 0, subject, predicate, value)
            if of_predicate[0]:
                self._first(predicate.value, 1, subject, predicate, value)
            if of_value[0]:
                self._first(value.value, 2, subject, predicate, value)
            for rule, on_datatype, named_first, rest in problems:
                message = f"{self.naming.short(predicate.value)}{rest}" if named_first else rest
                self.hits.append((value.datatype if on_datatype else value, subject, predicate,
                                  rule, message))
            if uses["property"].get(predicate) is not False:
                self._used(predicate, "property", 0, uses, subject, predicate, value)
            if predicate == _RDF_TYPE and kind is named:
                self._used(value, "class", 1, uses, subject, predicate, value)
                if not of_value[1] and uses["class"].get(value) is False:
                    classes[value] = _FIRST if of_value[0] else _QUIET
            if not of_predicate[1] and uses["property"].get(predicate) is False:
                if predicate != _RDF_TYPE:
                    predicates[predicate] = _FIRST if of_predicate[0] else _QUIET
                elif not of_predicate[0]:
                    predicates[predicate] = _TYPE
            if of_subject[2]:
                ranked = rank(subject, predicate, value)
                seen_at = self.redefined.get(subject.value)
                if seen_at is None or ranked < seen_at[0]:
                    self.redefined[subject.value] = (ranked, subject, predicate)
            if (of_predicate[1] or of_value[1]) and not of_subject[1] and (
                predicate.value not in HISTORY
            ):
                for term, deprecated in ((predicate, of_predicate[1]), (value, of_value[1])):
                    if deprecated:
                        self.hits.append((term, subject, predicate, DEPRECATED_USE,
                                          self.naming.deprecated(term.value)))

    def _iri(self, term: ox.NamedNode, iris: dict[ox.NamedNode, IriVerdict],
             groups: Groups) -> IriVerdict:
        """The verdict on an IRI met for the first time (its spellings noted for clashes)."""
        iri = term.value
        verdict = iris[term] = (
            groups.note(iri) or _odd(iri),
            iri in self.survey.deprecated,
            self.contribution and (iri.startswith(_PROJECT) or iri == ONTOLOGY),
        )
        return verdict

    def _used(self, term: ox.NamedNode, role: str, place: int,
              uses: dict[str, dict[ox.NamedNode, bool]], subject: Term,
              predicate: ox.NamedNode, value: Term) -> None:
        """A property or class in use: its first statement, if its vocabulary lacks it."""
        flags = uses[role]
        flagged = flags.get(term)
        if flagged is None:
            flagged = flags[term] = self.naming.misused(term.value, role) is not None
        if flagged:
            at = (rank(subject, predicate, value), place)
            seen = self.undeclared.get(term.value)
            if seen is None or at < seen[:2]:
                self.undeclared[term.value] = (*at, role, subject, predicate)

    def _suspect(self, iri: str) -> bool:
        """Whether a rule may report this IRI: a bad scheme, a hidden character, or a key the
        first pass saw spelt more than one way."""
        survey = self.survey
        return _odd(iri) or survey.case.suspect(iri) or survey.near.suspect(iri)

    def _first(self, iri: str, place: int, subject: Term, predicate: ox.NamedNode,
               value: Term) -> None:
        seen = self.first.get(iri)
        if seen is not None and (_kind(subject), subject.value) > seen[0][0]:
            return  # a widely used IRI: most of its statements sort after the first
        at = (rank(subject, predicate, value), place)
        if seen is None or at < seen[:2]:
            self.first[iri] = (*at, subject, None if place == 0 else predicate)

    def _literal(self, value: ox.Literal, literals: dict[ox.Literal, tuple[bool, tuple[
            Problem, ...]]]) -> tuple[bool, tuple[Problem, ...]]:
        """The verdict on a literal met for the first time: whether its datatype IRI is
        suspect, and what is wrong with it (the same wherever it is written)."""
        datatype, lexical = value.datatype.value, value.value
        verdict = literals[value] = (
            datatype not in PLAIN_TYPES and self._datatype_suspect(datatype),
            tuple(self._problems(datatype, lexical)),
        )
        return verdict

    def _datatype_suspect(self, datatype: str) -> bool:
        flagged = self._datatypes.get(datatype)
        if flagged is None:
            flagged = self._datatypes[datatype] = self._suspect(datatype)
        return flagged

    def _problems(self, datatype: str, lexical: str) -> Iterator[Problem]:
        if datatype in PLAIN_TYPES:
            if lexical.isascii() and not ASCII_CONTROL.search(lexical):
                return
            if not_nfc(lexical):
                yield ("text-not-nfc", False, True,
                       f" value {quote(lexical)} is not in Unicode NFC; normalise it (it "
                       "prints like, but does not equal, the NFC text)")
            hidden = hidden_characters(lexical)
            if hidden:
                where, char = hidden[0]
                more = f" (and {len(hidden) - 1} more)" if len(hidden) > 1 else ""
                yield ("text-hidden-character", False, True,
                       f" value {quote(lexical)} has {describe(char)} at position "
                       f"{where}{more}; remove it")
            return
        unknown = self.naming.unknown_datatype(datatype)
        if unknown:
            yield ("datatype-unknown", True, False, unknown)
            return
        found = problem(lexical, datatype)
        if found:
            yield ("literal-ill-typed", False, False,
                   f"{quote(lexical)}^^{self.naming.short(datatype)}: {found}")

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


def _odd(iri: str) -> bool:
    """Whether ``iri`` has a bad scheme or a hidden character."""
    hidden = not iri.isascii() or ASCII_CONTROL.search(iri)
    return scheme_problem(iri) is not None or bool(hidden and hidden_characters(iri))


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
