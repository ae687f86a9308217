"""The test and benchmark servers start wherever their directory is given from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stores.servers import OxigraphServer


def test_a_server_given_a_relative_directory_starts_and_keeps_its_data_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    server = OxigraphServer(Path("work") / "server").start()
    try:
        assert server.process is not None and server.process.poll() is None
    finally:
        server.stop()
    assert (tmp_path / "work" / "server" / "data").is_dir()
