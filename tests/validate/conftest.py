"""Validation outcomes shared by the tests of this package (validation takes about a second)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sgam_onto.validate import ValidationOutcome, validate_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def invalid_outcome() -> ValidationOutcome:
    """The contribution with mistakes, validated from the repository root (relative paths)."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        outcome = validate_files([Path("examples") / "invalid-contribution.ttl"])
        outcome.location(outcome.results[0].focus)  # scan the files while in ROOT
        return outcome
    finally:
        os.chdir(cwd)
