"""Fixtures for the catalogue tests: the real landscape, loaded once, and the SRD text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.landscape import Landscape, load_landscape
from sgam_onto.query.catalogue import Catalogue

SEED_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"


@pytest.fixture(scope="session")
def landscape() -> Landscape:
    return load_landscape()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue()


@pytest.fixture(scope="session")
def srd_text() -> str:
    """The SRD's plain text; tests that read it skip where the shared folder is absent."""
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"the SRD text is not available at {SEED_DIR.resolve()} (shared folder absent)")
    return files[0].read_text(encoding="utf-8")
