"""Spellings of one IRI: the keys under which two IRIs count as the same but for case or a
slash (``iri_key``) or but for what people mistype unnoticed (``near_key``), and a table that
finds keys spelt more than one way among millions of IRIs in fixed memory.

The table keeps one 64-bit spelling hash per slot; a slot that meets a second spelling is
marked. Marks are only candidates (two keys may share a slot); the second pass collects the
real spellings of marked slots and the rules decide on those, so a slot collision costs time,
never a wrong finding (only two spellings of one key with equal 64-bit hashes would hide a
clash).
"""

from __future__ import annotations

import re
from array import array

SLOTS = 1 << 21  # at most: 16 MB of hashes per table, few collisions up to a million IRIs
FEWEST = 1 << 16  # the landscape alone has some ten thousand IRIs


def slots_for(input_bytes: int) -> int:
    """Table size for inputs of this many bytes (a statement takes some 100 bytes and names
    at most three IRIs): a power of two, no larger than ``SLOTS``."""
    wanted = max(FEWEST, input_bytes // 16)
    return min(SLOTS, 1 << (wanted - 1).bit_length())


def iri_key(iri: str) -> str:
    return iri.casefold().rstrip("/")


_AUTHORITY = re.compile(
    r"^(?P<scheme>https?)://(?:www\.)?(?P<host>[^/?#:]*)(?::(?:80|443))?(?=[/?#]|$)", re.IGNORECASE
)


def near_key(iri: str) -> str:
    """An IRI with what people mistype without noticing folded away: http/https, a leading
    "www.", the default port, a trailing "/" or "#", and case."""
    folded = _AUTHORITY.sub(lambda m: f"http://{m.group('host')}", iri)
    return folded.casefold().rstrip("/#")


class KeyTable:
    """Which keys are (perhaps) spelt in more than one way."""

    def __init__(self, slots: int) -> None:
        self._mask = slots - 1  # slots is a power of two
        self._spelling = array("q", bytes(8 * slots))
        self._marked = bytearray(slots)

    def add(self, key: str, spelling: str) -> None:
        slot = hash(key) & self._mask
        seen = self._spelling[slot]
        mine = hash(spelling) | 1  # never 0, the empty slot
        if seen == 0:
            self._spelling[slot] = mine
        elif seen != mine:
            self._marked[slot] = 1

    def marked(self, key: str) -> bool:
        return bool(self._marked[hash(key) & self._mask])
