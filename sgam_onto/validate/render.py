"""Validation reports for people (text, Markdown) and for programs (JSON, Turtle).

Text and Markdown group the results by focus node: the node's label and IRI, where it is
defined (FILE:LINE), then each broken rule with the line of the offending statement, the
shape's message, the offending value and a fix hint; a one-line summary closes the report.

JSON is one object::

    {
      "conforms": false,            # no violations (and, with --strict, no warnings)
      "strict": false,
      "summary": {"violations": 3, "warnings": 1, "infos": 0, "resources": 2,
                  "triples": 6912, "seconds": 1.2},
      "results": [
        {
          "focusNode": {"type": "uri", "value": "https://w3id.org/sgam-onto/id/..."},
          "label": "Coordination item: DER forecasts",
          "definedAt": {"file": "examples/x.ttl", "line": 12} | null,
          "location": {"file": "examples/x.ttl", "line": 14} | null,
          "path": "<…/sgam-onto#party>" | null,     # SPARQL property path
          "value": {"type": "uri"|"literal"|"bnode", "value": "...",
                    "datatype": "...", "xml:lang": "..."} | null,  # SPARQL JSON term
          "severity": "violation" | "warning" | "info",
          "constraintComponent": "http://www.w3.org/ns/shacl#MinCountConstraintComponent",
          "sourceShape": "https://w3id.org/sgam-onto/shapes#CoordinationItem-party",
          "message": "...",
          "fixHint": "..."
        }
      ],
      "lint": [                     # findings of sgam_onto.lint in the files under review
        {"file": "examples/x.ttl", "line": 3, "rule": "undeclared-term", "message": "..."}
      ]
    }

Lint findings close the text report as ``PATH:LINE: rule: message`` lines and the Markdown
report as a list; they fail validation like violations. They are not SHACL results, so the
Turtle report leaves them out (the summary on stderr counts them).

Turtle is the standard sh:ValidationReport graph, written deterministically.
"""

from __future__ import annotations

import functools
import json
import re
import textwrap
from collections.abc import Callable
from itertools import groupby

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.plugins.sparql.results.jsonresults import termToJSON
from rdflib.term import Node

from sgam_onto.namespace import SHAPES_NS
from sgam_onto.tables import backslash_escape
from sgam_onto.validate.results import (
    Location,
    ValidationOutcome,
    ValidationResult,
    display_path,
    local_name,
)
from sgam_onto.validate.shacl_paths import path_text

FORMATS = ("text", "json", "markdown", "turtle")
WIDTH = 96
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
_STANDARD_PREFIXES = {
    "rdf": str(RDF),
    "sh": str(SH),
    "xsd": str(XSD),
    "sgamsh": SHAPES_NS,
}


def render(outcome: ValidationOutcome, format: str = "text", *, strict: bool = False) -> str:
    """The report in ``format`` (one of FORMATS), ending with a newline."""
    renderers: dict[str, Callable[[ValidationOutcome, bool], str]] = {
        "text": render_text,
        "json": render_json,
        "markdown": render_markdown,
        "turtle": render_turtle,
    }
    return renderers[format](outcome, strict)


class Namer:
    """Short names for terms: prefixed names where a prefix fits, else <IRI>."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        merged = {**_STANDARD_PREFIXES, **prefixes}
        # longest namespace first, so that .../id/body/ wins over .../id/
        self.namespaces = sorted(merged.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._written: dict[str, str] = {}  # shapes, paths and values repeat across results

    def iri(self, iri: URIRef) -> str:
        text = str(iri)
        written = self._written.get(text)
        if written is None:
            written = self._written[text] = self._prefixed(text)
        return written

    def _prefixed(self, text: str) -> str:
        for prefix, namespace in self.namespaces:
            if text.startswith(namespace) and _LOCAL.match(text[len(namespace):]):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"

    def term(self, node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, URIRef):
            return self.iri(node)
        if isinstance(node, BNode):
            return f"_:{node}"
        if isinstance(node, Literal):
            quoted = json.dumps(str(node), ensure_ascii=False)
            if node.language:
                return f"{quoted}@{node.language}"
            if node.datatype is not None and node.datatype != XSD.string:
                return f"{quoted}^^{self.iri(node.datatype)}"
            return quoted
        return str(node)

    def path(self, result: ValidationResult) -> str:
        return path_text(result.path, self.iri)


def _groups(outcome: ValidationOutcome) -> list[tuple[Node, list[ValidationResult]]]:
    """Results grouped by focus node, in order of where the nodes are defined."""
    def order(result: ValidationResult) -> tuple:
        where = outcome.location(result.focus)
        if where is None:
            return (1, "", 0, str(result.focus))
        return (0, display_path(where.path), where.line, str(result.focus))

    ordered = sorted(outcome.results, key=order)
    return [(focus, list(items)) for focus, items in groupby(ordered, key=lambda r: r.focus)]


def _where(outcome: ValidationOutcome, result: ValidationResult) -> Location | None:
    return outcome.location(result.focus, result.predicate)


def render_text(outcome: ValidationOutcome, strict: bool = False) -> str:
    names = Namer(outcome.prefixes)
    lines: list[str] = []
    for focus, results in _groups(outcome):
        label = outcome.labels.get(focus)
        head = names.term(focus) + (f"  {json.dumps(label, ensure_ascii=False)}" if label else "")
        lines.append(head)
        iri = f"<{focus}>" if isinstance(focus, URIRef) else names.term(focus)
        defined = outcome.location(focus)
        lines.append(f"  {iri}" + (f"  defined at {defined}" if defined else ""))
        for result in results:
            rule = f"[{names.iri(result.source_shape)}]" if isinstance(
                result.source_shape, URIRef
            ) else ""
            where = _where(outcome, result)
            parts = [result.severity_name, names.path(result) or "(node)", rule]
            if where is not None:
                parts.append(f"at {where}")
            lines.append("  " + "  ".join(p for p in parts if p))
            lines += _wrapped(result.message or local_name(result.component), "    ")
            if result.value is not None and result.value != result.focus:
                lines += _wrapped(f"value: {names.term(result.value)}", "    ")
            if result.hint:
                lines += _wrapped(f"fix:   {result.hint}", "    ", "           ")
        lines.append("")
    if outcome.lint:
        lines += ["lint", *(f"  {finding}" for finding in outcome.lint), ""]
    lines.append(_verdict(outcome, strict))
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=4096)  # one shape's message repeats for each of its results
def _wrapped(text: str, indent: str, subsequent: str | None = None) -> tuple[str, ...]:
    return tuple(textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=subsequent or indent,
        break_long_words=False,
        break_on_hyphens=False,
    )) or (indent.rstrip(),)


def _verdict(outcome: ValidationOutcome, strict: bool) -> str:
    state = "conforms" if outcome.conforms(strict) else "does not conform"
    return f"{outcome.summary()} ({state})"


def render_markdown(outcome: ValidationOutcome, strict: bool = False) -> str:
    names = Namer(outcome.prefixes)
    icon = "✅" if outcome.conforms(strict) else "❌"
    lines = [f"### {icon} `sgam-onto validate`: {_verdict(outcome, strict)}", ""]
    for focus, results in _groups(outcome):
        label = outcome.labels.get(focus)
        defined = outcome.location(focus)
        head = f"#### {_code(names.term(focus))}"
        if label:
            head += f" {_md(label)}"
        if defined:
            head += f" ({_code(str(defined))})"
        lines += [head, ""]
        for result in results:
            where = _where(outcome, result)
            bits = [f"- **{result.severity_name}**"]
            path = names.path(result)
            if path:
                bits.append(_code(path))
            if where is not None:
                bits.append(f"at {_code(str(where))}")
            message = result.message or local_name(result.component)
            lines.append(" ".join(bits) + f": {_md(message)}")
            details = []
            if result.value is not None and result.value != result.focus:
                details.append(f"Value: {_code(names.term(result.value))}.")
            if result.hint:
                details.append(f"Fix: {_code(result.hint)}")
            details.append(f"Rule: {_code(names.term(result.source_shape))}")
            lines.append("  " + " ".join(details))
        lines.append("")
    if outcome.lint:
        lines += ["#### Lint", ""]
        lines += [
            f"- {_code(f'{display_path(f.path)}:{f.line}')} **{f.rule}**: {_md(f.message)}"
            for f in outcome.lint
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md(text: str) -> str:
    return backslash_escape(text, "\\*_`<>|[]")


def render_json(outcome: ValidationOutcome, strict: bool = False) -> str:
    def place(location: Location | None) -> dict | None:
        if location is None:
            return None
        return {"file": display_path(location.path), "line": location.line}

    doc = {
        "conforms": outcome.conforms(strict),
        "strict": strict,
        "summary": {
            "violations": outcome.violations,
            "warnings": outcome.warnings,
            "infos": outcome.infos,
            "resources": outcome.resources,
            "triples": outcome.triples,
            "seconds": round(outcome.seconds, 3),
        },
        "results": [
            {
                "focusNode": json_term(result.focus),
                "label": outcome.labels.get(result.focus),
                "definedAt": place(outcome.location(result.focus)),
                "location": place(_where(outcome, result)),
                "path": path_text(result.path) or None,
                "value": json_term(result.value),
                "severity": result.severity_name,
                "constraintComponent": str(result.component),
                "sourceShape": str(result.source_shape),
                "message": result.message,
                "fixHint": result.hint or None,
            }
            for _, results in _groups(outcome)
            for result in results
        ],
        "lint": [
            {"file": display_path(f.path), "line": f.line, "rule": f.rule, "message": f.message}
            for f in outcome.lint
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def json_term(node: Node | None) -> dict | None:
    """A term in the SPARQL 1.1 JSON results encoding, by rdflib's own results writer."""
    return termToJSON(None, node)  # type: ignore[arg-type]  # the writer's method, used unbound


def render_turtle(outcome: ValidationOutcome, strict: bool = False) -> str:
    from sgam_onto.rdf.turtle import serialize_turtle

    graph = outcome.report_graph()
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    prefixes = {
        prefix: namespace
        for prefix, namespace in {**outcome.prefixes, **_STANDARD_PREFIXES}.items()
        if any(iri.startswith(namespace) for iri in used)
    }
    return serialize_turtle(graph, dict(sorted(prefixes.items())))
