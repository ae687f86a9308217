"""Fuzzing the loader: whatever the bytes, the syntax gate (and fmt on top of it) either
accepts them or raises the project's own LoadError; nothing else escapes."""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is not installed (dev extra)")

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from sgam_onto.errors import LoadError
from sgam_onto.rdf.parse import FORMATS, parse_bytes
from tests.fuzz.strategies import near_misses

SEEDS = [
    b'@prefix ex: <http://example.org/> .\nex:a ex:p "x"@en , 1 , ( 1 [ ex:q 2 ] ) .\n',
    b'<http://e/s> <http://e/p> "l\\u00e9"^^<http://www.w3.org/2001/XMLSchema#string> .\n',
    b"PREFIX ex: <http://e/>\nGRAPH ex:g { ex:a ex:b ex:c }\n",
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/s"><ex:p>v</ex:p>'
    b"</rdf:Description></rdf:RDF>",
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa">]><r>&a;</r>',
]


INSERTIONS = [b"[", b"(", b'"', b"<", b">", b"\\", b"#", b".", b";", b"\x00", b"\xff", b"&a;",
              b"<!ENTITY", b"\xef\xbb\xbf", b"@base <file:///x> .", b"\\u0000"]


def mutated() -> st.SearchStrategy[bytes]:
    return near_misses(SEEDS, INSERTIONS)


@given(st.binary(max_size=300) | mutated(), st.sampled_from(sorted(set(FORMATS.values()),
                                                                   key=str)))
def test_parse_raises_only_load_error(data: bytes, fmt: ox.RdfFormat) -> None:
    try:
        parse_bytes(data, fmt, "fuzz")
    except LoadError as err:
        assert str(err).startswith("fuzz")
        assert "\n" not in err.message


@given(st.binary(max_size=300) | mutated())
def test_fmt_raises_only_load_error(data: bytes) -> None:
    from sgam_onto.commands.fmt import format_bytes

    try:
        text, _ = format_bytes(data)
    except LoadError:
        return
    assert format_bytes(text.encode("utf-8"))[0] == text
