"""Time `sgam-onto validate`: the landscape alone and with the example contributions.

Usage: python benchmarks/validate_times.py [--runs 7]
Prints wall and CPU medians per case; not part of the unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sgam_onto.landscape import load_landscape
from sgam_onto.validate import validate_files, validate_landscape

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def timed(label: str, fn: Callable[[], object], runs: int) -> None:
    fn()  # warm up: imports, shape loading, query preparation
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(f"{label:45s} wall median {statistics.median(wall):6.3f} s   "
          f"cpu median {statistics.median(cpu):6.3f} s   (n={runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    land = load_landscape()
    timed("landscape, already loaded", lambda: validate_landscape(land), runs)
    timed("load + validate, landscape alone", lambda: validate_files([]), runs)
    for name in ("valid-contribution.ttl", "invalid-contribution.ttl"):
        timed(f"load + validate, with {name}", lambda n=name: validate_files([EXAMPLES / n]), runs)


if __name__ == "__main__":
    main()
