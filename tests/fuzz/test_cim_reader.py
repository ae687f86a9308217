"""Fuzzing the CIM XML reader: any identifier gives one valid IRI, the same from rdf:ID in one
file and from a '#' reference in another; any bytes are read or refused with a LoadError; what
is read always loads into pyoxigraph."""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is not installed (dev extra)")

from pathlib import Path
from urllib.parse import unquote
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from sgam_onto.cim.ids import ID_IRI, UUID_IRI
from sgam_onto.cim.reader import read_cim_xml
from sgam_onto.errors import LoadError
from tests.fuzz.strategies import near_misses

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
        '02/22-rdf-syntax-ns#" xmlns:cim="http://iec.ch/TC57/CIM100#">\n')
SEED = (HEAD + '<cim:Substation rdf:ID="_S1"><cim:IdentifiedObject.name>a</cim:IdentifiedObject'
        '.name></cim:Substation>\n<cim:VoltageLevel rdf:about="#_VL"><cim:VoltageLevel.'
        'Substation rdf:resource="#_S1"/></cim:VoltageLevel>\n</rdf:RDF>\n').encode()
# Characters XML 1.0 can carry in an attribute (no controls but tab, no surrogates).
XML_TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")


def ntriples(data: bytes) -> bytes:
    return "".join(read_cim_xml(data, "fuzz.xml", "b").lines).encode()


@given(st.text(XML_TEXT, min_size=1, max_size=40))
def test_an_id_is_one_valid_iri_in_every_file(identifier: str) -> None:
    eq = (HEAD + f"<cim:Substation rdf:ID={quoteattr(identifier)}/>\n</rdf:RDF>\n").encode()
    ssh = (HEAD + '<cim:VoltageLevel rdf:ID="_VL"><cim:VoltageLevel.Substation rdf:resource='
           f'{quoteattr("#" + identifier)}/></cim:VoltageLevel>\n</rdf:RDF>\n').encode()
    named = next(iter(ox.parse(ntriples(eq), format=ox.RdfFormat.N_TRIPLES))).subject
    referred = next(t.object for t in ox.parse(ntriples(ssh), format=ox.RdfFormat.N_TRIPLES)
                    if t.predicate.value.endswith("VoltageLevel.Substation"))
    assert named == referred
    iri = named.value
    if iri.startswith(ID_IRI):
        assert unquote(iri.removeprefix(ID_IRI)) == identifier
    else:
        assert iri.startswith(UUID_IRI) and iri == iri.lower()
        assert iri.removeprefix(UUID_IRI) == identifier.removeprefix("_").lower()


INSERTIONS = [b"<", b">", b'"', b"#", b"&a;", b"\x00", b"\xff", b" rdf:parseType='Literal'",
              b"<x/>", b"text", b"<!DOCTYPE r [<!ENTITY a 'aa'>]>", b" xml:lang='e n'",
              b" rdf:datatype='x y'", b" rdf:nodeID='n'", b"<rdf:Description/>"]


@given(st.binary(max_size=300) | near_misses([SEED], INSERTIONS))
def test_bytes_are_read_or_refused_with_a_load_error(data: bytes) -> None:
    try:
        lines = ntriples(data)
    except LoadError as err:
        assert Path(str(err).split(":", 1)[0]) == Path("fuzz.xml")
        assert "\n" not in err.message
        return
    store = ox.Store()
    store.bulk_load(lines, format=ox.RdfFormat.N_TRIPLES)
