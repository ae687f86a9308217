"""Positions for errors found after parsing: spellings and brackets, with strings, IRIs and
comments skipped."""

from __future__ import annotations

from sgam_onto.rdf.position import deep_bracket, find_spelling, line_column


def test_line_column_counts_from_one() -> None:
    text = "ab\ncd\n"
    assert line_column(text, 0) == (1, 1)
    assert line_column(text, 4) == (2, 2)


def test_a_label_is_found_as_a_whole_name() -> None:
    text = "_:b10 <p> _:b1 .\n_:b1 <p> 1 .\n"
    assert find_spelling(text, "_:b1", whole_name=True) == (1, 11)
    assert find_spelling(text, "_:b10", whole_name=True) == (1, 1)
    assert find_spelling(text, "_:b2", whole_name=True) is None


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    text = ('ex:a ex:p "((((" , \'[[[\' , """\n(((\n""" , <http://e/((> ;  # ((((\n'
            "  ex:q ( ( ( 1 ) ) ) .\n")
    assert deep_bracket(text, 2) == (4, 12)
    assert deep_bracket(text, 3) is None


def test_closing_brackets_lower_the_depth() -> None:
    assert deep_bracket("( ) ( ) ( ( ) )", 1) == (1, 11)
    assert deep_bracket("[ ] [ ] [ ]", 1) is None
