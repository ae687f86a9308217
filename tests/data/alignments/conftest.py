"""Fixtures for the alignment tests: the landscape with and without its alignments."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.export.mappings import MappingRecord, mapping_records
from sgam_onto.landscape import Landscape, load_landscape
from tests.data.alignments.pinned import IEEE13, require_shared

METERING = Path(__file__).resolve().parents[2] / "fixtures" / "cim" / "metering.ttl"


@pytest.fixture(scope="session")
def aligned() -> Landscape:
    """The packaged landscape with every alignment file loaded."""
    return load_landscape(with_alignments=True)


@pytest.fixture(scope="session")
def records(aligned: Landscape) -> list[MappingRecord]:
    return mapping_records(aligned.graph)


@pytest.fixture(scope="module")
def metering() -> Landscape:
    """The landscape, its alignments and a small IEC 61968/62325 metering and market fixture."""
    return load_landscape(extra_files=[METERING], with_alignments=True)


@pytest.fixture(scope="module")
def feeder() -> Landscape:
    """As ``metering``, plus the CIMHub IEEE 13-node feeder (CIM100) pinned in ../shared."""
    require_shared()
    return load_landscape(extra_files=[IEEE13, METERING], with_alignments=True)
