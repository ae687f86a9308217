"""The ontology file names the package version of pyproject.toml, and publishing refuses a file
that names another one."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from sgam_onto.errors import SgamError
from sgam_onto.publish.versioning import check_version, version_problems

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "ontology" / "sgam.ttl"
ONTOLOGY = URIRef("https://w3id.org/sgam-onto")


def _pyproject_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["project"]["version"]


def test_source_ontology_names_the_pyproject_version() -> None:
    version = _pyproject_version()
    graph = Graph().parse(SOURCE, format="turtle")
    assert list(graph.objects(ONTOLOGY, OWL.versionInfo)) == [Literal(version)]
    assert list(graph.objects(ONTOLOGY, OWL.versionIRI)) == [
        URIRef(f"https://w3id.org/sgam-onto/{version}")
    ]
    assert version_problems(SOURCE, version) == []


def _with_version(tmp_path: Path, version: str) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    current = _pyproject_version()
    changed = text.replace(f'owl:versionInfo "{current}"', f'owl:versionInfo "{version}"')
    assert changed != text
    path = tmp_path / "ontology" / "sgam.ttl"
    path.parent.mkdir(parents=True)
    path.write_text(changed, encoding="utf-8")
    return path


def test_a_different_version_is_named_with_file_and_line(tmp_path: Path) -> None:
    path = _with_version(tmp_path, "9.9.9")
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if 'owl:versionInfo "9.9.9"' in text
    )
    with pytest.raises(SgamError) as err:
        check_version(path, _pyproject_version())
    assert f"{path}:{line}:" in str(err.value)
    assert "9.9.9" in str(err.value)
    assert "versionIRI" not in str(err.value)  # that one still agrees


def test_a_header_without_a_version_is_stamped_not_refused(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    path = tmp_path / "sgam.ttl"
    kept = [line for line in text.splitlines() if "owl:versionInfo" not in line
            and "owl:versionIRI" not in line]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert len(version_problems(path, _pyproject_version())) == 2
    check_version(path, _pyproject_version())  # publish goes on: loading stamps the version


def test_publish_refuses_a_source_with_another_version(tmp_path: Path) -> None:
    path = _with_version(tmp_path, "9.9.9")
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "sgam_onto", "publish", "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "SGAM_ONTO_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert f"{path}:" in done.stderr and "owl:versionInfo" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
