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


def _clone(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def test_a_command_run_inside_a_checkout_uses_that_checkout(
    tmp_path: Path, monkeypatch
) -> None:
    from tests.conftest import LANDSCAPE_ROOT

    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    one = _clone(LANDSCAPE_ROOT, tmp_path / "one")
    (one / "notes" / "deep").mkdir(parents=True)
    monkeypatch.chdir(one / "notes" / "deep")
    assert paths.ontology_dir() == one / "ontology"
    assert paths.landscape_root() == (one, "the checkout you are in")
    monkeypatch.chdir(tmp_path)  # no checkout here: the package's own copy
    assert paths.ontology_dir() != one / "ontology"


def test_the_environment_beats_the_checkout(tmp_path: Path, monkeypatch) -> None:
    from tests.conftest import LANDSCAPE_ROOT

    one = _clone(LANDSCAPE_ROOT, tmp_path / "one")
    two = _clone(LANDSCAPE_ROOT, tmp_path / "two")
    monkeypatch.chdir(one)
    monkeypatch.setenv(paths.ROOT_ENV, str(two))
    assert paths.shapes_dir() == two / "shapes"


def test_a_folder_with_ontology_but_no_shapes_is_not_a_checkout(tmp_path: Path) -> None:
    (tmp_path / "ontology").mkdir()
    (tmp_path / "ontology" / "sgam.ttl").write_text("")
    assert paths.checkout_root(tmp_path) is None
