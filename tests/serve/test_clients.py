"""The SPARQL clients people already have, against a real `serve`: SPARQLWrapper and rdflib's
SPARQLStore, for SELECT, ASK, CONSTRUCT and DESCRIBE, in every format each asks for by default
and each it offers, by GET, form POST and direct POST. The expected answers come from rdflib's
own SPARQL engine over the site's dump and alignment files."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest
import SPARQLWrapper as sw
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from tests.serve.test_sparql import RESULTS

PREFIX = "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
SELECT = PREFIX + "SELECT ?item ?n WHERE { ?item a sgam:CoordinationItem ; sgam:number ?n }"
ASK_TRUE = PREFIX + "ASK { ?item a sgam:CoordinationItem }"
ASK_FALSE = PREFIX + "ASK { ?item a sgam:NoSuchClass }"
CONSTRUCT = (
    PREFIX + "CONSTRUCT { ?item sgam:number ?n } WHERE { ?item a sgam:CoordinationItem ; "
    "sgam:number ?n }"
)
BODY = "https://w3id.org/sgam-onto/id/body/iec-tc57-wg17"
DESCRIBE = f"DESCRIBE <{BODY}>"
METHODS = {
    "GET": (sw.GET, sw.URLENCODED),
    "POST form": (sw.POST, sw.URLENCODED),
    "POST direct": (sw.POST, sw.POSTDIRECTLY),
}


@pytest.fixture(scope="module")
def data(site: Path) -> Graph:
    """What the endpoint serves: the dump and the alignment files."""
    g = Graph().parse(site / "data" / "sgam-onto.nt", format="nt")
    for path in sorted((site / "data" / "alignments").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def expected_rows(data: Graph) -> set[tuple[str, str]]:
    rows = {(str(r[0]), str(r[1])) for r in data.query(SELECT)}
    assert len(rows) == 26
    return rows


@pytest.fixture(scope="module")
def expected_graph(data: Graph) -> Graph:
    got = data.query(CONSTRUCT).graph
    assert got is not None and len(got) == 26
    return got


def _wrapper(base_url: str, query: str, fmt: str, method: str) -> sw.SPARQLWrapper:
    client = sw.SPARQLWrapper(base_url + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    http_method, request_method = METHODS[method]
    client.setMethod(http_method)
    client.setRequestMethod(request_method)
    return client


def _convert(client: sw.SPARQLWrapper) -> object:
    """Run the query; any warning (e.g. an unexpected Content-Type) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        return client.query().convert()


def _rows_from(fmt: str, converted: object) -> set[tuple[str, str]]:
    if fmt == sw.JSON:
        bindings = converted["results"]["bindings"]  # type: ignore[index]
        return {(b["item"]["value"], b["n"]["value"]) for b in bindings}
    if fmt == sw.XML:
        rows = set()
        for result in converted.getElementsByTagName("result"):  # type: ignore[attr-defined]
            cells = {
                b.getAttribute("name"): b.firstChild.firstChild.data
                for b in result.getElementsByTagName("binding")
            }
            rows.add((cells["item"], cells["n"]))
        return rows
    text = converted.decode("utf-8")  # type: ignore[attr-defined]
    if fmt == sw.CSV:
        table = list(csv.reader(io.StringIO(text, newline="")))
        assert table[0] == ["item", "n"]
        return {(r[0], r[1]) for r in table[1:]}
    lines = text.splitlines()  # TSV: terms in N-Triples syntax
    assert lines[0] == "?item\t?n"
    return {(c[0].strip("<>"), c[1].split('"')[1] if '"' in c[1] else c[1])
            for c in (line.split("\t") for line in lines[1:])}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [sw.XML, sw.JSON, sw.CSV, sw.TSV])
def test_sparqlwrapper_select(
    base_url: str, expected_rows: set, fmt: str, method: str
) -> None:
    converted = _convert(_wrapper(base_url, SELECT, fmt, method))
    assert _rows_from(fmt, converted) == expected_rows


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [sw.XML, sw.JSON])
def test_sparqlwrapper_ask(base_url: str, data: Graph, fmt: str, method: str) -> None:
    for query in (ASK_TRUE, ASK_FALSE):
        converted = _convert(_wrapper(base_url, query, fmt, method))
        if fmt == sw.JSON:
            got = converted["boolean"]  # type: ignore[index]
        else:
            node = converted.getElementsByTagName("boolean")[0]  # type: ignore[attr-defined]
            got = node.firstChild.data == "true"
        assert got is data.query(query).askAnswer


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [sw.CSV, sw.TSV])
def test_sparqlwrapper_ask_in_text_formats(base_url: str, fmt: str, method: str) -> None:
    converted = _convert(_wrapper(base_url, ASK_TRUE, fmt, method))
    assert b"true" in converted  # type: ignore[operator]


def _graph_from(fmt: str, converted: object) -> Graph:
    if isinstance(converted, Graph):
        return converted
    syntax = {sw.TURTLE: "turtle", sw.N3: "n3"}[fmt]
    return Graph().parse(data=converted, format=syntax)  # type: ignore[arg-type]


GRAPH_FORMATS = [sw.XML, sw.RDFXML, sw.TURTLE, sw.N3, sw.JSONLD]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_sparqlwrapper_construct(
    base_url: str, expected_graph: Graph, fmt: str, method: str
) -> None:
    got = _graph_from(fmt, _convert(_wrapper(base_url, CONSTRUCT, fmt, method)))
    assert isomorphic(got, expected_graph)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_sparqlwrapper_describe(base_url: str, data: Graph, fmt: str) -> None:
    got = _graph_from(fmt, _convert(_wrapper(base_url, DESCRIBE, fmt, "GET")))
    about = set(data.triples((URIRef(BODY), None, None)))
    assert about and about <= set(got)


def test_sparqlwrapper_default_format_is_xml(base_url: str, expected_rows: set) -> None:
    client = sw.SPARQLWrapper(base_url + "sparql")  # no return format set: XML
    client.setQuery(SELECT)
    assert _rows_from(sw.XML, _convert(client)) == expected_rows
    client.setQuery(CONSTRUCT)
    assert isinstance(_convert(client), Graph)


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("return_format", ["xml", "json", "csv", "tsv"])
def test_rdflib_sparqlstore_select_and_ask(
    base_url: str, data: Graph, expected_rows: set, method: str, return_format: str
) -> None:
    store = SPARQLStore(base_url + "sparql", method=method, returnFormat=return_format)
    graph = Graph(store)
    rows = {(str(r[0]), str(r[1])) for r in graph.query(SELECT)}
    assert rows == expected_rows
    if return_format in ("xml", "json"):
        assert graph.query(ASK_TRUE).askAnswer is True
        assert graph.query(ASK_FALSE).askAnswer is False


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("return_format", ["xml", "json", "csv", "tsv"])
def test_rdflib_sparqlstore_construct_and_describe(
    base_url: str, data: Graph, expected_graph: Graph, method: str, return_format: str
) -> None:
    """SPARQLStore sends the Accept header of its return format for every query form, and
    reads the answer by its Content-Type."""
    graph = Graph(SPARQLStore(base_url + "sparql", method=method, returnFormat=return_format))
    constructed = graph.query(CONSTRUCT).graph
    assert constructed is not None and isomorphic(constructed, expected_graph)
    described = graph.query(DESCRIBE).graph
    assert described is not None
    assert set(data.triples((URIRef(BODY), None, None))) <= set(described)


def test_rdflib_sparqlstore_triples_pattern(base_url: str, data: Graph) -> None:
    """SPARQLStore turns graph.triples() into its own SELECT queries."""
    graph = Graph(SPARQLStore(base_url + "sparql"))
    got = set(graph.triples((URIRef(BODY), None, None)))
    assert got == set(data.triples((URIRef(BODY), None, None)))
    labels = set(graph.objects(URIRef(BODY), URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert Literal("IEC TC 57 WG 17") in {Literal(str(x)) for x in labels}


def test_results_parse_as_the_w3c_formats(base_url: str) -> None:
    """The same answer in XML and JSON, read without the clients."""
    from tests.serve.http import sparql_get

    as_json = json.loads(sparql_get(base_url, SELECT, "application/sparql-results+json").body)
    as_xml = sparql_get(base_url, SELECT, "application/xml")
    assert as_xml.header("Content-Type").startswith("application/xml")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(as_xml.body)
    assert len(list(root.iter(f"{RESULTS}result"))) == len(as_json["results"]["bindings"])
