"""Symbolic links are not followed out of the working tree unless the user asks.

A path written inside the tree (the current directory or the project's root) that resolves,
through a symbolic link, to a file outside it is refused: a link dropped into a contribution
would otherwise make a command read, and echo in an error, any file the user can reach (a
credentials file), or make ``fmt`` rewrite it. A path the user writes outside the tree is an
explicit choice and is used as it is. ``--follow-symlinks`` (or ``SGAM_ONTO_FOLLOW_SYMLINKS=1``)
lifts the rule.
"""

from __future__ import annotations

import os
from pathlib import Path

from sgam_onto.errors import LoadError

FOLLOW_ENV = "SGAM_ONTO_FOLLOW_SYMLINKS"

_follow: bool | None = None


def set_follow(value: bool | None) -> None:
    """Follow links out of the tree (True), or not (False); None: as the environment says."""
    global _follow
    _follow = value


def following() -> bool:
    if _follow is not None:
        return _follow
    return os.environ.get(FOLLOW_ENV, "").strip().lower() in ("1", "true", "yes")


def trees() -> list[Path]:
    """The working tree: the current directory and the project's root, as written."""
    from sgam_onto import paths

    found = [Path(os.path.abspath(os.getcwd()))]
    found.append(Path(os.path.abspath(paths.ontology_dir().parent)))
    return found


def check_inside(path: str | Path) -> None:
    """Refuse ``path`` if it is written inside the tree but a link takes it outside."""
    if following():
        return
    written = Path(os.path.abspath(path))
    roots = trees()
    if not any(written.is_relative_to(root) for root in roots):
        return  # named outside the tree by the user
    real = Path(os.path.realpath(path))
    if any(real.is_relative_to(Path(os.path.realpath(root))) for root in roots):
        return
    raise LoadError(
        path, message="is a symbolic link to a file outside the working tree; it is not "
        "followed (pass --follow-symlinks to read it)"
    )
