"""Start `sgam-onto serve` as a real process on a free port, and stop it by its process id."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    """A running server: its URL and process id; `stderr` is filled in once it has stopped."""

    url: str
    pid: int
    stderr: str = ""

    def children(self) -> set[int]:
        """Process ids of the server's child processes (its query workers)."""
        found = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.pid:
                found.add(int(entry.name))
        return found


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> bool:
    """Whether the server at `url` answers (its style sheet) before `process` ends or time
    runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "style.css", timeout=5).read()
            return True
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.1)


def stop(process: subprocess.Popen, sig: int) -> None:
    """Stop `process` by its id: `sig` first, a kill if it does not end within 10 s."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def serving(site: Path, *extra: str) -> Iterator[Served]:
    """Run `sgam-onto serve --site SITE --port 0 EXTRA...` until the block ends."""
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
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        served = Served("", process.pid)
        try:
            line = process.stdout.readline() if process.stdout else ""
            if not line.startswith("http://127.0.0.1:"):
                process.kill()
                process.wait(10)
                err.seek(0)
                raise RuntimeError(f"sgam-onto serve did not start: {line!r} {err.read()}")
            served.url = line.strip()
            if not wait_until_up(served.url, process):
                raise RuntimeError(f"sgam-onto serve at {served.url} does not answer")
            yield served
        finally:
            stop(process, signal.SIGINT)
            if process.stdout:
                process.stdout.close()
            err.seek(0)
            served.stderr = err.read()


@contextmanager
def running_server(site: Path, *extra: str) -> Iterator[str]:
    """Yield the base URL of `sgam-onto serve --site SITE --port 0 EXTRA...`."""
    with serving(site, *extra) as served:
        yield served.url
