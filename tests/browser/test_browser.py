"""A real headless Chromium reads the served site: the text a reader sees is there, the
pictures are drawn, and the pages raise no console error."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.png import ink
from tests.browser.reader import visit

PAGES = [
    # (name, path, texts a reader must see)
    ("index", "", ["sgam-onto", "How to cite", "How to query it", "Downloads"]),
    (
        "body-page",
        "id/body/iec-tc57-wg17",
        ["IEC TC 57 WG 17", "Referenced by", "Provenance", "working group", "Table 1"],
    ),
    (
        "sgam-plane",
        "pictures/sgam-plane.svg",
        ["Customer Premises", "grid user", "DER", "Market", "zone not stated"],
    ),
    (
        "coordination-network",
        "pictures/coordination-network.svg",
        ["IEC TC 57 WG 17", "high importance"],
    ),
    ("table-1", "pictures/table-1.svg", ["Table 1", "IEC TC 57 WG 21"]),
    ("sparql", "sparql", ["SPARQL endpoint", "Query catalogue"]),
]


@pytest.mark.parametrize(("name", "path", "texts"), PAGES, ids=[p[0] for p in PAGES])
def test_reader_sees_the_page(
    browser: Browser, base_url: str, shots: Path, name: str, path: str, texts: list[str]
) -> None:
    page = visit(browser, base_url + path)
    shot = shots / f"{name}.png"
    shot.write_bytes(page.screenshot)
    print(f"screenshot: {shot}")
    for text in texts:
        assert text in page.dom, text
    assert page.errors == []
    share, colours = ink(page.screenshot)
    assert share > 0.01 and colours > 3, f"{shot} looks blank ({share:.3f}, {colours} colours)"


def test_the_plane_picture_shows_inside_the_index(browser: Browser, base_url: str) -> None:
    page = visit(browser, base_url)
    assert '<img src="pictures/sgam-plane.svg"' in page.dom
    assert page.errors == []


def test_a_missing_resource_is_reported_as_an_error(browser: Browser, base_url: str) -> None:
    """The console check can fail: a page whose picture is missing shows an error."""
    page = visit(browser, base_url + "id/body/no-such-body.html")
    assert any("404" in e for e in page.errors)
