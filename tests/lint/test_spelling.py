"""Language-tag spellings read from the text, and the near-duplicate key of IRIs."""

from __future__ import annotations

from pathlib import Path

from sgam_onto.lint.rules import iri_key, near_key
from sgam_onto.lint.spelling import tag_case_clashes, tag_spellings


def test_tags_are_read_as_written_and_comments_skipped() -> None:
    text = ('ex:a ex:l "Hello"@EN-gb, \'x\'@fr ; # "y"@DE in a comment\n'
            '  ex:m """multi"""@zh-Hant-TW .\n<rdf:Description xml:lang="en-US"/>\n'
            'ex:b ex:mail "someone"^^xsd:string ; ex:c "a@b.org" .\n')
    assert tag_spellings(text) == [(1, "EN-gb"), (1, "fr"), (2, "zh-Hant-TW"), (3, "en-US")]


def test_a_tag_in_two_cases_is_reported_where_it_is_not_conventional() -> None:
    a, b = Path("a.ttl"), Path("b.ttl")
    found = tag_case_clashes([(a, '"x"@EN-gb .\n"y"@en-GB .\n'), (b, '"z"@en-gb .\n"w"@fr .\n')])
    assert [(p.name, line) for p, line, _ in found] == [("a.ttl", 1), ("b.ttl", 1)]
    assert "also written @en-GB (line 2)" in found[0][2]
    assert "also written @en-GB (a.ttl:2)" in found[1][2]
    assert tag_case_clashes([(a, '"x"@EN-gb .\n"y"@EN-gb .\n')]) == []  # one spelling only


def test_near_keys_fold_what_is_mistyped_unnoticed() -> None:
    same = ["http://example.org/a", "https://example.org/a", "http://www.example.org/a",
            "http://example.org:80/a", "https://example.org:443/a", "http://example.org/a/",
            "http://example.org/a#", "HTTP://Example.org/A"]
    assert len({near_key(i) for i in same}) == 1
    assert near_key("http://example.org/a") != near_key("http://example.org/b")
    assert near_key("http://example.org:8080/a") != near_key("http://example.org/a")
    assert iri_key("http://example.org/a") != iri_key("https://example.org/a")


def test_near_keys_splice_the_authority_as_a_substitution_would() -> None:
    from sgam_onto.lint import keys

    iris = ["HTTPS://WWW.Example.org:443/A#", "http://example.org", "http://www.example.org:80",
            "https://example.org:8443/x/", "urn:isbn:123", "http://example.org?q#f", "ftp://a/b",
            "http://user@example.org/", "https://w3id.org/sgam-onto#Body"]
    substituted = [keys._AUTHORITY.sub(r"http://\g<host>", iri, count=1) for iri in iris]
    assert [near_key(iri) for iri in iris] == [s.casefold().rstrip("/#") for s in substituted]


def test_each_tag_expression_starts_with_the_text_searched_for_first() -> None:
    """A block without that text is passed over without the expression: a wrong start would
    hide every tag of its kind."""
    from sgam_onto.lint import spelling

    expressions = (*spelling._QUOTED_TAGS, spelling._XML_LANG)
    assert all(expression.pattern.startswith(start)
               for start, expression in zip(spelling._STARTS, expressions, strict=True))


def test_blocks_whose_tags_are_all_known_are_passed_over_with_their_lines_counted() -> None:
    """A large file is read in blocks; once a block holds only spellings already found it is
    skipped, and the first new spelling after it (in double or single quotes, or xml:lang)
    still gets its own line."""
    blocks = ['"a"@en .\n', '"b"@en .\n"c"@en .\n', "'d'@EN .\n", '<x xml:lang="De"/>\n',
              '"e"@en .\n"f"@fr .\n']
    assert tag_spellings(blocks, first=True) == [(1, "en"), (4, "EN"), (5, "De"), (7, "fr")]
    assert tag_spellings("".join(blocks), first=True) == tag_spellings(blocks, first=True)
