"""The VoID/DCAT description says what the site really holds: its counts are recounted here from
the published files with pyoxigraph (and from a running `serve`), its metadata is compared with
the ontology header, and every IRI it names under the site's base resolves to a file."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from tests.serve.http import sparql_get
from tests.serve.server_fixture import running_server

BASE = "https://w3id.org/sgam-onto/"
VOID = "http://rdfs.org/ns/void#"
DATASET = URIRef(BASE + "void#dataset")
ONTOLOGY = URIRef("https://w3id.org/sgam-onto")
# Open namespaces: pytest's collection probes module attributes, which closed ones warn about.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
REPO = Path(__file__).resolve().parents[2]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _v(local: str) -> URIRef:
    return URIRef(VOID + local)


@pytest.fixture(scope="module")
def void(site: Path) -> Graph:
    return Graph().parse(site / "void.ttl", format="turtle")


def _local(site: Path, iri: object) -> Path:
    assert str(iri).startswith(BASE), iri
    return site / str(iri)[len(BASE) :]


def _store(paths: list[Path]) -> ox.Store:
    store = ox.Store()
    for path in paths:
        store.load(path=str(path))
    return store


def _count(store: ox.Store) -> int:
    return int(next(iter(store.query(COUNT)))["n"].value)


def test_dataset_triples_are_the_union_of_its_dumps(site: Path, void: Graph) -> None:
    dumps = [_local(site, d) for d in void.objects(DATASET, _v("dataDump"))]
    alignments = sorted((site / "data" / "alignments").glob("*.ttl"))
    assert sorted(dumps) == sorted([site / "data" / "sgam-onto.nt", *alignments])
    counted = _count(_store(dumps))
    without_alignments = _count(_store([site / "data" / "sgam-onto.nt"]))
    assert int(void.value(DATASET, _v("triples"))) == counted > without_alignments


def test_every_subset_counts_the_triples_of_its_own_dumps(site: Path, void: Graph) -> None:
    subsets = list(void.objects(DATASET, _v("subset")))
    assert len(subsets) == 2 + len(list((site / "data" / "alignments").glob("*.ttl")))
    for subset in subsets:
        dumps = [_local(site, d) for d in void.objects(subset, _v("dataDump"))]
        assert dumps, subset
        for dump in dumps:  # each format of a subset holds the same triples
            assert _count(_store([dump])) == int(void.value(subset, _v("triples"))), dump


def test_the_endpoint_of_serve_answers_over_as_many_triples(site: Path, void: Graph) -> None:
    with running_server(site) as url:
        resp = sparql_get(url, COUNT, "application/sparql-results+json")
    assert resp.status == 200, resp.text
    served = int(json.loads(resp.text)["results"]["bindings"][0]["n"]["value"])
    assert served == int(void.value(DATASET, _v("triples")))


LINKS = """
PREFIX vann: <http://purl.org/vocab/vann/>
SELECT ?p (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?ns WHERE { ?v vann:preferredNamespaceUri ?ns } }
  GRAPH ?file { ?s ?p ?o }
  FILTER(isIRI(?s) && isIRI(?o))
  BIND(STRSTARTS(STR(?s), "https://w3id.org/sgam-onto") AS ?ours_s)
  BIND(STRSTARTS(STR(?o), "https://w3id.org/sgam-onto") AS ?ours_o)
  FILTER((?ours_s && !?ours_o && STRSTARTS(STR(?o), ?ns))
      || (?ours_o && !?ours_s && STRSTARTS(STR(?s), ?ns)))
} GROUP BY ?p
"""


def test_linksets_hold_real_links_with_their_predicates(site: Path, void: Graph) -> None:
    """Links recounted by SPARQL over each published alignment file (a named graph), against
    the namespaces the target vocabularies declare (vann:preferredNamespaceUri, any file)."""
    files = sorted((site / "data" / "alignments").glob("*.ttl"))
    store = ox.Store()
    for path in files:
        store.load(path=str(path), to_graph=ox.NamedNode(path.as_uri()))
    linksets = set(void.subjects(RDF.type, _v("Linkset")))
    assert len(linksets) >= len(files) - 1
    for path in files:
        query = LINKS.replace("GRAPH ?file", f"GRAPH <{path.as_uri()}>")
        expected = {row["p"].value: int(row["n"].value) for row in store.query(
            query, use_default_graph_as_union=True)}
        subset = URIRef(f"{BASE}void#alignment-{path.stem}")
        mine = [ls for ls in void.objects(subset, _v("subset")) if ls in linksets]
        described = {str(p) for ls in mine for p in void.objects(ls, _v("linkPredicate"))}
        total = sum(int(void.value(ls, _v("triples"))) for ls in mine)
        assert described == set(expected), path.name
        assert total == sum(expected.values()), path.name
    for linkset in linksets:
        assert int(void.value(linkset, _v("triples"))) > 0, linkset
        assert list(void.objects(linkset, _v("linkPredicate"))), linkset


def test_mappings_are_links_of_their_linkset(site: Path, void: Graph) -> None:
    """Each sgam:Mapping to an IRI (not a role code) uses a predicate its linkset declares."""
    for path in sorted((site / "data" / "alignments").glob("*.ttl")):
        g = Graph().parse(path, format="turtle")
        to_iris = set(g.subjects(URIRef("https://w3id.org/sgam-onto#mappingObject"), None))
        if not to_iris:
            continue
        predicate = URIRef("https://w3id.org/sgam-onto#mappingPredicate")
        used = {g.value(m, predicate) for m in to_iris}
        subset = URIRef(f"{BASE}void#alignment-{path.stem}")
        declared = {
            p for ls in void.objects(subset, _v("subset"))
            for p in void.objects(ls, _v("linkPredicate"))
        }
        assert used <= declared, path.name


def test_no_sparql_endpoint_is_claimed_for_the_static_site(site: Path, void: Graph) -> None:
    assert not list(void.objects(None, _v("sparqlEndpoint")))
    assert not list(void.objects(None, DCAT.endpointURL))
    assert not list(void.subjects(RDF.type, DCAT.DataService))
    assert "sparql" not in (site / "void.ttl").read_text(encoding="utf-8").lower()


def _resolves(site: Path, iri: str) -> bool:
    """What the static site answers for an IRI under its base (see its .htaccess)."""
    path = iri[len(BASE) :].split("#", 1)[0]
    if path in ("", "void"):
        return (site / ("index.html" if path == "" else "void.ttl")).is_file()
    return (site / path).is_file() or (site / f"{path}.html").is_file()


def test_every_iri_under_the_base_resolves_in_the_static_site(site: Path, void: Graph) -> None:
    iris = {str(n) for t in void for n in t if isinstance(n, URIRef) and str(n).startswith(BASE)}
    assert len(iris) > 50
    assert [i for i in iris if not _resolves(site, i)] == []
    assert not _resolves(site, BASE + "sparql")  # the check itself can fail


def _header() -> Graph:
    return Graph().parse(REPO / "ontology" / "sgam.ttl", format="turtle")


def test_datasets_and_distributions_carry_licence_agents_and_dates(void: Graph) -> None:
    header = _header()
    licence = header.value(ONTOLOGY, DCTERMS.license)
    assert isinstance(licence, URIRef)
    dates = {p: header.value(ONTOLOGY, p) for p in (DCTERMS.issued, DCTERMS.modified)}
    assert all(d is not None and d.datatype == XSD_DATE for d in dates.values())
    things = [
        *void.subjects(RDF.type, DCAT.Distribution),
        *void.subjects(RDF.type, DCAT.Dataset),
    ]
    assert len(things) > 20
    for node in things:
        assert list(void.objects(node, DCTERMS.license)) == [licence], node
        for prop in (DCTERMS.creator, DCTERMS.publisher):
            agents = list(void.objects(node, prop))
            assert agents and all(isinstance(a, URIRef) for a in agents), (node, prop)
            for agent in agents:
                assert (agent, RDF.type, FOAF.Agent) in void
                assert str(void.value(agent, FOAF.name)) == str(header.value(ONTOLOGY, prop))
        for prop, value in dates.items():
            assert list(void.objects(node, prop)) == [value], (node, prop)


def test_distribution_sizes_and_media_types(site: Path, void: Graph) -> None:
    types = {".ttl": "text/turtle", ".nt": "application/n-triples",
             ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml"}
    for dist in void.subjects(RDF.type, DCAT.Distribution):
        path = _local(site, void.value(dist, DCAT.downloadURL))
        assert int(void.value(dist, DCAT.byteSize)) == path.stat().st_size
        assert str(void.value(dist, DCTERMS["format"])) == types[path.suffix]


# What FOOPS (the FAIR ontology checker) looks for in an ontology header: minimum metadata
# (OM1), recommended (OM2), detailed (OM3), licence (OM4.1), provenance (OM5.1).
FOOPS = {
    "title": DCTERMS.title,
    "description": DCTERMS.description,
    "license": DCTERMS.license,
    "version IRI": URIRef("http://www.w3.org/2002/07/owl#versionIRI"),
    "version info": URIRef("http://www.w3.org/2002/07/owl#versionInfo"),
    "creator": DCTERMS.creator,
    "creation date": DCTERMS.created,
    "namespace URI": URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"),
    "namespace prefix": URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"),
    "citation": DCTERMS.bibliographicCitation,
    "publisher": DCTERMS.publisher,
    "source": DCTERMS.source,
    "issued": DCTERMS.issued,
    "modified": DCTERMS.modified,
}


@pytest.mark.parametrize("where", ["source", "published Turtle", "published RDF/XML"])
def test_ontology_header_has_the_metadata_foops_checks(site: Path, where: str) -> None:
    graph = {
        "source": _header,
        "published Turtle": lambda: Graph().parse(site / "ontology.ttl", format="turtle"),
        "published RDF/XML": lambda: Graph().parse(site / "ontology.rdf", format="xml"),
    }[where]()
    missing = [name for name, prop in FOOPS.items() if graph.value(ONTOLOGY, prop) is None]
    assert missing == []
    assert isinstance(graph.value(ONTOLOGY, DCTERMS.license), URIRef)
    ns = str(graph.value(ONTOLOGY, FOOPS["namespace URI"]))
    assert ns == "https://w3id.org/sgam-onto#"
    created = graph.value(ONTOLOGY, DCTERMS.created)
    modified = graph.value(ONTOLOGY, DCTERMS.modified)
    assert isinstance(created, Literal) and created.toPython() <= modified.toPython()


def test_published_ontology_no_longer_says_the_files_carry_no_version(site: Path) -> None:
    for name in ("ontology.ttl", "ontology.nt", "ontology.jsonld", "ontology.rdf", "ontology.html"):
        assert "carry none" not in (site / name).read_text(encoding="utf-8"), name
