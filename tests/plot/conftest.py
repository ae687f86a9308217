"""The real landscape, loaded once for the picture tests."""

from __future__ import annotations

import pytest

from sgam_onto.landscape import Landscape, load_landscape


@pytest.fixture(scope="session")
def landscape() -> Landscape:
    return load_landscape()
