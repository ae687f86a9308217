"""Real CGMES exports written by PowSyBl at test time (ENTSO-E files are never committed).

`export(name, version, folder)` writes the EQ, SSH, TP and SV files of one of PowSyBl's
shipped networks (MicroGrid BE, IEEE 14, IEEE 118) as CGMES 3.0 ("3") or 2.4.15 ("2").
"""

from __future__ import annotations

from pathlib import Path

import pytest

NETWORKS = ("microgrid-be", "ieee14", "ieee118")
VERSIONS = {"3": "100", "2": "16"}  # PowSyBl's cim-version parameter per CGMES version


def export(name: str, version: str, folder: Path) -> list[Path]:
    """Write the network as CGMES files in `folder`; the files, sorted."""
    pn = pytest.importorskip("pypowsybl.network", reason="pypowsybl is a test dependency")
    make = {
        "microgrid-be": pn.create_micro_grid_be_network,
        "ieee14": pn.create_ieee14,
        "ieee118": pn.create_ieee118,
    }[name]
    folder.mkdir(parents=True, exist_ok=True)
    make().save(str(folder / name), format="CGMES",
                parameters={"iidm.export.cgmes.cim-version": VERSIONS[version]})
    return sorted(folder.glob(f"{name}*.xml"))
