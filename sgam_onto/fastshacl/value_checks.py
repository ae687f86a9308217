"""The components that test one value node at a time, compiled to SPARQL booleans.

class, datatype, ranges, lengths, pattern, in and languageIn (node/not/and/or/xone are
booleans of nested shapes, see ``Compiler.conforms``). Each gives a ``ValueCheck`` whose
``ok(v)`` never errs; where the store's functions and pyshacl's could disagree (a regular
expression on text that is not printable ASCII, a comparison that is not between plain
integers or decimals), the expression calls a Python function that applies pyshacl's rule.
A part of ``Compiler``, which holds the store, the encoder and the registered functions.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from sgam_onto.fastshacl.checks import ValueCheck, integer
from sgam_onto.fastshacl.data import FS, ILL_TYPED, SIDE_GRAPH
from sgam_onto.fastshacl.literals import compile_pattern, in_range, matches, well_typed
from sgam_onto.fastshacl.model import Unsupported
from sgam_onto.fastshacl.terms import SURROGATE, from_rdflib

IN_GRAPH = ox.NamedNode(FS + "in")  # the members of each sh:in list, one subject per list
IN_MEMBER = ox.NamedNode(FS + "member")
TRUE = ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean)))
FALSE = ox.Literal("false", datatype=ox.NamedNode(str(XSD.boolean)))
_PRINTABLE = '"^[ -~]*$"'
_NATIVE_NUMBERS = (XSD.integer, XSD.decimal)
RANGES = {
    SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent),
    SH.minExclusive: (">", SH.MinExclusiveConstraintComponent),
    SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent),
    SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent),
}
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


class ValueChecks:
    """The value-check builders of ``Compiler``."""

    def _class(self, cls: Node) -> ValueCheck:
        listed = ", ".join(self.subclasses(cls).split(" "))

        def ok(v: str) -> str:
            # the value's types, filtered: the store plans this far better than a VALUES join
            t = self.var()
            return f"EXISTS {{ {v} <{RDF.type}> {t} FILTER({t} IN ({listed})) }}"

        return ValueCheck(SH.ClassConstraintComponent, ok)

    def _datatype(self, datatypes: list[Node]) -> ValueCheck:
        if len(datatypes) != 1:
            raise Unsupported("a shape with several sh:datatype values")
        datatype = datatypes[0]
        if datatype == RDFS.Literal:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: f"isLiteral({v})")
        if datatype == RDFS.Datatype:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
                f"(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) != <{XSD.string}>)"))
        if datatype == XSD.string:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
                f"(isLiteral({v}) && DATATYPE({v}) = <{XSD.string}>)"))
        if datatype == RDF.langString:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
                f"(isLiteral({v}) && LANG({v}) != \"\")"))
        if not isinstance(datatype, URIRef):
            raise Unsupported("sh:datatype must be an IRI")
        return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
            f"(isLiteral({v}) && DATATYPE({v}) IN (<{datatype}>, <{SURROGATE}{datatype}>)"
            f" && NOT EXISTS {{ GRAPH <{SIDE_GRAPH.value}> {{ ?_any <{ILL_TYPED.value}> {v} }} }})"
        ))

    def _range(self, bound: Node, operator: str, component: URIRef) -> ValueCheck:
        if not isinstance(bound, Literal):
            raise Unsupported("a range bound must be a literal")
        name = self.function("range", lambda value: in_range(value, bound, operator),
                             (str(bound), str(bound.datatype), bound.language, operator))
        if bound.datatype not in _NATIVE_NUMBERS or not well_typed(bound):
            return ValueCheck(component, lambda v: f"COALESCE(<{name[1:-1]}>({v}), false)")
        text = str(from_rdflib(bound))  # a value in an expression, not a stored term
        return ValueCheck(component, lambda v: (
            f"COALESCE(IF(isNumeric({v}) && DATATYPE({v}) IN (<{XSD.integer}>, <{XSD.decimal}>),"
            f" {v} {operator} {text}, <{name[1:-1]}>({v})), false)"))

    def _length(self, bound: Node, operator: str, component: URIRef) -> ValueCheck:
        n = integer(bound)
        if operator == ">=" and n == 0:
            return ValueCheck(component, lambda v: "true")
        return ValueCheck(component, lambda v: (
            f"(!isBlank({v}) && STRLEN(STR({v})) {operator} {n})"))

    def _pattern(self, pattern: Node, flags: Node | None) -> ValueCheck:
        text, flag_text = str(pattern), "" if flags is None else str(flags)
        compiled = compile_pattern(text, flag_text)
        name = self.function("pattern", lambda value: matches(value, compiled), (text, flag_text))
        call = f"<{name[1:-1]}>"
        if not self._store_agrees(text, flag_text):
            return ValueCheck(SH.PatternConstraintComponent,
                              lambda v: f"COALESCE({call}({v}), false)")
        native = "i" if "i" in flag_text.lower() else ""
        literal = _string(text)
        return ValueCheck(SH.PatternConstraintComponent, lambda v: (
            f"COALESCE(!isBlank({v}) && IF(REGEX(STR({v}), {_PRINTABLE}),"
            f" REGEX(STR({v}), {literal}, \"{native}\"), {call}({v})), false)"))

    def _store_agrees(self, pattern: str, flags: str) -> bool:
        """Whether the store's REGEX means what Python's re means for printable ASCII text."""
        if set(flags.lower()) - {"i", "m"} or not _portable(pattern):
            return False
        try:
            rows = list(self.store.query(
                f"SELECT (REGEX(\"a\", {_string(pattern)}) AS ?r) WHERE {{}}"))
        except (SyntaxError, OSError, ValueError):
            return False
        return bool(rows) and rows[0]["r"] is not None

    def _in(self, head: Node) -> ValueCheck:
        """sh:in as an index lookup: the members are stored in a graph of their own, so that
        membership costs one lookup however long the list (a chain of sameTerm tests took
        the store tens of seconds on a list of thousands). Stored terms are encoded like the
        data, so membership is term identity, as sh:in wants."""
        members = []
        for member in self.shapes.items(head):
            if isinstance(member, BNode):
                raise Unsupported("a blank node as a constant cannot be written in SPARQL")
            members.append(self.encoder.term(from_rdflib(member)))
        if not members:
            return ValueCheck(SH.InConstraintComponent, lambda v: "false")
        listed = ox.NamedNode(f"{FS}in/{next(self._fresh)}")
        self.store.bulk_extend(ox.Quad(listed, IN_MEMBER, m, IN_GRAPH) for m in members)
        lookup = f"<{listed.value}> <{IN_MEMBER.value}>"
        return ValueCheck(SH.InConstraintComponent,
                          lambda v: f"EXISTS {{ GRAPH <{IN_GRAPH.value}> {{ {lookup} {v} }} }}")

    def _language_in(self, head: Node) -> ValueCheck:
        wanted = sorted({str(t).lower() for t in self.shapes.items(head)})
        if "*" in wanted:
            return ValueCheck(SH.LanguageInConstraintComponent,
                              lambda v: f"(isLiteral({v}) && LANG({v}) != \"\")")
        listed = ", ".join(_string(t) for t in wanted) or '""'
        return ValueCheck(SH.LanguageInConstraintComponent, lambda v: (
            f"(isLiteral({v}) && LANG({v}) != \"\" && (LCASE(LANG({v})) IN ({listed}) || "
            f"LCASE(STRBEFORE(CONCAT(LANG({v}), \"-\"), \"-\")) IN ({listed})))"))

    def _logical(self, head: Node, component: URIRef, joiner: str) -> ValueCheck:
        members = self.shapes.items(head)
        empty = "true" if joiner == " && " else "false"
        return ValueCheck(component, lambda v: "(" + joiner.join(
            [self.conforms(s, v) for s in members] or [empty]) + ")")


def _portable(pattern: str) -> bool:
    """Whether ``pattern`` only uses syntax that Python's re and the store read alike."""
    i, in_class = 0, False
    simple_escapes = set("sSdDwW.\\-^$|?*+()[]{}nt")
    while i < len(pattern):
        c = pattern[i]
        following = pattern[i + 1: i + 2]
        if c == "\\":
            if following not in simple_escapes and not (not in_class and following in "bB"):
                return False
            i += 2
            continue
        if ord(c) > 126 or not c.isprintable():
            return False
        if in_class:
            if c == "[" or (c in "&-~" and following == c):
                return False
            in_class = c != "]"
            i += 1
            continue
        if c == "[":
            i += 1
            if pattern[i: i + 1] == "^":
                i += 1
            if pattern[i: i + 1] == "]":
                return False
            in_class = True
            continue
        if c == "(" and following == "?":
            if pattern[i + 2: i + 3] != ":":
                return False
            i += 3
            continue
        if c == "{":
            quantifier = re.match(r"\{[0-9]+(,[0-9]*)?\}", pattern[i:])
            if quantifier is None:
                return False
            i += len(quantifier.group())
            continue
        i += 1
    return not in_class


def _string(text: str) -> str:
    return str(ox.Literal(text))
