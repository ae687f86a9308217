"""rdflib's SPARQL engine, sealed so that it reaches nothing outside the graphs it is given."""

from __future__ import annotations

from typing import Any

from sgam_onto.errors import SgamError


def seal_rdflib() -> None:
    """Make rdflib's SPARQL engine reach nothing outside the graphs it is given.

    pyshacl runs the SPARQL of shapes (SPARQL targets, rules, constraints; ``validate
    --shapes`` takes any file) with rdflib, which would fetch FROM / FROM NAMED / LOAD
    sources from URLs and files, and send SERVICE requests anywhere. After this call it does
    neither: graphs are never loaded, SERVICE is an error. Idempotent.
    """
    import rdflib.plugins.sparql as sparql

    sparql.SPARQL_LOAD_GRAPHS = False
    sparql.CUSTOM_EVALS.setdefault("sgam-onto-no-service", _refuse_service)


def _refuse_service(ctx: Any, part: Any) -> Any:
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise SgamError("SERVICE (a federated query) is not allowed: SPARQL runs on the local "
                        "data only")
    raise NotImplementedError  # every other part: rdflib's own evaluation
