"""`sgam-onto load` into an on-disk store or a remote server, and `--store`/`--endpoint` queries."""

from __future__ import annotations

import argparse
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.cli import main
from sgam_onto.landscape import load_landscape
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.runner import run_stored
from sgam_onto.stores import embedded
from sgam_onto.stores.args import add_store_arguments, open_store
from sgam_onto.stores.base import release_graph
from sgam_onto.stores.credentials import PASSWORD_ENV, USER_ENV
from tests.stores.catalogue_rows import comparable, sample_params

GRAPH = "https://example.org/sgam-onto/load-test"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_store_arguments(parser)
    return parser.parse_args(argv)


def _count(directory: Path, graph: str) -> int:
    store = embedded.open_store(directory, read_only=True)
    return embedded.count(store, graph)


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(USER_ENV, raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_load_into_a_store_on_disk_then_query_it(
    landscape_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_dir = tmp_path / "store"
    assert main(["load", "--store", str(store_dir)]) == 0
    expected = len(load_landscape().graph)
    out = capsys.readouterr().out
    assert f"loaded {expected} triples into <{release_graph()}>" in out
    assert main(["load", "--store", str(store_dir)]) == 0  # again: replaced, not duplicated
    assert _count(store_dir, release_graph()) == expected

    view = open_store(_parse(["--store", str(store_dir)]))
    result = view.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(result))["n"].value) == expected


def test_loading_files_replaces_the_named_graph(
    landscape_root: Path, fixtures: Path, tmp_path: Path
) -> None:
    store_dir = tmp_path / "store"
    assert main(["load", "--store", str(store_dir), "--graph", GRAPH]) == 0
    assert main(["load", "--store", str(store_dir), "--graph", GRAPH,
                 str(fixtures / "literals.ttl")]) == 0
    store = embedded.open_store(store_dir, read_only=True)
    subjects = {q.subject for q in store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH))}
    assert ox.NamedNode("http://example.org/thing") in subjects
    assert not any(isinstance(s, ox.NamedNode) and "sgam-onto" in s.value for s in subjects)


def test_a_file_that_does_not_parse_changes_nothing(
    landscape_root: Path, fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_dir = tmp_path / "store"
    assert main(["load", "--store", str(store_dir), "--graph", GRAPH]) == 0
    before = _count(store_dir, GRAPH)
    bad = fixtures / "syntax-error.ttl"
    assert main(["load", "--store", str(store_dir), "--graph", GRAPH, str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:")
    assert _count(store_dir, GRAPH) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["load"], "give --store DIR or --endpoint URL"),
        (["load", "--store", "s", "--layout", "oxigraph"], "cannot be used with --store"),
        (["load", "--endpoint", "http://h:1/sparql"], "--gsp-url"),
        (["load", "--store", "s", "--graph", "not an iri"], "not a valid IRI"),
        (["load", "--endpoint", "localhost:7878"], "absolute http"),
    ],
)
def test_bad_arguments_exit_2(
    landscape_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_query_options_without_a_loaded_graph_say_what_to_do(tmp_path: Path) -> None:
    from sgam_onto.errors import SgamError

    store_dir = tmp_path / "store"
    embedded.open_store(store_dir)  # an empty store
    with pytest.raises(SgamError, match="sgam-onto load --store"):
        open_store(_parse(["--store", str(store_dir)]))
    with pytest.raises(SgamError, match="--graph needs --store or --endpoint"):
        open_store(_parse(["--graph", GRAPH]))


def test_load_to_oxigraph_server_then_run_the_catalogue_there(oxigraph_server) -> None:
    base = ["--endpoint", oxigraph_server.base_url, "--layout", "oxigraph", "--graph", GRAPH]
    assert main(["load", *base]) == 0
    remote = open_store(_parse(base))
    local = load_landscape().store
    for query in Catalogue().queries()[:5]:
        params = sample_params(query)
        found, expected = run_stored(remote, query, params), run_stored(local, query, params)
        assert comparable(query, found.rows) == comparable(query, expected.rows)


def test_virtuoso_credentials_from_environment_or_netrc(
    virtuoso_server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["load", "--endpoint", virtuoso_server.base_url, "--layout", "virtuoso",
            "--graph", GRAPH]
    assert main(base) == 2
    assert "HTTP 401" in capsys.readouterr().err

    rc = tmp_path / "netrc"
    rc.write_text(f"machine 127.0.0.1 login dba password {virtuoso_server.password}\n")
    rc.chmod(0o600)
    assert main([*base, "--netrc", str(rc)]) == 0

    monkeypatch.setenv(USER_ENV, "dba")
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    assert main(base) == 2
    assert "wrong user or password ('dba' from $SGAM_ONTO_USER)" in capsys.readouterr().err
    monkeypatch.setenv(PASSWORD_ENV, virtuoso_server.password)
    assert main(base) == 0
    remote = open_store(_parse(base[1:]))
    result = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(result))["n"].value) == len(load_landscape().graph)


def test_cim_xml_files_load_through_the_cim_loader(tmp_path: Path) -> None:
    """A CIM model (here the pinned CIMHub feeder) gets its objects' urn:uuid IRIs in lower
    case, as the CIM loader writes them, with every triple pyoxigraph reads from the file."""
    from tests.data.alignments.pinned import IEEE13, require_shared

    require_shared()
    store_dir = tmp_path / "store"
    assert main(["load", "--store", str(store_dir), "--graph", GRAPH, str(IEEE13)]) == 0
    read = set(ox.parse(path=str(IEEE13), format=ox.RdfFormat.RDF_XML))
    assert _count(store_dir, GRAPH) == len(read)
    store = embedded.open_store(store_dir, read_only=True)
    subjects = {q.subject.value for q in store.quads_for_pattern(
        None, None, None, ox.NamedNode(GRAPH))}
    assert "urn:uuid:b6a6a530-7dbd-4a78-8654-e01f2599e56c" in subjects
    assert not any(s.startswith("urn:uuid:") and s != s.lower() for s in subjects)
