"""Start `sgam-onto serve` as a real process on a free port, and stop it by its process id."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def running_server(site: Path, *extra: str) -> Iterator[str]:
    """Yield the base URL of `sgam-onto serve --site SITE --port 0 EXTRA...`."""
    command = [
        sys.executable,
        "-m",
        "sgam_onto",
        "serve",
        "--site",
        str(site),
        "--port",
        "0",
        *extra,
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("http://127.0.0.1:"):
            process.kill()
            _, err = process.communicate(timeout=10)
            raise RuntimeError(f"sgam-onto serve did not start: {line!r} {err}")
        url = line.strip()
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "style.css", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
