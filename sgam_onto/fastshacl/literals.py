"""Checks on single values that follow pyshacl's own rules, for the cases SPARQL cannot decide.

The reference validator works on rdflib terms: a literal's validity is rdflib's (``ill_typed``
and the Python type of its value), comparisons are rdflib's, patterns are Python regular
expressions. These functions apply the same rules to the same rdflib terms, so the fast path
gives identical results where the store's own functions would differ.
"""

from __future__ import annotations

import datetime
import re
import warnings
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: datetime.date,
    XSD.time: datetime.time,
    XSD.dateTime: datetime.datetime,
}
_STRING_TYPES = (None, RDF.langString, XSD.string)


def rdflib_literal(lexical: str, datatype: str) -> Literal:
    """The rdflib literal the project's loader builds (rdflib's parse warnings muted)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Literal(lexical, datatype=URIRef(datatype), normalize=False)


def well_typed(lit: Literal) -> bool:
    """Whether ``sh:datatype`` with the literal's own datatype accepts it, as pyshacl decides."""
    if getattr(lit, "ill_typed", None) is True:
        return False
    expected = _PYTHON_TYPES.get(lit.datatype)  # type: ignore[arg-type]
    return expected is None or isinstance(lit.value, expected)


def as_string(value: Node) -> str:
    """The string that sh:pattern and the length constraints look at."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in _STRING_TYPES:
        return str(value.value)
    return str(value)


def matches(value: Node, pattern: re.Pattern[str]) -> bool:
    if isinstance(value, BNode):
        return False
    return pattern.search(as_string(value)) is not None


def compile_pattern(pattern: str, flags: str | None) -> re.Pattern[str]:
    """A Python regex as pyshacl compiles sh:pattern with sh:flags (only i and m count)."""
    re_flags = 0
    lowered = (flags or "").lower()
    if "i" in lowered:
        re_flags |= re.IGNORECASE
    if "m" in lowered:
        re_flags |= re.MULTILINE
    return re.compile(pattern, re_flags)


def compare(left: Literal, right: Literal) -> int:
    """-1, 0 or 1 as pyshacl orders two literals; raises TypeError when they do not compare."""
    if left.eq(right):
        return 0
    if isinstance(left.value, datetime.datetime | datetime.time):
        if left.value == right.value:
            return 0
        if left.value > right.value:
            return 1
    elif left > right:
        return 1
    return -1


def in_range(value: Node, bound: Literal, operator: str) -> bool:
    """Whether ``value`` passes sh:minInclusive (">="), minExclusive (">"), maxInclusive
    ("<=") or maxExclusive ("<") with ``bound``."""
    if not isinstance(value, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        order = compare(value, bound)
    except (TypeError, NotImplementedError):
        return False
    return {">=": order >= 0, ">": order > 0, "<=": order <= 0, "<": order < 0}[operator]

