"""The strict syntax gate: positions, formats, and refusing what rdflib would accept."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.errors import LoadError
from sgam_onto.rdf.parse import format_for, parse_bytes, parse_file


def test_valid_turtle_gives_quads_and_declared_prefixes(fixtures: Path) -> None:
    parsed = parse_file(fixtures / "literals.ttl")
    assert len(parsed.quads) == 32
    assert parsed.prefixes == {
        "ex": "http://example.org/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }


def test_syntax_error_names_file_line_and_column(fixtures: Path) -> None:
    path = fixtures / "syntax-error.ttl"
    with pytest.raises(LoadError) as caught:
        parse_file(path)
    err = caught.value
    assert (err.path, err.line, err.column) == (path, 4, 16)
    assert err.message == "A dot is expected at the end of statements"
    assert str(err) == f"{path}:4:16: A dot is expected at the end of statements"


def test_column_counts_characters_not_bytes() -> None:
    data = '@prefix ex: <http://e/> .\nex:ü ex:p "ü" ex:z .\n'.encode()
    with pytest.raises(LoadError) as caught:
        parse_bytes(data, ox.RdfFormat.TURTLE, "mem.ttl")
    assert (caught.value.line, caught.value.column) == (2, 15)


@pytest.mark.parametrize(
    "text",
    [
        "<relative> <http://e/p> <http://e/o> .",  # no base: nothing is resolved or fetched
        "ex:a ex:b ex:c .",  # undeclared prefix
        '<http://e/a> <http://e/p> "x"@ .',
        "<http://e/a b> <http://e/p> <http://e/o> .",
    ],
)
def test_invalid_documents_are_refused(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_bytes(text, ox.RdfFormat.TURTLE, "mem.ttl")
    assert caught.value.line == 1


def test_missing_file_is_a_load_error_without_position(tmp_path: Path) -> None:
    path = tmp_path / "absent.ttl"
    with pytest.raises(LoadError) as caught:
        parse_file(path)
    assert caught.value.line is None
    assert str(caught.value) == f"{path}: no such file"


def test_directory_is_a_load_error(tmp_path: Path) -> None:
    folder = tmp_path / "dir.ttl"
    folder.mkdir()
    with pytest.raises(LoadError, match="is a directory"):
        parse_file(folder)


def test_unknown_extension_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("{}")
    with pytest.raises(LoadError, match=r"unknown RDF file extension '\.json'"):
        parse_file(path)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.ttl", ox.RdfFormat.TURTLE),
        ("a.nt", ox.RdfFormat.N_TRIPLES),
        ("a.nq", ox.RdfFormat.N_QUADS),
        ("a.trig", ox.RdfFormat.TRIG),
        ("a.rdf", ox.RdfFormat.RDF_XML),
        ("a.OWL", ox.RdfFormat.RDF_XML),
    ],
)
def test_format_from_extension(name: str, fmt: ox.RdfFormat) -> None:
    assert format_for(name) == fmt


def test_other_syntaxes_parse(tmp_path: Path) -> None:
    nt = tmp_path / "a.nt"
    nt.write_text('<http://e/a> <http://e/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    xml = tmp_path / "a.rdf"
    xml.write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/a">'
        "<ex:p>x</ex:p></rdf:Description></rdf:RDF>"
    )
    trig = tmp_path / "a.trig"
    trig.write_text("<http://e/g> { <http://e/a> <http://e/p> <http://e/o> . }")
    assert parse_file(nt).quads[0].object.value == "01"
    assert parse_file(xml).quads[0].object.value == "x"
    assert parse_file(trig).quads[0].graph_name == ox.NamedNode("http://e/g")


def test_n_triples_refuses_turtle_shorthand(tmp_path: Path) -> None:
    path = tmp_path / "a.nt"
    path.write_text("<http://e/a> <http://e/p> 1 .\n")
    with pytest.raises(LoadError) as caught:
        parse_file(path)
    assert (caught.value.line, caught.value.column) == (1, 27)


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("f.ttl", 3, 7, "bad"), "f.ttl:3:7: bad"),
        (("f.ttl", 3, None, "bad"), "f.ttl:3: bad"),
        (("f.ttl", None, None, "bad"), "f.ttl: bad"),
        ((None, None, None, "bad"), "bad"),
    ],
)
def test_load_error_omits_unknown_parts(args: tuple, text: str) -> None:
    assert str(LoadError(*args)) == text
