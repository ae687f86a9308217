"""atomic_write: the old bytes or the new ones, never a mix, and no temporary files left."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from sgam_onto.io.atomic import atomic_write

ORIGINAL = b"@prefix ex: <http://example.org/> .\nex:a ex:p 1 .\n"


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_writes_a_new_file_with_default_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.ttl"
    atomic_write(target, b"data")
    assert target.read_bytes() == b"data"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert _leftovers(tmp_path, {"new.ttl"}) == []


def test_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "file.ttl"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    atomic_write(target, [b"new ", b"content"])
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, {"file.ttl"}) == []


def test_original_intact_when_serialization_fails_midway(tmp_path: Path) -> None:
    target = tmp_path / "file.ttl"
    target.write_bytes(ORIGINAL)

    def chunks() -> Iterator[bytes]:
        yield b"PREFIX ex: <http://example.org/>\n" * 1000
        raise ValueError("serializer broke")

    with pytest.raises(ValueError, match="serializer broke"):
        atomic_write(target, chunks())
    assert target.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path, {"file.ttl"}) == []


def test_original_intact_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.ttl"
    target.write_bytes(ORIGINAL)

    def refuse(src: str, dst: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="cross-device"):
        atomic_write(target, b"new")
    assert target.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path, {"file.ttl"}) == []


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: a read-only directory does not stop root from writing",
)
def test_original_intact_in_a_read_only_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "file.ttl"
    target.write_bytes(ORIGINAL)
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            atomic_write(target, b"new")
        assert target.read_bytes() == ORIGINAL
        assert _leftovers(folder, {"file.ttl"}) == []
    finally:
        folder.chmod(0o755)


def test_writes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_bytes(ORIGINAL)
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
