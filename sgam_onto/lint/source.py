"""The statements and lines of one linted file, read as a stream so that a file of a million
triples never sits in memory as Python objects.

A file up to ``WHOLE_BYTES`` passes the project's strict syntax gate (``rdf.parse``) whole and
its statements are kept for the second pass; a larger one is parsed twice from disk by
Oxigraph's streaming parser, with the gate's errors (FILE:LINE:COL, size limit) kept. The
second parse of a file unchanged since the first passed skips checking IRIs and language tags
again (Oxigraph's lenient mode, which gives the same statements for valid input in half the
time); so does the first, for a caller that has parsed the file strictly itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from sgam_onto import settings
from sgam_onto.errors import LoadError
from sgam_onto.rdf.guard_size import check_memory, read_bounded
from sgam_onto.rdf.parse import BOM, excerpted, format_for, one_line, parse_file

WHOLE_BYTES = 8 * 1024 * 1024  # a hand-written contribution is far smaller
Stamp = tuple[int, int]  # a file's size and modification time
# Formats whose lenient parse is checked against the strict one on the W3C suites' valid inputs.
_LENIENT = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES)
_POSITION_PREFIX = re.compile(r"^Parser error (?:at|between) [^:]*:\s*")


class Source:
    """One file to lint: its statements (as often as asked) and the prefixes it declared."""

    def __init__(self, path: Path, checked: Stamp | None = None) -> None:
        """``checked``: the stamp of the file when a strict parse of it passed elsewhere (the
        caller vouches for that parse, and for the file keeping the stamp to the end)."""
        self.path = path
        self.prefixes: dict[str, str] = {}
        self._kept: list[ox.Quad] | None = None
        self._streamed = False
        self._passed = checked  # the stamp of the bytes a strict parse passed

    def quads(self) -> Iterator[ox.Quad]:
        """Every statement; the first call gates the file (LoadError on a bad one)."""
        if self._kept is not None:
            return iter(self._kept)
        if not self._streamed and not self._large():
            parsed = parse_file(self.path)
            self.prefixes = dict(parsed.prefixes)
            self._kept = parsed.quads
            return iter(self._kept)
        self._streamed = True
        return self._stream()

    def size(self) -> int:
        """Bytes on disk (0 if unknown: reading it names the problem)."""
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def _large(self) -> bool:
        size = self.size()
        if size > settings.current().max_file_bytes:
            read_bounded(self.path)  # raises the limit's own error before reading
        large = size > WHOLE_BYTES and self.path.is_file()
        if large:  # the gate's estimate, kept so that every command refuses the same inputs
            check_memory(size, self.path)
        return large

    def _stream(self) -> Iterator[ox.Quad]:
        from sgam_onto.io.confine import check_inside

        fmt = format_for(self.path)
        check_inside(self.path)  # as the gate: no symbolic link out of the working tree
        stamp = file_stamp(self.path)
        try:
            with self.path.open("rb") as handle:
                if handle.read(len(BOM)) != BOM:
                    handle.seek(0)
                lenient = fmt in _LENIENT and stamp is not None and stamp == self._passed
                parser = ox.parse(handle, format=fmt, lenient=lenient)
                yield from parser
                self.prefixes = dict(parser.prefixes)
            if stamp is not None and stamp == file_stamp(self.path):
                self._passed = stamp
        except SyntaxError as err:
            text = err.msg if isinstance(err.msg, str) else str(err)
            message = excerpted(one_line(_POSITION_PREFIX.sub("", text).strip()))
            raise LoadError(self.path, err.lineno, err.offset, message or "syntax error") from None
        except OSError as err:
            raise LoadError(self.path, message=one_line(err.strerror or str(err))) from None


def file_stamp(path: Path) -> Stamp | None:
    """What tells a file changed: its size and modification time."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def text_blocks(path: Path, size: int = 1 << 20) -> Iterator[str]:
    """The file's text in blocks of about ``size`` bytes, each but the last ending with a
    line break (BOM dropped, undecodable bytes replaced as in one whole decoding)."""
    try:
        with path.open("rb") as handle:
            rest = handle.read(len(BOM))
            rest = b"" if rest == BOM else rest
            while chunk := handle.read(size):
                whole, cut, tail = (rest + chunk).rpartition(b"\n")
                if cut:
                    yield (whole + cut).decode("utf-8", "replace")
                rest = tail if cut else whole + tail
            if rest:
                yield rest.decode("utf-8", "replace")
    except OSError:
        return
