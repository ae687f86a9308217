"""One page of the headless Chromium kept open and driven as a reader would: real mouse
clicks and key presses through the DevTools input domain, the back and forward buttons
through the page's history, and JavaScript evaluated in the page to read what it shows."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.browser.cdp import Browser, _error

KEYS = {  # key -> (code, windowsVirtualKeyCode, text)
    "Tab": ("Tab", 9, None),
    "Enter": ("Enter", 13, "\r"),
}


class Tab:
    def __init__(self, browser: Browser, width: int, height: int, mobile: bool) -> None:
        self.browser = browser
        self.target = browser._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser._call(
            "Target.attachToTarget", {"targetId": self.target, "flatten": True}
        )["sessionId"]
        browser._events.clear()
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser._call(method, params, session=self.session)

    def open(self, url: str, ready: str = "document.body.dataset.explorer === 'ready'") -> None:
        self.browser._events.clear()
        self.call("Page.navigate", {"url": url})
        self.browser._wait_event("Page.loadEventFired", self.session)
        self.wait(ready)

    def eval(self, expression: str) -> Any:
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(json.dumps(reply["exceptionDetails"])[:500])
        return reply["result"].get("value")

    def wait(self, expression: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.05)
        raise TimeoutError(expression)

    def click(self, selector: str) -> None:
        """A left click in the middle of the first element `selector` finds."""
        box = self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        assert box, f"nothing to click: {selector}"
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
            )

    def press(self, key: str, shift: bool = False) -> None:
        code, vk, text = KEYS[key]
        base = {"key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": 8 * shift}
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", **base,
                                             **({"text": text} if text else {})})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def type(self, text: str) -> None:
        self.call("Input.insertText", {"text": text})

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])

    def errors(self) -> list[str]:
        self.browser._drain(0.2)
        events = [e for e in self.browser._events if e.get("sessionId") == self.session]
        return [e for e in (_error(ev) for ev in events) if e]

    def close(self) -> None:
        self.browser._call("Target.closeTarget", {"targetId": self.target})


@contextmanager
def open_tab(
    browser: Browser, width: int = 1280, height: int = 900, mobile: bool = False
) -> Iterator[Tab]:
    tab = Tab(browser, width, height, mobile)
    try:
        yield tab
    finally:
        tab.close()
