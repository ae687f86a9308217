"""No data loss: a write that fails at any point (a serializer that emits something unreadable,
a full disk, kill -9 in the middle, an immutable file or folder) leaves the previous file
byte-identical; literals keep their exact lexical forms; output bytes do not depend on the
process or on PYTHONHASHSEED.

The disk-full and immutable cases need root (mount, chattr) and skip with the reason otherwise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from sgam_onto.cli import main
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from tests.hardening.conftest import FIXTURE_ROOT, sgam

FIXTURES = Path(__file__).parent / "fixtures"


def exact_statements(path: Path) -> Counter:
    """The statements (a set, as a graph is) as Oxigraph parsed them, blank nodes masked."""

    def mask(term: object) -> object:
        return "_:" if isinstance(term, ox.BlankNode) else term

    statements = set(parse_file(path).quads)
    return Counter((mask(q.subject), q.predicate, mask(q.object)) for q in statements)


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def unformatted(path: Path, subjects: int) -> None:
    """A valid Turtle file that fmt will rewrite: long, unsorted, one statement per line."""
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [
        f'ex:s{i} ex:p ex:o{i % 97} ; ex:label "subject {i}"@en ; ex:n {subjects - i} .'
        for i in range(subjects, 0, -1)
    ]
    path.write_text("\n".join(lines) + "\n")


# -- exact literals, deterministic bytes --------------------------------------------------------


@pytest.mark.parametrize("name", ["lexical-forms.ttl", "structures.ttl"])
def test_fmt_keeps_every_statement_exactly(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    before = exact_statements(target)
    graph = graph_from_quads(parse_file(target).quads)
    assert main(["fmt", str(target)]) == 0
    assert exact_statements(target) == before
    assert isomorphic(graph_from_quads(parse_file(target).quads), graph)
    once = target.read_bytes()
    assert main(["fmt", "--check", str(target)]) == 0
    assert target.read_bytes() == once


def test_lexical_forms_survive_as_written(tmp_path: Path) -> None:
    target = tmp_path / "lexical-forms.ttl"
    shutil.copy(FIXTURES / "lexical-forms.ttl", target)
    assert main(["fmt", str(target)]) == 0
    values = {q.object for q in parse_file(target).quads if isinstance(q.object, ox.Literal)}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for lexical, datatype in [
        ("01", "integer"), ("+1", "integer"), ("007", "integer"), ("1.500", "decimal"),
        ("1.0E+00", "double"), (" 5 ", "int"), ("1", "boolean"), ("2020-1-1", "date"),
        ("2020-02-30", "date"), ("abc", "integer"), ("", "int"), ("24:00:00", "time"),
    ]:
        assert ox.Literal(lexical, datatype=ox.NamedNode(xsd + datatype)) in values, lexical
    assert ox.Literal("e\u0301 decomposed") in values  # not normalised to NFC
    assert ox.Literal("nul \u0000 and del \u007f") in values


def test_fmt_bytes_do_not_depend_on_process_or_hash_seed(tmp_path: Path) -> None:
    outputs: dict[str, bytes] = {}
    for seed in ("0", "1", "2", "4242", "random"):
        folder = tmp_path / f"seed-{seed}"
        folder.mkdir()
        for name in ("structures.ttl", "lexical-forms.ttl"):
            shutil.copy(FIXTURES / name, folder / name)
        run = sgam("fmt", "structures.ttl", "lexical-forms.ttl", cwd=folder, root=FIXTURE_ROOT,
                   env={"PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.output
        outputs[seed] = (folder / "structures.ttl").read_bytes() + b"\0" + (
            folder / "lexical-forms.ttl").read_bytes()
    assert len(set(outputs.values())) == 1, "fmt output differs between processes"


def test_fmt_cycles_of_different_length_regression() -> None:
    from sgam_onto.commands.fmt import format_bytes

    text = (
        b"@prefix ex: <http://example.org/> .\n"
        b"_:c1 ex:next _:c2 . _:c2 ex:next _:c3 . _:c3 ex:next _:c1 .\n"
        b"_:e1 ex:next _:e2 . _:e2 ex:next _:e1 .\n"
    )
    outputs = {format_bytes(text)[0] for _ in range(20)}  # each run gets fresh blank node ids
    assert len(outputs) == 1


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\x0c"])
def test_fmt_literal_with_a_unicode_line_separator_regression(separator: str) -> None:
    from sgam_onto.commands.fmt import format_bytes

    text = f'<http://example.org/s> <http://example.org/p> "#{separator}x" .\n'
    _, dropped = format_bytes(text.encode("utf-8"))
    assert dropped == []


# -- failures while writing ---------------------------------------------------------------------


def test_a_serializer_that_writes_unreadable_turtle_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """If the writer ever produced an invalid IRI, fmt's read-back refuses to write."""
    from sgam_onto.rdf import turtle

    target = tmp_path / "data.ttl"
    shutil.copy(FIXTURES / "structures.ttl", target)
    before = target.read_bytes()
    real = turtle.serialize_turtle

    def broken(graph, *args, **kwargs):
        return real(graph, *args, **kwargs).replace("<http://example.org/", "<http://ex ample/", 1)

    monkeypatch.setattr(turtle, "serialize_turtle", broken)
    assert main(["fmt", str(target)]) == 2
    assert "formatted text does not parse" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert leftovers(tmp_path, {"data.ttl"}) == []


def test_rdflib_graph_with_an_invalid_iri_is_refused_by_the_read_back() -> None:
    """The graph-to-text writer escapes what it must, and the strict reader refuses the rest."""
    from rdflib import Graph, Literal, URIRef

    from sgam_onto.errors import LoadError
    from sgam_onto.rdf.parse import parse_bytes
    from sgam_onto.rdf.turtle import serialize_turtle

    graph = Graph()
    graph.add((URIRef("http://example.org/a b"), URIRef("http://example.org/p"), Literal("x")))
    text = serialize_turtle(graph)
    with pytest.raises(LoadError):
        parse_bytes(text, ox.RdfFormat.TURTLE, "out.ttl")


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def tiny_disk(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` (root only); unmounted afterwards."""
    if not is_root():
        pytest.skip("mounting a small tmpfs needs root")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_disk_full_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk", "512k") as disk:
        target = disk / "data.ttl"
        unformatted(target, 1500)
        before = target.read_bytes()
        filler = disk / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as out:
            while True:  # fill the disk to the last block
                out.write(b"\0" * 4096)
                out.flush()
        run = sgam("fmt", "data.ttl", cwd=disk, root=FIXTURE_ROOT)
        assert run.returncode == 2, run.output
        assert "data.ttl: cannot write (No space left on device); the file is unchanged" in (
            run.stderr)
        assert "0 of 1 files reformatted; 1 could not be written" in run.stderr
        assert "1 of 1" not in run.stderr and "data.ttl\n" not in run.stdout
        assert "Traceback" not in run.stderr
        assert target.read_bytes() == before
        assert leftovers(disk, {"data.ttl", "filler"}) == []


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    if not is_root():
        pytest.skip("chattr +i needs root")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this file system does not support chattr +i: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_an_immutable_target_is_reported_and_left_alone(what: str, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "data.ttl"
    unformatted(target, 50)
    before = target.read_bytes()
    with immutable(target if what == "file" else folder):
        run = sgam("fmt", "data/data.ttl", cwd=tmp_path, root=FIXTURE_ROOT)
        assert run.returncode == 2, run.output
        assert "data/data.ttl: cannot write (Operation not permitted); the file is unchanged" in (
            run.stderr)
        assert "Traceback" not in run.stderr
        assert target.read_bytes() == before
        assert leftovers(folder, {"data.ttl"}) == []


def kill_when_seen(
    process: subprocess.Popen, folder: Path, suffix: str, after: float = 0.0
) -> bool:
    """SIGKILL ``process`` (``after`` seconds) once a file ending in ``suffix`` appears in
    ``folder``; whether it was killed so (rather than finishing first). It is reaped either way."""
    try:
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.name.endswith(suffix) for p in folder.iterdir()):
                time.sleep(after)
                os.kill(process.pid, signal.SIGKILL)
                return True
        return False
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)


def test_kill_9_while_writing_leaves_old_or_new_never_a_mix(tmp_path: Path) -> None:
    """fmt of a large file is killed as soon as its temporary file appears (mid-write)."""
    source = tmp_path / "source.ttl"
    unformatted(source, 5_000)
    expected_new = None
    caught_mid_write = 0
    for attempt in range(8):
        folder = tmp_path / f"attempt-{attempt}"
        folder.mkdir()
        target = folder / "big.ttl"
        shutil.copy(source, target)
        before = target.read_bytes()
        env = {**os.environ, "SGAM_ONTO_ROOT": str(FIXTURE_ROOT)}
        process = subprocess.Popen([sys.executable, "-m", "sgam_onto", "fmt", "big.ttl"],
                                   cwd=folder, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        killed = kill_when_seen(process, folder, ".tmp")
        caught_mid_write += killed
        after = target.read_bytes()
        if killed and leftovers(folder, {"big.ttl"}):  # the next run removes what was left
            again = sgam("fmt", "big.ttl", cwd=folder, root=FIXTURE_ROOT)
            assert again.returncode == 0, again.output
            assert leftovers(folder, {"big.ttl"}) == []
        if after != before:  # the rename happened before the kill: then it is the whole output
            if expected_new is None:
                check = tmp_path / f"reference-{uuid.uuid4().hex}"
                check.mkdir()
                shutil.copy(source, check / "big.ttl")
                assert main(["fmt", str(check / "big.ttl")]) == 0
                expected_new = (check / "big.ttl").read_bytes()
            assert after == expected_new
        if caught_mid_write:
            break
    assert caught_mid_write >= 1, "never managed to kill fmt while it was writing"


def test_kill_9_while_loading_a_store_leaves_the_old_store(tmp_path: Path) -> None:
    """load --store is killed while it builds the new store: the old one stays whole."""
    from sgam_onto.stores import embedded

    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as out:
        for i in range(200_000):
            out.write(f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" .\n")
    store = tmp_path / "stores" / "store"
    small = Path(__file__).parent / "fixtures" / "small-load.ttl"
    assert main(["load", "--store", str(store), "--graph", "https://example.org/g",
                 str(small)]) == 0
    before = embedded.read_graph(embedded.open_store(store, read_only=True),
                                 "https://example.org/g")
    caught = 0
    for _attempt in range(5):
        process = subprocess.Popen(
            [sys.executable, "-m", "sgam_onto", "load", "--store", str(store),
             "--graph", "https://example.org/g", str(big)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        caught += kill_when_seen(process, store.parent, ".loading", after=0.2)
        if caught:
            break
    assert caught, "never managed to kill load while it was building the store"
    after = embedded.read_graph(embedded.open_store(store, read_only=True),
                                "https://example.org/g")
    assert isomorphic(after, before) and len(after) == len(before) > 0
    assert main(["load", "--store", str(store), "--graph", "https://example.org/g",
                 str(big)]) == 0
    assert sorted(p.name for p in store.parent.iterdir()) == ["store"]
    loaded = embedded.open_store(store, read_only=True)
    assert embedded.count(loaded, "https://example.org/g") == 200_000
