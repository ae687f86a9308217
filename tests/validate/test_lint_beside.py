"""Lint of large inputs runs in a child beside the engine, with the same findings and errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sgam_onto.errors import LoadError
from sgam_onto.validate import api, lint_beside

ROOT = Path(__file__).resolve().parents[2]
MISTAKES = ROOT / "tests" / "lint" / "fixtures" / "mistakes.ttl"


@pytest.fixture
def beside(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every input counts as large: lint runs in a child; the children's pids."""
    pids: list[int] = []

    class Recorded(lint_beside.Child):
        @classmethod
        def fork(cls, *args, **kwargs):
            child = super().fork(*args, **kwargs)
            pids.append(child.pid)
            return child

    monkeypatch.setattr(lint_beside, "BESIDE_BYTES", 0)
    monkeypatch.setattr(lint_beside, "Child", Recorded)
    return pids


def _reaped(pids: list[int]) -> bool:
    """At least one child was started, and each is gone (killed or ended, and reaped)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(pids)


def _findings(outcome: api.ValidationOutcome) -> list[tuple]:
    return [(f.path.name, f.line, f.rule, f.message) for f in outcome.lint]


def test_findings_from_the_child_are_those_of_the_process(beside: list[int]) -> None:
    from sgam_onto.landscape import load_landscape
    from sgam_onto.lint import lint_files

    expected = [(f.path.name, f.line, f.rule, f.message)
                for f in lint_files([MISTAKES], load_landscape())]
    assert len({rule for _n, _l, rule, _m in expected}) >= 3  # the fixture is full of mistakes
    outcome = api.validate([MISTAKES], engine="fast", lint=True)
    assert _findings(outcome) == expected
    assert _reaped(beside)


def test_an_unreadable_input_is_named_with_its_line(beside: list[int], tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d \"x .\n",
                      encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        api.validate([broken], engine="fast", lint=True)
    assert raised.value.path == broken and raised.value.line == 3
    assert _reaped(beside)


def test_a_child_whose_answer_is_not_used_is_stopped(beside: list[int]) -> None:
    """The engine fails first: the lint child is killed and reaped, not left behind."""
    with pytest.raises(RuntimeError, match="engine"), lint_beside.linting(
            [MISTAKES], _slow_landscape):
        raise RuntimeError("the engine failed")
    assert _reaped(beside)


def test_small_inputs_are_linted_in_the_process(tmp_path: Path) -> None:
    pids = []

    def landscape():
        from sgam_onto.landscape import load_landscape

        pids.append(os.getpid())
        return load_landscape()

    with lint_beside.linting([MISTAKES], landscape) as findings:
        assert findings()
    assert pids == [os.getpid()]


def _slow_landscape():
    import time

    time.sleep(30)
    raise AssertionError("the child should have been stopped")


@pytest.mark.parametrize("first", ["child", "process"])
def test_the_tags_are_read_once_by_whichever_is_free_first(
    beside: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, first: str
) -> None:
    """The child reads the language tags if it is done before the engine, else the process
    does; either way once, and the findings are those of the process alone."""
    import time

    from sgam_onto.landscape import load_landscape
    from sgam_onto.lint import lint_files, run

    expected = [(f.path.name, f.line, f.rule, f.message)
                for f in lint_files([MISTAKES], load_landscape())]
    assert any(rule == "lang-tag-case" for _n, _l, rule, _m in expected)
    readers = tmp_path / "readers"
    read = run.tag_findings

    def recorded(paths):
        with readers.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return read(paths)

    def landscape():
        if first == "process":
            time.sleep(1)  # in the child: the process asks for the tags first
        return load_landscape()

    monkeypatch.setattr(run, "tag_findings", recorded)
    with lint_beside.linting([MISTAKES], landscape) as findings:
        waited = 0.0
        while first == "child" and not readers.exists() and waited < 60:
            time.sleep(0.05)
            waited += 0.05
        found = findings()
    assert [(f.path.name, f.line, f.rule, f.message) for f in found] == expected
    reader = beside[0] if first == "child" else os.getpid()
    assert readers.read_text(encoding="utf-8").split() == [str(reader)]
    assert _reaped(beside)


@pytest.mark.parametrize("touched", [False, True])
def test_an_input_changed_while_the_child_read_it_is_linted_by_the_process(
    beside: list[int], tmp_path: Path, touched: bool
) -> None:
    """The child parses the inputs without checking their syntax again (the engine does): if
    an input's stamp changes before its answer is taken, the process lints it itself."""
    from sgam_onto.landscape import load_landscape
    from sgam_onto.lint import lint_files

    copy = tmp_path / "mistakes.ttl"
    copy.write_bytes(MISTAKES.read_bytes())
    expected = lint_files([copy], load_landscape())
    parent, here = os.getpid(), []

    def landscape():
        if os.getpid() == parent:
            here.append(parent)
        elif touched:  # in the child, while it reads the file: a save by an editor
            stamp = copy.stat().st_mtime_ns + 10**9
            os.utime(copy, ns=(stamp, stamp))
        return load_landscape()

    with lint_beside.linting([copy], landscape) as findings:
        found = findings()
    assert found == expected
    assert here == ([parent] if touched else [])
    assert _reaped(beside)
