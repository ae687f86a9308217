"""N-Triples loaded whole by the bulk loader: long lines found without splitting, and large
stores left to the operating system at exit (blank nodes per file: see test_direct)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from sgam_onto.stores.direct import line_over

ROOT = Path(__file__).resolve().parents[2]


def test_line_over_agrees_with_measuring_every_line() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        data = b"".join(rng.choice([b"a", b"\n", b"bcd", b"\n\n"])
                        for _ in range(rng.randint(0, 80)))
        limit = rng.randint(0, 20)
        longest = max((len(line) for line in data.split(b"\n")), default=0)
        assert line_over(data, limit) == (longest > limit), (data, limit)


KEEP = """
import gc, sys
import pyoxigraph as ox
from sgam_onto.stores.direct import KEEP_TRIPLES, keep_until_exit
size = KEEP_TRIPLES if sys.argv[1] == "large" else 10
store = ox.Store()
store.bulk_extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"),
                          ox.NamedNode("http://example.org/p"), ox.Literal(i), ox.DefaultGraph())
                  for i in range(size))
keep_until_exit(store)
print(gc.get_freeze_count() > 0)
"""


def test_only_a_large_store_is_left_to_the_operating_system() -> None:
    """In a process of its own: freezing is for a command about to exit, never a test run."""
    frozen = {}
    for size in ("small", "large"):
        done = subprocess.run([sys.executable, "-c", KEEP, size], capture_output=True,
                              text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, check=True)
        frozen[size] = done.stdout.strip()
    assert frozen == {"small": "False", "large": "True"}
