"""Lint reads files as streams in two passes: the findings do not depend on how a file is read
or on collisions in the key tables, and a term reported once keeps its first statement in
sorted order. The expected findings are worked out by hand from the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.errors import LoadError
from sgam_onto.landscape import Landscape, load_landscape
from sgam_onto.lint import keys, lint_files, source
from sgam_onto.lint.keys import KeyTable

HERE = Path(__file__).parent / "fixtures"
TWO = [HERE / "two-files" / "first.ttl", HERE / "two-files" / "second.ttl"]

# (file, line, rule, message) for first.ttl and second.ttl, read together.
EXPECTED = [
    # ex:zebra (subject, line 6) meets ex:Zebra of the other file
    ("first.ttl", 6, "iri-case-clash", "ex:zebra differs only by case from ex:Zebra; use one "
     "spelling"),
    # used twice; ex:aardvark (line 8) sorts before ex:zebra (line 6), so line 8 is named
    ("first.ttl", 8, "undeclared-term", "skos:preflabel is used as a property but its vocabulary "
     "does not define it; did you mean skos:prefLabel?"),
    # deprecated in second.ttl, used in first.ttl
    ("first.ttl", 9, "deprecated-use", "ex:oldPage is deprecated; use ex:newPage instead"),
    ("first.ttl", 9, "iri-near-duplicate", "<http://example.org/page> and "
     "<http://www.example.org/page> differ only by \"www.\"; they name two resources: use one "
     "spelling"),
    # ex:Metre is only ever a datatype; the declared ex:metre differs by case
    ("first.ttl", 11, "datatype-unknown", "ex:Metre is not a built-in datatype and is not "
     "declared as rdfs:Datatype; did you mean ex:metre?"),
    ("first.ttl", 11, "iri-case-clash", "ex:Metre differs only by case from ex:metre; use one "
     "spelling"),
    # rdfs:comment (line 16) sorts before skos:note (line 15)
    ("first.ttl", 16, "redefines-project-term", "a contribution states facts about the project "
     "term sgam:Body; change the vocabulary or shapes in the project's own files instead"),
    ("second.ttl", 6, "iri-case-clash", "ex:Zebra differs only by case from ex:zebra; use one "
     "spelling"),
    ("second.ttl", 6, "iri-near-duplicate", "<http://www.example.org/page> and "
     "<http://example.org/page> differ only by \"www.\"; they name two resources: use one "
     "spelling"),
]


@pytest.fixture
def landscape(landscape_root: Path) -> Landscape:
    return load_landscape(with_alignments=True)


def rows(paths: list[Path], landscape: Landscape) -> list[tuple[str, int, str, str]]:
    return [(f.path.name, f.line, f.rule, f.message) for f in lint_files(paths, landscape)]


def test_two_files_judged_together(landscape: Landscape) -> None:
    assert rows(TWO, landscape) == EXPECTED


def test_a_streamed_file_gives_the_same_findings(
    landscape: Landscape, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The findings test_lint states line by line, once more with every file read from disk
    in pieces (as a file of millions of statements is), Turtle and RDF/XML."""
    whole = {name: rows([HERE / name], landscape) for name in ("mistakes.ttl", "mistakes.rdf")}
    assert [len(found) for found in whole.values()] == [17, 2]
    monkeypatch.setattr(source, "WHOLE_BYTES", 0)
    assert rows(TWO, landscape) == EXPECTED
    assert {name: rows([HERE / name], landscape) for name in whole} == whole


def test_colliding_key_slots_change_no_finding(
    landscape: Landscape, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One slot for every key: every IRI is a candidate, and the exact check decides."""
    expected_mistakes = rows([HERE / "mistakes.ttl"], landscape)
    monkeypatch.setattr(keys, "SLOTS", 1)
    assert rows(TWO, landscape) == EXPECTED
    assert rows([HERE / "mistakes.ttl"], landscape) == expected_mistakes
    assert len(expected_mistakes) == 17  # as test_lint states them, line by line
    assert rows([HERE / "clean.ttl"], landscape) == []


def test_the_real_landscape_stays_clean_when_every_iri_is_a_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The project's files and alignments are clean (test_lint runs `sgam-onto lint` on them);
    with one key slot every IRI goes through the exact spelling check, and none clashes."""
    real = load_landscape(with_alignments=True)
    monkeypatch.setattr(keys, "SLOTS", 1)
    monkeypatch.setattr(source, "WHOLE_BYTES", 0)
    assert lint_files(real.files, real) == []


def test_a_streamed_file_that_cannot_be_parsed_names_its_line(
    landscape: Landscape, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "WHOLE_BYTES", 0)
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\n\nex:s ex:p .\n")
    with pytest.raises(LoadError) as caught:
        lint_files([bad], landscape)
    assert (caught.value.path, caught.value.line) == (bad, 3)


def test_key_table_marks_a_key_spelt_two_ways() -> None:
    table = KeyTable(slots=1 << 10)
    table.add("a", "A")
    table.add("a", "A")
    table.add("b", "b")
    table.add("b", "B/")
    assert not table.marked("a")
    assert table.marked("b")


def test_key_table_knows_every_spelling_of_a_marked_key() -> None:
    """The second pass asks by spelling, without the key: a marked key's spellings, before and
    after the mark, are suspects, as is a key that found no slot; a lone spelling is not."""
    table = KeyTable(slots=1 << 10)
    for key, spelling in (("a", "A"), ("a", "A"), ("b", "b"), ("b", "B/"), ("b", "B")):
        table.add(key, spelling)
    assert [table.suspect(s) for s in ("A", "b", "B/", "B")] == [False, True, True, True]
    crowded = KeyTable(slots=1)
    crowded.add("a", "A")
    crowded.add("c", "C")
    assert (crowded.suspect("A"), crowded.suspect("C"), crowded.marked("c")) == (False, True, True)


def test_key_tables_grow_with_the_input_up_to_a_bound() -> None:
    sizes = [keys.slots_for(n) for n in (0, 10 << 20, 160 << 20, 10 << 30)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[1] < sizes[2] == sizes[3] == keys.SLOTS
    assert all(size & (size - 1) == 0 for size in sizes)  # powers of two: a mask picks the slot


@pytest.fixture
def modes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every file is streamed; whether each parse of it was lenient, in order."""
    monkeypatch.setattr(source, "WHOLE_BYTES", 0)
    seen: list[bool] = []
    parse = source.ox.parse

    def recorded(*args: object, lenient: bool = False, **named: object) -> object:
        seen.append(lenient)
        return parse(*args, lenient=lenient, **named)

    monkeypatch.setattr(source.ox, "parse", recorded)
    return seen


def test_a_large_file_is_parsed_leniently_again_only_while_unchanged(
    tmp_path: Path, modes: list[bool]
) -> None:
    """The second parse skips checking IRIs only for the bytes the strict first one passed:
    a file rewritten between the passes is checked again, and its bad IRI named by line."""
    path = tmp_path / "data.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:p "x"@EN .\n')
    streamed = source.Source(path)
    first = list(streamed.quads())
    assert list(streamed.quads()) == first and len(first) == 1
    assert modes == [False, True]
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:p "x"@EN .\n'
                    "ex:b ex:p <http://example.org/a%zz> .\n")
    with pytest.raises(LoadError) as caught:
        list(streamed.quads())
    assert modes[-1] is False
    assert (caught.value.path, caught.value.line) == (path, 3)


def test_a_file_a_caller_has_checked_is_parsed_leniently_from_the_first_pass(
    tmp_path: Path, modes: list[bool]
) -> None:
    """Validation parses its inputs strictly in the engine: lint reads them leniently from the
    first pass, as long as they keep the stamp the caller gives."""
    path = tmp_path / "data.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:p "x" .\n')
    for checked, expected in ((source.file_stamp(path), [True, True]), ((0, 0), [False, True])):
        modes.clear()
        streamed = source.Source(path, checked)
        assert list(streamed.quads()) == list(streamed.quads())
        assert modes == expected
