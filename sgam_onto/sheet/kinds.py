"""The kinds of ``kinds.toml``, read once into typed records."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sgam_onto.namespace import ID_BASE

KINDS_FILE = Path(__file__).with_name("kinds.toml")
IRI_COLUMN = "@id"


@dataclass(frozen=True)
class Column:
    """One column: its header, the property it holds (a prefixed name) and how cells read."""

    header: str
    path: str
    value: str = "iri"
    many: bool = False
    choices: str | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    segment: str
    cls: str
    columns: tuple[Column, ...]

    @property
    def namespace(self) -> str:
        return f"{ID_BASE}{self.segment}/"

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@cache
def kinds() -> dict[str, Kind]:
    """Every kind by name, in the order of the file."""
    raw = tomllib.loads(KINDS_FILE.read_text(encoding="utf-8"))
    return {
        name: Kind(name, spec["segment"], spec["class"],
                   tuple(Column(**column) for column in spec["columns"]))
        for name, spec in raw.items()
    }
