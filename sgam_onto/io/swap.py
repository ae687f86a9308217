"""Put a fully built directory in place of another, so readers see the old one or the new one.

On Linux the two directories are exchanged in one ``renameat2(RENAME_EXCHANGE)`` call: there is
no moment without the target. Elsewhere (or on a file system that refuses the exchange) the old
directory is first renamed aside, then the new one renamed in; a crash between the two leaves
the old directory beside the target as ``.NAME.*.old``, which ``recover`` puts back.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def replace_directory(new: Path, target: Path) -> None:
    """Make ``new`` (a sibling of ``target``) the ``target`` directory; the old one is removed."""
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now names the old directory
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """Put back the old directory of a swap that was cut off between its two renames."""
    if target.exists():
        return
    left = sorted(target.parent.glob(f".{target.name}.*.old"))
    if left:
        os.replace(left[-1], target)


def sibling(target: Path, suffix: str) -> Path:
    """A new empty directory beside ``target`` (same file system, so renames are atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent))


def remove_siblings(target: Path, suffix: str) -> None:
    """Remove what an interrupted build left beside ``target``."""
    for left in target.parent.glob(f".{target.name}.*{suffix}"):
        with contextlib.suppress(OSError):
            shutil.rmtree(left)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
