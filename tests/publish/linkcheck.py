"""A link checker for the published site: every internal href/src of every HTML page and
SVG picture must name a file of the site, and every #fragment an id in the target page."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

XLINK = "{http://www.w3.org/1999/xlink}href"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "id":
                self.ids.add(value)


def _scan(path: Path) -> tuple[list[str], set[str]]:
    if path.suffix == ".svg":
        root = ET.parse(path).getroot()
        links = [
            el.get("href") or el.get(XLINK) for el in root.iter() if el.get("href") or el.get(XLINK)
        ]
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        return [str(link) for link in links], {str(i) for i in ids}
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.links, collector.ids


def broken_links(site: Path) -> list[str]:
    """'page: link' for every internal link that leads nowhere; empty when all resolve."""
    pages = sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg"))
    scanned = {p: _scan(p) for p in pages}
    broken = []
    for page, (links, _ids) in scanned.items():
        rel_page = page.relative_to(site).as_posix()
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue  # external
            target = (
                rel_page
                if not parts.path
                else posixpath.normpath(
                    posixpath.join(posixpath.dirname(rel_page), unquote(parts.path))
                )
            )
            if target.startswith("../") or target == "..":
                broken.append(f"{rel_page}: {link} (leaves the site)")
                continue
            file = site / target
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{rel_page}: {link}")
                continue
            if parts.fragment and file.suffix in (".html", ".svg"):
                target_ids = scanned[file][1] if file in scanned else _scan(file)[1]
                if unquote(parts.fragment) not in target_ids:
                    broken.append(f"{rel_page}: {link} (no #{parts.fragment})")
    return broken
