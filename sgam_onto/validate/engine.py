"""Run the shapes over a data graph with pyshacl and read the results back.

pyshacl is imported here, when validation actually runs (importing it costs about 0.4 s).
Settings, and why:

* ``inference="none"``: the data are validated as written. sh:targetClass and sh:class
  still follow rdfs:subClassOf, because SHACL reads subclass triples from the data graph
  itself; the ontology is therefore part of the data graph (see ``with_ontology``), which is
  what pyshacl's ``ont_graph`` option would do on a clone.
* ``advanced`` only when the shapes use SHACL-AF (sh:target, sh:rule); ``inplace`` unless
  they hold sh:rule. Only rules (and inference, which is off) write to the data graph, so
  pyshacl reads the given graph without cloning it, and a landscape is validated without
  being copied (tests check it is left unchanged). pyshacl never follows owl:imports of a
  data graph handed over as a Graph.
* ``allow_warnings=False``: the report is standard SHACL; severities are counted here.

What pyshacl needs help with (its ``focus_nodes`` option, the shapes as the specification
reads them, the cost of re-parsing SPARQL) is done in ``pyshacl_fixes``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SH
from rdflib.term import Node

from sgam_onto import namespace as sgam_ns
from sgam_onto.validate.pyshacl_fixes import as_specified, focus_shapes, parsed_once
from sgam_onto.validate.results import ValidationResult, read_results, sort_results

ONTOLOGY_IRI = URIRef(sgam_ns.ONTOLOGY_IRI)


def merged_copy(*graphs: Graph | None) -> Graph:
    """A new graph holding the triples of ``graphs``; none of them is changed."""
    data = Graph(bind_namespaces="none")
    for graph in graphs:
        if graph is None:
            continue
        for prefix, namespace in graph.namespaces():
            data.bind(prefix, namespace, override=False)
        data.addN((s, p, o, data) for s, p, o in graph)
    data.remove((None, OWL.imports, None))
    return data


def has_ontology(data: Graph) -> bool:
    return (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in data


def with_ontology(data: Graph) -> Graph:
    """Add the ontology modules to ``data`` when it lacks them, so subclass targets work."""
    if has_ontology(data):
        return data
    from sgam_onto import paths
    from sgam_onto.rdf.convert import add_quads
    from sgam_onto.rdf.parse import parse_file

    for module in paths.module_files():
        add_quads(data, parse_file(module).quads)
    data.remove((None, OWL.imports, None))
    return data


def run_shapes(
    data: Graph,
    shapes: Graph,
    *,
    focus_nodes: Iterable[Node] | None = None,
) -> list[ValidationResult]:
    """Validate ``data`` (which pyshacl may use in place) against ``shapes``."""
    focus = None if focus_nodes is None else set(focus_nodes)
    if focus is not None and not focus:
        return []
    if focus is None:
        results = _pyshacl(data, shapes, shapes)
    else:
        with focus_shapes(shapes, data, focus) as focused:
            results = _pyshacl(data, focused, shapes)
    if focus is not None:
        results = [r for r in results if r.focus in focus]
    return sort_results(results)


def _pyshacl(data: Graph, engine_shapes: Graph, shapes: Graph) -> list[ValidationResult]:
    import pyshacl

    from sgam_onto.errors import SgamError
    from sgam_onto.query.rdflib_seal import seal_rdflib

    seal_rdflib()  # pyshacl runs shape SPARQL on rdflib: no FROM/LOAD fetching, no SERVICE
    # pyshacl logs notes about the shapes graph at WARNING level; results are what matters.
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    engine_shapes = as_specified(engine_shapes)
    try:
        with parsed_once(data):
            _conforms, report, _text = pyshacl.validate(
                data,
                shacl_graph=engine_shapes,
                inference="none",
                advanced=needs_advanced(engine_shapes),
                inplace=(None, SH.rule, None) not in engine_shapes,
                allow_warnings=False,
                allow_infos=False,
                abort_on_first=False,
            )
    except NotImplementedError as err:
        raise SgamError(
            "the shapes use a SHACL feature the reference validator (pyshacl) does not "
            f"support: {_one_line(err) or 'not implemented'}"
        ) from None
    except pyshacl.errors.ReportableRuntimeError as err:
        raise SgamError(f"the shapes cannot be used: {_one_line(err)}") from None
    if not isinstance(report, Graph):  # a ValidationFailure: the shapes themselves are broken
        raise SgamError(f"the shapes cannot be used: {report}")
    return read_results(report, shapes)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


def needs_advanced(shapes: Graph) -> bool:
    """Whether the shapes use SHACL-AF features (custom targets, rules, functions)."""
    return any(
        (None, predicate, None) in shapes for predicate in (SH.target, SH.rule)
    ) or (None, RDF.type, SH.SPARQLFunction) in shapes

