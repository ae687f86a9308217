"""What `diff` compares: a directory holding `ontology/`, or a git revision of this repository.

A revision is read with `git archive`, never by checking it out, so the user's work tree and
index stay exactly as they were.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sgam_onto import paths
from sgam_onto.errors import SgamError

ONTOLOGY = "ontology"


@dataclass(frozen=True)
class Side:
    """One side of a comparison: what the user named, and the ontology folder it resolved to."""

    spec: str
    ontology: Path

    def files(self) -> list[Path]:
        """The modules, schemes, data and alignments, as a landscape loads them."""
        return paths.landscape_files(self.ontology) + paths.alignment_files(self.ontology)


@contextmanager
def resolve(spec: str, cwd: Path | None = None) -> Iterator[Side]:
    """Yield the side ``spec`` names; a revision lives in a temporary folder until the end."""
    here = Path(cwd or Path.cwd())
    path = here / spec
    if path.is_dir():
        onto = path if path.name == ONTOLOGY and (path / "sgam.ttl").is_file() else path / ONTOLOGY
        if not (onto / "sgam.ttl").is_file():
            raise SgamError(f"diff: {spec}: no {ONTOLOGY}/sgam.ttl in this directory")
        yield Side(spec, onto)
        return
    top = _git(here, "rev-parse", "--show-toplevel")
    if top is None:
        raise SgamError(f"diff: {spec} is neither a directory nor a git revision (no repository)")
    commit = _git(here, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if commit is None:
        raise SgamError(f"diff: {spec} is neither a directory nor a git revision of {top}")
    archive = subprocess.run(
        ["git", "-C", top, "archive", "--format=tar", commit, ONTOLOGY],
        capture_output=True, check=False,
    )
    if archive.returncode != 0:
        raise SgamError(f"diff: revision {spec} has no {ONTOLOGY}/ folder")
    with tempfile.TemporaryDirectory(prefix="sgam-onto-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield Side(spec, Path(tmp) / ONTOLOGY)


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True)
    except FileNotFoundError:  # no git on this machine: only directories can be compared
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None
