"""Time sgam-onto validation: the landscape alone and with the example contributions."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sgam_onto.landscape import load_landscape
from sgam_onto.validate import render, validate_files, validate_graph, validate_landscape
from sgam_onto.validate.shapes import load_shapes


def timed(label, fn, n=7):
    fn()  # warm up (imports, shape loading, query preparation)
    runs, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(
        f"{label:55s} wall min {min(runs):6.3f} s median {statistics.median(runs):6.3f} s | cpu min {min(cpu):6.3f} s (n={n})"
    )


land = load_landscape()
print(
    f"landscape: {len(land.files)} files, {len(land.graph)} triples; shapes: {len(load_shapes())} triples"
)
good, bad = ROOT / "examples/valid-contribution.ttl", ROOT / "examples/invalid-contribution.ttl"
timed("validate_landscape(landscape)  [engine only]", lambda: validate_landscape(land))
timed("validate_files([])  [load + validate]", lambda: validate_files([]))
timed("validate_files([valid example])", lambda: validate_files([good]))
timed(
    "validate_files([invalid example]) + text report", lambda: render(validate_files([bad]), "text")
)
timed(
    "pyshacl only, no native path (reference), landscape",
    lambda: validate_graph(land.graph, native=False),
    n=3,
)
for args in ([], [str(good)], [str(bad)]):
    import resource

    runs, cpu = [], []
    for _ in range(5):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv/bin/sgam-onto"), "validate", *args], cwd=ROOT, capture_output=True
        )
        runs.append(time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    label = "CLI sgam-onto validate " + " ".join(Path(a).name for a in args)
    print(
        f"{label:55s} wall min {min(runs):6.3f} s median {statistics.median(runs):6.3f} s | cpu min {min(cpu):6.3f} s (n=5)"
    )
