"""Fixtures for the query tests: a real pyoxigraph Store over a small committed dataset."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.query.catalogue import Catalogue

FIXTURE_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "query" / "root"
DATA = FIXTURE_ROOT / "ontology" / "data" / "landscape.ttl"


@pytest.fixture
def store() -> ox.Store:
    """A fresh in-memory store holding the fixture landscape in its default graph."""
    s = ox.Store()
    s.load(path=str(DATA), format=ox.RdfFormat.TURTLE)
    return s


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue(FIXTURE_ROOT / "queries")
