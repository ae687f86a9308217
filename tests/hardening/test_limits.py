"""Bounded cost: every limit of ``sgam_onto.settings`` refuses what crosses it with one clear
line and exit code 2, accepts what stays at it, and no RecursionError, MemoryError or traceback
reaches a user."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from sgam_onto import settings
from sgam_onto.errors import LoadError, SgamError
from sgam_onto.query import isolation
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes, parse_file
from tests.hardening.conftest import REPO, Run, sgam

TTL = ox.RdfFormat.TURTLE
XML = ox.RdfFormat.RDF_XML
P = "<http://example.org/p>"


def nested_blank_nodes(depth: int) -> str:
    return f"<http://example.org/s> {P} " + f"[ {P} " * depth + "1" + " ]" * depth + " .\n"


def nested_collections(depth: int) -> str:
    return f"<http://example.org/s> {P} " + "( " * depth + "1" + " )" * depth + " .\n"


def nested_xml(depth: int) -> str:
    return (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="http://example.org/s">'
        + "<ex:p><rdf:Description>" * depth + "</rdf:Description></ex:p>" * depth
        + "</rdf:Description>\n</rdf:RDF>\n"
    )


def assert_one_line(run: Run, name: str, *words: str) -> None:
    assert run.returncode == 2, run.output
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith(name)]
    assert len(errors) == 1, run.stderr
    for word in words:
        assert word in errors[0], errors[0]


# -- the limits themselves ----------------------------------------------------------------------


def test_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings.current() == settings.Limits()
    monkeypatch.setenv("SGAM_ONTO_MAX_ROWS", "7")
    monkeypatch.setenv("SGAM_ONTO_QUERY_TIMEOUT", "2.5")
    assert (settings.current().max_result_rows, settings.current().max_query_seconds) == (7, 2.5)
    monkeypatch.setenv("SGAM_ONTO_MAX_ROWS", "many")
    with pytest.raises(SgamError, match="SGAM_ONTO_MAX_ROWS='many': not a number"):
        settings.current()
    monkeypatch.setenv("SGAM_ONTO_MAX_ROWS", "0")
    with pytest.raises(SgamError, match="must be positive"):
        settings.current()


def test_configured_restores_the_limits() -> None:
    with settings.configured(max_nesting_depth=3) as inside:
        assert inside.max_nesting_depth == 3 == settings.current().max_nesting_depth
    assert settings.current().max_nesting_depth == settings.Limits().max_nesting_depth


# -- file size ----------------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.ttl"
    path.write_text(f"<http://example.org/s> {P} \"{'x' * 2000}\" .\n")
    with settings.configured(max_file_bytes=1000), pytest.raises(settings.LimitError) as caught:
        parse_file(path)
    assert str(caught.value).startswith(f"{path}: file is 2.0 KiB; the limit is 1000 bytes")
    assert "SGAM_ONTO_MAX_FILE_BYTES" in str(caught.value)
    with settings.configured(max_file_bytes=path.stat().st_size):
        assert len(parse_file(path).quads) == 1  # exactly at the limit is accepted


def test_in_memory_input_has_the_same_limit() -> None:
    with (settings.configured(max_file_bytes=10),
          pytest.raises(settings.LimitError, match="input is")):
        parse_bytes(f"<http://example.org/s> {P} 1 .", TTL, "mem.ttl")


@pytest.mark.parametrize("command", [["check", "--skip", "owl"], ["fmt"], ["validate"]])
def test_cli_refuses_a_big_file_in_one_line(command: list[str], tmp_path: Path) -> None:
    root = None if command == ["validate"] else sgam_fixture_root()
    ours = [*Path(REPO, "ontology").rglob("*.ttl"), *Path(REPO, "shapes").rglob("*.ttl")]
    limit = max(p.stat().st_size for p in ours)  # the project's own files stay under it
    (tmp_path / "big.ttl").write_text(f"<http://example.org/s> {P} \"{'x' * limit}\" .\n")
    run = sgam(*command, "big.ttl", cwd=tmp_path, root=root,
               env={"SGAM_ONTO_MAX_FILE_BYTES": str(limit)})
    assert_one_line(run, "big.ttl", "the limit is", "SGAM_ONTO_MAX_FILE_BYTES")


def sgam_fixture_root() -> Path:
    from tests.hardening.conftest import FIXTURE_ROOT

    return FIXTURE_ROOT


def test_a_pipe_or_device_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="not a regular file"):
        parse_file(fifo)
    device = tmp_path / "zero.ttl"
    device.symlink_to("/dev/zero")
    with pytest.raises(LoadError, match="not a regular file"):
        parse_file(device)


# -- literal size -------------------------------------------------------------------------------


def test_literal_size_limit() -> None:
    at_limit = f"<http://example.org/s> {P} \"{'é' * 100}\" ."
    with settings.configured(max_literal_chars=100):
        assert len(parse_bytes(at_limit, TTL).quads) == 1
        with pytest.raises(settings.LimitError) as caught:
            parse_bytes(at_limit.replace('é"', 'éé"'), TTL, "long.ttl")
    column = at_limit.index('"') + 2  # where the literal's text starts
    assert str(caught.value) == (
        f"long.ttl:1:{column}: a literal of 101 characters (object of <http://example.org/p>); "
        "the limit is 100 (set SGAM_ONTO_MAX_LITERAL_CHARS to raise it)"
    )


# -- nesting ------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [nested_blank_nodes, nested_collections])
def test_nesting_at_the_limit_loads_and_one_more_is_refused(shape) -> None:
    depth = settings.current().max_nesting_depth
    parse_bytes(shape(depth), TTL)
    text = shape(depth + 1)
    with pytest.raises(settings.LimitError) as caught:
        parse_bytes(text, TTL, "deep.ttl")
    opening = [i for i, c in enumerate(text) if c in "[("][depth]  # the one bracket too many
    assert str(caught.value).startswith(
        f"deep.ttl:1:{opening + 1}: blank nodes or collections nested {depth + 1}")


def test_a_long_flat_collection_is_not_nesting() -> None:
    items = " ".join(str(i) for i in range(50_000))
    parsed = parse_bytes(f"<http://example.org/s> {P} ( {items} ) .", TTL)
    assert len(parsed.quads) == 100_001


def test_a_broken_long_list_counts_as_nesting() -> None:
    """Cells with an extra statement are not written as a collection but nested in brackets."""
    first = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>"
    rest = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>"
    cells = [f"_:c{i} {first} {i} ; {rest} _:c{i + 1} ." for i in range(500)]
    text = f"<http://example.org/s> {P} _:c0 .\n" + "\n".join(cells) + f'\n_:c500 {P} "end" .\n'
    with pytest.raises(settings.LimitError, match="nested 501 deep"):
        parse_bytes(text, TTL)


def test_formatting_at_the_nesting_limit_works(tmp_path: Path) -> None:
    depth = settings.current().max_nesting_depth
    path = tmp_path / "deep.ttl"
    path.write_text(nested_blank_nodes(depth) + nested_collections(depth))
    before = graph_from_quads(parse_file(path).quads)
    run = sgam("fmt", "deep.ttl", cwd=tmp_path, root=sgam_fixture_root())
    assert run.returncode == 0, run.output
    assert isomorphic(graph_from_quads(parse_file(path).quads), before)


def test_validation_at_the_nesting_limit_works(tmp_path: Path) -> None:
    from sgam_onto.validate.engine import run_shapes
    from sgam_onto.validate.shapes import load_shapes

    depth = settings.current().max_nesting_depth
    data = graph_from_quads(parse_bytes(nested_blank_nodes(depth), TTL).quads)
    assert run_shapes(data, load_shapes()) == []


@pytest.mark.parametrize("depth", [100_000])
def test_very_deep_input_gives_one_line_not_a_crash(depth: int, tmp_path: Path) -> None:
    (tmp_path / "deep.ttl").write_text(nested_blank_nodes(depth))
    (tmp_path / "deep.rdf").write_text(nested_xml(depth))
    for name in ("deep.ttl", "deep.rdf"):
        run = sgam("check", "--skip", "owl", name, cwd=tmp_path, root=sgam_fixture_root(),
                   timeout=120)
        assert_one_line(run, name, "the limit is" if name.endswith("ttl") else "nested more")


def test_rdfxml_nesting_is_measured_before_parsing() -> None:
    depth = settings.current().max_nesting_depth
    parse_bytes(nested_xml(depth), XML)
    with pytest.raises(settings.LimitError) as caught:
        parse_bytes(nested_xml(depth + 1), XML, "deep.rdf")
    assert caught.value.line == 3
    assert "XML elements nested more than" in str(caught.value)


# -- RDF/XML entities ---------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">
<rdf:Description rdf:about="http://e/s"><ex:p>&g;</ex:p></rdf:Description>
</rdf:RDF>
"""

PROTEGE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
    <!-- namespace abbreviations, as ontology editors write them -->
    <!ENTITY owl "http://www.w3.org/2002/07/owl#" >
    <!ENTITY ex "http://example.org/" >
    <!ENTITY exthing "&ex;thing" >
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="&exthing;"><rdf:type rdf:resource="&owl;Class"/>
    <ex:p>a &amp; b &#233;</ex:p></rdf:Description>
</rdf:RDF>
"""


def test_billion_laughs_is_refused_without_expanding() -> None:
    with pytest.raises(settings.LimitError) as caught:
        parse_bytes(LAUGHS, XML, "laughs.rdf")
    assert "expands to" in str(caught.value) and "the limit is" in str(caught.value)
    assert caught.value.line == 2


def test_many_references_to_a_small_entity_are_refused() -> None:
    declared = LAUGHS.split("<!ENTITY e")[0] + "]>" + LAUGHS.split("]>", 1)[1]
    text = declared.replace("&g;", "&d;" * 4000)  # each 78 kB, 4000 times: 312 MB
    with pytest.raises(settings.LimitError, match="expand the document to"):
        parse_bytes(text, XML, "wide.rdf")


def test_self_reference_is_refused() -> None:
    text = LAUGHS.replace('"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"', '"x&c;"')
    with pytest.raises(settings.LimitError, match="refers to itself"):
        parse_bytes(text, XML, "loop.rdf")


def test_namespace_entities_still_work() -> None:
    quads = parse_bytes(PROTEGE, XML, "protege.rdf").quads
    assert {(q.subject.value, q.object.value) for q in quads} == {
        ("http://example.org/thing", "http://www.w3.org/2002/07/owl#Class"),
        ("http://example.org/thing", "a & b é"),
    }


# -- queries ------------------------------------------------------------------------------------

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j"
RUNAWAY_PREPARE = (
    "SELECT ?a WHERE { "
    + " ".join(f"VALUES ?v{k} {{ {' '.join(map(str, range(400)))} }}" for k in range(4))
    + " BIND(?v0 AS ?a) } ORDER BY ?a"
)


def small_store(triples: int = 200) -> ox.Store:
    store = ox.Store()
    store.extend(
        ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i)))
        for i in range(triples)
    )
    return store


def children() -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def test_query_length_limit() -> None:
    from sgam_onto.query.engine import prepare

    with settings.configured(max_query_chars=40), pytest.raises(settings.LimitError) as caught:
        prepare("SELECT ?s WHERE { ?s ?p ?o } # padding padding", "long.rq")
    assert str(caught.value) == (
        "long.rq: query is 46 characters; the limit is 40 "
        "(set SGAM_ONTO_MAX_QUERY_CHARS to raise it)"
    )


def test_a_runaway_query_is_stopped_and_its_worker_killed() -> None:
    from sgam_onto.query.runner import run_query

    before = children()
    with settings.configured(max_query_seconds=1.0), pytest.raises(settings.QueryLimitError) as err:
        run_query(small_store(), RUNAWAY, path="runaway.rq")
    assert str(err.value) == (
        "the query ran longer than 1 s and was stopped (set SGAM_ONTO_QUERY_TIMEOUT to raise it)"
    )
    assert children() <= before


def forks_during(monkeypatch: pytest.MonkeyPatch, work: Callable[[], Any]) -> tuple[Any, int]:
    """``work()``'s result and how many processes it forked (the real fork, counted)."""
    real, count = os.fork, []

    def counted() -> int:
        count.append(1)
        return real()

    monkeypatch.setattr(os, "fork", counted)
    result = work()
    monkeypatch.setattr(os, "fork", real)
    return result, len(count)


def test_catalogue_queries_run_in_process_and_other_text_in_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sgam_onto.landscape import load_landscape
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.runner import run_query, run_stored

    store = load_landscape().store
    query = Catalogue().load("body-hierarchy")
    assert not query.isolated and all(not q.isolated for q in Catalogue().checks())
    ours, ours_forks = forks_during(monkeypatch, lambda: run_stored(store, query))
    text, text_forks = forks_during(
        monkeypatch, lambda: run_query(store, query.text, columns=query.columns))
    assert (ours_forks, text_forks) == (0, 1)
    assert ours.rows == text.rows and len(ours.rows) > 50


def test_a_catalogue_query_past_the_deadline_fails_at_the_deadline() -> None:
    """In a thread, not a worker: the caller gets the error at the deadline all the same
    (the thread itself is abandoned, not stopped)."""
    from dataclasses import replace

    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.runner import run_stored

    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    query = replace(Catalogue().load("plane-axes"), text=slow)
    assert not query.isolated
    with (settings.configured(max_query_seconds=0.05),
          pytest.raises(settings.QueryLimitError) as err):
        run_stored(small_store(50), query)
    assert "ran longer than 0.05 s" in str(err.value)


def test_a_query_that_runs_away_while_being_prepared_is_stopped() -> None:
    from sgam_onto.query.engine import prepare

    with settings.configured(max_query_seconds=1.0), pytest.raises(LoadError, match="ran longer"):
        prepare(RUNAWAY_PREPARE, "prepare.rq")


def test_rows_are_cut_at_the_limit_and_say_so() -> None:
    from sgam_onto.query.runner import run_query

    query = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"
    with settings.configured(max_result_rows=5):
        cut = run_query(small_store(), query)
    assert len(cut.rows) == 5 and cut.truncated
    with settings.configured(max_result_rows=200):
        whole = run_query(small_store(), query)
    assert len(whole.rows) == 200 and not whole.truncated
    assert whole.rows[:5] == cut.rows


def test_engine_errors_come_back_from_the_worker() -> None:
    from sgam_onto.query.runner import run_query

    with pytest.raises(SgamError, match="only SELECT"):
        run_query(small_store(), "ASK { ?s ?p ?o }")
    with pytest.raises(LoadError, match=r"bad\.rq:1"):
        run_query(small_store(), "SELECT ?s WHERE { ?s ?p }", path="bad.rq")


def test_cli_query_time_and_rows(tmp_path: Path) -> None:
    (tmp_path / "runaway.rq").write_text(RUNAWAY + "\n")
    run = sgam("query", "--file", "runaway.rq", cwd=tmp_path, root=None,
               env={"SGAM_ONTO_QUERY_TIMEOUT": "1"})
    assert run.returncode == 2
    assert "ran longer than 1 s and was stopped" in run.stderr
    assert "Traceback" not in run.stderr
    (tmp_path / "prepare.rq").write_text(RUNAWAY_PREPARE + "\n")
    run = sgam("query", "--file", "prepare.rq", cwd=tmp_path, root=None,
               env={"SGAM_ONTO_QUERY_TIMEOUT": "1"})
    assert_one_line(run, "prepare.rq", "ran longer than 1 s")
    (tmp_path / "all.rq").write_text("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n")
    run = sgam("query", "--file", "all.rq", "--format", "csv", cwd=tmp_path, root=None,
               env={"SGAM_ONTO_MAX_ROWS": "3"})
    assert run.returncode == 0, run.output
    assert len(run.stdout.splitlines()) == 4  # header and three rows
    assert "output cut at 3 rows" in run.stderr and "SGAM_ONTO_MAX_ROWS" in run.stderr
    run = sgam("query", "--file", "all.rq", cwd=tmp_path, root=None,
               env={"SGAM_ONTO_MAX_QUERY_CHARS": "10"})
    assert_one_line(run, "all.rq", "the limit is 10")


def test_query_nesting_is_refused_before_the_engine() -> None:
    from sgam_onto.query.engine import prepare

    depth = settings.current().max_nesting_depth
    prepare("SELECT * WHERE { " + "{ " * (depth - 1) + "?s ?p ?o " + "} " * (depth - 1) + "}")
    deep = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "?o" + ")" * depth + ") }"
    with pytest.raises(settings.LimitError) as caught:
        prepare("# a comment with ((((( brackets\n" + deep, "deep.rq")
    assert str(caught.value) == (
        f"deep.rq:2: brackets nested more than {depth} deep "
        "(set SGAM_ONTO_MAX_NESTING_DEPTH to raise it)"
    )


def test_an_engine_crash_is_reported_not_shared() -> None:
    """Oxigraph's SPARQL parser overflows its stack on thousands of brackets; in the worker
    that kills the worker, not the command."""
    query = "SELECT * WHERE { " + "{ " * 20000 + "?s ?p ?o " + "} " * 20000 + "}"
    with pytest.raises(settings.QueryLimitError, match=r"it crashed: SIG(SEGV|ABRT|BUS)"):
        isolation.run_bounded(lambda: list(ox.Store().query(query)))


AWKWARD = [
    ox.Literal("tab\tnew\nline\rreturn \"quoted\" back\\slash \x00 \u2028 é 𝄞"),
    ox.Literal("colour", language="en-GB"),
    ox.Literal("01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.Literal("1e0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")),
    ox.Literal("not a date", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ox.Literal("x", datatype=ox.NamedNode("urn:x-own:type")),
    ox.Literal(""),
    ox.BlankNode("b1"),
    ox.NamedNode("http://example.org/a%20b?c=d#é"),
]


def test_rows_from_the_worker_are_the_terms_the_engine_gave() -> None:
    store = ox.Store()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    for value in AWKWARD:
        store.add(ox.Quad(s, p, value))
    query = (
        "SELECT ?o ?none ?t WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?none } "
        "BIND(TRIPLE(?s, ?p, ?o) AS ?t) } ORDER BY STR(?o)"
    )
    worker = isolation.select_rows(lambda: store.query(query))
    in_process = isolation.select_rows(lambda: store.query(query), isolate=False)
    assert worker.variables == in_process.variables == ("o", "none", "t")
    assert worker.rows == in_process.rows
    assert {row[0] for row in worker.rows} == {quad.object for quad in store}
    assert all(row[1] is None and isinstance(row[2], ox.Triple) for row in worker.rows)
    assert not worker.truncated


@pytest.mark.parametrize(("count", "limit", "kept", "more"), [
    (0, 3, 0, False), (2, 3, 2, False), (3, 3, 3, False), (4, 3, 3, True), (5, 0, 0, True),
])
def test_take_keeps_the_first_items_and_says_if_there_were_more(
    count: int, limit: int, kept: int, more: bool
) -> None:
    read: list[int] = []

    def items():
        for i in range(count):
            read.append(i)
            yield i

    assert isolation.take(items(), limit) == (list(range(kept)), more)
    assert len(read) <= limit + 1  # a long result is not read to its end
