"""`sgam-onto query` end to end, against the fixture root (a small landscape and catalogue)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sgam_onto.cli import main

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "query" / "root"
ID = "https://w3id.org/sgam-onto/id/"
WG10 = f"{ID}body/iec-tc57-wg10"


@pytest.fixture(autouse=True)
def fixture_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the package's ontology/ and queries/ at the fixture root."""
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(ROOT))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_and_summaries_sorted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "--list")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "bodies               All bodies with their designation and parent",
        "body-by-designation  Look a body up by its designation",
        "standards-by-body    Standards maintained by a body",
    ]


def test_named_query_as_table_with_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "standards-by-body", "--param", f"body={WG10}")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["body", "standard", "designation", "title"]
    assert lines[2].startswith(f"IEC TC 57 WG 10 <{WG10}>  <{ID}standard/iec-61850>  IEC 61850")
    assert len(lines) == 4


def test_json_output_is_sparql_results(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "standards-by-body", "--param", f"body={WG10}", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["body", "standard", "designation", "title"]
    assert [b["designation"]["value"] for b in doc["results"]["bindings"]] == [
        "IEC 61850",
        "IEC 61968",
    ]
    assert doc["results"]["bindings"][1]["title"]["xml:lang"] == "en"


def test_csv_and_md_outputs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "standards-by-body", "--param", f"body={WG10}", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "body,standard,designation,title"
    assert '"Communication networks and systems, ""power utility"" | automation"' in out
    code, out, _ = cli(capsys, "standards-by-body", "--param", f"body={WG10}", "--format", "md")
    assert code == 0
    assert out.splitlines()[0] == "| body | standard | designation | title |"
    assert 'systems, "power utility" \\| automation |' in out


def test_ad_hoc_file_without_header(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    query = tmp_path / "count.rq"
    query.write_text(
        "SELECT (COUNT(?b) AS ?n) WHERE { ?b <https://w3id.org/sgam-onto#parentBody> [] }\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "--file", str(query), "--format", "csv")
    assert (code, out, err) == (0, "n\r\n3\r\n", "")


def test_ad_hoc_file_with_a_header_is_validated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    query = tmp_path / "bad.rq"
    query.write_text("#+ summary: x\n#+ sumary: y\nSELECT * {}\n", encoding="utf-8")
    code, out, err = cli(capsys, "--file", str(query))
    assert code == 2 and out == ""
    assert f"{query}:2: unknown header key 'sumary'" in err
    assert f"{query}:1: missing required header key(s): description, source, columns" in err


def test_sparql_syntax_error_exits_2_with_engine_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?s WHERE {\n  ?s ?p . }\n", encoding="utf-8")
    code, out, err = cli(capsys, "--file", str(query))
    assert code == 2 and out == ""
    assert err.startswith(f"{query}:2:")
    assert "error at 2:" in err and "expected" in err


def test_headerless_file_takes_no_parameters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    code, out, err = cli(capsys, "--file", str(query), "--param", "s=x")
    assert code == 2 and out == ""
    assert "takes no parameters" in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = cli(capsys, "--file", str(tmp_path / "nope.rq"))
    assert (code, out) == (2, "")
    assert err.strip() == f"{tmp_path / 'nope.rq'}: no such query file"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["standards-by-body"], "missing required parameter(s) body"),
        (["standards-by-body", "--param", f"body={WG10}", "--param", "bdy=x"], "unknown parameter"),
        (["standards-by-body", "--param", "body=iec-tc57-wg10"], "not an absolute IRI"),
        (["standards-by-body", "--param", f"body={WG10}> }} ; DROP ALL"], "IRI cannot contain"),
        (["standards-by-body", "--param", "body"], "expected NAME=VALUE"),
        (["bodys"], "unknown query 'bodys'; did you mean: bodies?"),
        ([], "give exactly one of NAME, --file or --list (got nothing)"),
        (["bodies", "--list"], "(got NAME and --list)"),
        (["--list", "--param", "a=b"], "--param makes no sense with --list"),
    ],
)
def test_bad_invocations_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert fragment in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "bodies", "--format", "xml")
    assert code == 2 and out == ""
    assert "invalid choice: 'xml'" in err


def test_injection_payload_comes_back_as_data(capsys: pytest.CaptureFixture[str]) -> None:
    payload = 'IEC TC 57" } ; DROP ALL ; #'
    code, out, _ = cli(
        capsys, "body-by-designation", "--param", f"designation={payload}", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["results"]["bindings"] == [
        {"designation": {"type": "literal", "value": payload}}
    ]
    code, out, _ = cli(capsys, "bodies", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 7  # the landscape still has its six bodies


def test_command_module_imports_no_rdf_library() -> None:
    """Building the parser (for --help) must not pay for pyoxigraph or the landscape."""
    probe = (
        "import sys, sgam_onto.commands.query; "
        "heavy = ('pyoxigraph', 'rdflib', 'sgam_onto.landscape'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


def test_help_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--list", "--file", "--param", "--format", "{table,csv,json,md}"):
        assert option in out


def test_console_entry_point_separates_stdout_and_stderr(tmp_path: Path) -> None:
    env = {**os.environ, "SGAM_ONTO_ROOT": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "sgam_onto", "query", "bodies", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ok.returncode == 0 and ok.stderr == ""
    assert ok.stdout.splitlines()[0] == "body,designation,parent"
    bad = subprocess.run(
        [sys.executable, "-m", "sgam_onto", "query", "standards-by-body"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert "missing required parameter(s) body" in bad.stderr
