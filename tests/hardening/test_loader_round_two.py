"""The loader on input that is odd rather than broken: a byte order mark, numbers longer than
Python converts, nesting and IRIs past the limits (with the line where), an input too big for
the process's memory cap, and leniency that is now said out loud (empty input, a prefix bound
twice, owl:imports). Each through the command line, in a subprocess, as a user meets it."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto import settings
from sgam_onto.errors import LoadError
from sgam_onto.rdf import guard_size
from sgam_onto.rdf.parse import parse_bytes
from tests.hardening.conftest import FIXTURE_ROOT, sgam

BOM = b"\xef\xbb\xbf"
XSD = "http://www.w3.org/2001/XMLSchema#"
TURTLE = b"@prefix ex: <http://example.org/> .\nex:a ex:label \"a\" ; ex:n 1 .\n"


def clean(run_output: str) -> None:
    assert "Traceback" not in run_output and "unexpected error" not in run_output, run_output


# -- byte order mark ----------------------------------------------------------------------------


BOM_COMMANDS = (["validate"], ["lint"], ["fmt", "--check"], ["check", "--skip", "owl"],
                ["query", "--file", "q.rq", "--data"])


@pytest.mark.parametrize(("command", "name"), [
    (command, name) for command in BOM_COMMANDS for name in ("bom.ttl", "bom.nt", "bom.trig")
    if command[0] != "fmt" or name.endswith(".ttl")  # fmt rewrites Turtle only
])
def test_a_leading_bom_is_accepted_everywhere(command: list[str], name: str,
                                              tmp_path: Path) -> None:
    body = {
        "bom.ttl": TURTLE,
        "bom.nt": b'<http://example.org/a> <http://example.org/label> "a" .\n',
        "bom.trig": b"<http://example.org/g> { <http://example.org/a> "
                    b"<http://example.org/label> \"a\" . }\n",
    }[name]
    (tmp_path / name).write_bytes(BOM + body)
    (tmp_path / "q.rq").write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n")
    run = sgam(*command, name, cwd=tmp_path)
    clean(run.output)
    assert "not a valid" not in run.stderr, run.stderr
    # fmt --check names it: the rewrite drops the BOM, so the file would change
    assert run.returncode == (1 if command[0] == "fmt" else 0), run.output


def test_a_rewrite_drops_the_bom_and_keeps_the_statements(tmp_path: Path) -> None:
    target = tmp_path / "bom.ttl"
    target.write_bytes(BOM + TURTLE)
    run = sgam("fmt", "bom.ttl", cwd=tmp_path)
    assert run.returncode == 0, run.output
    data = target.read_bytes()
    assert not data.startswith(BOM)
    assert set(ox.parse(data, format=ox.RdfFormat.TURTLE)) == set(
        ox.parse(TURTLE, format=ox.RdfFormat.TURTLE))


def test_only_one_bom_is_a_bom_regression() -> None:
    """A second BOM is text, and an error at the position of that text."""
    with pytest.raises(LoadError) as caught:
        parse_bytes(BOM + BOM + TURTLE, ox.RdfFormat.TURTLE, "x.ttl")
    assert (caught.value.line, caught.value.column) == (1, 1)


# -- numbers longer than Python converts --------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize("literal", [
    HUGE, f"-{HUGE}", f'"{HUGE}"^^xsd:int', f'"{HUGE}"^^xsd:nonNegativeInteger',
    f'"-{HUGE}"^^xsd:positiveInteger', f'"{HUGE}"^^xsd:unsignedByte', f"{HUGE}.5",
    f"{HUGE}e1", f'"{HUGE}-01-01"^^xsd:date', f'"{HUGE}-02-29"^^xsd:date',
    f'"{HUGE}"^^xsd:gYear', f'"{HUGE}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>',
])
@pytest.mark.parametrize("command", [["validate"], ["lint"], ["check", "--skip", "owl"]])
def test_huge_numbers_never_give_an_unexpected_error(literal: str, command: list[str],
                                                     tmp_path: Path) -> None:
    (tmp_path / "n.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n"
        f"@prefix xsd: <{XSD}> .\nex:a ex:n {literal} .\n")
    run = sgam(*command, "n.ttl", cwd=tmp_path)
    clean(run.output)
    assert run.returncode in (0, 1), run.output


def test_lint_judges_huge_integers_against_their_range(tmp_path: Path) -> None:
    (tmp_path / "n.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n"
        f"@prefix xsd: <{XSD}> .\n"
        f'ex:a ex:n "{HUGE}"^^xsd:int .\n'
        f'ex:b ex:n "-{HUGE}"^^xsd:nonNegativeInteger .\n'
        f'ex:c ex:n "{HUGE}"^^xsd:integer .\n')
    run = sgam("lint", "--ignore", "undeclared-term", "n.ttl", cwd=tmp_path)
    clean(run.output)
    found = [line for line in run.stdout.splitlines() if "literal-ill-typed" in line]
    assert len(found) == 2, run.stdout
    assert found[0].startswith("n.ttl:3:") and "above the highest value 2147483647" in found[0]
    assert found[1].startswith("n.ttl:4:") and "below the lowest value 0" in found[1]


def test_fmt_keeps_a_huge_integer_as_written(tmp_path: Path) -> None:
    target = tmp_path / "n.ttl"
    target.write_text(f"@prefix ex: <http://example.org/> .\nex:a ex:n 000{HUGE} .\n")
    run = sgam("fmt", "n.ttl", cwd=tmp_path)
    assert run.returncode == 0, run.output
    (quad,) = ox.parse(target.read_bytes(), format=ox.RdfFormat.TURTLE)
    assert quad.object.value == f"000{HUGE}"


# -- nesting and long IRIs, with the line -------------------------------------------------------


@pytest.mark.parametrize(("text", "line"), [
    ("ex:a ex:p " + "(" * 5000 + ")" * 5000 + " .", 3),
    ("ex:a ex:p\n  " + "[ ex:q " * 5000 + "1" + " ]" * 5000 + " .", 4),
    ('ex:a ex:p "((((" ;\n ex:q ' + "( " * 300 + ")" * 300 + " .", 4),
    ("\n".join(f"_:b{i} ex:p _:b{i + 1} ." for i in range(1, 300)), 103),
])
def test_deep_nesting_names_file_and_line(text: str, line: int, tmp_path: Path) -> None:
    (tmp_path / "deep.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n# nested\n" + text + "\n")
    for command in (["validate"], ["fmt"], ["check", "--skip", "owl"]):
        run = sgam(*command, "deep.ttl", cwd=tmp_path)
        assert run.returncode == 2, run.output
        clean(run.output)
        assert f"deep.ttl:{line}:" in run.stderr, run.stderr
        assert "nested" in run.stderr and "SGAM_ONTO_MAX_NESTING_DEPTH" in run.stderr


def test_nesting_position_in_ntriples_is_the_statement_of_the_deep_node() -> None:
    text = "\n".join(f"_:n{i} <http://e/p> _:n{i + 1} ." for i in range(1, 200))
    with settings.configured(max_nesting_depth=50), pytest.raises(LoadError) as caught:
        parse_bytes(text, ox.RdfFormat.N_TRIPLES, "x.nt")
    # _:n1 is written at the top; _:n52 is 51 deep, first written as the object on line 51
    assert caught.value.line == 51


@pytest.mark.parametrize("spelling", ["<http://example.org/{}>", "ex:{}"])
def test_a_very_long_iri_is_refused_with_its_line(spelling: str, tmp_path: Path) -> None:
    iri = spelling.format("a" * 100_000)
    (tmp_path / "long.ttl").write_text(
        f"@prefix ex: <http://example.org/> .\nex:a ex:p 1 .\n\nex:b ex:p {iri} .\n")
    run = sgam("validate", "long.ttl", cwd=tmp_path)
    assert run.returncode == 2, run.output
    clean(run.output)
    (line,) = [text for text in run.stderr.splitlines() if ": warning: " not in text]
    assert line.startswith("long.ttl:4:"), line
    assert "an IRI of 100,019 characters" in line and "SGAM_ONTO_MAX_IRI_CHARS" in line
    assert len(line) < 300  # the IRI itself is not printed whole
    raised = sgam("validate", "long.ttl", cwd=tmp_path,
                  env={"SGAM_ONTO_MAX_IRI_CHARS": "200000"})
    assert raised.returncode == 0, raised.output


@pytest.mark.parametrize("where", ["subject", "predicate", "datatype", "graph"])
def test_the_iri_limit_covers_every_position(where: str) -> None:
    long = "http://example.org/" + "x" * 300
    text = {
        "subject": f"<{long}> <http://e/p> 1 .",
        "predicate": f"<http://e/s> <{long}> 1 .",
        "datatype": f'<http://e/s> <http://e/p> "1"^^<{long}> .',
        "graph": f"<{long}> {{ <http://e/s> <http://e/p> 1 . }}",
    }[where]
    with settings.configured(max_iri_chars=200), pytest.raises(settings.LimitError) as caught:
        parse_bytes(text, ox.RdfFormat.TRIG, "x.trig")
    assert caught.value.line == 1
    with settings.configured(max_iri_chars=400):
        parse_bytes(text, ox.RdfFormat.TRIG, "x.trig")


def test_a_long_literal_error_names_its_line() -> None:
    text = '<http://e/s> <http://e/p> "1" .\n<http://e/s> <http://e/p> "' + "y" * 3000 + '" .\n'
    with settings.configured(max_literal_chars=1000), pytest.raises(settings.LimitError) as caught:
        parse_bytes(text, ox.RdfFormat.N_TRIPLES, "x.nt")
    assert caught.value.line == 2


# -- memory: refused in advance under a cap, never a Rust allocation abort ----------------------


def _cap_address_space(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def big_ntriples(path: Path, size: int) -> None:
    line = '<http://example.org/s{0}> <http://example.org/p> "value number {0} of many"@en .\n'
    with path.open("w") as out:
        written = i = 0
        while written < size:
            text = line.format(i)
            out.write(text)
            written += len(text)
            i += 1


@pytest.mark.parametrize("command", [["validate"], ["check", "--skip", "owl"], ["lint"]])
def test_an_input_too_big_for_the_memory_cap_is_refused_in_one_line(
    command: list[str], tmp_path: Path
) -> None:
    """The issue's case, scaled down: 200 MB under 1 GiB crashed; 24 MB under 1 GiB is as far
    past what the heaviest command needs (about 64 bytes a byte) and stays quick to make."""
    big_ntriples(tmp_path / "big.nt", 24 << 20)
    done = subprocess.run(
        [sys.executable, "-m", "sgam_onto", *command, "big.nt"], cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "SGAM_ONTO_ROOT": str(FIXTURE_ROOT),
             "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        preexec_fn=lambda: _cap_address_space(1 << 30), capture_output=True, text=True,
        timeout=600,
    )
    assert done.returncode != -signal.SIGABRT, done.stderr[-2000:]
    assert done.returncode == 2, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("big.nt:")]
    assert len(lines) == 1, done.stderr
    assert "memory" in lines[0] and "ulimit -v" in lines[0]
    assert "Traceback" not in done.stderr and "memory allocation" not in done.stderr


def test_memory_estimate_only_applies_under_a_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard_size, "address_space_left", lambda: None)
    guard_size.check_memory(10 << 30, Path("x.nt"))  # no cap: overcommit, nothing to estimate
    monkeypatch.setattr(guard_size, "address_space_left", lambda: 100 << 20)
    with pytest.raises(settings.LimitError, match=r"needs about 640\.0 MiB"):
        guard_size.check_memory(10 << 20, Path("x.nt"))
    with settings.configured(memory_per_input_byte=8):
        guard_size.check_memory(10 << 20, Path("x.nt"))


# -- leniency said out loud ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"# only a comment\n", b"\n\n   \n",
                                     b"@prefix ex: <http://example.org/> .\n# nothing\n"])
@pytest.mark.parametrize("command", [["validate"], ["lint"], ["check", "--skip", "owl"]])
def test_an_empty_contribution_is_warned_about(content: bytes, command: list[str],
                                               tmp_path: Path) -> None:
    (tmp_path / "empty.ttl").write_bytes(content)
    run = sgam(*command, "empty.ttl", cwd=tmp_path)
    clean(run.output)
    assert run.returncode == 0, run.output
    assert "empty.ttl: warning: no statements" in run.stderr, run.stderr


def test_a_prefix_bound_twice_is_warned_about_naming_both_lines(tmp_path: Path) -> None:
    (tmp_path / "p.ttl").write_text(
        "@prefix ex: <http://a.example/> .\nex:x ex:p 1 .\n"
        "PREFIX ex: <http://b.example/>\nex:y ex:p 2 .\n"
        "@prefix ex: <http://b.example/> .\n"  # the same IRI again: nothing to say
        "@prefix : <http://c.example/> .\n@prefix : <http://d.example/> .\n:z :p 3 .\n")
    run = sgam("validate", "p.ttl", cwd=tmp_path)
    assert run.returncode == 0, run.output
    warnings = [line for line in run.stderr.splitlines() if line.startswith("p.ttl:")]
    assert warnings == [
        "p.ttl:3: warning: prefix ex: is declared again with another IRI <http://b.example/> "
        "(line 1 bound it to <http://a.example/>); names after line 3 use the new one",
        "p.ttl:7: warning: prefix : is declared again with another IRI <http://d.example/> "
        "(line 6 bound it to <http://c.example/>); names after line 7 use the new one",
    ]


def test_owl_imports_is_said_to_be_ignored_once(tmp_path: Path) -> None:
    for name in ("a.ttl", "b.ttl"):
        (tmp_path / name).write_text(
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            "<http://example.org/o> owl:imports <http://example.org/x>, <http://example.org/y> .\n")
    run = sgam("validate", "a.ttl", "b.ttl", cwd=tmp_path, root=None)
    assert run.returncode == 0, run.output
    said = [line for line in run.stderr.splitlines() if "owl:imports" in line]
    assert said == ["sgam-onto: warning: owl:imports is not followed: only the files given (and "
                    "the landscape) are loaded, nothing is fetched"]


# -- stored query parameters from the command line -----------------------------------------------

PARAM_QUERY = """#+ summary: Statements with a number, or about a resource
#+ description: a query file with typed parameters
#+ source: none
#+ params:
#+   - n: integer? — a number
#+   - body: iri? — a resource
#+ columns:
#+   - s
#+   - n
#+   - body
#+ order: unordered
SELECT ?s ?n ?body WHERE { ?s ?p ?o FILTER(?o = ?n || ?s = ?body) }
"""


@pytest.mark.parametrize(("param", "why"), [
    ("n=99999999999999999999", "outside the integers the store can compare"),
    ("n=-9223372036854775809", "outside the integers the store can compare"),
    (f"n={HUGE}", "outside the integers the store can compare"),
    ("body=javascript:alert(1)", "the javascript: scheme is not allowed"),
    ("body=file:///etc/passwd", "the file: scheme is not allowed"),
    ("body=data:text/plain,x", "the data: scheme is not allowed"),
])
def test_a_parameter_the_store_cannot_match_is_refused_in_one_line(
    param: str, why: str, tmp_path: Path
) -> None:
    (tmp_path / "q.rq").write_text(PARAM_QUERY)
    run = sgam("query", "--file", "q.rq", "--param", param, cwd=tmp_path)
    assert run.returncode == 2, run.output
    clean(run.output)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert why in lines[0] and len(lines[0]) < 300, lines[0]


def test_an_unused_prefix_bound_to_a_very_long_iri_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "p.ttl").write_text(
        "@prefix ex: <http://example.org/> .\nex:a ex:p 1 .\n"
        f"@prefix big: <http://example.org/{'n' * 100_000}#> .\n")
    run = sgam("validate", "p.ttl", cwd=tmp_path)
    assert run.returncode == 2, run.output
    lines = [line for line in run.stderr.splitlines() if line.startswith("p.ttl:")]
    assert len(lines) == 1 and lines[0].startswith("p.ttl:3:"), run.stderr
    assert "prefix big: is bound to an IRI of 100,020 characters" in lines[0]



def test_importing_the_landscapes_own_modules_is_not_warned_about(tmp_path: Path) -> None:
    """An extension that imports the domain ontology loses nothing: it is loaded locally."""
    (tmp_path / "e.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<http://example.org/ext> a owl:Ontology ; owl:imports <https://w3id.org/sgam-onto> .\n")
    run = sgam("validate", "e.ttl", cwd=tmp_path, root=None)
    assert run.returncode == 0, run.output
    assert "owl:imports" not in run.stderr
