"""The reasoner cache answers only for byte-identical inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

from sgam_onto import reason_cache
from sgam_onto.reason import ReasonerResult

FIXTURES = Path(__file__).parent / "fixtures" / "landscape"  # a root with ontology/


def test_key_changes_with_any_byte_and_with_the_version(tmp_path):
    files = sorted(FIXTURES.rglob("*.ttl"))
    copies = []
    for f in files:
        target = tmp_path / f.name
        shutil.copy(f, target)
        copies.append(target)
    key = reason_cache.cache_key(copies, "1.0")
    assert key == reason_cache.cache_key(copies, "1.0")
    assert key != reason_cache.cache_key(copies, "1.1")
    copies[0].write_bytes(copies[0].read_bytes() + b"\n")
    assert key != reason_cache.cache_key(copies, "1.0")


def test_round_trip_and_corrupt_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("SGAM_ONTO_CACHE", str(tmp_path))
    result = ReasonerResult(True, {"https://e/C": frozenset({"https://e/a", "https://e/b"})},
                            frozenset(), "", 3.0)
    assert reason_cache.load("k") is None
    reason_cache.store("k", result)
    loaded = reason_cache.load("k")
    assert loaded is not None
    assert (loaded.consistent, loaded.inferred, loaded.unsatisfiable) == (
        True, result.inferred, frozenset())
    (tmp_path / "reasoner" / "k.json").write_text("{not json")
    assert reason_cache.load("k") is None


def test_check_uses_the_cache_only_for_the_same_inputs(tmp_path, monkeypatch, capsys):
    from sgam_onto.cli import main

    monkeypatch.setenv("SGAM_ONTO_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "root"
    shutil.copytree(FIXTURES, root)
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(root))
    assert main(["check"]) == 0
    assert "HermiT" in capsys.readouterr().out
    assert main(["check"]) == 0
    assert "cached verdict" in capsys.readouterr().out
    data = next((root / "ontology").rglob("*.ttl"))
    data.write_text(data.read_text() + "\n# changed\n")
    assert main(["check"]) == 0
    assert "HermiT" in capsys.readouterr().out
