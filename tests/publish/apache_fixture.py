"""A private Apache httpd (Debian's apache2) on a free loopback port, serving a copy of the
published site with its .htaccess, stopped by its process id."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.serve.server_fixture import stop, wait_until_up

MODULES = Path("/usr/lib/apache2/modules")
NEEDED = ("mpm_event", "authz_core", "dir", "mime", "rewrite", "headers", "env")


def apache() -> str | None:
    found = shutil.which("apache2") or (
        "/usr/sbin/apache2" if Path("/usr/sbin/apache2").exists() else None
    )
    if found is None or not all((MODULES / f"mod_{m}.so").exists() for m in NEEDED):
        return None
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_apache(site: Path) -> Iterator[str]:
    """Yield the base URL of Apache serving a world-readable copy of `site`."""
    executable = apache()
    assert executable is not None
    work = Path(tempfile.mkdtemp(prefix="sgam-onto-apache-"))
    try:
        root = work / "site"
        shutil.copytree(site, root)
        for path in [work, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        work.chmod(0o755)
        port = _free_port()
        user = "" if os.geteuid() else "User www-data\nGroup www-data\n"
        loads = "".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so\n" for m in NEEDED)
        (work / "httpd.conf").write_text(
            f"{loads}{user}ServerName 127.0.0.1\nListen 127.0.0.1:{port}\n"
            f"PidFile {work}/httpd.pid\nErrorLog {work}/error.log\nLogLevel warn\n"
            f"DefaultRuntimeDir {work}\nMutex file:{work} default\n"
            "TypesConfig /etc/mime.types\n"
            f'DocumentRoot "{root}"\n<Directory "{root}">\n  AllowOverride All\n'
            "  Require all granted\n</Directory>\n"
        )
        process = subprocess.Popen(
            [executable, "-f", str(work / "httpd.conf"), "-DFOREGROUND"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # it logs to error.log
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            if not wait_until_up(url, process):
                log_file = work / "error.log"
                log = log_file.read_text() if log_file.exists() else ""
                raise RuntimeError(f"apache did not start: {log[-2000:]}")
            yield url
        finally:
            stop(process, signal.SIGTERM)
    finally:
        shutil.rmtree(work, ignore_errors=True)
