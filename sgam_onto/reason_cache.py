"""A cache of HermiT's verdict keyed by the content hash of everything the reasoner reads.

HermiT costs seconds of JVM time; the landscape rarely changes between two `check` runs.
The key covers the bytes of every input file, the stamped version and the reasoner's own
version, so a changed input can never be answered from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from importlib.metadata import version as package_version
from pathlib import Path

from sgam_onto.io.atomic import atomic_write
from sgam_onto.reason import ReasonerResult

FORMAT = 2  # 2: HermiT runs with strict datatypes


def cache_dir() -> Path:
    """SGAM_ONTO_CACHE, else $XDG_CACHE_HOME/sgam-onto, else ~/.cache/sgam-onto."""
    explicit = os.environ.get("SGAM_ONTO_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sgam-onto"


def cache_key(files: list[Path], version: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"format {FORMAT}\nversion {version}\n".encode())
    digest.update(f"owlready2 {package_version('owlready2')}\n".encode())
    for path in files:
        data = Path(path).read_bytes()
        digest.update(f"{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def load(key: str) -> ReasonerResult | None:
    path = cache_dir() / "reasoner" / f"{key}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return ReasonerResult(
            consistent=raw["consistent"],
            inferred={k: frozenset(v) for k, v in raw["inferred"].items()},
            unsatisfiable=frozenset(raw["unsatisfiable"]),
            explanation=raw["explanation"],
            seconds=0.0,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(key: str, result: ReasonerResult) -> None:
    """Best effort: an unwritable cache only costs the next run its HermiT time."""
    raw = asdict(result)
    raw["inferred"] = {k: sorted(v) for k, v in result.inferred.items()}
    raw["unsatisfiable"] = sorted(result.unsatisfiable)
    path = cache_dir() / "reasoner" / f"{key}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(raw, sort_keys=True, indent=1).encode())
    except OSError:
        pass
