"""SVG to PNG: CairoSVG when it is installed, else headless Chromium, else an install hint.

Both are optional: the SVG is the picture; PNG is a convenience for documents and slides.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sgam_onto.errors import SgamError

INSTALL_HINT = (
    "PNG output needs CairoSVG (pip install cairosvg) or headless Chromium "
    "(scripts/install-browser.sh); SVG output needs neither"
)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
_SIZE = re.compile(r'<svg[^>]*\swidth="([0-9.]+)"[^>]*\sheight="([0-9.]+)"')


def chromium_path() -> str | None:
    """The Chromium executable on PATH, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def svg_to_png(svg: str, scale: float = 1.0) -> bytes:
    """Rasterise SVG text; raises SgamError with an install hint when no renderer exists."""
    try:
        import cairosvg  # type: ignore[import-not-found]
    except ImportError:  # OSError too: the Python package without the cairo library
        cairosvg = None
    except OSError:
        cairosvg = None
    if cairosvg is not None:
        return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    browser = chromium_path()
    if browser is None:
        raise SgamError(INSTALL_HINT)
    return _chromium_png(browser, svg)


def _chromium_png(browser: str, svg: str) -> bytes:
    match = _SIZE.search(svg)
    width, height = (
        (int(float(match.group(1))), int(float(match.group(2)))) if match else (1200, 900)
    )
    with tempfile.TemporaryDirectory(prefix="sgam-png-") as tmp:
        page = Path(tmp) / "picture.svg"
        page.write_text(svg, encoding="utf-8")
        out = Path(tmp) / "picture.png"
        profile = Path(tmp) / "profile"
        profile.mkdir()
        command = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ]
        done = subprocess.run(
            command, capture_output=True, timeout=120, check=False, env={**os.environ, "HOME": tmp}
        )
        if done.returncode != 0 or not out.is_file():
            raise SgamError(f"chromium could not render the picture: {done.stderr.decode()[-400:]}")
        return out.read_bytes()
