"""The writer after the unlucky cases: a process killed between its temporary write and the
rename leaves a file the next run removes (and a live writer's file is left alone); a write
that fails for lack of room is reported as a failure; literals whose datatype rdflib rewrites
(xsd:token, xsd:normalizedString) keep the lexical form they were written with."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.io.atomic import atomic_write, remove_stale_temporaries
from tests.hardening.conftest import FIXTURE_ROOT, sgam

REPO = Path(__file__).resolve().parents[2]
UNSORTED = "@prefix ex: <http://example.org/> .\nex:b ex:p 2 .\nex:a ex:p 1 .\n"

# A writer that stops for good between writing its temporary file and renaming it.
_STALLED_WRITER = """
import sys, time
from sgam_onto.io.atomic import atomic_write
def chunks():
    yield b"partial "
    sys.stdout.write("written\\n"); sys.stdout.flush()
    time.sleep(600)
    yield b"never"
atomic_write(sys.argv[1], chunks())
"""


def stalled_writer(target: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", _STALLED_WRITER, str(target)], cwd=target.parent,
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "written\n"
    return process


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def killed_mid_write(target: Path) -> int:
    """A writer of ``target`` killed between its write and its rename; its process id."""
    process = stalled_writer(target)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    return process.pid


@pytest.mark.parametrize("formatted_first", [False, True])
def test_the_leftover_of_a_killed_writer_is_removed_by_the_next_fmt(
    formatted_first: bool, tmp_path: Path
) -> None:
    """Also when the file needs no change any more (then nothing is written at all)."""
    target = tmp_path / "x.ttl"
    target.write_text(UNSORTED)
    if formatted_first:
        assert sgam("fmt", "x.ttl", cwd=tmp_path, root=FIXTURE_ROOT).returncode == 0
    before = target.read_bytes()
    pid = killed_mid_write(target)
    (left,) = temporaries(tmp_path)
    assert left.startswith(f".x.ttl.sgam-{pid}-")
    assert target.read_bytes() == before  # the kill came before the rename
    check = sgam("fmt", "--check", "x.ttl", cwd=tmp_path, root=FIXTURE_ROOT)
    assert temporaries(tmp_path) == [left]  # --check changes nothing
    assert check.returncode == (0 if formatted_first else 1), check.output
    run = sgam("fmt", "x.ttl", cwd=tmp_path, root=FIXTURE_ROOT)
    assert run.returncode == 0, run.output
    assert temporaries(tmp_path) == []


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    target.write_text(UNSORTED)
    process = stalled_writer(target)
    try:
        (mine,) = temporaries(tmp_path)
        atomic_write(target, b"new")  # another writer of the same target, meanwhile
        assert temporaries(tmp_path) == [mine]
        assert target.read_bytes() == b"new"
    finally:
        process.kill()
        process.wait(30)


def test_only_this_writers_names_for_this_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(30)
    names = {
        f".x.ttl.sgam-{gone.pid}-abc.tmp": True,         # ours, writer gone: removed
        f".x.ttl.sgam-{os.getpid()}-abc.tmp": False,     # a writer still running
        f".y.ttl.sgam-{gone.pid}-abc.tmp": False,        # another target
        f".x.ttl.{gone.pid}-abc.tmp": False,             # not our naming
        f".x.ttl.extra.sgam-{gone.pid}-abc.tmp": False,  # the target x.ttl.extra's, not x.ttl's
        "notes.tmp": False,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / f".x.ttl.sgam-{gone.pid}-dir.tmp").mkdir()  # not a regular file: kept
    removed = remove_stale_temporaries(target)
    assert sorted(p.name for p in removed) == [n for n, gone_ in names.items() if gone_]
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {n for n, gone_ in names.items() if not gone_} | {
        f".x.ttl.sgam-{gone.pid}-dir.tmp"}


def _limit_file_size(size: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_write_past_the_file_size_limit_is_a_reported_failure(tmp_path: Path) -> None:
    """EFBIG exercises the same path as a full disk, without privileges."""
    target = tmp_path / "big.ttl"
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [f'ex:s{i} ex:label "subject number {i}" .' for i in range(3000, 0, -1)]
    target.write_text("\n".join(lines) + "\n")
    before = target.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "sgam_onto", "fmt", "big.ttl"], cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), "SGAM_ONTO_ROOT": str(FIXTURE_ROOT)},
        preexec_fn=lambda: _limit_file_size(len(before) // 2), capture_output=True, text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "big.ttl: cannot write (File too large); the file is unchanged" in done.stderr
    assert "0 of 1 files reformatted; 1 could not be written" in done.stderr
    assert done.stdout == ""  # no file is listed as reformatted
    assert target.read_bytes() == before
    assert temporaries(tmp_path) == []


# -- lexical forms rdflib would rewrite ---------------------------------------------------------

WHITESPACE = (
    '@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
    'ex:a ex:p " x "^^xsd:token, "a  b"^^xsd:token, " y  z "^^xsd:normalizedString,\n'
    '  "tab\\there"^^xsd:normalizedString, "line\\nbreak"^^xsd:token, "plain"^^xsd:token,\n'
    '  " 5 "^^xsd:int, " true"^^xsd:boolean .\n'
)


def as_written(data: bytes) -> set[tuple[str, str]]:
    return {(q.object.value, q.object.datatype.value)
            for q in ox.parse(data, format=ox.RdfFormat.TURTLE)}


def test_fmt_keeps_whitespace_in_token_and_normalized_strings(tmp_path: Path) -> None:
    target = tmp_path / "ws.ttl"
    target.write_text(WHITESPACE)
    expected = as_written(WHITESPACE.encode())
    assert (" x ", "http://www.w3.org/2001/XMLSchema#token") in expected
    run = sgam("fmt", "ws.ttl", cwd=tmp_path, root=FIXTURE_ROOT)
    assert run.returncode == 0, run.output
    assert "Warning" not in run.stderr  # no library warning leaks onto the terminal
    assert as_written(target.read_bytes()) == expected
    again = sgam("fmt", "--check", "ws.ttl", cwd=tmp_path, root=FIXTURE_ROOT)
    assert again.returncode == 0, again.output


def test_a_lexical_form_change_is_reported_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a library on the way rewrote a literal anyway, fmt says so and keeps the file."""
    from rdflib import Literal

    from sgam_onto.cli import main
    from sgam_onto.rdf import convert

    def stripping(literal: Literal, lexical: str) -> Literal:
        return literal  # what rdflib does on its own: " x " becomes "x"

    monkeypatch.setattr(convert, "as_written", stripping)
    target = tmp_path / "ws.ttl"
    target.write_text(WHITESPACE)
    assert main(["fmt", str(target)]) == 2
    assert target.read_text() == WHITESPACE


def test_the_stall_helper_really_stalls(tmp_path: Path) -> None:
    """The helper above must hold its temporary file open, or the tests prove nothing."""
    target = tmp_path / "x.ttl"
    process = stalled_writer(target)
    try:
        time.sleep(0.2)
        assert process.poll() is None and len(temporaries(tmp_path)) == 1
        assert not target.exists()
    finally:
        process.kill()
        process.wait(30)
