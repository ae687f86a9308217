"""The site icon ships at /favicon.ico, where browsers look for it, as an icon an independent
reader (Pillow) opens: 16×16, a grid of cells like the SGAM plane."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def test_the_site_ships_a_16_pixel_icon_that_pillow_reads(site: Path) -> None:
    with Image.open(site / "favicon.ico") as icon:
        assert icon.format == "ICO"
        assert icon.size == (16, 16)
        rgba = icon.convert("RGBA")
        corner, inside = rgba.getpixel((0, 0)), rgba.getpixel((2, 2))
    assert corner != inside  # a grid line and the paper between
    assert corner[3] == inside[3] == 255
    assert 'rel="icon" href="favicon.ico"' in (site / "index.html").read_text(encoding="utf-8")
