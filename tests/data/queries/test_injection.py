"""Parameters given on the command line are bound as values: hostile text changes only the answer.

Values with quotes, braces, `} ; DROP`, comment marks, line breaks and escape-like sequences go
through `sgam-onto query NAME --param k=v` exactly as a user would type them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sgam_onto.cli import main
from sgam_onto.errors import EXIT_LOAD, EXIT_OK

ECHO = Path(__file__).resolve().parent / "fixtures" / "echo.rq"
ID = "https://w3id.org/sgam-onto/id/"

HOSTILE = [
    'CEM" } ; DROP ALL ; #',
    "CEM' } UNION { ?s ?p ?o } #",
    "} } SELECT * WHERE { ?s ?p ?o",
    "> } ; DROP GRAPH <urn:x> ; <",
    "CEM\n} ; CLEAR DEFAULT",
    "CEM\r\n# comment",
    "\\u0043EM",
    "\\U00000043EM",
    "C\\\\u0045M",
    "\"\"\"CEM\"\"\"",
    "CEM\\",
    "\u0000CEM",
    "ÇÉM ☃ \U0001F50C",
]


@pytest.fixture(autouse=True)
def loaded_once(landscape, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command loads the landscape per call; hand it the copy loaded once for these tests."""
    monkeypatch.setattr("sgam_onto.landscape.load_landscape", lambda *a, **k: landscape)


def query(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    out, err = capsys.readouterr()
    return code, out, err


def bindings(out: str) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_string_arrives_as_one_literal(capsys, value):
    code, out, err = query(capsys, "--file", str(ECHO), "--param", f"text={value}",
                           "--format", "json")
    assert (code, err) == (EXIT_OK, "")
    assert bindings(out) == [{"text": value, "length": str(len(value))}]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_lookup_matches_nothing_and_leaves_the_landscape_as_it_was(capsys, value):
    code, out, err = query(capsys, "glossary-lookup", "--param", f"abbreviation={value}",
                           "--format", "json")
    assert (code, err) == (EXIT_OK, "")
    assert bindings(out) == []
    code, out, _ = query(capsys, "glossary-lookup", "--param", "abbreviation=cem",
                         "--format", "json")
    assert code == EXIT_OK
    assert [b["expansion"] for b in bindings(out)] == ["customer energy manager"]


def test_the_same_lookup_without_hostile_text_still_answers(capsys):
    code, out, _ = query(capsys, "glossary-lookup", "--param", "abbreviation=h&b",
                         "--format", "csv")
    assert code == EXIT_OK
    assert "home and building" in out


@pytest.mark.parametrize("value", [
    ID + "body/iec-tc57-wg17> } ; DROP ALL ; <x",
    ID + "body/iec-tc57-wg17 }",
    ID + 'body/"quoted"',
    ID + "body/{braced}",
    ID + "body/iec-tc57-wg17\n",
    "iec-tc57-wg17",
])
def test_a_malformed_iri_is_refused_before_anything_runs(capsys, value):
    code, out, err = query(capsys, "coordination-by-body", "--param", f"body={value}")
    assert code == EXIT_LOAD
    assert out == ""
    assert "parameter body (iri)" in err


def test_an_iri_with_query_like_but_legal_characters_is_just_an_unknown_body(capsys):
    value = ID + "body/x;DROP%20ALL?a=b&c=d#frag"
    code, out, err = query(capsys, "coordination-by-body", "--param", f"body={value}",
                           "--format", "json")
    assert (code, err) == (EXIT_OK, "")
    assert bindings(out) == []


def test_an_undeclared_parameter_is_refused(capsys):
    code, out, err = query(capsys, "glossary-lookup", "--param", "abbreviation=CEM",
                           "--param", "term=x } ; DROP ALL")
    assert code == EXIT_LOAD
    assert out == ""
    assert "unknown parameter" in err
