"""A real `sgam-onto serve` over the published site, on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.publish.site_fixture import published_site
from tests.serve.server_fixture import running_server

TIMEOUT = 3
MAX_ROWS = 5000


@pytest.fixture(scope="session")
def site() -> Path:
    return published_site()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with running_server(site, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS)) as url:
        yield url
