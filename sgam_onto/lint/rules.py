"""The lint rules: mistakes SHACL does not see, because a shape only looks where it targets.

Each rule reads one parsed file (``FileContext``) against the landscape and yields
``(term, subject, predicate, rule, message)`` hits; ``lint_files`` turns them into findings
with lines. The rules:

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
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from sgam_onto.lint import text, xsd
from sgam_onto.lint.vocab import ONTOLOGY, SGAM, SGAMSH, Vocabulary

Hit = tuple[Node, Node | None, Node | None, str, str]

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
}

TEXT_TYPES = frozenset({xsd.XSD + "string", str(RDF.langString)})


@dataclass
class FileContext:
    """One file as parsed, with what the rules need to know about its surroundings."""

    path: Path
    graph: Graph
    vocabulary: Vocabulary
    iri_keys: dict[str, set[str]]  # case-folded, slash-stripped IRI -> spellings seen
    contribution: bool
    prefixes: dict[str, str] = field(default_factory=dict)
    schema_terms: set[str] = field(default_factory=set)  # classes, properties of the project
    variants: set[frozenset[str]] = field(default_factory=set)  # recorded spelling variants
    project_declared: set[str] = field(default_factory=set)  # typed or defined by the project
    near_keys: dict[str, set[str]] = field(default_factory=dict)  # near_key -> spellings seen

    def known(self, iri: str) -> bool:
        """Declared by the project's files, or a term of a standard vocabulary."""
        if iri in self.project_declared:
            return True
        namespace = self.vocabulary.namespace_of(iri)
        return namespace not in (None, SGAM, SGAMSH) and bool(self.vocabulary.exists(URIRef(iri)))

    def statements(self) -> Iterator[tuple[Node, Node, Node]]:
        yield from sorted(self.graph, key=lambda t: tuple(map(_sort_key, t)))


def _sort_key(node: Node) -> tuple[int, str]:
    return (0 if isinstance(node, URIRef) else 1 if isinstance(node, Literal) else 2, str(node))


def recorded_variants(graph: Graph) -> set[frozenset[str]]:
    """Pairs (canonical term, variant spelling) a variant record of the landscape states."""
    canonical = URIRef(SGAM + "canonicalTerm")
    variant = URIRef(SGAM + "variantTerm")
    pairs: set[frozenset[str]] = set()
    for record, term in graph.subject_objects(canonical):
        for other in graph.objects(record, variant):
            pairs.add(frozenset((str(term), str(other))))
    return pairs


def iri_key(iri: str) -> str:
    return iri.casefold().rstrip("/")


_AUTHORITY = re.compile(
    r"^(?P<scheme>https?)://(?:www\.)?(?P<host>[^/?#:]*)(?::(?:80|443))?(?=[/?#]|$)", re.IGNORECASE
)


def near_key(iri: str) -> str:
    """An IRI with what people mistype without noticing folded away: http/https, a leading
    "www.", the default port, a trailing "/" or "#", and case."""
    folded = _AUTHORITY.sub(lambda m: f"http://{m.group('host')}", iri)
    return folded.casefold().rstrip("/#")


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


def iris_of(ctx: FileContext) -> Iterator[tuple[URIRef, Node, Node | None]]:
    """Every IRI in the file with the statement it first appears in (subject, predicate)."""
    seen: set[URIRef] = set()
    for s, p, o in ctx.statements():
        for term, subject, predicate in ((s, s, None), (p, s, p), (o, s, p)):
            if isinstance(term, URIRef) and term not in seen:
                seen.add(term)
                yield term, subject, predicate
        if isinstance(o, Literal) and o.datatype is not None and o.datatype not in seen:
            seen.add(o.datatype)
            yield o.datatype, s, p


def iri_case_clash(ctx: FileContext) -> Iterator[Hit]:
    for iri, subject, predicate in iris_of(ctx):
        text_iri = str(iri)
        if ctx.vocabulary.exists(iri) is False:
            continue  # undeclared-term reports it, with the spelling it probably meant
        others = ctx.iri_keys.get(iri_key(text_iri), set()) - {text_iri}
        if text_iri in ctx.schema_terms:  # sgam:Domain (a class) and sgam:domain (a property)
            others = {o for o in others if o not in ctx.schema_terms}
        other = _other_spelling(ctx, text_iri, others)
        if other is None:
            continue
        how = "by a trailing slash" if other.rstrip("/") == text_iri.rstrip("/") else "by case"
        yield (iri, subject, predicate, "iri-case-clash",
               f"{short(text_iri, ctx.prefixes)} differs only {how} from "
               f"{short(other, ctx.prefixes)}; use one spelling")


def _other_spelling(ctx: FileContext, iri: str, others: set[str]) -> str | None:
    """The spelling to name beside ``iri``: not a recorded variant, a known term first; None
    if there is none to report (the odd spelling out is reported where it is written)."""
    others = {o for o in others if frozenset((iri, o)) not in ctx.variants}
    if ctx.known(iri):
        others = {o for o in others if ctx.known(o)}
    return min(others, key=lambda o: (not ctx.known(o), o)) if others else None


def iri_near_duplicate(ctx: FileContext) -> Iterator[Hit]:
    for iri, subject, predicate in iris_of(ctx):
        text_iri = str(iri)
        others = {o for o in ctx.near_keys.get(near_key(text_iri), set())
                  if iri_key(o) != iri_key(text_iri)}  # case alone: iri-case-clash says it
        other = _other_spelling(ctx, text_iri, others)
        if other is None:
            continue
        yield (iri, subject, predicate, "iri-near-duplicate",
               f"{short(text_iri, ctx.prefixes)} and {short(other, ctx.prefixes)} differ only "
               f"by {_near_difference(text_iri, other)}; they name two resources: use one "
               "spelling")


def _near_difference(a: str, b: str) -> str:
    if a.split(":", 1)[0].lower() != b.split(":", 1)[0].lower():
        return "http/https"
    if ("://www." in a.lower()) != ("://www." in b.lower()):
        return '"www."'
    if a.rstrip("/#") == b.rstrip("/#"):
        return 'a trailing "#" or "/"'
    return "the port"


def iri_scheme(ctx: FileContext) -> Iterator[Hit]:
    for iri, subject, predicate in iris_of(ctx):
        text_iri = str(iri)
        scheme, colon, rest = text_iri.partition(":")
        scheme = scheme.lower()
        if scheme not in ("http", "https"):
            what = f"the {scheme}: scheme" if colon else "no scheme"
            yield (iri, subject, predicate, "iri-scheme",
                   f"<{text_iri}> has {what}; data IRIs are absolute http(s) IRIs")
        elif not rest.startswith("//") or rest[2:].split("/", 1)[0] in ("", "."):
            yield (iri, subject, predicate, "iri-scheme",
                   f"<{text_iri}> has no host; write the full http(s)://host/... IRI")


def text_rules(ctx: FileContext) -> Iterator[Hit]:
    for s, p, o in ctx.statements():
        if isinstance(o, Literal) and (o.datatype is None or str(o.datatype) in TEXT_TYPES
                                       or o.language):
            value = str(o)
            if text.not_nfc(value):
                yield (o, s, p, "text-not-nfc",
                       f"{short(str(p), ctx.prefixes)} value {_quote(value)} is not in Unicode "
                       "NFC; normalise it (it prints like, but does not equal, the NFC text)")
            hidden = text.hidden_characters(value)
            if hidden:
                where, char = hidden[0]
                more = f" (and {len(hidden) - 1} more)" if len(hidden) > 1 else ""
                yield (o, s, p, "text-hidden-character",
                       f"{short(str(p), ctx.prefixes)} value {_quote(value)} has "
                       f"{text.describe(char)} at position {where}{more}; remove it")
    for iri, subject, predicate in iris_of(ctx):
        hidden = text.hidden_characters(str(iri))
        if hidden:
            yield (iri, subject, predicate, "text-hidden-character",
                   f"<{iri}> has {text.describe(hidden[0][1])}; remove it")


def _quote(value: str, width: int = 40) -> str:
    shown = value if len(value) <= width else value[: width - 1] + "…"
    return repr(shown)


def datatype_rules(ctx: FileContext) -> Iterator[Hit]:
    for s, p, o in ctx.statements():
        if not isinstance(o, Literal) or o.datatype is None:
            continue
        datatype = str(o.datatype)
        name = short(datatype, ctx.prefixes)
        if datatype in xsd.UNSUITABLE:
            yield (o.datatype, s, p, "datatype-unknown",
                   f"{name} is not one of the datatypes RDF allows for literals")
            continue
        if datatype not in xsd.KNOWN and o.datatype not in ctx.vocabulary.datatypes:
            hint = _suggest(datatype, [*xsd.KNOWN, *map(str, ctx.vocabulary.datatypes)],
                            ctx.prefixes)
            yield (o.datatype, s, p, "datatype-unknown",
                   f"{name} is not a built-in datatype and is not declared as rdfs:Datatype"
                   + hint)
            continue
        found = xsd.problem(str(o), datatype)
        if found:
            yield (o, s, p, "literal-ill-typed",
                   f"{_quote(str(o))}^^{name}: {found}")


def undeclared_terms(ctx: FileContext) -> Iterator[Hit]:
    vocabulary = ctx.vocabulary
    reported: set[URIRef] = set()
    for s, p, o in ctx.statements():
        uses = [(p, "property")]
        if p == RDF.type and isinstance(o, URIRef):
            uses.append((o, "class"))
        for term, role in uses:
            if not isinstance(term, URIRef) or term in reported:
                continue
            exists = vocabulary.exists(term)
            name = short(str(term), ctx.prefixes)
            if exists is False:
                reported.add(term)
                hint = _suggest(str(term), vocabulary.candidates(term), ctx.prefixes)
                yield (term, s, p, "undeclared-term",
                       f"{name} is used as a {role} but its vocabulary does not define it"
                       + (hint or "; declare it in the ontology or fix the spelling"))
            elif exists and str(term).startswith(SGAM):
                wrong = (role == "class" and term in vocabulary.properties
                         and term not in vocabulary.classes) or (
                    role == "property" and term in vocabulary.classes
                    and term not in vocabulary.properties)
                if wrong:
                    reported.add(term)
                    other = "property" if role == "class" else "class"
                    yield (term, s, p, "undeclared-term",
                           f"{name} is used as a {role} but the ontology declares it a {other}")


def redefinitions(ctx: FileContext) -> Iterator[Hit]:
    if not ctx.contribution:
        return
    reported: set[Node] = set()
    for s, p, _o in ctx.statements():
        if not isinstance(s, URIRef) or s in reported:
            continue
        iri = str(s)
        if iri.startswith((SGAM, SGAMSH)) or iri == ONTOLOGY:
            reported.add(s)
            what = "shape" if iri.startswith(SGAMSH) else "term"
            yield (s, s, p, "redefines-project-term",
                   f"a contribution states facts about the project {what} "
                   f"{short(iri, ctx.prefixes)}; change the vocabulary or shapes in the "
                   "project's own files instead")


def _suggest(iri: str, candidates: list[str] | object, prefixes: dict[str, str]) -> str:
    pool = list(candidates)  # type: ignore[call-overload]
    folded = {c.casefold(): c for c in pool}
    if iri.casefold() in folded and folded[iri.casefold()] != iri:
        return f"; did you mean {short(folded[iri.casefold()], prefixes)}?"
    close = difflib.get_close_matches(iri, pool, n=1, cutoff=0.85)
    return f"; did you mean {short(close[0], prefixes)}?" if close else ""


ALL = (iri_case_clash, iri_near_duplicate, iri_scheme, text_rules, datatype_rules,
       undeclared_terms, redefinitions)


def run_rules(ctx: FileContext) -> Iterator[Hit]:
    for rule in ALL:
        yield from rule(ctx)
