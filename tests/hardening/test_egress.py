"""No egress: whatever the data or a query says, loading, validating, formatting, linting,
querying and serving make no outbound connection and read no file outside their inputs.

A canary HTTP server on loopback records every request (there must be none) and a secret file
holds a token that must never appear in any output. Where strace works, the command line is
also traced: the secret file is never opened and nothing connects to the canary's port.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from sgam_onto.errors import LoadError
from sgam_onto.rdf.parse import parse_file
from tests.conftest import needs_java
from tests.hardening.conftest import Canary, Run, Secret, needs_strace, sgam

SGAM = "https://w3id.org/sgam-onto#"


def contribution(canary: Canary, secret: Secret) -> str:
    """A Turtle contribution that names the canary and the secret everywhere it can."""
    return f"""\
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sgam: <{SGAM}> .
@prefix ex: <{canary.url}/ns#> .

<{canary.url}/contribution> a owl:Ontology ;
    owl:imports <{canary.url}/imported.ttl> , <{secret.iri}> ;
    rdfs:seeAlso <{canary.url}/see-also> .

ex:shape a sh:NodeShape ;
    sh:targetClass sgam:Body ;
    sh:sparql [
        sh:select "SELECT $this WHERE {{ SERVICE <{canary.url}/shacl> {{ $this ?p ?o }} }}" ;
    ] , [
        sh:select "SELECT $this FROM <{secret.iri}> WHERE {{ $this ?p ?o }}" ;
    ] .

<https://w3id.org/sgam-onto/id/body/test-egress> a sgam:Body ;
    rdfs:label "egress test"@en ;
    rdfs:isDefinedBy <{canary.url}/defined-by> , <{secret.iri}> .
"""


def assert_no_egress(run: Run, canary: Canary, secret: Secret) -> None:
    assert canary.hits == []
    assert secret.token not in run.output
    assert "CANARY-BODY" not in run.output
    assert "Traceback" not in run.stderr
    if run.trace:
        assert str(secret.path) not in run.trace, "the secret file was opened"
        assert f"sin_port=htons({canary.port})" not in run.trace, "a connection to the canary"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


# -- loading and checking -----------------------------------------------------------------------


@needs_strace
def test_check_with_owl_imports_fetches_nothing(
    canary: Canary, secret: Secret, work: Path
) -> None:
    (work / "contribution.ttl").write_text(contribution(canary, secret))
    run = sgam("check", "--skip", "owl", "contribution.ttl", cwd=work, trace=True)
    assert run.returncode == 0, run.output
    assert_no_egress(run, canary, secret)


@needs_java
def test_reasoner_never_follows_owl_imports(canary: Canary, secret: Secret, work: Path) -> None:
    (work / "contribution.ttl").write_text(contribution(canary, secret))
    run = sgam("check", "--no-cache", "contribution.ttl", cwd=work)
    assert run.returncode in (0, 1), run.output
    assert_no_egress(run, canary, secret)


@needs_strace
def test_validate_runs_no_contributed_sparql_and_follows_no_import(
    canary: Canary, secret: Secret, work: Path
) -> None:
    (work / "contribution.ttl").write_text(contribution(canary, secret))
    run = sgam("validate", "--format", "json", "contribution.ttl", cwd=work, root=None,
               trace=True)
    assert run.returncode in (0, 1), run.output
    assert_no_egress(run, canary, secret)


@needs_strace
def test_fmt_and_lint_fetch_nothing(canary: Canary, secret: Secret, work: Path) -> None:
    target = work / "contribution.ttl"
    target.write_text(contribution(canary, secret))
    run = sgam("fmt", "contribution.ttl", cwd=work, trace=True)
    assert run.returncode == 0, run.output
    assert_no_egress(run, canary, secret)
    run = sgam("lint", "contribution.ttl", cwd=work, root=None, trace=True)
    assert run.returncode == 1, run.output  # the canary IRIs break the project's rules
    assert_no_egress(run, canary, secret)


def user_shapes(canary: Canary, secret: Secret) -> dict[str, str]:
    """Shapes files whose SPARQL (SHACL-AF targets and rules) reaches outside."""
    head = (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"@prefix sgam: <{SGAM}> .\n@prefix ex: <http://example.org/> .\n"
    )
    return {
        "target-service": head + f"""ex:S a sh:NodeShape ;
  sh:target [ a sh:SPARQLTarget ;
    sh:select "SELECT ?this WHERE {{ SERVICE <{canary.url}/target> {{ ?this ?p ?o }} }}" ] ;
  sh:property [ sh:path ex:p ; sh:minCount 1 ] .
""",
        "rule-service": head + f"""ex:R a sh:NodeShape ; sh:targetClass sgam:StandardsOrganization ;
  sh:rule [ a sh:SPARQLRule ; sh:construct \"\"\"CONSTRUCT {{ $this <http://example.org/q> ?o }}
    WHERE {{ SERVICE <{canary.url}/rule> {{ $this ?p ?o }} }}\"\"\" ] .
""",
        "target-from-file": head + f"""ex:S a sh:NodeShape ;
  sh:target [ a sh:SPARQLTarget ;
    sh:select "SELECT ?this FROM <{secret.iri}> WHERE {{ ?this ?p ?o }}" ] ;
  sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "{{$this}}" ] .
""",
    }


@pytest.mark.parametrize("name", ["target-service", "rule-service", "target-from-file"])
def test_user_shapes_reach_nothing_outside(
    name: str, canary: Canary, secret: Secret, work: Path
) -> None:
    """``validate --shapes`` takes any shapes file; pyshacl runs its SPARQL with rdflib."""
    (work / "shapes.ttl").write_text(user_shapes(canary, secret)[name])
    run = sgam("validate", "--format", "json", "--shapes", "shapes.ttl", cwd=work, root=None)
    if "service" in name:
        assert run.returncode == 2, run.output
        assert "SERVICE (a federated query) is not allowed" in run.stderr
    else:
        assert run.returncode in (0, 1), run.output
    assert_no_egress(run, canary, secret)


def test_rdflib_sparql_is_sealed(canary: Canary, secret: Secret) -> None:
    from rdflib import Dataset

    from sgam_onto.errors import SgamError
    from sgam_onto.query import rdflib_seal

    rdflib_seal.seal_rdflib()
    data = Dataset()
    assert list(data.query(f"SELECT ?o FROM <{secret.iri}> WHERE {{ ?s ?p ?o }}")) == []
    assert list(data.query(
        f"SELECT ?o FROM NAMED <{canary.url}/named> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")) == []
    with pytest.raises(SgamError, match="SERVICE"):
        list(data.query(f"SELECT * WHERE {{ SERVICE <{canary.url}/x> {{ ?s ?p ?o }} }}"))
    data.update(f"LOAD <{canary.url}/load>")
    assert canary.hits == []


def rdfxml(doctype: str, body: str = "&x;") -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
{doctype}
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/s"><ex:p>{body}</ex:p></rdf:Description>
</rdf:RDF>
"""


def external_entities(canary: Canary, secret: Secret) -> dict[str, str]:
    return {
        "file-entity": rdfxml(f'<!ENTITY x SYSTEM "{secret.iri}">'),
        "http-entity": rdfxml(f'<!ENTITY x SYSTEM "{canary.url}/entity">'),
        "public-entity": rdfxml(f'<!ENTITY x PUBLIC "-//X//Y" "{canary.url}/public">'),
        "parameter-entity": rdfxml(f'<!ENTITY % p SYSTEM "{canary.url}/dtd"> %p;'),
        "external-dtd": rdfxml("").replace(
            "<!DOCTYPE rdf:RDF [\n\n]>", f'<!DOCTYPE rdf:RDF SYSTEM "{canary.url}/dtd">'
        ).replace("&x;", "v"),
    }


@pytest.mark.parametrize(
    "name", ["file-entity", "http-entity", "public-entity", "parameter-entity", "external-dtd"]
)
def test_rdfxml_external_entities_are_refused(
    name: str, canary: Canary, secret: Secret, work: Path
) -> None:
    path = work / f"{name}.rdf"
    path.write_text(external_entities(canary, secret)[name])
    with pytest.raises(LoadError) as caught:
        parse_file(path)
    assert secret.token not in str(caught.value)
    assert canary.hits == []


@needs_strace
def test_rdfxml_entities_through_the_cli(canary: Canary, secret: Secret, work: Path) -> None:
    for name, text in external_entities(canary, secret).items():
        (work / f"{name}.rdf").write_text(text)
        run = sgam("check", "--skip", "owl", f"{name}.rdf", cwd=work, trace=True)
        assert run.returncode == 2, run.output
        assert run.stderr.startswith(f"{name}.rdf:"), run.stderr
        assert_no_egress(run, canary, secret)


def test_jsonld_with_a_remote_context_is_not_read(
    canary: Canary, secret: Secret, work: Path
) -> None:
    doc = f'{{"@context": "{canary.url}/context.jsonld", "@id": "http://e/s", "p": "v"}}'
    for name in ("data.jsonld", "data.json"):
        (work / name).write_text(doc)
        run = sgam("check", "--skip", "owl", name, cwd=work)
        assert run.returncode == 2
        assert "unknown RDF file extension" in run.stderr
        assert_no_egress(run, canary, secret)
    (work / "data.ttl").write_text(doc)  # JSON-LD under a Turtle name is a syntax error
    run = sgam("check", "--skip", "owl", "data.ttl", cwd=work)
    assert run.returncode == 2
    assert run.stderr.startswith("data.ttl:1:")
    assert_no_egress(run, canary, secret)


# -- queries ------------------------------------------------------------------------------------


def hostile_queries(canary: Canary, secret: Secret) -> dict[str, tuple[str, str]]:
    """name -> (query, what the error must say); an empty expectation means it may run."""
    url = canary.url
    return {
        "service": (f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", "SERVICE"),
        "service-silent": (
            f"SELECT * WHERE {{ SERVICE SILENT <{url}/silent> {{ ?s ?p ?o }} }}", "SERVICE"),
        "service-lowercase": (f"select * where {{ service <{url}/lc> {{ ?s ?p ?o }} }}",
                              "SERVICE"),
        "service-variable": (
            f"SELECT * WHERE {{ VALUES ?x {{ <{url}/var> }} SERVICE ?x {{ ?s ?p ?o }} }}",
            "SERVICE"),
        "service-escaped": (
            f"SELECT * WHERE {{ SERV\\u0049CE <{url}/escaped> {{ ?s ?p ?o }} }}", "error"),
        "from-file": (f"SELECT ?o FROM <{secret.iri}> WHERE {{ ?s ?p ?o }}", ""),
        "from-named-http": (
            f"SELECT ?o FROM NAMED <{url}/named> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", ""),
        "from-http": (f"SELECT ?o FROM <{url}/default> WHERE {{ ?s ?p ?o }}", ""),
        "load": (f"LOAD <{url}/load>", "error"),
        "load-file": (f"LOAD <{secret.iri}> INTO GRAPH <http://e/g>", "error"),
    }


QUERY_NAMES = [
    "service", "service-silent", "service-lowercase", "service-variable", "service-escaped",
    "from-file", "from-named-http", "from-http", "load", "load-file",
]


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_file_reaches_nothing_outside(
    name: str, canary: Canary, secret: Secret, work: Path
) -> None:
    text, expected = hostile_queries(canary, secret)[name]
    (work / "q.rq").write_text(text + "\n")
    run = sgam("query", "--file", "q.rq", "--format", "csv", cwd=work, root=None)
    if expected:
        assert run.returncode == 2, run.output
        assert run.stderr.startswith("q.rq:1"), run.stderr
        assert expected in run.stderr
    else:  # FROM names a graph the store does not hold: no rows, nothing fetched
        assert run.returncode == 0, run.output
        assert run.stdout.strip() == "o"
    assert_no_egress(run, canary, secret)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_api_reaches_nothing_outside(name: str, canary: Canary, secret: Secret) -> None:
    import pyoxigraph as ox

    from sgam_onto.errors import SgamError
    from sgam_onto.query.runner import run_query

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("v")))
    text, expected = hostile_queries(canary, secret)[name]
    if expected:
        with pytest.raises(SgamError) as caught:
            run_query(store, text, path="q.rq")
        assert secret.token not in str(caught.value)
    else:
        assert run_query(store, text, path="q.rq").rows == ()
    assert canary.hits == []


@needs_strace
def test_traced_query_opens_no_secret(canary: Canary, secret: Secret, work: Path) -> None:
    for name in QUERY_NAMES:
        text, _ = hostile_queries(canary, secret)[name]
        (work / "q.rq").write_text(text + "\n")
        run = sgam("query", "--file", "q.rq", cwd=work, root=None, trace=True)
        assert_no_egress(run, canary, secret)


# -- serving ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> object:
    try:
        from tests.publish.site_fixture import published_site
        from tests.serve.server_fixture import running_server
    except ImportError as err:  # pragma: no cover - serve not built
        pytest.skip(f"serve is not available: {err}")
    with running_server(published_site(), "--timeout", "5", "--max-rows", "100") as url:
        yield url


def _ask(url: str, params: dict[str, str], method: str) -> tuple[int, str]:
    data = urllib.parse.urlencode(params)
    if method == "GET":
        request = urllib.request.Request(f"{url}sparql?{data}")
    else:
        request = urllib.request.Request(
            f"{url}sparql", data=data.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_endpoint_reaches_nothing_outside(
    served: str, method: str, canary: Canary, secret: Secret
) -> None:
    for name in QUERY_NAMES:
        text, _ = hostile_queries(canary, secret)[name]
        status, body = _ask(served, {"query": text}, method)
        assert 400 <= status < 500, (name, status, body)
        assert secret.token not in body and "CANARY-BODY" not in body
    for param in ("default-graph-uri", "named-graph-uri"):
        for graph in (secret.iri, f"{canary.url}/graph"):
            status, body = _ask(
                served, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", param: graph}, method
            )
            assert 400 <= status < 500, (param, graph, status)
            assert secret.token not in body
    status, _ = _ask(served, {"update": f"LOAD <{canary.url}/update>"}, "POST")
    assert 400 <= status < 500
    assert canary.hits == []


def test_the_canary_does_record_requests(canary: Canary) -> None:
    """The fixture itself works: a request that does go out is seen."""
    urllib.request.urlopen(f"{canary.url}/probe", timeout=10).read()
    assert canary.hits == ["GET /probe"]


def test_strace_sees_the_secret_when_it_is_read(secret: Secret, work: Path) -> None:
    """The tracing itself works: a command that does read the secret file is caught."""
    from tests.hardening.conftest import strace_works

    if not strace_works():
        pytest.skip("strace is missing or not permitted here (ptrace)")
    shutil.copy(secret.path, work / "copy.ttl")
    run = sgam("check", "--skip", "owl", str(secret.path), cwd=work, trace=True)
    assert run.returncode == 0
    assert str(secret.path) in run.trace
