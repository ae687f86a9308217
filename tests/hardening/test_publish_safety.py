"""Publishing on a full disk keeps the site published before, file for file."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from tests.hardening.conftest import sgam
from tests.hardening.test_no_data_loss import tiny_disk


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_publish_on_a_full_disk_keeps_the_previous_site(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk", "48m") as disk:
        first = sgam("publish", "--out", "site", cwd=disk, root=None, timeout=600)
        assert first.returncode == 0, first.output
        before = tree(disk / "site")
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as out:
            while True:
                out.write(b"\0" * (1 << 16))
                out.flush()
        again = sgam("publish", "--out", "site", cwd=disk, root=None, timeout=600)
        assert again.returncode == 2, again.output
        assert "No space left on device" in again.stderr
        assert "Traceback" not in again.stderr
        assert tree(disk / "site") == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "site"]
