"""Input size, checked before a file is read: the file-size limit, and where the process has an
address-space cap (``ulimit -v``), the memory an input is estimated to need.

An input whose estimated cost (bytes of memory per byte of input, measured on the heaviest
command) does not fit in what is left is refused before it is read: an allocation failure
inside the Rust parser or store aborts the process, which no error handler can turn into a
message.
"""

from __future__ import annotations

import stat
from pathlib import Path

from sgam_onto.errors import LoadError
from sgam_onto.settings import ENV, LimitError, current, raise_hint, size_text


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file, refused before reading if it is larger than the limit
    (or reached through a symbolic link out of the working tree)."""
    from sgam_onto.io.confine import check_inside

    check_inside(path)
    limit = current().max_file_bytes
    try:
        info = path.stat()
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, message="not a regular file (devices and pipes are not read)")
    if info.st_size > limit:
        raise LimitError(
            path, message=f"file is {size_text(info.st_size)}; the limit is {size_text(limit)} "
            f"({raise_hint('max_file_bytes')})"
        )
    check_memory(info.st_size, path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
    if len(data) > limit:  # the file grew while being read
        raise LimitError(path, message=f"file is larger than the limit of {size_text(limit)}")
    return data


def check_data_size(data: bytes | str, path: Path | None) -> None:
    """In-memory input obeys the same size limit as a file."""
    limit = current().max_file_bytes
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise LimitError(
            path, message=f"input is {size_text(size)}; the limit is {size_text(limit)} "
            f"({raise_hint('max_file_bytes')})"
        )
    check_memory(size, path)


def check_memory(size: int, path: Path | None) -> None:
    """Refuse an input that would not fit in the address space left under a cap.

    Only a cap set on the process (``ulimit -v`` or ``-d``) is considered: without one the
    kernel's overcommit means an allocation does not fail, and guessing from free memory
    would refuse inputs that fit.
    """
    left = address_space_left()
    if left is None:
        return
    per_byte = current().memory_per_input_byte
    need = size * per_byte
    if need > left:
        raise LimitError(
            path, message=f"{size_text(size)} of input needs about {size_text(need)} of memory "
            f"({per_byte} bytes per input byte) but only {size_text(max(left, 0))} is left under "
            f"this process's memory limit (ulimit -v); raise the limit or split the input "
            f"({ENV['memory_per_input_byte']} sets the estimate)"
        )


def address_space_left() -> int | None:
    """Bytes that may still be mapped under RLIMIT_AS / RLIMIT_DATA, None without a cap."""
    import resource

    status = _proc_status()
    left: list[int] = []
    for limit, field_name in ((resource.RLIMIT_AS, "VmSize"), (resource.RLIMIT_DATA, "VmData")):
        soft, _hard = resource.getrlimit(limit)
        if soft != resource.RLIM_INFINITY and soft >= 0:
            left.append(soft - status.get(field_name, 0))
    return min(left) if left else None


def _proc_status() -> dict[str, int]:
    """Sizes from /proc/self/status in bytes (empty where /proc is not there)."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                name, _, value = line.partition(":")
                parts = value.split()
                if len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
                    found[name] = int(parts[0]) * 1024
    except OSError:
        pass
    return found
