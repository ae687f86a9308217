"""Which comments a reformat can keep, and which it has to report."""

from __future__ import annotations

from rdflib import URIRef

from sgam_onto.rdf.comments import extract_comments

EX = "http://example.org/"
PREFIXES = {"ex": EX}
SUBJECTS = {URIRef(EX + "a"), URIRef(EX + "b"), URIRef("http://other.org/c")}


def test_header_and_comments_above_subjects() -> None:
    text = (
        "# Title\n# second line\n\n# more header\n@prefix ex: <http://example.org/> .\n\n"
        "# about a\nex:a ex:p 1 .\n\n# about c\n<http://other.org/c> ex:p 2 .\n"
    )
    found = extract_comments(text, PREFIXES, SUBJECTS)
    assert found.header == "# Title\n# second line\n\n# more header"
    assert found.above == {URIRef(EX + "a"): "# about a", URIRef("http://other.org/c"): "# about c"}
    assert found.dropped == []


def test_unplaceable_comments_are_reported_by_line() -> None:
    text = (
        "@prefix ex: <http://example.org/> .\n"
        "ex:a ex:p 1 ;  # trailing\n"
        "    # inside a statement\n"
        "    ex:q 2 .\n"
        "# above something that is not a subject\n"
        "\n"
        "ex:b ex:p 3 .\n"
        "# at the end\n"
    )
    found = extract_comments(text, PREFIXES, SUBJECTS)
    assert found.above == {}
    assert found.dropped == [2, 3, 5, 8]


def test_hash_inside_strings_and_iris_is_not_a_comment() -> None:
    text = (
        "@prefix ex: <http://example.org/> .\n"
        'ex:a ex:p "# text" , <http://example.org/x#y> , """long\n# still text\n""" .\n'
    )
    found = extract_comments(text, PREFIXES, SUBJECTS)
    assert found.dropped == []
    assert found.header == ""
