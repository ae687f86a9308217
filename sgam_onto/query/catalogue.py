"""The stored queries shipped in `queries/`: answers in `catalogue/`, checks in `checks/`."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

from sgam_onto.errors import SgamError
from sgam_onto.query.stored import StoredQuery, load_query

CHECK_SUFFIX = "-violation"


class Catalogue:
    """Stored queries under one `queries/` root (the package's own unless one is given)."""

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            from sgam_onto.paths import queries_dir

            root = queries_dir()
        self.root = Path(root)

    @property
    def catalogue_dir(self) -> Path:
        return self.root / "catalogue"

    @property
    def checks_dir(self) -> Path:
        return self.root / "checks"

    def names(self) -> list[str]:
        """Catalogue query names (file stems), sorted."""
        return sorted(p.stem for p in self._files(self.catalogue_dir, "*.rq"))

    def check_names(self) -> list[str]:
        """Violation check names (stems of `*-violation.rq`), sorted."""
        return sorted(p.stem for p in self._files(self.checks_dir, f"*{CHECK_SUFFIX}.rq"))

    def queries(self) -> list[StoredQuery]:
        """Every catalogue query, loaded and validated, by name."""
        return [self.load(name) for name in self.names()]

    def checks(self) -> list[StoredQuery]:
        """Every violation check, loaded and validated, by name."""
        return [_ours(self.checks_dir / f"{name}.rq") for name in self.check_names()]

    def load(self, name: str) -> StoredQuery:
        """Load a catalogue query (or a violation check) by name; suggest near names if unknown."""
        if name in self.names():
            return _ours(self.catalogue_dir / f"{name}.rq")
        if name in self.check_names():
            return _ours(self.checks_dir / f"{name}.rq")
        raise SgamError(self._unknown(name))

    def _unknown(self, name: str) -> str:
        known = self.names() + self.check_names()
        near = difflib.get_close_matches(name, known, n=5, cutoff=0.5)
        near += [k for k in known if name and name.lower() in k.lower() and k not in near][:5]
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        return f"unknown query {name!r}{hint} ('sgam-onto query --list' lists them)"

    @staticmethod
    def _files(folder: Path, pattern: str) -> list[Path]:
        return [p for p in folder.glob(pattern) if p.is_file()] if folder.is_dir() else []


def _ours(path: Path) -> StoredQuery:
    """A catalogue query: reviewed text with golden results and timings at a million triples.

    It runs without a worker process (``isolated=False``): forking over Oxigraph's memory
    store doubled its time, because the store writes to the pages it reads and the kernel then
    copies each of them. Text from anywhere else keeps the worker.
    """
    return replace(load_query(path), isolated=False)
