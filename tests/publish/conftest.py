"""The published site of the real landscape, built once per test process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.site_fixture import published_site


@pytest.fixture(scope="session")
def site() -> Path:
    return published_site()
