"""Replace a file so that readers see either the old bytes or the new ones, never a mix.

The new content goes to a temporary file in the same directory (same file system, so the
final rename is atomic), is flushed to disk, and only then renamed over the target. On any
failure the target is untouched and the temporary file is removed.

A process killed between the write and the rename cannot remove its temporary file, so the
name carries the writer's process id (``.NAME.sgam-PID-RANDOM.tmp``): the next write to the
same target removes those whose writer no longer runs. A target whose permission bits deny
the user writing is refused, even to root, which the system would let through: a read-only
file is the owner saying "do not change this".
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

_TEMP = re.compile(r"\.(?P<name>.+)\.sgam-(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.tmp")


def atomic_write(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks produced while serializing) to ``path`` atomically.

    A new file gets the permissions a plain ``open(path, "w")`` would give it; an existing
    file keeps its permission bits.
    """
    from sgam_onto.io.confine import check_inside

    check_inside(path)  # a link out of the working tree is not written through
    path = Path(os.path.realpath(path))  # replace a symlink's target, not the link
    directory = path.parent
    refuse_read_only(path)
    mode = _target_mode(path)
    remove_stale_temporaries(path)
    fd, tmp_name = tempfile.mkstemp(
        dir=directory, prefix=f".{path.name}.sgam-{os.getpid()}-", suffix=".tmp"
    )
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


def refuse_read_only(path: Path) -> None:
    """PermissionError if the permission bits of an existing ``path`` deny the user writing.

    The bits are read, not ``os.access``, which answers yes to root for every file.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    uid = os.geteuid() if hasattr(os, "geteuid") else -1
    if uid == info.st_uid:
        allowed = info.st_mode & stat.S_IWUSR
    elif uid == 0:  # root, not the owner: any write bit will do
        allowed = info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    elif info.st_gid in _groups():
        allowed = info.st_mode & stat.S_IWGRP
    else:
        allowed = info.st_mode & stat.S_IWOTH
    if not allowed:
        raise PermissionError(errno.EACCES, "the file is read-only (its permission bits deny "
                              "writing); make it writable first", str(path))


def _groups() -> set[int]:
    try:
        return {os.getegid(), *os.getgroups()}
    except (AttributeError, OSError):
        return set()


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files an interrupted write to ``path`` left; the removed ones.

    Only regular files named by this writer for this target, whose writing process is gone
    (a live one may be writing right now), and owned by the user.
    """
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.sgam-*.tmp"))
    except OSError:
        return removed
    for left in candidates:
        match = _TEMP.fullmatch(left.name)
        if match is None or match.group("name") != path.name:
            continue
        if _running(int(match.group("pid"))):
            continue
        try:
            info = left.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                left.unlink()
                removed.append(left)
        except OSError:
            continue
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave the file alone
    return True


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
