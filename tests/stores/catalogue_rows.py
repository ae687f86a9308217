"""Running every catalogue query with a sample parameter set, and comparing rows as data."""

from __future__ import annotations

import re
from collections import Counter

import pyoxigraph as ox

from sgam_onto.query.pyvalues import to_python
from sgam_onto.query.stored import StoredQuery

ID = "https://w3id.org/sgam-onto/id/"
SGAM = "https://w3id.org/sgam-onto#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# One sample parameter set per parameterised query; a query missing here falls back to the
# example its header gives ("e.g. VALUE"), so a new query is covered without editing this.
SAMPLE_PARAMS: dict[str, dict[str, str]] = {
    "bodies-in-context": {"context": ID + "context/utility-interfaces"},
    "body-profile": {"body": ID + "body/iec-tc57-wg17"},
    "contexts-of-body": {"body": ID + "body/iec-tc57-wg13"},
    "coordination-between": {"body": ID + "body/iec-tc57-wg17", "other": ID + "body/iec-tc57-wg21"},
    "coordination-by-body": {"body": ID + "body/iec-tc57-wg21"},
    "coordination-by-status": {"status": SGAM + "StatusNeedsSettingUp"},
    "glossary-lookup": {"abbreviation": "CEM"},
    "interaction-bodies-standards": {"interaction": ID + "interaction/6"},
    "interactions-by-kind": {"kind": SGAM + "Indirect"},
    "interactions-of-actor": {"actor": ID + "actor/dso"},
    "standards-of-body": {"body": ID + "body/iec-tc57"},
    "use-cases-of-context": {"context": ID + "context/market-places"},
}
_EXAMPLE = re.compile(r"e\.g\. (\S+)")
_BY_VALUE = {XSD + t for t in ("boolean", "integer", "decimal", "double", "float", "int", "long")}


def sample_params(query: StoredQuery) -> dict[str, str]:
    """The parameters to run ``query`` with; an AssertionError names what is missing."""
    if query.header is None or not query.header.params:
        return {}
    chosen = dict(SAMPLE_PARAMS.get(query.name, {}))
    for param in query.header.params:
        if param.name in chosen:
            continue
        example = _EXAMPLE.search(param.help)
        if example is None:
            if param.required:
                raise AssertionError(
                    f"{query.name}: no sample value for ?{param.name}; add one to SAMPLE_PARAMS"
                )
            continue
        chosen[param.name] = example.group(1).rstrip(".,;)")
    return chosen


def canonical(term: object) -> object:
    """A term as data: numbers and booleans by value (stores differ in lexical form)."""
    if isinstance(term, ox.Literal) and term.datatype.value in _BY_VALUE:
        return ("literal", term.datatype.value, to_python(term))
    if isinstance(term, ox.Literal):
        return ("literal", term.datatype.value, (term.language or "").lower(), term.value)
    return term


def comparable(query: StoredQuery, rows: tuple) -> object:
    """Rows in order when the query promises an order, else as a multiset."""
    data = [tuple(canonical(t) for t in row) for row in rows]
    ordered = query.header is not None and query.header.ordered
    return data if ordered else Counter(data)
