"""Content negotiation of `serve` by RFC 9110, from the shared table of cases, and with rdflib's
real Graph.parse against the server."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sgam_onto import __version__
from sgam_onto.publish.formats import RDF_FORMATS
from tests.serve.conneg_cases import CASES
from tests.serve.http import get, resolve

BODY = "id/body/iec-tc57-wg17"
CONCEPT = "concept/DERDomain"
RDFLIB_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}


@pytest.mark.parametrize(("accept", "ext"), CASES)
def test_resource_iris_negotiate_by_rfc_9110(base_url: str, accept: str | None, ext: str) -> None:
    resp = get(base_url + BODY, accept)
    assert resp.status == 303, resp.text
    assert resp.header("Location") == f"iec-tc57-wg17.{ext}"
    assert "Accept" in (resp.header("Vary") or "")


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "*/*;q=0"])
def test_a_header_that_excludes_every_format_gets_406(base_url: str, accept: str) -> None:
    resp = get(base_url + BODY, accept)
    assert resp.status == 406
    for fmt in RDF_FORMATS:
        assert fmt.media_type in resp.text


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.ext)
@pytest.mark.parametrize(
    ("iri", "stem"),
    [
        (BODY, BODY),
        (CONCEPT, CONCEPT),
        ("ontology", "ontology"),
        (__version__, "ontology"),
        ("data/sgam-onto", "data/sgam-onto"),
    ],
)
def test_every_advertised_format_is_served_for_every_iri(
    base_url: str, site: Path, fmt, iri: str, stem: str  # type: ignore[no-untyped-def]
) -> None:
    resp = get(base_url + iri, fmt.media_type)
    assert resp.status == 303
    target = resolve(base_url, resp.header("Location") or "", iri)
    assert target == base_url + f"{stem}.{fmt.ext}"
    doc = get(target)
    assert doc.status == 200
    assert (doc.header("Content-Type") or "").startswith(fmt.media_type)
    served = Graph().parse(data=doc.body, format=RDFLIB_FORMATS[fmt.ext])
    reference = Graph().parse(site / f"{stem}.ttl", format="turtle")
    assert len(served) > 0 and isomorphic(served, reference)


@pytest.mark.parametrize("rdflib_format", ["nt", "xml", "turtle", "n3", "json-ld"])
@pytest.mark.parametrize("iri", [BODY, CONCEPT])
def test_rdflib_parses_the_iri_in_the_format_it_asks_for(
    base_url: str, site: Path, iri: str, rdflib_format: str
) -> None:
    """rdflib sends its own Accept header (text/plain for "nt") and follows the 303."""
    got = Graph().parse(base_url + iri, format=rdflib_format)
    expected = Graph().parse(site / f"{iri}.ttl", format="turtle")
    assert len(got) > 5 and isomorphic(got, expected)


def test_rdflib_without_a_format_gets_rdf(base_url: str, site: Path) -> None:
    got = Graph().parse(base_url + BODY)
    assert isomorphic(got, Graph().parse(site / f"{BODY}.ttl", format="turtle"))


def test_the_version_iri_and_the_mapping_set_id_resolve(base_url: str, site: Path) -> None:
    page = get(base_url + __version__)
    assert page.status == 303 and page.header("Location") == "ontology.html"
    sssom = get(base_url + "mappings/sgam-onto.sssom.tsv")
    assert sssom.status == 200
    assert (sssom.header("Content-Type") or "").startswith("text/tab-separated-values")
    assert sssom.body == (site / "mappings" / "sgam-onto.sssom.tsv").read_bytes()
    assert get(base_url + "9.9.9").status == 404
