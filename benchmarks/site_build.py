"""Measure `sgam-onto publish`: build time and the size of the site (not a test).

    python benchmarks/site_build.py [--runs 3]

Each run is a fresh process (`python -m sgam_onto publish --out TMP`), timed from start to
exit, so the figure includes interpreter start and loading the landscape. Prints JSON: the
wall-clock seconds of each run and their median, the number of files and bytes of the site,
bytes by file type, and whether every run produced the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _digest(site: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    seconds, digests = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            out = Path(tmp) / f"site{i}"
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "sgam_onto", "publish", "--out", str(out)],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            seconds.append(round(time.perf_counter() - started, 2))
            digests.append(_digest(out))
        files = [p for p in (Path(tmp) / "site0").rglob("*") if p.is_file()]
        by_type: Counter[str] = Counter()
        for p in files:
            by_type[p.suffix or p.name] += p.stat().st_size
    print(
        json.dumps(
            {
                "runs": args.runs,
                "seconds": seconds,
                "median_seconds": statistics.median(seconds),
                "files": len(files),
                "bytes": sum(by_type.values()),
                "bytes_by_type": dict(sorted(by_type.items(), key=lambda kv: -kv[1])),
                "identical_runs": len(set(digests)) == 1,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
