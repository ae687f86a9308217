"""A 16×16 site icon (an ICO holding a PNG), made here so that browsers find /favicon.ico."""

from __future__ import annotations

import struct
import zlib

SIZE = 16
INK = (0x1F, 0x5F, 0xBF)
PAPER = (0xFF, 0xFF, 0xFF)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))


def _png() -> bytes:
    rows = []
    for y in range(SIZE):
        row = bytearray([0])  # filter: none
        for x in range(SIZE):
            # a 4 × 4 grid of cells, like the SGAM plane
            on = x in (0, 5, 10, 15) or y in (0, 5, 10, 15)
            row += bytes(INK if on else PAPER) + b"\xff"
        rows.append(bytes(row))
    header = struct.pack("!IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def favicon() -> bytes:
    """The icon file, the same bytes every time."""
    png = _png()
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(png), 6 + 16)
    return directory + entry + png
