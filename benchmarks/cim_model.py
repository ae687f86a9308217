"""Load time of a CGMES model of about a million triples: the CIM loader against pyoxigraph.

Not a test: run it by hand and read the table it prints.

    .venv/bin/python benchmarks/cim_model.py [--triples 1000000] [--cim 100|16] [--repeat 3]

The model is PowSyBl's IEEE 118-bus case exported as CGMES (3.0 by default), tiled: every tile
is a copy of the whole network with renamed identifiers (UUIDs re-derived per tile, other IDs
prefixed and made NCNames, since pyoxigraph refuses others such as ``_default+region_GR``),
and the tiles of each profile (EQ, SSH, TP, SV) are written into one file under the first
tile's md:FullModel header. Timed, best of --repeat:

* ``load_cim``: sgam-onto's loader into a new in-memory store (identifiers resolved);
* ``pyoxigraph``: ``Store().bulk_load`` of the same files as plain RDF/XML with a base IRI
  (the identifiers are left as ``BASE#_<id>``, which is what the loader exists to fix);
* ``sgam-onto model``: the whole command on the files, where the installed package has it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from sgam_onto.cim.load import load_cim  # noqa: E402

PROFILES = ("EQ", "SSH", "TP", "SV")
TILE_NAMESPACE = uuid.UUID("1b0f5c52-6f0e-4f57-9d55-3c1c0e3a2b18")
_REFERENCE = re.compile(r'(rdf:(?:ID|about|resource))="(#?)([^"]*)"')
_UUID = re.compile(r"[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}")
_NOT_NAME = re.compile(r"[^\w.-]")  # so that pyoxigraph can read the same files
BASE = "http://example.org/cgmes-model"


def export_ieee118(folder: Path, cim: str) -> dict[str, Path]:
    """PowSyBl's IEEE 118 case as CGMES files, one per profile."""
    import pypowsybl.network as pn

    pn.create_ieee118().save(str(folder / "ieee118"), format="CGMES",
                             parameters={"iidm.export.cgmes.cim-version": cim})
    return {p: folder / f"ieee118_{p}.xml" for p in PROFILES}


def renamed(text: str, tile: int) -> str:
    """The document with every object identifier made unique to ``tile``."""

    def fresh(value: str) -> str:
        return str(uuid.uuid5(TILE_NAMESPACE, f"{tile}:{value.lower()}"))

    def sub(match: re.Match[str]) -> str:
        attribute, hash_, value = match.groups()
        if value.startswith(("http:", "https:")):
            return match.group(0)  # enumeration values and other vocabulary terms
        if value.startswith("urn:uuid:"):
            return f'{attribute}="urn:uuid:{fresh(value[9:])}"'
        core = value[1:] if value.startswith("_") else value
        new = f"_{fresh(core)}" if _UUID.fullmatch(core) else f"_t{tile}-{_NOT_NAME.sub('-', core)}"
        return f'{attribute}="{hash_}{new}"'

    return _REFERENCE.sub(sub, text)


def tiled(sources: dict[str, Path], folder: Path, tiles: int) -> list[Path]:
    """One file per profile: the first tile's header, then every tile's objects."""
    out = []
    for profile, source in sources.items():
        text = source.read_text(encoding="utf-8")
        head_end = text.index("</md:FullModel>") + len("</md:FullModel>")
        tail = text.rindex("</rdf:RDF>")
        body = text[head_end:tail]
        target = folder / f"tiled_{profile}.xml"
        with target.open("w", encoding="utf-8") as handle:
            handle.write(text[:head_end])
            for tile in range(tiles):
                handle.write(renamed(body, tile))
            handle.write(text[tail:])
        out.append(target)
    return out


def best(run: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs, and the result.

    CPU time (of every thread of this process) is the figure to compare on a shared machine:
    waiting for a core counts in wall-clock time only.
    """
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def plain_pyoxigraph(files: list[Path]) -> int:
    store = ox.Store()
    for path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.RDF_XML, base_iri=BASE)
    return len(store)


def loader(files: list[Path]) -> int:
    store = ox.Store()
    load_cim(files, store)
    return len(store)


def model_command(files: list[Path]) -> float | None:
    """Seconds of `sgam-onto model FILE...`, or None where the command does not exist."""
    command = [sys.executable, "-m", "sgam_onto", "model", *map(str, files)]
    probe = subprocess.run([*command[:4], "--help"], capture_output=True, cwd=ROOT)
    if probe.returncode != 0:
        return None
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"sgam-onto model failed: {done.stderr.decode()[-400:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--cim", choices=("100", "16"), default="100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the tiled files here and keep them")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cim-bench-"))
    try:
        sources = export_ieee118(work, args.cim)
        one = loader(list(sources.values()))
        tiles = max(1, round(args.triples / one))
        folder = args.keep or work
        folder.mkdir(parents=True, exist_ok=True)
        files = tiled(sources, folder, tiles)
        size = sum(f.stat().st_size for f in files)
        w_loader, c_loader, n_loader = best(lambda: loader(files), args.repeat)
        w_plain, c_plain, n_plain = best(lambda: plain_pyoxigraph(files), args.repeat)
        t_model = model_command(files)
        print(f"IEEE 118, CGMES cim{args.cim}: {tiles} tiles, {len(files)} files, "
              f"{size / 1e6:.1f} MB; best of {args.repeat}, wall-clock and CPU seconds")
        print(f"  load_cim        {w_loader:6.2f} s {c_loader:6.2f} s CPU {n_loader:>9,} triples")
        print(f"  pyoxigraph      {w_plain:6.2f} s {c_plain:6.2f} s CPU {n_plain:>9,} triples")
        print(f"  ratio           {w_loader / w_plain:6.2f} x {c_loader / c_plain:6.2f} x CPU")
        print("  sgam-onto model " + ("(not available)" if t_model is None
                                       else f"{t_model:6.2f} s (one run, wall-clock)"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
