"""Files straight into a store: the same triples as the rdflib path, and the gate's errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto import settings
from sgam_onto.errors import LoadError
from sgam_onto.landscape import load_landscape
from sgam_onto.rdf.parse import parse_file
from sgam_onto.stores.direct import load_store

ROOT = Path(__file__).resolve().parents[2]
EX = "http://example.org/"


def _canonical(store: ox.Store) -> ox.Dataset:
    dataset = ox.Dataset(store)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def test_landscape_and_data_hold_the_same_triples_as_through_rdflib(tmp_path: Path) -> None:
    """Compared with the rdflib graph that ``load_landscape`` builds from the same files."""
    data = tmp_path / "extra.ttl"
    data.write_text(f"@prefix ex: <{EX}> .\nex:a ex:p [ ex:q 1 ] , \"x\"@en .\n",
                    encoding="utf-8")
    nquads = tmp_path / "extra.nq"
    nquads.write_text(f"<{EX}b> <{EX}p> _:n <{EX}graph> .\n", encoding="utf-8")
    direct = load_store([data, nquads], with_alignments=True)
    through_rdflib = load_landscape([data, nquads], with_alignments=True).store
    assert len(direct) == len(through_rdflib)
    assert _canonical(direct) == _canonical(through_rdflib)
    assert not list(direct.named_graphs())  # the N-Quads file's graph is merged


@pytest.mark.parametrize("names", [("one.nt", "two.ttl"), ("one.nt", "two.nt")])
def test_blank_nodes_stay_apart_between_files(tmp_path: Path, names: tuple[str, str]) -> None:
    files = []
    for name in names:
        path = tmp_path / name
        path.write_text(f"_:b <{EX}p> \"{name}\" .\n<{EX}a> <{EX}q> _:b .\n", encoding="utf-8")
        files.append(path)
    store = load_store(files=files)
    subjects = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(f"{EX}p"), None)}
    pointed = {q.object for q in store.quads_for_pattern(None, ox.NamedNode(f"{EX}q"), None)}
    assert len(subjects) == 2
    assert subjects == pointed  # within a file, _:b names one node wherever it appears


@pytest.mark.parametrize("name, text", [
    ("bad.ttl", f"@prefix ex: <{EX}> .\nex:a ex:p \"open .\n"),
    ("bad.nt", f"<{EX}a> <{EX}p> <{EX}b> .\n<{EX}a> <relative> <{EX}b> .\n"),
    ("latin1.ttl", f"<{EX}a> <{EX}p> \"caf\xe9\" .\n"),
])
def test_a_bad_file_gives_the_gate_s_error(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(LoadError) as gate:
        parse_file(path)
    with pytest.raises(LoadError) as direct:
        load_store(files=[path])
    assert str(direct.value) == str(gate.value)
    assert direct.value.line is not None and str(path) in str(direct.value)


def test_the_gate_s_limits_hold(tmp_path: Path) -> None:
    path = tmp_path / "long.nt"
    path.write_text(f"<{EX}a> <{EX}p> \"{'x' * 50}\" .\n", encoding="utf-8")
    with settings.configured(max_literal_chars=20), pytest.raises(settings.LimitError) as long:
        load_store(files=[path])
    assert "literal" in str(long.value) and f"{EX}p" in str(long.value)
    with settings.configured(max_file_bytes=30), pytest.raises(settings.LimitError) as large:
        load_store(files=[path])
    assert str(path) in str(large.value)


def test_the_ontology_names_the_package_version() -> None:
    store = load_store(version="9.9.9")
    rows = list(store.query(
        "SELECT ?v WHERE { <https://w3id.org/sgam-onto> "
        "<http://www.w3.org/2002/07/owl#versionInfo> ?v }"))
    assert [row["v"].value for row in rows] == ["9.9.9"]


def _same_outcome_as_the_gate(path: Path) -> None:
    """The store path raises what the gate raises, or holds what the gate parsed."""
    try:
        gate = parse_file(path)
    except LoadError as err:
        with pytest.raises(LoadError) as direct:
            load_store(files=[path])
        assert str(direct.value) == str(err)
        return
    store = load_store(files=[path], version="0")
    expected = ox.Store()
    expected.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                         for q in gate.quads)
    from sgam_onto.stores.direct import stamp_version

    stamp_version(expected, "0")
    assert _canonical(store) == _canonical(expected)


@pytest.mark.parametrize("name, data", [
    ("bom.nt", b"\xef\xbb\xbf<http://example.org/a> <http://example.org/p> \"x\" .\n"),
    ("nested.nt", "".join(f"_:n{i} <{EX}next> _:n{i + 1} .\n" for i in range(8)).encode()),
    ("long-iri.nt", f"<{EX}{'a' * 60}> <{EX}p> \"x\" .\n".encode()),
    ("blank-and-plain.nt", f"_:x <{EX}p> <{EX}a> .\n<{EX}a> <{EX}p> _:x .\n"
                           f"<{EX}a> <{EX}q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                           .encode()),
    # Turtle goes to the bulk path as N-Triples text: the gate's limits hold on it too
    ("bom.ttl", f"\ufeff@prefix ex: <{EX}> .\nex:a ex:p 01, [ ex:q _:x ] .\n".encode()),
    ("nested.ttl", f"@prefix ex: <{EX}> .\nex:a {'ex:p [ ' * 5}ex:p 1 {'] ' * 5}.\n".encode()),
    ("deep-list.ttl", f"@prefix ex: <{EX}> .\nex:a ex:p ( ( ( ( ( 1 ) ) ) ) ) .\n".encode()),
    ("long-list.ttl", f"@prefix ex: <{EX}> .\nex:a ex:p ( {' '.join(map(str, range(20)))} ) .\n"
                      .encode()),
    ("long-name.ttl", f"@prefix ex: <{EX}{'a' * 20}/> .\nex:{'b' * 12} ex:p 1 .\n".encode()),
    ("long-prefix.ttl", f"@prefix ex: <{EX}{'a' * 40}/> .\nex:{'b' * 12} ex:p 1 .\n".encode()),
    ("long-literal.ttl", f"<{EX}a> <{EX}p> \"\"\"{'x' * 30}\n{'y' * 30}\"\"\" .\n".encode()),
])
def test_files_in_bulk_obey_the_gate(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with settings.configured(max_nesting_depth=4, max_iri_chars=50, max_literal_chars=50):
        _same_outcome_as_the_gate(path)


def test_the_gate_s_notices_are_given(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from sgam_onto.rdf.notices import forget

    empty = tmp_path / "empty.nt"
    empty.write_text("# nothing here\n", encoding="utf-8")
    imports = tmp_path / "imports.nt"
    imports.write_text(f"<{EX}o> <http://www.w3.org/2002/07/owl#imports> <{EX}x> .\n",
                       encoding="utf-8")
    forget()
    load_store(files=[empty, imports])
    said = capsys.readouterr().err
    assert f"{empty}: warning: no statements" in said
    assert "owl:imports is not followed" in said


def test_the_gate_s_notices_are_given_for_turtle(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from sgam_onto.rdf.notices import forget

    empty = tmp_path / "empty.ttl"
    empty.write_text(f"@prefix ex: <{EX}> .\n# nothing stated\n", encoding="utf-8")
    own = tmp_path / "own.ttl"  # importing the landscape's own ontology loses nothing
    own.write_text(f"<{EX}o> <http://www.w3.org/2002/07/owl#imports> "
                   "<https://w3id.org/sgam-onto> .\n", encoding="utf-8")
    forget()
    load_store(files=[empty, own])
    said = capsys.readouterr().err
    assert f"{empty}: warning: no statements" in said
    assert f"{own}: warning: no statements" not in said
    assert "owl:imports" not in said
    other = tmp_path / "other.ttl"
    other.write_text(f"<{EX}o> <http://www.w3.org/2002/07/owl#imports> <{EX}x> .\n",
                     encoding="utf-8")
    forget()
    load_store(files=[other])
    assert "owl:imports is not followed" in capsys.readouterr().err
