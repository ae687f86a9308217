"""Where the ontology, shapes and queries live, in a source checkout and in a wheel.

A source checkout keeps them at the repository root, next to the package; a wheel ships them
as ``sgam_onto/_resources/<name>``. ``SGAM_ONTO_ROOT`` points at another root holding the same
directories (used by tests and by anyone checking a fork of the data).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "SGAM_ONTO_ROOT"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    override = os.environ.get(ROOT_ENV)
    if override:
        return Path(override) / name
    installed = _PACKAGE_DIR / "_resources" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def ontology_dir() -> Path:
    return _resource_dir("ontology")


def shapes_dir() -> Path:
    return _resource_dir("shapes")


def queries_dir() -> Path:
    return _resource_dir("queries")


DOMAIN_MODULE = "sgam.ttl"


def module_files() -> list[Path]:
    """The ontology modules: the domain (sgam.ttl) and each document layer beside it.

    A document layer (srd.ttl for IEC SRD 63268:2020, another file for a later edition or a
    national extension) imports the domain; loading every top-level file resolves those
    ``owl:imports`` to the local copies, so nothing is ever fetched.
    """
    onto = ontology_dir()
    # sgam.ttl is listed even when missing, so loading names the file instead of going quiet.
    domain = onto / DOMAIN_MODULE
    return [domain, *sorted(p for p in onto.glob("*.ttl") if p != domain)]


def landscape_files() -> list[Path]:
    """The ontology modules, the concept schemes and the instance data, without alignments."""
    onto = ontology_dir()
    files = module_files()
    files += sorted((onto / "schemes").glob("*.ttl"))
    files += sorted((onto / "data").glob("*.ttl"))
    return sorted(files)


def alignment_files() -> list[Path]:
    """Mappings to external vocabularies, kept apart so the core loads without them."""
    return sorted((ontology_dir() / "alignments").glob("*.ttl"))
