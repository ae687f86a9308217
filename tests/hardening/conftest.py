"""Fixtures for hostile input: a canary HTTP server on loopback that records every request,
a secret file whose content must never show up anywhere, and a way to run the CLI in a
subprocess (optionally under strace, to see every file it opens and every connection it makes).
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE_ROOT = REPO / "tests" / "fixtures" / "landscape"


@dataclass
class Canary:
    """A loopback HTTP server that answers everything and remembers every request."""

    url: str
    port: int
    hits: list[str] = field(default_factory=list)


class _Handler(http.server.BaseHTTPRequestHandler):
    canary: Canary

    def _answer(self) -> None:
        self.canary.hits.append(f"{self.command} {self.path}")
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}} CANARY-BODY'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canary() -> Iterator[Canary]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = server.server_address[1]
    record = Canary(f"http://127.0.0.1:{port}", port)
    _Handler.canary = record
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Secret:
    path: Path
    token: str

    @property
    def iri(self) -> str:
        return self.path.as_uri()


@pytest.fixture
def secret(tmp_path_factory: pytest.TempPathFactory) -> Secret:
    """A file outside every input; its token must never appear in any output."""
    token = f"SECRET-{uuid.uuid4().hex}"
    folder = tmp_path_factory.mktemp("secret")
    path = folder / "secret.ttl"
    path.write_text(f'<http://example.org/s> <http://example.org/p> "{token}" .\n')
    return Secret(path, token)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    trace: str = ""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def sgam(
    *args: str, cwd: Path, root: Path | None = FIXTURE_ROOT, trace: bool = False,
    env: dict[str, str] | None = None, timeout: float = 180,
) -> Run:
    """Run ``sgam-onto ARGS`` in a subprocess; with ``trace``, under strace (files, network)."""
    environment = {**os.environ, **(env or {})}
    environment.pop("SGAM_ONTO_DEBUG", None)
    if root is not None:
        environment["SGAM_ONTO_ROOT"] = str(root)
    command = [sys.executable, "-m", "sgam_onto", *args]
    log = cwd / f".strace-{uuid.uuid4().hex}.log"
    if trace:
        command = ["strace", "-f", "-qq", "-e", "trace=open,openat,openat2,connect,execve",
                   "-o", str(log), *command]
    done = subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout
    )
    text = ""
    if trace:
        text = log.read_text(errors="replace")
        log.unlink()
    return Run(done.returncode, done.stdout, done.stderr, text)


def strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-qq", "-e", "trace=openat", "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


needs_strace = pytest.mark.skipif(
    not strace_works(), reason="strace is missing or not permitted here (ptrace)"
)
