"""Fixtures for the catalogue tests: the real landscape, loaded once, and the SRD text."""

from __future__ import annotations

import pytest

from sgam_onto.query.catalogue import Catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue()

