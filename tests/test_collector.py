"""The collector's oldest generation is walked less often inside a command, and only there."""

from __future__ import annotations

import gc

import pytest

from sgam_onto import collector


def test_full_collections_are_rarer_inside_the_block_and_as_before_after() -> None:
    before = gc.get_threshold()
    with collector.fewer_full_collections():
        inside = gc.get_threshold()
    assert inside[:2] == before[:2]
    assert inside[2] >= collector.FULL_EVERY > before[2]
    assert gc.get_threshold() == before


def test_the_threshold_comes_back_when_the_command_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector.fewer_full_collections():
        raise RuntimeError("the command failed")
    assert gc.get_threshold() == before


def test_validate_leaves_the_collector_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command raises the threshold while it works (seen from inside the engine) and
    gives the process back as it was: a test run keeps collecting as usual."""
    from sgam_onto.cli import main
    from sgam_onto.validate import api

    seen = []
    validate = api.validate

    def watched(*args, **kwargs):
        seen.append(gc.get_threshold()[2])
        return validate(*args, **kwargs)

    monkeypatch.setattr(api, "validate", watched)
    before = gc.get_threshold()
    assert main(["validate", "--no-lint"]) == 0
    assert seen == [max(before[2], collector.FULL_EVERY)]
    assert gc.get_threshold() == before
