"""CGMES models exported at test time by PowSyBl, as grid operators exchange them.

pypowsybl ships ENTSO-E's MicroGrid BE conformity network and the IEEE 14 and 118 bus cases,
and writes CGMES 2.4.15 and 3.0. Nothing of them is committed (the ENTSO-E models carry no
redistribution grant): every session exports them into a temporary folder, one file per
profile (EQ, SSH, TP, SV) and the same files in one zip, as they are exchanged.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

NETWORKS = ("microgrid-be", "ieee14", "ieee118")
CGMES_VERSIONS = {"2.4.15": "16", "3.0": "100"}  # CGMES version -> PowSyBl's cim-version
PROFILES = ("EQ", "SSH", "TP", "SV")


@dataclass(frozen=True)
class Export:
    """One network written as one CGMES version: the profile files, their zip, and the
    network as PowSyBl holds it (``grid``: a ``pypowsybl.network.Network``)."""

    network: str
    cgmes: str
    files: tuple[Path, ...]
    zip: Path
    grid: Any

    @property
    def id(self) -> str:
        return f"{self.network}-cgmes{self.cgmes}"


def _create(network: str) -> Any:
    import pypowsybl.network as pn

    return {
        "microgrid-be": pn.create_micro_grid_be_network,
        "ieee14": pn.create_ieee14,
        "ieee118": pn.create_ieee118,
    }[network]()


def export(network: str, cgmes: str, folder: Path) -> Export:
    """Write ``network`` as CGMES ``cgmes`` into ``folder``: profile files and a zip of them."""
    grid = _create(network)
    folder.mkdir(parents=True, exist_ok=True)
    grid.save(str(folder / network), format="CGMES",
              parameters={"iidm.export.cgmes.cim-version": CGMES_VERSIONS[cgmes]})
    files = tuple(folder / f"{network}_{profile}.xml" for profile in PROFILES)
    missing = [f.name for f in files if not f.is_file()]
    assert not missing, f"PowSyBl did not write {missing}"
    bundle = folder / f"{network}.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.name)
    return Export(network, cgmes, files, bundle, grid)


@pytest.fixture(scope="session")
def cim_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Export]:
    """Every network in every CGMES version, keyed by (network, CGMES version)."""
    root = tmp_path_factory.mktemp("cgmes")
    return {
        (network, cgmes): export(network, cgmes, root / f"{network}-{cgmes}")
        for network in NETWORKS
        for cgmes in CGMES_VERSIONS
    }


@pytest.fixture(
    scope="session",
    params=[(n, c) for n in NETWORKS for c in CGMES_VERSIONS],
    ids=[f"{n}-cgmes{c}" for n in NETWORKS for c in CGMES_VERSIONS],
)
def cim_export(request: pytest.FixtureRequest, cim_exports: dict) -> Export:
    """Each exported model in turn."""
    return cim_exports[request.param]
