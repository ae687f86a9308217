"""Fixtures over the real landscape: loaded once per session through the syntax gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.landscape import Landscape, load_landscape

SEED_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"


@pytest.fixture(scope="session")
def landscape() -> Landscape:
    return load_landscape()


@pytest.fixture(scope="session")
def srd_text() -> str:
    """The SRD's plain text; tests that read it skip where the shared folder is absent."""
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"the SRD text is not available at {SEED_DIR.resolve()} (shared folder absent)")
    return files[0].read_text(encoding="utf-8")


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
