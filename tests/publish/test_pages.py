"""Page rendering on small graphs: everything from the data is escaped, links are relative."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from sgam_onto.publish.pages import resource_page
from sgam_onto.publish.site import SiteMap, relative

SGAM = "https://w3id.org/sgam-onto#"
ID = "https://w3id.org/sgam-onto/id/"
EVIL = '<script>alert("x")</script> & "quotes"'


def _site() -> SiteMap:
    g = Graph()
    body = URIRef(ID + "body/evil")
    g.add((body, RDF.type, URIRef(SGAM + "WorkingGroup")))
    g.add((body, RDFS.label, Literal(EVIL, lang="en")))
    g.add((body, URIRef(SGAM + "designation"), Literal('x" onmouseover="y')))
    g.add((body, URIRef(SGAM + "parentBody"), URIRef(ID + "body/parent")))
    g.add((URIRef(ID + "coordination/1"), URIRef(SGAM + "party"), body))
    g.add((body, URIRef(SGAM + "source"), URIRef(ID + "source/table-1")))
    g.add((URIRef(ID + "source/table-1"), RDFS.label, Literal("Table 1", lang="en")))
    return SiteMap(g)


def test_literals_are_escaped() -> None:
    html = resource_page(_site(), ID + "body/evil", "1.0").decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert 'onmouseover="y' not in html


def test_links_are_relative_in_both_directions() -> None:
    html = resource_page(_site(), ID + "body/evil", "1.0").decode("utf-8")
    assert 'href="parent.html"' in html  # outgoing
    assert 'href="../coordination/1.html"' in html  # incoming
    assert 'href="../source/table-1.html">Table 1</a>' in html  # provenance
    assert 'href="../../ontology.html#WorkingGroup"' in html  # class in the vocabulary page
    assert 'href="../../style.css"' in html


def test_relative_paths() -> None:
    assert relative("id/body/x.html", "ontology.html#A") == "../../ontology.html#A"
    assert relative("index.html", "id/body/x.html") == "id/body/x.html"
    assert relative("id/body/x.html", "id/body/y.html") == "y.html"


def test_site_map_places_iris() -> None:
    site = _site()
    assert site.page(ID + "body/evil") == "id/body/evil.html"
    assert site.page(SGAM + "WorkingGroup") == "ontology.html#WorkingGroup"
    assert site.page("http://example.org/x") is None
    assert site.page(ID + "body/has.dot") is None
