"""CONTRIBUTING.md and examples/ work as written: every Turtle block of the guide and every
valid example pass `sgam-onto validate` and `sgam-onto check` with the landscape.

The blocks are read from the guide itself, so a block that stops conforming (a renamed term,
a shape that got stricter) fails here instead of in a contributor's hands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sgam_onto.cli import main

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "CONTRIBUTING.md"
EXAMPLES = ROOT / "examples"
_TURTLE_BLOCK = re.compile(r"^```turtle\n(.*?)^```$", re.S | re.M)


def turtle_blocks() -> list[str]:
    return _TURTLE_BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def _first_subject(block: str) -> str:
    return next(line for line in block.splitlines() if line and line[0].isalpha()
                and not line.startswith("@"))


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SGAM_ONTO_ROOT", raising=False)
    monkeypatch.chdir(ROOT)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_the_guide_has_a_block_for_each_kind_it_teaches() -> None:
    subjects = [_first_subject(b) for b in turtle_blocks()]
    assert subjects == [
        "body:iec-tc57-wg10",
        "standard:iec-61850-7-420",
        "interaction:nc2024-cem-to-aggregator",
        "source:curated-national-committee-proposal-2024",
        "coordination:nc2024-meter-data-cem",
    ]


@pytest.mark.parametrize("index", range(5), ids=lambda i: f"block-{i + 1}")
def test_each_turtle_block_validates_and_checks(
    index: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = turtle_blocks()[index]
    path = tmp_path / "snippet.ttl"
    path.write_text(block, encoding="utf-8")
    code, text = _run(capsys, "validate", str(path))
    assert code == 0, text
    assert text.startswith("0 violations, 0 warnings in 0 resources (conforms)")
    code, text = _run(capsys, "check", str(path))
    assert code == 0, text
    assert "result   passed" in text


def test_an_addition_in_the_guide_carries_no_srd_number() -> None:
    for block in turtle_blocks():
        subject = _first_subject(block)
        if subject.startswith(("coordination:", "interaction:")):
            assert not subject.split(":", 1)[1].isdigit(), subject
            assert "sgam:number" not in block, subject
            assert "source:curated-" in block, subject


@pytest.mark.parametrize(
    "example", sorted(p.name for p in EXAMPLES.glob("*.ttl") if not p.name.startswith("invalid"))
)
def test_every_valid_example_checks(example: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(capsys, "check", str(EXAMPLES / example))
    assert code == 0, text


def test_the_example_of_mistakes_fails_validation(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(capsys, "validate", str(EXAMPLES / "invalid-contribution.ttl"))
    assert code == 1, text
