"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit in a scratch repository.

pre-commit would build a virtual environment for `language: python` hooks by installing this
package from its repository; here the same hooks (id, entry, args, file patterns, all read from
the shipped file) run as `language: system` against the installed `sgam-onto`, so the test
exercises the definitions without a network install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sgam_onto import paths

REPO_ROOT = Path(__file__).resolve().parents[2]
HOOKS_FILE = REPO_ROOT / ".pre-commit-hooks.yaml"
EXAMPLE = REPO_ROOT / "examples" / "valid-contribution.ttl"

pytest.importorskip("pre_commit", reason="pre-commit is a dev dependency: pip install -e '.[dev]'")


def _local_config(hooks: list[dict]) -> str:
    local = [{**hook, "language": "system"} for hook in hooks]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, sort_keys=False)


def _run(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(args), cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "contrib"
    shutil.copytree(paths.ontology_dir(), root / "ontology")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    (root / ".pre-commit-config.yaml").write_text(_local_config(hooks), encoding="utf-8")
    for step in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                 ["git", "commit", "-q", "-m", "landscape", "--no-verify"],
                 ["git", "checkout", "-q", "-b", "contribution"],
                 [sys.executable, "-m", "pre_commit", "install"]):
        done = _run(root, *step, env=env)
        assert done.returncode == 0, done.stderr
    return root, env


def test_the_hooks_file_names_three_hooks_of_the_cli() -> None:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["sgam-onto-validate", "sgam-onto-fmt", "sgam-onto-diff"]
    assert all(h["entry"].startswith("sgam-onto ") for h in hooks)


def test_a_commit_is_stopped_until_the_turtle_is_formatted_then_the_diff_is_shown(
    repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = repo
    data = root / "ontology" / "data" / "contribution.ttl"
    # The shipped example, with its statements run together: valid, but not in canonical form.
    data.write_text(EXAMPLE.read_text(encoding="utf-8").replace(" ;\n    ", " ; "), "utf-8")
    _run(root, "git", "add", "-A", env=env)
    refused = _run(root, "git", "commit", "-q", "-m", "item 27", env=env)
    assert refused.returncode != 0
    assert "sgam-onto fmt --check" in refused.stdout and "Failed" in refused.stdout
    assert "ontology/data/contribution.ttl" in refused.stdout

    assert _run(root, "sgam-onto", "fmt", str(data), env=env).returncode == 0
    _run(root, "git", "add", "-A", env=env)
    accepted = _run(root, "git", "commit", "-q", "-m", "item 27", env=env)
    assert accepted.returncode == 0, accepted.stdout
    assert "coordination item 27 added between IEC TC 13 and IEC TC 57 WG 21" in accepted.stdout
    assert "sgam-onto validate" in accepted.stdout and "Passed" in accepted.stdout


def test_a_contribution_that_breaks_a_shape_is_refused(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    broken = root / "ontology" / "data" / "extra.ttl"
    broken.write_text(
        "@prefix coordination: <https://w3id.org/sgam-onto/id/coordination/> .\n"
        "@prefix sgam: <https://w3id.org/sgam-onto#> .\n\n"
        "coordination:28\n    a sgam:CoordinationItem ;\n.\n",
        encoding="utf-8",
    )
    _run(root, "git", "add", "-A", env=env)
    refused = _run(root, "git", "commit", "-q", "-m", "bad", env=env)
    assert refused.returncode != 0
    assert "sgam-onto validate" in refused.stdout
    assert "extra.ttl" in refused.stdout
