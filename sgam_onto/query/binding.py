"""Parameters become RDF terms, never query text.

On the embedded store terms are handed to Oxigraph as substitutions (SEP-0007). For engines
reached over the protocol, `inject_values` adds a VALUES block whose terms are serialised by
Oxigraph itself (N-Triples syntax), so quotes, braces and newlines stay inside one literal.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from sgam_onto.errors import SgamError
from sgam_onto.query.headers import VARNAME, Param
from sgam_onto.query.lexer import where_group_start
from sgam_onto.rdf.integers import I64_MAX, I64_MIN, in_range, year_cycle

XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPES = {t: ox.NamedNode(XSD + t) for t in ("string", "integer", "boolean", "date")}

Term = ox.NamedNode | ox.Literal

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# What an iri parameter may name: the landscape's resources and the vocabularies it links to
# are http(s) IRIs, standards may be URNs; javascript:, file:, data: and the like never are.
IRI_SCHEMES = ("http", "https", "urn")
_BAD_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_BOOLEAN = frozenset({"true", "false", "1", "0"})
_DATE = re.compile(
    r"(?P<year>-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?\Z"
)


def parse_param_args(items: Iterable[str]) -> dict[str, str]:
    """Split repeated `--param k=v` arguments (at the first `=`); duplicates are an error."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise SgamError(f"--param {item!r}: expected NAME=VALUE")
        if key in out:
            raise SgamError(f"--param {key!r} given more than once")
        out[key] = value
    return out


def to_term(param: Param, value: str) -> Term:
    """The RDF term for one parameter value, after checking it is valid for the type."""
    if param.type == "iri":
        return _iri(param, value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(param, value, "not valid Unicode text") from None
    if param.type == "integer" and not _INTEGER.match(value):
        raise _bad(param, value, "not an xsd:integer (digits with an optional sign)")
    if param.type == "integer" and not in_range(value, I64_MIN, I64_MAX):
        # the store compares integers as 64-bit numbers: a larger one would match nothing
        raise _bad(param, value, f"outside the integers the store can compare ({I64_MIN} to "
                                 f"{I64_MAX})")
    if param.type == "boolean" and value not in _BOOLEAN:
        raise _bad(param, value, "not an xsd:boolean (true, false, 1 or 0)")
    if param.type == "date" and not _valid_date(value):
        raise _bad(param, value, "not an xsd:date (YYYY-MM-DD, optional timezone)")
    return ox.Literal(value, datatype=DATATYPES[param.type])


def bind_params(
    params: Sequence[Param], raw: Mapping[str, str], query: str = "the query"
) -> dict[str, Term]:
    """Check `raw` against the declared params and return the terms to bind, by name."""
    declared = {p.name: p for p in params}
    usage = "; ".join(p.describe() for p in params) or "no parameters"
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise SgamError(f"{query}: unknown parameter(s) {', '.join(unknown)}; it takes: {usage}")
    missing = [p.name for p in params if p.required and p.name not in raw]
    if missing:
        raise SgamError(
            f"{query}: missing required parameter(s) {', '.join(missing)}; it takes: {usage}"
        )
    return {name: to_term(declared[name], value) for name, value in raw.items()}


def python_to_lexical(param: Param, value: object) -> str:
    """The lexical form of a Python argument (str, int, bool, date) for a declared param."""
    if isinstance(value, ox.NamedNode) and param.type == "iri":
        return value.value
    ok = {
        "iri": isinstance(value, str),
        "string": isinstance(value, str),
        "integer": isinstance(value, str | int) and not isinstance(value, bool),
        "boolean": isinstance(value, str | bool),
        "date": isinstance(value, str)
        or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)),
    }[param.type]
    if not ok:
        raise _bad(param, repr(value), f"a Python {type(value).__name__} cannot be a {param.type}")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def values_block(bindings: Mapping[str, Term]) -> str:
    """`VALUES (?a ?b) { (<iri> "lit") }` with each term serialised by Oxigraph."""
    names, terms = [], []
    for name, term in bindings.items():
        if not VARNAME.match(name):
            raise SgamError(f"{name!r} is not a SPARQL variable name")
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise SgamError(f"?{name}: only IRIs and literals can be bound, not {term!r}")
        names.append(f"?{name}")
        terms.append(_portable(str(term)))
    block = f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    if "\n" in block or "\r" in block:  # N-Triples escapes both; a raw one would end a comment
        raise SgamError("a bound term serialised with a raw line break")
    return block


def inject_values(text: str, bindings: Mapping[str, Term]) -> str:
    """Insert `values_block(bindings)` as the first pattern of the top-level WHERE group."""
    if not bindings:
        return text
    try:
        at = where_group_start(text) + 1
    except ValueError as err:
        raise SgamError(f"cannot bind parameters: {err}") from None
    return f"{text[:at]} {values_block(bindings)} {text[at:]}"


_ESCAPE = re.compile(r"\\\\([uU])|\\u([0-9A-Fa-f]{4})|\\.")


def _portable(serialised: str) -> str:
    r"""Rewrite codepoint-sensitive escapes so every SPARQL reader gets the same value.

    SPARQL allows `\u`/`\U` escapes anywhere and some engines expand them over the whole text
    before lexing (and may read `\u` with 8 hex digits). So a value's literal backslash before
    `u` is written `\\\U00000075`, and each `\uXXXX` as `\U0000XXXX`: the fixed 8-digit form
    reads back the same in the lexer, in a pre-pass, or in a greedy pre-pass.
    """

    def repl(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return "\\\\" + ("\\U00000075" if m.group(1) == "u" else "\\U00000055")
        if m.group(2) is not None:
            return "\\U0000" + m.group(2)
        return m.group()

    return _ESCAPE.sub(repl, serialised)


def _iri(param: Param, value: str) -> ox.NamedNode:
    bad = _BAD_IRI_CHAR.search(value)
    if bad:
        raise _bad(param, value, f"an IRI cannot contain {bad.group()!r}")
    if not _SCHEME.match(value):
        raise _bad(param, value, "not an absolute IRI (it needs a scheme such as https:)")
    scheme, _, rest = value.partition(":")
    if scheme.lower() not in IRI_SCHEMES:
        raise _bad(param, value, f"the {scheme.lower()}: scheme is not allowed (an iri "
                                 f"parameter takes {', '.join(s + ':' for s in IRI_SCHEMES)})")
    if scheme.lower() != "urn" and not re.match(r"//[^/?#@\s]+(?:[/?#]|\Z)", rest):
        raise _bad(param, value, "an http(s) IRI needs a host (http(s)://host/...)")
    try:
        return ox.NamedNode(value)
    except ValueError as err:
        raise _bad(param, value, f"not a valid IRI ({err})") from None


def _valid_date(value: str) -> bool:
    m = _DATE.match(value)
    if not m:
        return False
    year, month, day = year_cycle(m.group("year")), int(m.group("month")), int(m.group("day"))
    if not 1 <= month <= 12 or day < 1:
        return False
    # xsd:date has a year zero (1 BCE); the proleptic Gregorian leap rule still applies.
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = 29 if month == 2 and leap else calendar.monthrange(2001, month)[1]
    return day <= days


def _bad(param: Param, value: str, why: str) -> SgamError:
    shown = value if len(value) <= 80 else value[:77] + "..."
    return SgamError(f"parameter {param.name} ({param.type}) = {shown!r}: {why}")
