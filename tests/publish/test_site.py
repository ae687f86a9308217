"""The published site: complete, linked, consistent in every format, and reproducible."""

from __future__ import annotations

import json
import os
import posixpath
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from sgam_onto.landscape import load_landscape
from sgam_onto.publish import MARKER
from tests.publish.linkcheck import broken_links

BASE = "https://w3id.org/sgam-onto/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
REPO = Path(__file__).resolve().parents[2]
BODY = "id/body/iec-tc57-wg17"


def _graph(path: Path, fmt: str) -> Graph:
    g = Graph()
    g.parse(path, format=fmt)
    return g


def _turtle_dump(site: Path) -> Graph:
    return _graph(site / "data" / "sgam-onto.ttl", "turtle")


def test_site_has_the_expected_files(site: Path) -> None:
    for rel in (
        "index.html",
        "ontology.html",
        "ontology.ttl",
        "ontology.jsonld",
        "ontology.nt",
        "ontology.rdf",
        "data/sgam-onto.ttl",
        "data/sgam-onto.nt",
        "data/sgam-onto.jsonld",
        "data/sgam-onto.rdf",
        "data/context.jsonld",
        "void.ttl",
        ".htaccess",
        "report.html",
        "queries.html",
        "pictures.html",
        "downloads.html",
        "id/index.html",
        "id/body/index.html",
        f"{BODY}.html",
        f"{BODY}.ttl",
        f"{BODY}.jsonld",
        "pictures/sgam-plane.svg",
        "pictures/coordination-network.svg",
        "pictures/table-1.svg",
        "concept/DERDomain.html",
        MARKER,
    ):
        assert (site / rel).is_file(), rel


def test_every_landscape_resource_has_its_three_documents(site: Path) -> None:
    graph = load_landscape().graph
    iris = {
        str(n)
        for t in graph
        for n in (t[0], t[2])
        if isinstance(n, URIRef) and str(n).startswith(BASE + "id/")
    }
    assert len(iris) > 500
    for iri in iris:
        stem = site / iri[len(BASE) :]
        for ext in (".html", ".ttl", ".jsonld"):
            assert stem.with_name(stem.name + ext).is_file(), iri + ext


def test_no_broken_internal_links(site: Path) -> None:
    assert broken_links(site) == []


def test_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="a.html">a</a><a href="missing.html">m</a><a href="a.html#nowhere">n</a>'
        '<a href="https://example.org/">x</a>',
        encoding="utf-8",
    )
    (tmp_path / "a.html").write_text('<p id="here">a</p>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "index.html: missing.html",
        "index.html: a.html#nowhere (no #nowhere)",
    ]


def test_dumps_are_the_landscape_in_every_format(site: Path) -> None:
    landscape = load_landscape().graph
    turtle = _turtle_dump(site)
    assert isomorphic(turtle, landscape)
    for name, fmt in (
        ("sgam-onto.jsonld", "json-ld"),
        ("sgam-onto.nt", "nt"),
        ("sgam-onto.rdf", "xml"),
    ):
        assert isomorphic(_graph(site / "data" / name, fmt), turtle), name


def test_jsonld_dump_expands_alike_with_a_second_reader(site: Path) -> None:
    """Oxigraph's JSON-LD parser reads the same triples as from the Turtle dump."""
    from sgam_onto.rdf.convert import graph_from_quads

    jsonld = graph_from_quads(
        ox.parse(path=str(site / "data" / "sgam-onto.jsonld"), format=ox.RdfFormat.JSON_LD)
    )
    turtle = graph_from_quads(
        ox.parse(path=str(site / "data" / "sgam-onto.ttl"), format=ox.RdfFormat.TURTLE)
    )
    assert len(jsonld) == len(turtle) > 5000
    assert isomorphic(jsonld, turtle)


def test_resource_documents_agree(site: Path) -> None:
    ttl = _graph(site / f"{BODY}.ttl", "turtle")
    jsonld = _graph(site / f"{BODY}.jsonld", "json-ld")
    assert isomorphic(ttl, jsonld)
    body = URIRef(BASE + BODY)
    assert (body, RDF.type, URIRef("https://w3id.org/sgam-onto#WorkingGroup")) in ttl
    assert any(o == body for o in ttl.objects(None, URIRef("https://w3id.org/sgam-onto#party")))


def test_resource_page_shows_facts_backlinks_and_sources(site: Path) -> None:
    html = (site / f"{BODY}.html").read_text(encoding="utf-8")
    assert "<h1>IEC TC 57 WG 17</h1>" in html
    assert 'href="../../ontology.html#WorkingGroup"' in html  # type, linked to its class
    assert 'href="../coordination/1.html"' in html  # what points here
    assert "Provenance" in html and 'href="../source/table-1.html"' in html
    assert 'href="iec-tc57-wg17.ttl"' in html and 'href="iec-tc57-wg17.jsonld"' in html


def test_ontology_page_documents_each_term(site: Path) -> None:
    html = (site / "ontology.html").read_text(encoding="utf-8")
    graph = _graph(site / "ontology.ttl", "turtle")
    from rdflib.namespace import OWL

    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith("https://w3id.org/sgam-onto#"):
                assert f'id="{str(term).split("#")[1]}"' in html, term
    assert "A standards body or a group of bodies" in html  # a definition
    assert '<th>domain</th><td><a href="#Placement">placement</a></td>' in html


def test_void_names_every_dump(site: Path) -> None:
    void = _graph(site / "void.ttl", "turtle")
    dumps = {str(o) for o in void.objects(None, URIRef(VOID + "dataDump"))}
    on_disk = {
        BASE + p.relative_to(site).as_posix()
        for p in [*site.glob("data/**/*"), *site.glob("ontology.*")]
        if p.is_file()
        and p.suffix in (".ttl", ".nt", ".jsonld", ".rdf")
        and p.name != "context.jsonld"
    }
    assert dumps == on_disk
    for dist in void.subjects(RDF.type, URIRef(DCAT + "Distribution")):
        url = str(void.value(dist, URIRef(DCAT + "downloadURL")))
        size = int(void.value(dist, URIRef(DCAT + "byteSize")))
        assert (site / url[len(BASE) :]).stat().st_size == size


def test_jsonld_context_expands_compact_data(site: Path) -> None:
    context = json.loads((site / "data" / "context.jsonld").read_text(encoding="utf-8"))
    doc = {
        "@context": context["@context"],
        "@id": "body:x",
        "@type": "sgam:WorkingGroup",
        "parentBody": "body:iec-tc57",
        "number": 3,
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    x = URIRef(BASE + "id/body/x")
    assert (
        x,
        URIRef("https://w3id.org/sgam-onto#parentBody"),
        URIRef(BASE + "id/body/iec-tc57"),
    ) in g
    assert (x, RDF.type, URIRef("https://w3id.org/sgam-onto#WorkingGroup")) in g


def test_htaccess_types_every_format_of_the_table(site: Path) -> None:
    """How the rules behave is tested on a real Apache (test_htaccess.py)."""
    from sgam_onto.publish.formats import RDF_FORMATS

    text = (site / ".htaccess").read_text(encoding="utf-8")
    assert "Header always merge Vary Accept" in text
    for fmt in RDF_FORMATS:
        assert f"AddType {fmt.media_type} .{fmt.ext}" in text


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    """A second build in another process (another hash seed) gives the same bytes."""
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-m", "sgam_onto", "publish", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    first = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert first == second
    different = [rel for rel in first if (site / rel).read_bytes() != (out / rel).read_bytes()]
    assert different == []


def test_pictures_in_the_site_link_to_resource_pages(site: Path) -> None:
    svg = (site / "pictures" / "sgam-plane.svg").read_text(encoding="utf-8")
    assert 'href="../id/actor/grid-user.html"' in svg
    assert 'href="../id/interaction/6.html"' in svg


def test_report_page_carries_the_landscape_report(site: Path) -> None:
    html = (site / "report.html").read_text(encoding="utf-8")
    assert "<h1>" in html
    assert "sgam-onto query table-1" in html
    assert "IEC TC 69/TC 57 JWG 11" in html


@pytest.mark.parametrize("bad", ["file", "folder"])
def test_publish_refuses_a_target_that_is_not_a_site(
    tmp_path: Path, bad: str, capsys: pytest.CaptureFixture
) -> None:
    from sgam_onto.cli import main

    target = tmp_path / "target"
    if bad == "file":
        target.write_text("keep me", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["publish", "--out", str(target)]) == 2
    assert "not a site published by sgam-onto" in capsys.readouterr().err
    kept = target if bad == "file" else target / "notes.txt"
    assert kept.read_text(encoding="utf-8") == "keep me"


def test_resource_pages_show_their_alignments(site: Path) -> None:
    from html import escape

    from sgam_onto.paths import alignment_files

    shown = 0
    for path in alignment_files():
        g = _graph(path, "turtle")
        for s, p, o in g:
            if p == RDF.type or not isinstance(o, URIRef):
                continue
            if not str(s).startswith(BASE + "id/"):
                continue
            page_path = f"{str(s)[len(BASE) :]}.html"
            page = (site / page_path).read_text(encoding="utf-8")
            if str(o).startswith(BASE + "id/"):
                href = posixpath.relpath(
                    f"{str(o)[len(BASE) :]}.html", posixpath.dirname(page_path)
                )
            elif str(o).startswith(BASE[:-1]):
                continue  # vocabulary terms: the link checker follows those
            else:
                href = str(o)
            assert f'href="{escape(href)}"' in page, (s, p, o)
            shown += 1
    if not alignment_files():
        pytest.skip("no alignment files in this checkout")
    assert shown > 0
