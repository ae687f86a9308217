"""Helpers over the real landscape; its fixtures live in tests/conftest.py."""

from __future__ import annotations

from sgam_onto.landscape import Landscape


def select(landscape: Landscape, query: str) -> list[tuple]:
    """Run SELECT on the landscape's store and return rows of plain Python strings."""
    prefixes = (
        "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
        "PREFIX id: <https://w3id.org/sgam-onto/id/>\n"
    )
    return [
        tuple(None if term is None else term.value for term in row)
        for row in landscape.store.query(prefixes + query)
    ]
