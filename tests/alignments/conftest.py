"""Fixtures for the alignment tests: the landscape with and without its alignments."""

from __future__ import annotations

import pytest

from sgam_onto.export.mappings import MappingRecord, mapping_records
from sgam_onto.landscape import Landscape, load_landscape


@pytest.fixture(scope="session")
def aligned() -> Landscape:
    """The packaged landscape with every alignment file loaded."""
    return load_landscape(with_alignments=True)


@pytest.fixture(scope="session")
def records(aligned: Landscape) -> list[MappingRecord]:
    return mapping_records(aligned.graph)
