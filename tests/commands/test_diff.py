"""`sgam-onto diff` on directories and on git revisions of a real copy of the landscape."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sgam_onto import paths
from sgam_onto.cli import main

NEW_ITEM = """
@prefix body: <https://w3id.org/sgam-onto/id/body/> .
@prefix coordination: <https://w3id.org/sgam-onto/id/coordination/> .
@prefix sgam: <https://w3id.org/sgam-onto#> .
coordination:27 a sgam:CoordinationItem ;
    sgam:party body:iec-tc13 , body:iec-tc57-wg21 .
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True, capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the landscape, with one commit that adds item 27."""
    root = tmp_path / "repo"
    shutil.copytree(paths.ontology_dir(), root / "ontology")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "landscape")
    with (root / "ontology" / "data" / "coordination.ttl").open("a", encoding="utf-8") as out:
        out.write(NEW_ITEM)
    _git(root, "commit", "-q", "-am", "item 27")
    monkeypatch.chdir(root)
    return root


def test_two_revisions(repo: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "HEAD~1 -> HEAD: 1 added, 0 removed, 0 changed",
        "  + coordination item 27 added between IEC TC 13 and IEC TC 57 WG 21",
    ]


def test_a_revision_against_the_work_tree_leaves_the_tree_alone(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    status = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True)
    assert main(["diff", "HEAD", "."]) == 0
    assert capsys.readouterr().out == "no change between HEAD and .\n"
    after = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True)
    assert after.stdout == status.stdout


def test_markdown_and_json_are_deterministic(repo: Path, capsys: pytest.CaptureFixture) -> None:
    outputs = []
    for fmt in ("md", "json", "md", "json"):
        assert main(["diff", "HEAD~1", "HEAD", "--format", fmt]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    assert "coordination item 27 added between IEC TC 13 and IEC TC 57 WG 21" in outputs[0]
    data = json.loads(outputs[1])
    assert data["counts"] == {"added": 1, "removed": 0, "changed": 0}
    (change,) = data["changes"]
    assert change["iri"] == "https://w3id.org/sgam-onto/id/coordination/27"
    assert {f["value"] for f in change["gained"]} >= {"IEC TC 13", "IEC TC 57 WG 21"}


def test_an_unknown_side_exits_2(repo: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", "no-such-rev", "HEAD"]) == 2
    assert "no-such-rev is neither a directory nor a git revision" in capsys.readouterr().err


def test_a_syntax_error_in_a_revision_names_the_file_in_that_revision(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    with (repo / "ontology" / "data" / "bodies.ttl").open("a", encoding="utf-8") as out:
        out.write("\nbroken here\n")
    _git(repo, "commit", "-q", "-am", "broken")
    assert main(["diff", "HEAD~1", "HEAD"]) == 2
    err = capsys.readouterr().err
    lines = (repo / "ontology" / "data" / "bodies.ttl").read_text().count("\n")
    assert err.startswith(f"HEAD:ontology/data/bodies.ttl:{lines}:")
