"""Pages of the landscape: a deprecation notice that links to the replacement, and labels in
the language the site is published in (English where a resource has no French label)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS

from sgam_onto.publish.pages import resource_page
from sgam_onto.publish.site import SiteMap

ID = "https://w3id.org/sgam-onto/id/"
WG17, WG21 = URIRef(ID + "body/iec-tc57-wg17"), URIRef(ID + "body/iec-tc57-wg21")


class _Notice(HTMLParser):
    """The text and links inside <p class="deprecated">, and the page's <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.inside: str | None = None
        self.notice, self.links, self.h1 = "", [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "p" and found.get("class") == "deprecated":
            self.inside = "notice"
        elif tag == "h1":
            self.inside = "h1"
        elif tag == "a" and self.inside == "notice":
            self.links.append(found.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "h1"):
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside == "notice":
            self.notice += data
        elif self.inside == "h1":
            self.h1 += data


def _read(site: SiteMap, iri: URIRef) -> _Notice:
    parsed = _Notice()
    parsed.feed(resource_page(site, str(iri), "0.1.0").decode("utf-8"))
    return parsed


@pytest.fixture(scope="module")
def graph(landscape) -> Graph:
    copy = Graph()
    copy += landscape.graph
    return copy


def test_a_deprecated_body_links_to_its_replacement(graph: Graph) -> None:
    graph.add((WG17, OWL.deprecated, Literal(True)))
    graph.add((WG17, DCTERMS.isReplacedBy, WG21))
    try:
        page = _read(SiteMap(graph), WG17)
    finally:
        graph.remove((WG17, OWL.deprecated, None))
        graph.remove((WG17, DCTERMS.isReplacedBy, None))
    assert page.notice.startswith("Deprecated.")
    assert "IEC TC 57 WG 21" in page.notice  # the replacement's label, from the landscape
    assert page.links == ["iec-tc57-wg21.html"]  # the sibling page under id/body/


def test_a_body_that_is_not_deprecated_has_no_notice(graph: Graph) -> None:
    page = _read(SiteMap(graph), WG17)
    assert page.notice == "" and page.links == []


def test_the_title_follows_the_language_of_the_site(graph: Graph) -> None:
    english = str(next(o for o in graph.objects(WG17, RDFS.label) if o.language == "en"))
    graph.add((WG17, RDFS.label, Literal("IEC CE 57 GT 17", lang="fr")))
    try:
        assert _read(SiteMap(graph, lang="fr"), WG17).h1 == "IEC CE 57 GT 17"
        assert _read(SiteMap(graph), WG17).h1 == english
    finally:
        graph.remove((WG17, RDFS.label, Literal("IEC CE 57 GT 17", lang="fr")))
    # no French label: the English one, in either language
    assert _read(SiteMap(graph, lang="fr"), WG21).h1 == _read(SiteMap(graph), WG21).h1


def test_a_site_published_in_french_uses_the_french_label_everywhere(tmp_path) -> None:
    from sgam_onto.landscape import load_landscape
    from sgam_onto.publish.build import build_files

    french = tmp_path / "labels-fr.ttl"
    french.write_text(
        "@prefix body: <https://w3id.org/sgam-onto/id/body/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
        'body:iec-tc13 rdfs:label "IEC CE 13"@fr .\n', encoding="utf-8")
    land = load_landscape([french])
    files = build_files(land, lang="fr")
    page = _Notice()
    page.feed(files["id/body/iec-tc13.html"].decode("utf-8"))
    assert page.h1 == "IEC CE 13"
    # the report and the query answers of the site name the committee in French too (Table 1
    # keeps its row label as the SRD writes it, "IEC TC 13", which is not a label)
    for name in ("report.html", "queries.html"):
        assert "IEC CE 13" in files[name].decode("utf-8"), name
    assert "IEC CE 13" not in b"".join(build_files(land)[n] for n in ("report.html",
                                                                      "queries.html")).decode()
