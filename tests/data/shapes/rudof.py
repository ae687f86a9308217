"""rudof (PyPI `pyrudof`), an independent SHACL engine written in Rust, as a second opinion on
the shapes: its results read back as (focus node, path, source shape).

Paths are compared in SPARQL property-path syntax (`path_text`); rudof writes inverse paths
as `^(iri)` and alternatives with spaces, which `rudof_path` brings to the same text.

SHACL features rudof 0.3.35 lacks, found on these shapes (its results miss what they report):

- SPARQL-based targets (`sh:target [ a sh:SPARQLTarget ]`, SHACL Advanced Features): the
  shape is not applied at all (sgamsh:Resource-vocabulary, whose focus nodes are every
  resource that uses an undeclared sgam: term; no Core target selects them).
- Sequence paths (`sh:path ( p1 p2 )`): the property shape reports nothing (the `*-unique`
  shapes, whose path `( sgam:designation [ sh:inversePath sgam:designation ] )` reaches the
  other resources with the same designation).

SHACL-SPARQL constraints (`sh:sparql`) on Core targets, inverse and alternative paths, and
every SHACL Core constraint the shapes use give the same results as pyshacl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
import pyrudof
from rdflib import Graph
from rdflib.namespace import SH

from sgam_onto.validate.shacl_paths import read_path

Result = tuple[str, str, str]

_BRACKETED_IRI = re.compile(r"\(([a-z][a-z0-9+.-]*:[^()\s|^<>]+)\)")
_BARE_IRI = re.compile(r"(?<![<\w])([a-z][a-z0-9+.-]*://[^()\s|^<>]+)")


def rudof_path(text: str) -> str:
    """rudof's rendering of a path in the form of ``path_text`` (IRIs in angle brackets)."""
    text = _BRACKETED_IRI.sub(r"<\1>", text)
    text = _BARE_IRI.sub(r"<\1>", text)
    return text.replace(" ", "")


def session(shape_files: Iterable, data: str) -> pyrudof.Rudof:
    """A rudof session holding the shapes (Turtle files) and the data (N-Triples text)."""
    triples = [q.triple for f in shape_files for q in ox.parse(path=f, format=ox.RdfFormat.TURTLE)]
    shapes = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(data, format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.NTriples)
    return rudof


def validate_with(rudof: pyrudof.Rudof, extra: str = "") -> set[Result]:
    """Validate the session's data plus ``extra`` (N-Triples), leaving the data unchanged."""
    rudof.begin_staging()
    try:
        if extra:
            rudof.read_data(extra, format=pyrudof.RDFFormat.NTriples, merge=True)
        report = rudof.validate_shacl()
    finally:
        rudof.rollback_staging()
    return {
        (str(v.focus_node), rudof_path(str(v.path)) if v.path else "", str(v.source_shape))
        for v in report.violations
    }


def lacking_features(shapes: Graph) -> dict[str, str]:
    """The named shapes that use a feature rudof lacks, with the feature."""
    found = {}
    for shape in shapes.subjects(SH.target, None):
        found[str(shape)] = "SPARQL-based target"
    for shape, node in shapes.subject_objects(SH.path):
        if _has_sequence(read_path(shapes, node)):
            found[str(shape)] = "sequence path"
    return found


def _has_sequence(path) -> bool:
    if not isinstance(path, tuple):
        return False
    kind, inner = path
    members = inner if kind in ("sequence", "alternative") else (inner,)
    return kind == "sequence" or any(_has_sequence(m) for m in members)
