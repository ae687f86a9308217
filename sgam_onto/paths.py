"""Where the ontology, shapes and queries live: which landscape a command works on.

In order: ``SGAM_ONTO_ROOT`` (set by ``--landscape DIR``, and by tests), then the checkout the
user is working in (the nearest folder at or above the working directory holding
``ontology/sgam.ttl`` and ``shapes/``), then the package's own copy: a wheel ships it as
``sgam_onto/_resources/<name>``, a source checkout keeps it next to the package. Working in one
clone therefore never validates against, or reports locations in, another.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "SGAM_ONTO_ROOT"
_PACKAGE_DIR = Path(__file__).resolve().parent


def landscape_root() -> tuple[Path, str]:
    """The root folder of the landscape in use, and why it was chosen."""
    override = os.environ.get(ROOT_ENV)
    if override:
        return Path(override), ROOT_ENV
    checkout = checkout_root(Path.cwd())
    if checkout is not None:
        return checkout, "the checkout you are in"
    installed = _PACKAGE_DIR / "_resources"
    if installed.is_dir():
        return installed, "the installed package"
    return _PACKAGE_DIR.parent, "the package's checkout"


def checkout_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a landscape to work on."""
    for folder in (start, *start.parents):
        if is_landscape_root(folder):
            return folder
    return None


def is_landscape_root(folder: Path) -> bool:
    return (folder / "ontology" / "sgam.ttl").is_file() and (folder / "shapes").is_dir()


def use_landscape(folder: Path) -> None:
    """Work on the landscape in ``folder`` (``--landscape DIR``), here and in worker processes."""
    if not is_landscape_root(folder):
        from sgam_onto.errors import SgamError

        raise SgamError(f"--landscape {folder}: no ontology/sgam.ttl and shapes/ in that folder")
    os.environ[ROOT_ENV] = str(folder.resolve())


def _resource_dir(name: str) -> Path:
    return landscape_root()[0] / name


def ontology_dir() -> Path:
    return _resource_dir("ontology")


def shapes_dir() -> Path:
    return _resource_dir("shapes")


def queries_dir() -> Path:
    return _resource_dir("queries")


DOMAIN_MODULE = "sgam.ttl"


def module_files(onto: Path | None = None) -> list[Path]:
    """The ontology modules: the domain (sgam.ttl) and each document layer beside it.

    A document layer (srd.ttl for IEC SRD 63268:2020, another file for a later edition or a
    national extension) imports the domain; loading every top-level file resolves those
    ``owl:imports`` to the local copies, so nothing is ever fetched.
    """
    onto = onto or ontology_dir()
    # sgam.ttl is listed even when missing, so loading names the file instead of going quiet.
    domain = onto / DOMAIN_MODULE
    return [domain, *sorted(p for p in onto.glob("*.ttl") if p != domain)]


def landscape_files(onto: Path | None = None) -> list[Path]:
    """The ontology modules, the concept schemes and the instance data, without alignments
    (of ``onto``, else of the landscape in use)."""
    onto = onto or ontology_dir()
    files = module_files(onto)
    files += sorted((onto / "schemes").glob("*.ttl"))
    files += sorted((onto / "data").glob("*.ttl"))
    return sorted(files)


def alignment_files(onto: Path | None = None) -> list[Path]:
    """Mappings to external vocabularies, kept apart so the core loads without them."""
    return sorted(((onto or ontology_dir()) / "alignments").glob("*.ttl"))
