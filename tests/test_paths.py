"""Resource directories: the checkout layout, and SGAM_ONTO_ROOT for another root."""

from __future__ import annotations

from pathlib import Path

from sgam_onto import paths


def test_source_checkout_resources_are_at_the_repository_root(monkeypatch) -> None:
    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    root = Path(paths.__file__).resolve().parent.parent
    assert paths.ontology_dir() == root / "ontology"
    assert paths.shapes_dir() == root / "shapes"
    assert paths.queries_dir() == root / "queries"


def test_landscape_files_exclude_alignments(landscape_root: Path) -> None:
    onto = landscape_root / "ontology"
    assert paths.landscape_files() == [
        onto / "data" / "bodies.ttl",
        onto / "schemes" / "status.ttl",
        onto / "sgam.ttl",
    ]
    assert paths.alignment_files() == [onto / "alignments" / "skos.ttl"]


def test_missing_schema_file_is_still_listed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(paths.ROOT_ENV, str(tmp_path))
    assert paths.landscape_files() == [tmp_path / "ontology" / "sgam.ttl"]
    assert paths.alignment_files() == []
