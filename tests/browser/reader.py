"""The Debian Chromium, driven through Playwright, read as a reader reads it.

Each page opens in a fresh browser context (an empty profile) and records every console
error, uncaught exception, failed load and HTTP error it meets. `visit(url)` returns what a
reader of one page gets; `open_tab` keeps a page open to be driven with the mouse and keyboard.
The browser is the system one (`executable_path`): nothing is downloaded at test time.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Response

# Kept from the flags the tests always ran with: no network of Chromium's own, no GPU.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
]
TIMEOUT_MS = 20_000


def chromium() -> str | None:
    """The system Chromium (installed by scripts/install-browser.sh), if there is one."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _record_errors(page: Page) -> list[str]:
    """The list that the page's errors are appended to as they happen."""
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            errors.append(f"console: {message.text} {message.location.get('url', '')}"[:300])

    def response(answer: Response) -> None:
        if answer.status >= 400:
            errors.append(f"HTTP {answer.status}: {answer.url}")

    page.on("pageerror", lambda error: errors.append(f"exception: {error}"[:300]))
    page.on("console", console)
    page.on("requestfailed", lambda r: errors.append(f"load failed: {r.failure} {r.url}"))
    page.on("response", response)
    return errors


@dataclass
class Tab:
    """One open page and the errors it has reported so far."""

    page: Page
    reported: list[str] = field(default_factory=list)

    def open(self, url: str, ready: str = "document.body.dataset.explorer === 'ready'") -> None:
        """Load `url` and wait until the page says it is drawn."""
        self.page.goto(url)
        self.wait(ready)

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        return self.page.evaluate(expression)

    def wait(self, expression: str) -> Any:
        """Poll `expression` until it is truthy. (Playwright's wait_for_function runs the
        expression through eval() in the page, which the site's script-src policy forbids.)"""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            value = self.eval(expression)
            if value:
                return value
            self.page.wait_for_timeout(50)
        raise TimeoutError(expression)

    def errors(self) -> list[str]:
        self.page.wait_for_timeout(200)  # let late reports arrive
        return list(self.reported)


@contextmanager
def open_tab(
    browser: Browser, width: int = 1280, height: int = 900, mobile: bool = False
) -> Iterator[Tab]:
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1, is_mobile=mobile
    )
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield Tab(page, _record_errors(page))
    finally:
        context.close()


@dataclass
class Visit:
    """What a reader of one page gets."""

    url: str
    dom: str
    screenshot: bytes
    errors: list[str] = field(default_factory=list)


def visit(browser: Browser, url: str, settle: float = 0.8) -> Visit:
    """Load `url`, give its scripts `settle` seconds, and read the page."""
    with open_tab(browser, 1280, 1400) as tab:
        tab.page.goto(url)
        tab.page.wait_for_timeout(settle * 1000)
        dom = tab.eval("document.documentElement.outerHTML")
        return Visit(url, dom, tab.page.screenshot(), list(tab.reported))
