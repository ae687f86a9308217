"""A Turtle file as N-Triples text: the statements the gate parses, and the gate's errors and
notices for what only the Turtle text shows. (The W3C suites meet it in tests/conformance.)"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto import settings
from sgam_onto.errors import LoadError
from sgam_onto.rdf.as_ntriples import turtle_as_ntriples
from sgam_onto.rdf.parse import parse_file

TURTLE = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:n 01, 1.50, true, "7"^^xsd:int ;
    ex:p [ ex:q ( 1 [ ex:r ex:b ] ) ], _:x ;
    ex:l \"\"\"two
lines\"\"\"@en-GB .
_:x ex:q ex:a .
"""


def _statements(quads: list[ox.Quad]) -> list[tuple[object, ...]]:
    """The statements in order, each blank node replaced by the number of its first use."""
    names: dict[ox.BlankNode, int] = {}
    return [tuple(names.setdefault(t, len(names)) if isinstance(t, ox.BlankNode) else t
                  for t in (q.subject, q.predicate, q.object)) for q in quads]


def _written(tmp_path: Path, text: str | bytes, name: str = "data.ttl") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_the_text_holds_the_statements_the_gate_parses(tmp_path: Path, bom: bytes) -> None:
    path = _written(tmp_path, bom + TURTLE.encode())
    converted = turtle_as_ntriples(path)
    lines = converted.ntriples.decode().splitlines()
    # ex:n 4; ex:p 2, with 1 in [], 2 in each list cell and 1 in the inner []; ex:l 1; _:x 1
    assert len(lines) == 4 + 2 + 1 + 2 * 2 + 1 + 1 + 1
    got = list(ox.parse(converted.ntriples, format=ox.RdfFormat.N_TRIPLES))
    assert _statements(got) == _statements(parse_file(path).quads)
    assert converted.prefixes == {"ex": "http://example.org/",
                                  "xsd": "http://www.w3.org/2001/XMLSchema#"}
    assert '"01"^^<http://www.w3.org/2001/XMLSchema#integer>' in lines[0]  # as written


@pytest.mark.parametrize("text, line, column", [
    ('@prefix ex: <http://example.org/> .\nex:a ex:p "open .\n', 2, 11),
    ("@prefix ex: <http://example.org/> .\nex:a ex:p <relative> .\n", 2, 11),
    ('@prefix ex: <http://example.org/> .\n# caf\xe9\nex:a ex:p "x" .\n', 2, 6),
])
def test_an_error_is_the_gate_s_at_the_line_of_the_turtle(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    path = _written(tmp_path, text.encode("latin-1"))
    with pytest.raises(LoadError) as gate:
        parse_file(path)
    with pytest.raises(LoadError) as converting:
        turtle_as_ntriples(path)
    assert str(converting.value) == str(gate.value)
    assert (converting.value.path, converting.value.line) == (path, line)
    assert converting.value.column == column


def test_a_prefix_over_the_iri_limit_is_refused(tmp_path: Path) -> None:
    path = _written(tmp_path, f"@prefix long: <http://example.org/{'a' * 60}> .\n"
                              "<http://example.org/s> <http://example.org/p> 1 .\n")
    with settings.configured(max_iri_chars=50), pytest.raises(settings.LimitError) as caught:
        turtle_as_ntriples(path)
    assert "prefix long:" in str(caught.value) and str(path) in str(caught.value)


def test_a_prefix_bound_again_is_told(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from sgam_onto.rdf.notices import forget

    path = _written(tmp_path, "@prefix ex: <http://a.example/> .\nex:s ex:p 1 .\n"
                              "@prefix ex: <http://b.example/> .\nex:s ex:p 2 .\n")
    forget()
    turtle_as_ntriples(path)
    said = capsys.readouterr().err
    assert f"{path}:3: warning: prefix ex: is declared again with another IRI" in said
