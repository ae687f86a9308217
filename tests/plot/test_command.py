"""`sgam-onto plot` writes SVG or PNG and fails cleanly on bad arguments."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sgam_onto.cli import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _has_png_renderer() -> bool:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):
        return shutil.which("chromium") is not None
    return True


def test_plot_writes_svg(tmp_path: Path) -> None:
    out = tmp_path / "plane.svg"
    assert main(["plot", "sgam-plane", "--out", str(out)]) == 0
    assert ET.parse(out).getroot().tag.endswith("svg")


@pytest.mark.skipif(not _has_png_renderer(), reason="no PNG renderer (cairosvg or chromium)")
def test_plot_writes_png(tmp_path: Path) -> None:
    out = tmp_path / "table.png"
    assert main(["plot", "table-1", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5000


def test_plot_rejects_other_extensions(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["plot", "table-1", "--out", str(tmp_path / "x.gif")]) == 2
    assert ".svg or .png" in capsys.readouterr().err
    assert not (tmp_path / "x.gif").exists()


def test_plot_rejects_unknown_names(tmp_path: Path) -> None:
    assert main(["plot", "nope", "--out", str(tmp_path / "x.svg")]) == 2
