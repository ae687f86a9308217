"""The system's headless Chromium, driven by Playwright, for the browser tests: skipped with a
reason where it is missing, a failure in CI (where scripts/install-browser.sh must have
installed it)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.reader import ARGS, chromium
from tests.publish.site_fixture import published_site
from tests.serve.server_fixture import running_server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium()
    if executable is None:
        message = "headless Chromium is not installed (run scripts/install-browser.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        b = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with running_server(published_site()) as url:
        yield url


@pytest.fixture(scope="session")
def shots() -> Path:
    """Where the screenshots go; the folder is kept so that a person can look at them."""
    return Path(tempfile.mkdtemp(prefix="sgam-onto-screenshots-"))
