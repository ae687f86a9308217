"""Real triple store servers on loopback for the tests and the benchmark.

Each server gets a private directory and free ports on 127.0.0.1, is polled until it answers
a SPARQL query, and is stopped (or killed, to simulate a crash) by its own process id.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sgam_onto.stores.layouts import Endpoint, resolve_endpoint

READY_TIMEOUT = 60.0


def _die_with_parent() -> None:
    """On Linux, have the kernel kill the server if the test process dies without stopping it."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_executable() -> str | None:
    """The `oxigraph` server next to this interpreter (the dev extra installs it), or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def virtuoso_executable() -> str | None:
    return shutil.which("virtuoso-t")


class Server:
    """A server process started on a private directory; restartable on the same data."""

    layout = ""
    user: str | None = None
    password: str | None = None

    def __init__(self, directory: Path) -> None:
        # Absolute, because the server runs with the directory as its working directory.
        self.directory = Path(directory).resolve()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> Endpoint:
        return resolve_endpoint(self.base_url, self.layout)

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> Server:
        log = (self.directory / "server.log").open("ab")
        self.process = subprocess.Popen(
            self.command(), cwd=self.directory, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
        )
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        url = self.endpoint.require("query") + "?query=ASK%7B%7D"
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.layout} exited with {self.process.returncode}: "
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.layout} did not answer within {READY_TIMEOUT:g} s")

    def log_tail(self) -> str:
        log = self.directory / "server.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    def kill(self) -> None:
        """Simulate a crash: SIGKILL, no chance to flush or finish a request."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def restart(self) -> None:
        """Start again on the same data and port (after stop or kill)."""
        self.stop()
        self.start()


class OxigraphServer(Server):
    layout = "oxigraph"

    def command(self) -> list[str]:
        exe = oxigraph_executable()
        if exe is None:
            raise RuntimeError("the oxigraph executable is missing: pip install -e '.[dev]'")
        return [exe, "serve", "--location", str(self.directory / "data"),
                "--bind", f"127.0.0.1:{self.port}"]


class VirtuosoServer(Server):
    """OpenLink Virtuoso open source with a private database; dba's password is the default."""

    layout = "virtuoso"
    user = "dba"
    password = "dba"  # a fresh database's; this instance only listens on loopback

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.sql_port = free_port()

    def command(self) -> list[str]:
        exe = virtuoso_executable()
        if exe is None:
            raise RuntimeError("virtuoso-t is missing: run scripts/install-system-deps.sh")
        ini = self.directory / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=self.directory, sql_port=self.sql_port,
                                           http_port=self.port))
        (self.directory / "www").mkdir(exist_ok=True)
        return [exe, "-c", str(ini), "+foreground"]


# Everything lives in the private directory; DirsAllowed limits server-side file access to it.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/www
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
; 0 turns both limits off: with a limit, Virtuoso refuses queries whose cost estimate (which
; grows with every graph other tests load) is high, and answers "anytime" queries with partial
; results when time runs out, which would make rows differ for reasons that are not the query's.
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""
