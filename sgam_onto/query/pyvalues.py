"""RDF terms as plain Python values, for callers who want data rather than RDF."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"

_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _boolean(lex: str) -> bool:
    if lex in ("true", "1"):
        return True
    if lex in ("false", "0"):
        return False
    raise ValueError(lex)


def _date(lex: str) -> dt.date:
    if not _PLAIN_DATE.match(lex):  # a timezone or an out-of-range year has no dt.date
        raise ValueError(lex)
    return dt.date.fromisoformat(lex)


def _decimal(lex: str) -> Decimal:
    try:
        return Decimal(lex)
    except InvalidOperation:
        raise ValueError(lex) from None


_CONVERTERS: dict[str, Callable[[str], object]] = {
    **dict.fromkeys(_INTEGER_TYPES, int),
    XSD + "boolean": _boolean,
    XSD + "date": _date,
    XSD + "dateTime": dt.datetime.fromisoformat,
    XSD + "decimal": _decimal,
    XSD + "double": float,
    XSD + "float": float,
}


def to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> object:
    """IRIs and strings as str, integers as int, booleans as bool, dates as datetime.date.

    Decimals, doubles and dateTimes map to Decimal, float and datetime; any other datatype, and
    any lexical form the type cannot read (e.g. a date with a timezone), stays a str. Blank
    nodes are `_:id` strings; unbound is None.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        convert = _CONVERTERS.get(term.datatype.value)
        if convert is None:
            return term.value
        try:
            return convert(term.value.strip())
        except ValueError:
            return term.value
    return str(term)
