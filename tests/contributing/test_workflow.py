"""The reusable GitHub Actions workflow runs commands the command line really accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from sgam_onto.cli import build_parser

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "landscape-review.yml"
_EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}")


def _commands() -> list[list[str]]:
    """Every `sgam-onto` invocation of the workflow, with the inputs' defaults filled in."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    defaults = {k: v["default"] for k, v in workflow[True]["workflow_call"]["inputs"].items()}
    found = []
    for step in workflow["jobs"]["review"]["steps"]:
        for line in step.get("run", "").splitlines():
            line = _EXPRESSION.sub(lambda m: defaults[m.group(1)], line)
            for part in line.split("|"):
                words = shlex.split(part.split(">>")[0])
                if "sgam-onto" in words:
                    found.append(words[words.index("sgam-onto") + 1:] + ["example.ttl"] * (
                        words[0] == "xargs"))
    return found


def test_every_command_parses() -> None:
    commands = _commands()
    assert [c[0] for c in commands] == ["validate", "fmt", "diff"]
    parser = build_parser()
    for words in commands:
        parser.parse_args(words)  # exits (fails the test) on an option the CLI does not have


def test_the_diff_compares_the_base_branch_with_the_pull_request() -> None:
    (diff,) = [c for c in _commands() if c[0] == "diff"]
    assert diff == ["diff", "origin/main", "HEAD", "--format", "md"]
