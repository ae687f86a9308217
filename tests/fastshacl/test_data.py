"""An N-Triples file read by the fast path's loader holds what the file says, as parsed: the
lines with blank nodes or typed literals the store would rewrite go through Python, the others
are bulk loaded."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.errors import LoadError
from sgam_onto.fastshacl import FastData
from sgam_onto.fastshacl.data import SIDE_GRAPH, _split_lines

XSD = "http://www.w3.org/2001/XMLSchema#"
LINES = [
    "# a comment",
    f'<http://example.org/a> <http://example.org/n> "01"^^<{XSD}integer> .',
    f'<http://example.org/a> <http://example.org/n> "1"^^<{XSD}integer> .',
    f'<http://example.org/a> <http://example.org/n> "7"^^<{XSD}int> .',
    f'<http://example.org/a> <http://example.org/b> "maybe"^^<{XSD}boolean> .',
    "<http://example.org/a> <http://example.org/p> _:x .",
    f'_:x <http://example.org/n> "2.50"^^<{XSD}decimal> .',
    "_:x <http://example.org/q> <http://example.org/c> .",
    '<http://example.org/c> <http://example.org/l> "text with ^^ and _: in it"@en .',
    '<http://example.org/c> <http://example.org/l> "plain" .',
    '<http://example.org/c> <http://example.org/l> "plain" .',
    "",
    "<http://example.org/c> <http://example.org/r> <http://example.org/a> .",
]


def _contents(data: FastData) -> set[tuple[str, ...]]:
    """The quads, blank nodes by the statements they are in (ids are random)."""
    def term(t: object) -> str:
        return "_:" if isinstance(t, ox.BlankNode) else str(t)

    return {(term(q.subject), term(q.predicate), term(q.object), str(q.graph_name))
            for q in data.store}


def _written(tmp_path: Path, lines: list[str], ending: str = "\n") -> Path:
    path = tmp_path / "data.nt"
    path.write_text("\n".join(lines) + ending, encoding="utf-8")
    return path


@pytest.mark.parametrize("ending", ["\n", ""])
def test_the_file_holds_what_the_parser_gives(tmp_path: Path, ending: str) -> None:
    path = _written(tmp_path, LINES, ending)
    parsed = FastData.from_quads(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES,
                                          rename_blank_nodes=True))
    loaded = FastData.from_files([path])
    assert _contents(loaded) == _contents(parsed)
    objects = {str(q.object) for q in loaded.store.quads_for_pattern(None, None, None, None)}
    assert '"01"^^<urn:x-fastshacl:dt:http://www.w3.org/2001/XMLSchema#integer>' in objects
    assert f'"1"^^<{XSD}integer>' in objects
    assert len(list(loaded.store.quads_for_pattern(None, None, None, SIDE_GRAPH))) == 1
    assert loaded.triples == parsed.triples == 10  # distinct: a repeated line counts once


def test_one_blank_node_scope_per_file(tmp_path: Path) -> None:
    """The blank node of a file is one node in it, and another than that of another file."""
    first = _written(tmp_path, LINES)
    second = tmp_path / "second.nt"
    second.write_text("_:x <http://example.org/q> <http://example.org/d> .\n", encoding="utf-8")
    data = FastData.from_files([first, second])
    subjects = {q.subject for q in data.store if isinstance(q.subject, ox.BlankNode)}
    objects = {q.object for q in data.store if isinstance(q.object, ox.BlankNode)}
    assert len(subjects) == 2 and len(objects) == 1 and objects < subjects


def test_only_literals_the_store_keeps_as_written_skip_python() -> None:
    kept = [
        f'<http://example.org/a> <http://example.org/n> "0"^^<{XSD}integer> .',
        f'<http://example.org/a> <http://example.org/n> "-42"^^<{XSD}integer> .',
        f'<http://example.org/a> <http://example.org/n> "{"9" * 18}"^^<{XSD}integer> .\r',
        f'<http://example.org/a> <http://example.org/b> "false"^^<{XSD}boolean>\t. ',
    ]
    moved = [
        f'<http://example.org/a> <http://example.org/n> "01"^^<{XSD}integer> .',
        f'<http://example.org/a> <http://example.org/n> "+1"^^<{XSD}integer> .',
        f'<http://example.org/a> <http://example.org/n> "-0"^^<{XSD}integer> .',
        f'<http://example.org/a> <http://example.org/n> "{"9" * 19}"^^<{XSD}integer> .',
        f'<http://example.org/a> <http://example.org/n> "7"^^<{XSD}int> .',
        f'<http://example.org/a> <http://example.org/b> "TRUE"^^<{XSD}boolean> .',
        f'<http://example.org/a> <http://example.org/b> "1"^^<{XSD}boolean> .',
        f'<http://example.org/a> <http://example.org/n> "5"^^<{XSD}integer> . # five',
        f'_:x <http://example.org/n> "5"^^<{XSD}integer> .',
    ]
    data = bytearray("\n".join(kept + moved).encode())
    special = _split_lines(data)
    assert special.decode().split("\n") == moved
    assert data.decode().split("\n")[: len(kept)] == kept


@pytest.mark.parametrize("bad", [
    "<http://example.org/c> <http://example.org/r> oops .",
    f'<http://example.org/c d> <http://example.org/n> "5"^^<{XSD}integer> .',
])
def test_a_syntax_error_names_its_line_in_the_file(tmp_path: Path, bad: str) -> None:
    path = _written(tmp_path, [*LINES, bad])
    with pytest.raises(LoadError) as caught:
        FastData.from_files([path])
    assert caught.value.path == path and caught.value.line == len(LINES) + 1


TURTLE = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:n 01, 1, "7"^^xsd:int, "maybe"^^xsd:boolean ; ex:p _:x .
_:x ex:n 2.50 ; ex:q ex:c .
ex:c ex:l "text with ^^ and _: in it"@en, "plain", "plain" ; ex:r ex:a ; ex:s [ ex:t ( 1 ) ] .
"""


def test_a_turtle_file_holds_what_the_parser_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through its N-Triples text: no statement of it becomes a quad of the gate's parse."""
    import sgam_onto.rdf.parse as gate

    path = tmp_path / "data.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    parsed = FastData.from_quads(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE,
                                          rename_blank_nodes=True))
    monkeypatch.setattr(gate, "parse_file", lambda *a, **k: pytest.fail("parsed into quads"))
    loaded = FastData.from_files([path])
    assert _contents(loaded) == _contents(parsed)
    objects = {str(q.object) for q in loaded.store.quads_for_pattern(None, None, None, None)}
    assert '"01"^^<urn:x-fastshacl:dt:http://www.w3.org/2001/XMLSchema#integer>' in objects
    assert '"2.50"^^<urn:x-fastshacl:dt:http://www.w3.org/2001/XMLSchema#decimal>' in objects
    assert len(list(loaded.store.quads_for_pattern(None, None, None, SIDE_GRAPH))) == 1
    # ex:a 5, _:x 2, ex:c 4 ("plain" twice counts once), [] 1, the list cell 2
    assert loaded.triples == parsed.triples == 5 + 2 + 4 + 1 + 2
    assert loaded.prefixes == {"ex": "http://example.org/",
                               "xsd": "http://www.w3.org/2001/XMLSchema#"}


@pytest.mark.parametrize("bad, line, limits", [
    ("ex:c ex:r oops .", 6, {}),
    ("ex:c ex:r [ ex:r [ ex:r [ ex:r 1 ] ] ] .", 6, {"max_nesting_depth": 2}),
])
def test_an_error_in_turtle_names_its_line_in_the_file(
    tmp_path: Path, bad: str, line: int, limits: dict[str, int]
) -> None:
    from sgam_onto import settings

    path = tmp_path / "data.ttl"
    path.write_text(TURTLE + bad + "\n", encoding="utf-8")
    with settings.configured(**limits), pytest.raises(LoadError) as caught:
        FastData.from_files([path])
    assert caught.value.path == path and caught.value.line == line
