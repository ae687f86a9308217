"""Lexical spaces of the XML Schema datatypes RDF uses, checked without converting anything.

The files as parsed are the source of truth and are never rewritten, so a literal such as
"2020-02-30"^^xsd:date or "yes"^^xsd:boolean survives every tool silently; here it is named.
Patterns follow XSD 1.1 Part 2; calendar values are also checked for existing days.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable

from sgam_onto.rdf.integers import compare_integer, year_cycle
from sgam_onto.rdf.names import PN_CHARS, PN_CHARS_U

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OWL = "http://www.w3.org/2002/07/owl#"

# XSD built-ins that RDF 1.1 lists as unsuitable for literals.
UNSUITABLE = frozenset(
    XSD + name
    for name in ("QName", "ENTITY", "ID", "IDREF", "NOTATION", "IDREFS", "ENTITIES", "NMTOKENS")
)

_ZONE = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_TZ = _ZONE + "?"
_YEAR = r"-?(?:[1-9][0-9]{3,}|0[0-9]{3})"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_SECONDS = r"[0-9]+(?:\.[0-9]+)?S"
_DT = rf"(?:[0-9]+H(?:[0-9]+M)?(?:{_SECONDS})?|[0-9]+M(?:{_SECONDS})?|{_SECONDS})"
_YM = r"(?:[0-9]+Y(?:[0-9]+M)?|[0-9]+M)"

_PATTERNS: dict[str, str] = {
    "boolean": r"true|false|1|0",
    "decimal": r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)",
    "integer": r"[+-]?[0-9]+",
    "float": r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?|[+-]?INF|NaN",
    "date": rf"({_YEAR})-({_MONTH})-({_DAY}){_TZ}",
    "dateTime": rf"({_YEAR})-({_MONTH})-({_DAY})T{_TIME}{_TZ}",
    "dateTimeStamp": rf"({_YEAR})-({_MONTH})-({_DAY})T{_TIME}{_ZONE}",
    "time": rf"{_TIME}{_TZ}",
    "gYear": rf"{_YEAR}{_TZ}",
    "gYearMonth": rf"{_YEAR}-{_MONTH}{_TZ}",
    "gMonth": rf"--{_MONTH}{_TZ}",
    "gDay": rf"---{_DAY}{_TZ}",
    "gMonthDay": rf"--({_MONTH})-({_DAY}){_TZ}",
    "duration": rf"-?P(?:{_YM}(?:[0-9]+D)?(?:T{_DT})?|[0-9]+D(?:T{_DT})?|T{_DT})",
    "dayTimeDuration": rf"-?P(?:[0-9]+D(?:T{_DT})?|T{_DT})",
    "yearMonthDuration": rf"-?P{_YM}",
    "hexBinary": r"(?:[0-9a-fA-F]{2})*",
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    "anyURI": r"[^\x00-\x20<>\"{}|\\^`]*",
}
_COMPILED = {XSD + name: re.compile(pattern) for name, pattern in _PATTERNS.items()}
_COMPILED[XSD + "double"] = _COMPILED[XSD + "float"]

# Integer types derived by range: (lowest, highest), None for unbounded.
_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}

# XML 1.0 name characters, for Name, NCName and NMTOKEN.
_NAME_START = ":" + PN_CHARS_U
_NAME_CHAR = ":." + PN_CHARS
_NAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*")
_NCNAME = re.compile(f"[{_NAME_START.replace(':', '')}][{_NAME_CHAR.replace(':', '')}]*")
_NMTOKEN = re.compile(f"[{_NAME_CHAR}]+")

STRING_TYPES = frozenset(
    XSD + name for name in ("string", "normalizedString", "token", "Name", "NCName", "NMTOKEN")
)

KNOWN: frozenset[str] = frozenset(
    {XSD + name for name in _PATTERNS}
    | {XSD + name for name in _RANGES}
    | STRING_TYPES
    | {XSD + "double", XSD + "base64Binary"}
    | {RDF + name for name in ("langString", "dirLangString", "HTML", "XMLLiteral", "JSON",
                               "PlainLiteral")}
    | {OWL + "real", OWL + "rational"}
)


def problem(lexical: str, datatype: str) -> str | None:
    """Why ``lexical`` is not in the lexical space of ``datatype``; None if it is (or unknown)."""
    found = _problem(lexical, datatype)
    if found and lexical != lexical.strip() and _problem(lexical.strip(), datatype) is None:
        return "leading or trailing whitespace"
    return found


def _problem(lexical: str, datatype: str) -> str | None:
    check = _CHECKS.get(datatype)
    if check is not None:
        return check(lexical)
    pattern = _COMPILED.get(datatype)
    if pattern is None:
        return None
    match = pattern.fullmatch(lexical)
    if match is None:
        return "not a valid lexical form"
    local = datatype[len(XSD):]
    if local in ("date", "dateTime", "dateTimeStamp"):
        return _day_exists(year_cycle(match.group(1)), int(match.group(2)), int(match.group(3)))
    if local == "gMonthDay":
        return _day_exists(2000, int(match.group(1)), int(match.group(2)))  # leap: Feb 29 ok
    return None


def _day_exists(year: int, month: int, day: int) -> str | None:
    """XSD 1.1 counts years astronomically (0000 is 1 BCE), so the Gregorian rule applies as is."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 29 if month == 2 and leap else _DAYS[month - 1]
    if day > last:
        return f"day {day} does not exist in month {month:02d}"
    return None


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _integer(low: int | None, high: int | None) -> Callable[[str], str | None]:
    pattern = _COMPILED[XSD + "integer"]

    def check(lexical: str) -> str | None:
        if not pattern.fullmatch(lexical):
            return "not a valid lexical form"
        if low is not None and compare_integer(lexical, low) < 0:
            return f"below the lowest value {low}"
        if high is not None and compare_integer(lexical, high) > 0:
            return f"above the highest value {high}"
        return None

    return check


def _normalized(lexical: str) -> str | None:
    return "contains a tab or line break" if re.search(r"[\t\n\r]", lexical) else None


def _token(lexical: str) -> str | None:
    if _normalized(lexical):
        return _normalized(lexical)
    if lexical != lexical.strip(" ") or "  " in lexical:
        return "leading, trailing or double spaces"
    return None


def _pattern(regex: re.Pattern[str]) -> Callable[[str], str | None]:
    return lambda lexical: None if regex.fullmatch(lexical) else "not a valid lexical form"


def _base64(lexical: str) -> str | None:
    compact = lexical.replace(" ", "")
    if len(compact) % 4:
        return "not a valid lexical form"
    try:
        base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return "not a valid lexical form"
    return None


def _json(lexical: str) -> str | None:
    try:  # numbers stay text: a long one is valid JSON, and too long for Python's int
        json.loads(lexical, parse_int=len, parse_float=len)
    except json.JSONDecodeError as err:
        return f"not JSON ({err.msg})"
    except RecursionError:
        return "JSON nested too deeply to check"
    except ValueError as err:
        return f"not JSON ({err})"
    return None


_CHECKS: dict[str, Callable[[str], str | None]] = {
    XSD + name: _integer(low, high) for name, (low, high) in _RANGES.items()
}
_CHECKS.update({
    XSD + "normalizedString": _normalized,
    XSD + "token": _token,
    XSD + "Name": _pattern(_NAME),
    XSD + "NCName": _pattern(_NCNAME),
    XSD + "NMTOKEN": _pattern(_NMTOKEN),
    XSD + "base64Binary": _base64,
    RDF + "JSON": _json,
})
