"""A failed build leaves the previous site as it was and no staging folder behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.publish import build


def test_a_failure_while_writing_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    files = {
        build.MARKER: b"m",
        "index.html": b"new",
        **{f"id/x/{i}.html": b"page" for i in range(50)},
    }
    monkeypatch.setattr(build, "build_files", lambda landscape=None, lang="en": files)
    build.publish(target)
    (target / "index.html").write_bytes(b"old")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    calls = {"n": 0}
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 20:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError, match="No space left"):
        build.publish(target)
    monkeypatch.setattr(Path, "write_bytes", real)
    assert (target / "index.html").read_bytes() == b"old"
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_publishing_again_replaces_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    monkeypatch.setattr(
        build, "build_files", lambda landscape=None, lang="en": {build.MARKER: b"m", "a.html": b"1"}
    )
    build.publish(target)
    monkeypatch.setattr(
        build, "build_files", lambda landscape=None, lang="en": {build.MARKER: b"m", "b.html": b"2"}
    )
    info = build.publish(target)
    assert sorted(p.name for p in target.iterdir()) == [build.MARKER, "b.html"]
    assert info.files == 2 and info.bytes == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
