"""What the rules say: terms named as the file names them, "did you mean" suggestions, and
the verdicts that need all the files (which spellings clash, which terms are misused).

``Groups`` holds the spellings of the keys the first pass marked; it is filled during the
second pass over every file (the landscape included) and asked only about the few IRIs that
a rule may report.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from sgam_onto.lint.keys import iri_key, near_key
from sgam_onto.lint.survey import CACHE, Survey
from sgam_onto.lint.vocab import SGAM, SGAMSH, namespace_of
from sgam_onto.lint.xsd import KNOWN, UNSUITABLE


def short(iri: str, prefixes: dict[str, str]) -> str:
    """A prefixed name where the file declared one, else ``<iri>``."""
    best = ""
    name = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            local = iri[len(namespace):]
            if local and all(c.isalnum() or c in "-_." for c in local):
                best, name = namespace, f"{prefix}:{local}"
    return name or f"<{iri}>"


def quote(value: str, width: int = 40) -> str:
    shown = value if len(value) <= width else value[: width - 1] + "…"
    return repr(shown)


class Naming:
    """The verdicts and words that depend on all the files, for one file's prefixes."""

    def __init__(self, survey: Survey, prefixes: dict[str, str]) -> None:
        self.survey = survey
        self.prefixes = prefixes
        self._datatypes: dict[str, str] = {}

    def short(self, iri: str) -> str:
        return short(iri, self.prefixes)

    def known(self, iri: str) -> bool:
        """Declared by the project's files, or a term of a standard vocabulary."""
        if iri in self.survey.project_declared:
            return True
        namespace = namespace_of(iri)
        return namespace not in (None, SGAM, SGAMSH) and bool(self.survey.vocabulary.exists(iri))

    def misused(self, iri: str, role: str) -> str | None:
        """Why a term used as a class or property (``role``) is wrong there, if it is."""
        vocabulary = self.survey.vocabulary
        exists = vocabulary.exists(iri)
        name = self.short(iri)
        if exists is False:
            hint = self.suggest(iri, vocabulary.candidates(iri))
            return (f"{name} is used as a {role} but its vocabulary does not define it"
                    + (hint or "; declare it in the ontology or fix the spelling"))
        if exists and iri.startswith(SGAM):
            wrong = (role == "class" and iri in vocabulary.properties
                     and iri not in vocabulary.classes) or (
                role == "property" and iri in vocabulary.classes
                and iri not in vocabulary.properties)
            if wrong:
                other = "property" if role == "class" else "class"
                return f"{name} is used as a {role} but the ontology declares it a {other}"
        return None

    def unknown_datatype(self, datatype: str) -> str:
        """Why a literal's datatype is not one to use ("" if it is fine)."""
        said = self._datatypes.get(datatype)
        if said is None:
            if len(self._datatypes) > CACHE:
                self._datatypes.clear()
            said = self._datatypes[datatype] = self._judge_datatype(datatype)
        return said

    def _judge_datatype(self, datatype: str) -> str:
        name = self.short(datatype)
        if datatype in UNSUITABLE:
            return f"{name} is not one of the datatypes RDF allows for literals"
        declared = self.survey.vocabulary.datatypes
        if datatype not in KNOWN and datatype not in declared:
            hint = self.suggest(datatype, [*KNOWN, *declared])
            return (f"{name} is not a built-in datatype and is not declared as rdfs:Datatype"
                    + hint)
        return ""

    def deprecated(self, iri: str) -> str:
        successors = self.survey.deprecated[iri]
        advice = (f"use {', '.join(self.short(r) for r in successors)} instead"
                  if successors else "no replacement is recorded")
        return f"{self.short(iri)} is deprecated; {advice}"

    def suggest(self, iri: str, candidates: Iterable[str]) -> str:
        pool = list(candidates)
        folded = {c.casefold(): c for c in pool}
        if iri.casefold() in folded and folded[iri.casefold()] != iri:
            return f"; did you mean {self.short(folded[iri.casefold()])}?"
        close = difflib.get_close_matches(iri, pool, n=1, cutoff=0.85)
        return f"; did you mean {self.short(close[0])}?" if close else ""

    def other_spelling(self, iri: str, others: set[str]) -> str | None:
        """The spelling to name beside ``iri``: not a recorded variant, a known term first;
        None if there is none to report (the odd spelling out is reported where written)."""
        others = {o for o in others if frozenset((iri, o)) not in self.survey.variants}
        if self.known(iri):
            others = {o for o in others if self.known(o)}
        return min(others, key=lambda o: (not self.known(o), o)) if others else None


class Groups:
    """The spellings, in all the files, of each key the first pass marked."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self.case: dict[str, set[str]] = {}
        self.near: dict[str, set[str]] = {}

    def note(self, iri: str) -> bool:
        """One IRI written as a subject, predicate or object somewhere; whether the first
        pass marked either of its keys."""
        marked = False
        case, near = self.survey.case, self.survey.near
        if case.suspect(iri):
            key = iri_key(iri)
            if case.marked(key):
                self.case.setdefault(key, set()).add(iri)
                marked = True
        if near.suspect(iri):
            key = near_key(iri)
            if near.marked(key):
                self.near.setdefault(key, set()).add(iri)
                marked = True
        return marked

    def read(self, quads: Iterable[ox.Quad]) -> None:
        for quad in quads:
            for term in (quad.subject, quad.predicate, quad.object):
                if type(term) is ox.NamedNode:
                    self.note(term.value)

    def clashes(self, iri: str, naming: Naming) -> Iterator[tuple[str, str]]:
        """(rule, message) for each other spelling ``iri`` clashes with."""
        survey, short = self.survey, naming.short
        key = iri_key(iri)
        if survey.vocabulary.exists(iri) is not False:  # else undeclared-term names the fix
            others = self.case.get(key, set()) - {iri}
            if iri in survey.schema_terms:  # sgam:Domain (a class) and sgam:domain (a property)
                others = {o for o in others if o not in survey.schema_terms}
            other = naming.other_spelling(iri, others)
            if other is not None:
                how = ("by a trailing slash" if other.rstrip("/") == iri.rstrip("/")
                       else "by case")
                yield ("iri-case-clash",
                       f"{short(iri)} differs only {how} from {short(other)}; use one spelling")
        others = {o for o in self.near.get(near_key(iri), set()) if iri_key(o) != key}
        other = naming.other_spelling(iri, others)
        if other is not None:
            yield ("iri-near-duplicate",
                   f"{short(iri)} and {short(other)} differ only by "
                   f"{_near_difference(iri, other)}; they name two resources: use one spelling")


def _near_difference(a: str, b: str) -> str:
    if a.split(":", 1)[0].lower() != b.split(":", 1)[0].lower():
        return "http/https"
    if ("://www." in a.lower()) != ("://www." in b.lower()):
        return '"www."'
    if a.rstrip("/#") == b.rstrip("/#"):
        return 'a trailing "#" or "/"'
    return "the port"
