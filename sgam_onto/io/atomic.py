"""Replace a file so that readers see either the old bytes or the new ones, never a mix.

The new content goes to a temporary file in the same directory (same file system, so the
final rename is atomic), is flushed to disk, and only then renamed over the target. On any
failure the target is untouched and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def atomic_write(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks produced while serializing) to ``path`` atomically.

    A new file gets the permissions a plain ``open(path, "w")`` would give it; an existing
    file keeps its permission bits.
    """
    path = Path(os.path.realpath(path))  # replace a symlink's target, not the link
    directory = path.parent
    mode = _target_mode(path)
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            if isinstance(data, bytes | bytearray | memoryview):
                tmp.write(data)
            else:
                for chunk in data:
                    tmp.write(chunk)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


def _target_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every platform lets a directory be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
