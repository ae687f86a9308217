"""Credentials come from the environment or a netrc file, never from options."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.errors import SgamError
from sgam_onto.stores.credentials import PASSWORD_ENV, USER_ENV, find_credentials


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(USER_ENV, raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.netrc of the machine's user


def _netrc(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "netrc"
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(USER_ENV, "alice")
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")
    rc = _netrc(tmp_path, "machine db.example login bob password other\n")
    found = find_credentials("http://db.example/sparql", rc)
    assert (found.user, found.password) == ("alice", "s3cret")
    assert "s3cret" not in repr(found)


def test_netrc_by_host_and_by_host_and_port(tmp_path: Path) -> None:
    rc = _netrc(
        tmp_path,
        "machine db.example login bob password one\n"
        "machine db.example:8890 login dba password two\n",
    )
    assert find_credentials("http://db.example/sparql", rc).password == "one"
    assert find_credentials("http://db.example:8890/sparql", rc).password == "two"
    assert find_credentials("http://other.example/sparql", rc) is None


def test_default_netrc_is_optional_and_an_explicit_one_is_not(tmp_path: Path) -> None:
    assert find_credentials("http://db.example/") is None
    with pytest.raises(SgamError, match="no such file"):
        find_credentials("http://db.example/", tmp_path / "missing")


def test_default_netrc_is_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _netrc(home, "machine db.example login carol password three\n").rename(home / ".netrc")
    assert find_credentials("http://db.example/").user == "carol"


def test_a_broken_netrc_names_the_file_and_line(tmp_path: Path) -> None:
    rc = _netrc(tmp_path, "machine db.example login bob password x\nbogus\n")
    with pytest.raises(SgamError, match=r"netrc:\d+"):
        find_credentials("http://db.example/", rc)


def test_password_without_user_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "x")
    with pytest.raises(SgamError, match=USER_ENV):
        find_credentials("http://db.example/")
