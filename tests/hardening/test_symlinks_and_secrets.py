"""A contribution that is a symbolic link out of the working tree is not read (nor rewritten)
unless the user asks; a file that is not RDF at all (a credentials file) never has its text
echoed beyond a short excerpt; a read-only file is not replaced, even by root."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.errors import LoadError
from sgam_onto.rdf.parse import EXCERPT_CHARS, parse_bytes
from tests.hardening.conftest import Secret, sgam

CREDENTIALS = (
    "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
)
SECRETS = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A credentials file in a folder of its own, outside the working tree of the test."""
    path = tmp_path_factory.mktemp("elsewhere") / "credentials"
    path.write_text(CREDENTIALS)
    return path


def tree_with_link(tmp_path: Path, target: Path, name: str = "x.ttl") -> Path:
    tree = tmp_path / "tree"
    (tree / "data").mkdir(parents=True)
    (tree / "data" / name).symlink_to(target)
    return tree


@pytest.mark.parametrize("command", [
    ["validate"], ["lint"], ["fmt"], ["fmt", "--check"], ["check", "--skip", "owl"],
    ["query", "--file", "q.rq", "--data"], ["load", "--store", "store"],
])
def test_a_link_out_of_the_tree_is_not_read(command: list[str], outside: Path,
                                            tmp_path: Path) -> None:
    tree = tree_with_link(tmp_path, outside)
    (tree / "q.rq").write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n")
    before = outside.read_bytes()
    run = sgam(*command, "data/x.ttl", cwd=tree)
    assert run.returncode == 2, run.output
    assert "data/x.ttl: is a symbolic link to a file outside the working tree" in run.stderr
    assert "--follow-symlinks" in run.stderr
    for secret in SECRETS:
        assert secret not in run.output
    assert "default" not in run.output  # not even the first token
    assert outside.read_bytes() == before


def test_follow_symlinks_reads_it_and_shows_only_an_excerpt(outside: Path,
                                                             tmp_path: Path) -> None:
    tree = tree_with_link(tmp_path, outside)
    run = sgam("validate", "--follow-symlinks", "data/x.ttl", cwd=tree)
    assert run.returncode == 2, run.output  # read now, and not Turtle
    assert run.stderr.startswith("data/x.ttl:1:")
    for secret in SECRETS:
        assert secret not in run.output
    by_env = sgam("validate", "data/x.ttl", cwd=tree, env={"SGAM_ONTO_FOLLOW_SYMLINKS": "1"})
    assert by_env.stderr.startswith("data/x.ttl:1:"), by_env.output


def test_links_inside_the_tree_and_paths_named_outside_it_are_read(
    tmp_path: Path, secret: Secret
) -> None:
    tree = tmp_path / "tree"
    (tree / "real").mkdir(parents=True)
    (tree / "real" / "a.ttl").write_text("<http://example.org/s> <http://example.org/p> 1 .\n")
    (tree / "link.ttl").symlink_to(tree / "real" / "a.ttl")
    (tree / "dirlink").symlink_to(tree / "real")
    for name in ("link.ttl", "dirlink/a.ttl", str(secret.path)):  # the last: named explicitly
        run = sgam("validate", name, cwd=tree)
        assert run.returncode == 0, run.output


def test_a_link_through_a_linked_folder_is_not_followed(outside: Path, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "data").symlink_to(outside.parent)
    run = sgam("validate", "data/credentials.ttl", cwd=tree)
    assert run.returncode == 2
    outside.with_suffix(".ttl").write_text(CREDENTIALS)
    run = sgam("validate", "data/credentials.ttl", cwd=tree)
    assert "is a symbolic link to a file outside the working tree" in run.stderr, run.output


def test_fmt_does_not_rewrite_the_target_of_a_link_out_of_the_tree(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.ttl"
    elsewhere.write_text("@prefix ex: <http://example.org/> .\nex:b ex:p 2 . ex:a ex:p 1 .\n")
    before = elsewhere.read_bytes()
    tree = tree_with_link(tmp_path, elsewhere)
    run = sgam("fmt", "data/x.ttl", cwd=tree)
    assert run.returncode == 2, run.output
    assert elsewhere.read_bytes() == before
    asked = sgam("fmt", "--follow-symlinks", "data/x.ttl", cwd=tree)
    assert asked.returncode == 0, asked.output
    assert elsewhere.read_bytes() != before and (tree / "data" / "x.ttl").is_symlink()


@pytest.mark.parametrize("text", [
    CREDENTIALS,
    "SECRETTOKENabcdefghijklmnopqrstuvwxyz0123456789 = 1\n",
    "<http://e/s> <http://e/p> " + "x" * 100_000 + "\n",
    "password: hunter2_supersecret_value_0123456789\n",
    "@prefix ex: <http://example.org/> .\nex:a ex:b ex:verylongsecretlocalname" + "z" * 60 + "(\n",
])
def test_an_unparsable_token_is_echoed_as_a_short_excerpt(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_bytes(text, ox.RdfFormat.TURTLE, "x.ttl")
    message = caught.value.message
    assert len(message) <= 200
    words = message.split()
    assert all(len(word) <= EXCERPT_CHARS + 5 for word in words), message
    for secret in (*SECRETS, "SECRETTOKENabcdefghijklmnopqrstuvwxyz", "x" * 30,
                   "hunter2_supersecret_value", "verylongsecretlocalname"):
        assert secret not in message


def test_parser_words_are_kept_whole() -> None:
    with pytest.raises(LoadError) as caught:
        parse_bytes("<http://e/s> <http://e/p> .\n", ox.RdfFormat.N_TRIPLES, "x.nt")
    assert "…" not in caught.value.message


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000, 0o044, 0o474])
def test_fmt_refuses_a_file_its_bits_make_read_only_even_as_root(mode: int,
                                                                 tmp_path: Path) -> None:
    target = tmp_path / "ro.ttl"
    target.write_text("@prefix ex: <http://example.org/> .\nex:b ex:p 2 . ex:a ex:p 1 .\n")
    before = target.read_bytes()
    target.chmod(mode)
    try:
        run = sgam("fmt", "ro.ttl", cwd=tmp_path)
        if mode == 0o000 and os.geteuid() != 0:
            assert run.returncode == 2  # cannot even be read
        else:
            assert run.returncode == 2, run.output
            assert "ro.ttl: cannot write (the file is read-only" in run.stderr, run.stderr
            assert "0 of 1 files reformatted; 1 could not be written" in run.stderr
        assert stat.S_IMODE(target.stat().st_mode) == mode
    finally:
        target.chmod(0o644)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro.ttl"]


def test_fmt_writes_a_file_the_owner_may_write(tmp_path: Path) -> None:
    target = tmp_path / "rw.ttl"
    target.write_text("@prefix ex: <http://example.org/> .\nex:b ex:p 2 . ex:a ex:p 1 .\n")
    target.chmod(0o640)
    run = sgam("fmt", "rw.ttl", cwd=tmp_path)
    assert run.returncode == 0, run.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("name", ["a\nb.ttl", "a\x1b[31mred.ttl", "a\rb.ttl", "a\u2028b.ttl"])
def test_a_file_name_cannot_break_the_error_line_or_the_terminal(name: str,
                                                                tmp_path: Path) -> None:
    (tmp_path / name).write_text("x y z\n")
    run = sgam("validate", name, cwd=tmp_path)
    assert run.returncode == 2, run.output
    lines = [line for line in run.stderr.splitlines() if ": warning: " not in line]
    assert len(lines) == 1, run.stderr
    assert "\x1b" not in run.stderr
    assert "\\u00" in lines[0] or "\\u2028" in lines[0], lines[0]
