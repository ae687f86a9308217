"""Broken input through every command that reads it: one positioned line on stderr, exit 2,
never a traceback; the loader's own regressions (found by fuzzing) named after the bug."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.errors import LoadError
from sgam_onto.rdf.parse import parse_bytes
from tests.hardening.conftest import FIXTURE_ROOT, sgam

BROKEN: dict[str, bytes] = {
    "truncated.ttl": b'@prefix ex: <http://example.org/> .\nex:a ex:p "unterminated',
    "binary.ttl": bytes(range(256)),
    "latin1.ttl": b'<http://e/s> <http://e/p> "caf\xe9" .\n',
    "bad-comment.ttl": b"# caf\xe9\n<http://e/s> <http://e/p> 1 .\n",
    "newline-in-iri.nt": b"<http://e/s\n> <http://e/p> <http://e/o> .\n",
    "relative.ttl": b"<s> <p> <o> .\n",
    "empty-prefix.ttl": b"ex:a ex:b ex:c .\n",
    "broken.rdf": b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syn"
                  b"tax-ns#'><rdf:Description rdf:about='http://e/s'><x/></rdf:RDF>",
    "bom-twice.ttl": b"\xef\xbb\xbf\xef\xbb\xbf<http://e/s> <http://e/p> 1 .\n",
}


@pytest.mark.parametrize(
    ("command", "name"),
    [(c, n) for c in ("check", "validate", "lint", "fmt") for n in sorted(BROKEN)
     if c != "fmt" or n.endswith(".ttl")],  # fmt reads Turtle only
)
def test_broken_file_gives_one_positioned_line(command: str, name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(BROKEN[name])
    args = ["check", "--skip", "owl", name] if command == "check" else [command, name]
    run = sgam(*args, cwd=tmp_path, root=None if command in ("validate", "lint") else FIXTURE_ROOT)
    assert run.returncode == 2, run.output
    assert "Traceback" not in run.stderr and "unexpected error" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith(f"{name}:")]
    assert len(lines) == 1, run.stderr
    assert lines[0].split(":")[1].isdigit(), lines[0]  # PATH:LINE[:COL]: message


def test_invalid_utf8_is_refused_with_its_position_regression() -> None:
    """Oxigraph accepted invalid UTF-8 inside a comment; fmt then failed decoding it."""
    with pytest.raises(LoadError) as caught:
        parse_bytes(b"<http://e/s> <http://e/p> 1 .\n# ok \xe9\n", ox.RdfFormat.TURTLE, "x.ttl")
    assert (caught.value.line, caught.value.column) == (2, 6)
    assert caught.value.message == "not UTF-8 (byte 0xE9)"


def test_a_newline_quoted_in_an_error_stays_one_line_regression() -> None:
    """The parser quotes the offending character, which may be a line break."""
    with pytest.raises(LoadError) as caught:
        parse_bytes(b"<\n>", ox.RdfFormat.N_QUADS, "x.nq")
    assert str(caught.value) == "x.nq:1:1: Invalid IRI code point '\\u000A'"
