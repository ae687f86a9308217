"""The subject/statement line index over Turtle files."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from sgam_onto import paths
from sgam_onto.landscape import load_landscape
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.locate import Location, index_files, index_text
from sgam_onto.rdf.parse import parse_bytes

EX = "https://example.org/ns#"
TEXT = '''# a comment with "quotes" and a : colon
@prefix ex: <https://example.org/ns#> .
PREFIX e2: <https://example.org/other/>
@base <https://example.org/base/> .

ex:a a ex:Thing ;
    ex:note """two
lines with ex:fake . inside""" ;
    ex:list ( ex:b ex:c ) ;
    ex:nested [ ex:inner ex:d ; ex:more 1.5 ] ;
    ex:end "x"@en-GB .

<relative> ex:p ex:q .   ex:same-line ex:p 1 .
e2:escaped\\-name
    ex:p "v"^^<http://www.w3.org/2001/XMLSchema#string> ;
    ex:q ex:r , ex:s ;
.
[ ex:p ex:q ] ex:r ex:s .
ex:last.dot ex:p true.
'''


def test_subjects_and_statements_are_located() -> None:
    parsed = graph_from_quads(parse_bytes(TEXT, ox.RdfFormat.TURTLE).quads)  # valid Turtle
    index = index_text(TEXT, Path("t.ttl"))
    assert set(index.subjects) == {s for s in parsed.subjects() if isinstance(s, URIRef)}
    at = {str(k): [loc.line for loc in v] for k, v in index.subjects.items()}
    assert at == {
        EX + "a": [6],
        "https://example.org/base/relative": [13],
        EX + "same-line": [13],
        "https://example.org/other/escaped-name": [14],
        EX + "last.dot": [19],
    }
    statements = {
        (str(s), str(p)): [loc.line for loc in v] for (s, p), v in index.statements.items()
    }
    assert statements[(EX + "a", str(RDF.type))] == [6]
    assert statements[(EX + "a", EX + "note")] == [7]
    assert statements[(EX + "a", EX + "list")] == [9]
    assert statements[(EX + "a", EX + "end")] == [11]
    assert (EX + "fake", EX + "p") not in statements  # inside a long string
    assert (EX + "b", EX + "p") not in statements
    assert statements[("https://example.org/other/escaped-name", EX + "q")] == [16]
    assert statements[(EX + "last.dot", EX + "p")] == [19]
    assert not any(k[1] == EX + "inner" for k in statements)  # blank nodes are not indexed


def test_a_subject_written_in_two_files_keeps_both(tmp_path: Path) -> None:
    one = tmp_path / "one.ttl"
    two = tmp_path / "two.ttl"
    one.write_text("@prefix ex: <https://example.org/ns#> .\nex:a ex:p 1 .\n", encoding="utf-8")
    two.write_text("PREFIX ex: <https://example.org/ns#>\n\n\nex:a ex:q 2 .\n", encoding="utf-8")
    index = index_files([one, two, one])
    assert index.subjects[URIRef(EX + "a")] == [Location(one, 2), Location(two, 4)]


def test_every_subject_and_statement_of_the_landscape_is_found() -> None:
    """Checked against what the strict parser read, so the lexer cannot drift silently."""
    graph = load_landscape().graph
    index = index_files(paths.landscape_files())
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    assert set(index.subjects) == subjects
    statements = {(s, p) for s, p, _ in graph if isinstance(s, URIRef)}
    # sgam.ttl states the version the loader stamps, so both sides have it; a document
    # layer's header is folded into the one ontology of the loaded landscape
    layer = URIRef("https://w3id.org/sgam-onto/srd")
    folded = {(layer, RDF.type), (layer, OWL.imports)}
    assert set(index.statements) - folded == statements


def test_paths_are_shown_from_the_working_directory_of_the_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown paths are remembered, per working directory: a report written after a change of
    directory still names its files from there."""
    from sgam_onto.rdf.locate import display_path

    (tmp_path / "a").mkdir()
    data = tmp_path / "a" / "x.ttl"
    data.write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [display_path(data), display_path(Path("a/x.ttl"))] == ["a/x.ttl", "a/x.ttl"]
    monkeypatch.chdir(tmp_path / "a")
    assert [display_path(data), display_path(Path("x.ttl"))] == ["x.ttl", "x.ttl"]
    monkeypatch.chdir(tmp_path / "a" / "..")
    assert display_path(Path("a/x.ttl")) == "a/x.ttl"


def test_a_place_in_an_input_is_preferred_as_the_working_directory_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative input names a file of the working directory of the moment."""
    from sgam_onto.rdf.locate import FileIndex
    from sgam_onto.validate.results import ValidationOutcome

    (tmp_path / "sub").mkdir()
    node = URIRef(EX + "a")
    index = FileIndex(subjects={node: [Location(tmp_path / "land.ttl", 1),
                                       Location(tmp_path / "mine.ttl", 2)]})
    outcome = ValidationOutcome([], inputs=[Path("mine.ttl")], index=index)
    monkeypatch.chdir(tmp_path)
    assert outcome.location(node) == Location(tmp_path / "mine.ttl", 2)
    monkeypatch.chdir(tmp_path / "sub")  # mine.ttl is now sub/mine.ttl, not indexed
    assert outcome.location(node) == Location(tmp_path / "land.ttl", 1)


def test_an_index_of_some_subjects_is_the_whole_index_cut_to_them() -> None:
    """Validation asks for the lines of its focus nodes only; whatever other statements the
    scanner passes over in one go, those of the subjects asked for keep their lines."""
    for path in [*paths.landscape_files()[:6], None]:
        text = TEXT if path is None else path.read_text(encoding="utf-8")
        whole = index_text(text, Path("t.ttl"))
        wanted = set(list(whole.subjects)[::3])
        some = index_text(text, Path("t.ttl"), wanted)
        assert some.subjects == {s: v for s, v in whole.subjects.items() if s in wanted}
        assert some.statements == {k: v for k, v in whole.statements.items() if k[0] in wanted}
        assert some.subjects


def test_a_comment_at_the_very_end_is_not_read_as_statements() -> None:
    text = "@prefix ex: <https://example.org/ns#> .\nex:c ex:p ex:d . # ex:fake ex:p ex:q ."
    index = index_text(text, Path("t.ttl"))
    assert {str(s): [loc.line for loc in v] for s, v in index.subjects.items()} == {
        EX + "c": [2]}
    assert list(index.statements) == [(URIRef(EX + "c"), URIRef(EX + "p"))]
