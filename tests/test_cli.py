"""The command line as a user meets it: exit codes, stderr, no tracebacks, fast start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import sgam_onto.commands.reason
from sgam_onto import __version__
from sgam_onto.cli import build_parser, main

from .conftest import LANDSCAPE_ROOT


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "SGAM_ONTO_ROOT": str(LANDSCAPE_ROOT), **env}
    full_env.pop("SGAM_ONTO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "sgam_onto", *args], env=full_env, capture_output=True, text=True
    )


def test_version(capsys: pytest.CaptureFixture) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"sgam-onto {__version__}\n"


def test_unknown_option_exits_2(capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "--no-such-option"]) == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_no_command_exits_2(capsys: pytest.CaptureFixture) -> None:
    assert main([]) == 2
    assert "required: COMMAND" in capsys.readouterr().err


def test_every_command_module_is_a_subcommand() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"check", "fmt", "reason"} <= set(commands)


def test_syntax_error_in_a_subprocess(fixtures: Path) -> None:
    bad = fixtures / "syntax-error.ttl"
    done = _run("check", str(bad))
    assert done.returncode == 2
    assert f"{bad}:4:16: A dot is expected at the end of statements\n" in done.stderr
    assert "Traceback" not in done.stderr


def test_unexpected_errors_are_one_line(monkeypatch, capsys: pytest.CaptureFixture) -> None:
    def broken(args) -> int:
        raise RuntimeError("something odd")

    monkeypatch.setattr(sgam_onto.commands.reason, "run", broken)
    monkeypatch.delenv("SGAM_ONTO_DEBUG", raising=False)
    assert main(["reason"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "sgam-onto: unexpected error: RuntimeError: something odd "
        "(set SGAM_ONTO_DEBUG=1 to see where)\n"
    )


def test_startup_does_not_import_heavy_engines() -> None:
    code = (
        "import sys, sgam_onto.cli as c; c.build_parser(); "
        "heavy = {'owlready2', 'pyshacl', 'rdflib', 'pyoxigraph'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
