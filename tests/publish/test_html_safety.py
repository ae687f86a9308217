"""What a hostile landscape cannot do to a published page: an IRI of a dangerous scheme is not
a link, bidi controls do not reorder the page around them, and every page forbids scripts and
other origins by its own Content-Security-Policy (for hosts that cannot send the header)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from sgam_onto.publish.html import CSP, esc, link, page, safe_href, table
from sgam_onto.publish.pages import resource_page
from sgam_onto.publish.site import SiteMap

SGAM = "https://w3id.org/sgam-onto#"
ID = "https://w3id.org/sgam-onto/id/"
RLO = "\u202e"
FSI, PDI = "\u2068", "\u2069"


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.csp: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self.hrefs.append(values.get("href") or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == (
                "content-security-policy"):
            self.csp.append(values.get("content") or "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parsed(html: bytes | str) -> _Anchors:
    reader = _Anchors()
    reader.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    return reader


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:x",
    "java\nscript:x", "\x01javascript:x", "data:text/html,<script>x</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "blob:https://example.org/x",
])
def test_a_dangerous_scheme_is_text_not_a_link(href: str) -> None:
    html = link(href, "click")
    assert "<a" not in html and "href" not in html
    assert "click" in html
    assert not safe_href(href)


@pytest.mark.parametrize("href", [
    "https://example.org/x", "HTTP://example.org/", "../id/body/x.html", "#anchor", "x.ttl",
    "id/index.html", "?q=1",
])
def test_http_and_site_paths_stay_links(href: str) -> None:
    assert parsed(link(href, "x")).hrefs == [href]


def _hostile_site() -> SiteMap:
    g = Graph()
    body = URIRef(ID + "body/evil")
    g.add((body, RDF.type, URIRef(SGAM + "WorkingGroup")))
    g.add((body, RDFS.label, Literal(f"IEC{RLO} TC 99", lang="en")))
    g.add((body, RDFS.seeAlso, URIRef("javascript:alert(1)")))
    g.add((body, RDFS.seeAlso, URIRef("https://example.org/fine")))
    g.add((body, URIRef(SGAM + "designation"), Literal(f"{RLO}txt.exe")))
    return SiteMap(g)


def test_a_resource_page_links_no_dangerous_iri() -> None:
    html = resource_page(_hostile_site(), ID + "body/evil", "1.0").decode("utf-8")
    hrefs = parsed(html).hrefs
    assert "javascript:alert(1)" not in hrefs
    assert all(safe_href(h) for h in hrefs), hrefs
    assert "https://example.org/fine" in hrefs
    assert "javascript:alert(1)" in html  # still shown, as text


def test_bidi_text_is_isolated_in_title_heading_and_facts() -> None:
    html = resource_page(_hostile_site(), ID + "body/evil", "1.0").decode("utf-8")
    # every override sits inside an isolate that ends right after the text it came with
    for match in re.finditer(RLO, html):
        before, after = html[: match.start()], html[match.end():]
        assert before.rfind(FSI) > before.rfind(PDI), html[match.start() - 40: match.end() + 40]
        assert PDI in after[:40]
    title = parsed(html).title
    assert title.startswith(f"{FSI}IEC{RLO} TC 99{PDI}")
    assert f"<h1>{FSI}IEC{RLO} TC 99{PDI}</h1>" in html
    assert '<td dir="auto">' in html  # the facts cell holding the designation


def test_plain_text_is_written_as_before() -> None:
    assert esc("IEC TC 57 & <x>") == "IEC TC 57 &amp; &lt;x&gt;"
    assert table(["a"], [["b"]]) == (
        "<table>\n<thead><tr><th>a</th></tr></thead>\n<tbody>\n<tr><td>b</td></tr>\n</tbody>\n"
        "</table>\n")


def test_the_policy_forbids_scripts_objects_and_other_origins() -> None:
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in CSP.split(";") if part.strip())
    assert directives["default-src"] == ["'none'"]
    assert "script-src" not in directives  # default-src 'none' forbids every script
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    assert all("*" not in value and "'unsafe-inline'" not in value
               for values in directives.values() for value in values)
    assert parsed(page("index.html", "x", "<p>x</p>", "1.0")).csp == [CSP]


def test_every_published_page_carries_the_policy_and_no_inline_code(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8")
        reader = parsed(text)
        assert reader.csp == [CSP], path
        # what the policy would block must not be there: the pages stay working
        assert "<script" not in text and " style=" not in text and "<style" not in text, path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", text), path
        assert all(safe_href(h) for h in reader.hrefs), path
