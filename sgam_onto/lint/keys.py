"""Spellings of one IRI: the keys under which two IRIs count as the same but for case or a
slash (``iri_key``) or but for what people mistype unnoticed (``near_key``), and a table that
finds keys spelt more than one way among millions of IRIs in fixed memory.

The table keeps, per slot, a 64-bit hash of a key and one of its first spelling; a key meeting
a second spelling is marked. A key looks for its slot among a few neighbours of the one its
hash picks (open addressing), so two keys rarely share a mark; where the neighbours are all
taken the key counts as marked. Marks are only candidates: the second pass collects the real
spellings of marked keys and the rules decide on those, so a crowded table costs time, never
a wrong finding (only two keys or two spellings with equal 64-bit hashes could hide a clash).
The table also keeps the hashes of the spellings of marked keys (few), so that the second pass
asks of most IRIs one set lookup instead of working out their keys again.
"""

from __future__ import annotations

import re
from array import array

SLOTS = 1 << 21  # at most: 32 MB per table, a tenth full at a million IRIs
FEWEST = 1 << 16  # the landscape alone has some ten thousand IRIs
PROBES = 16  # neighbouring slots a key may take


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
    found = _AUTHORITY.match(iri)
    if found:  # spliced by hand: a substitution template costs more than the match
        iri = "http://" + found["host"] + iri[found.end():]
    return iri.casefold().rstrip("/#")


class KeyTable:
    """Which keys are (perhaps) spelt in more than one way."""

    def __init__(self, slots: int) -> None:
        self._mask = slots - 1  # slots is a power of two
        self._probes = range(min(PROBES, slots))
        self._key = array("q", bytes(8 * slots))
        self._spelling = array("q", bytes(8 * slots))
        self._marked = bytearray(slots)
        self._suspects: set[int] = set()  # hashes of every spelling of a marked key

    def add(self, key: str, spelling: str) -> None:
        slot = self._slot(key)
        mine = hash(spelling) | 1  # never 0, the empty slot
        if slot is None:
            self._suspects.add(mine)  # counts as marked
            return
        seen = self._spelling[slot]
        if seen == 0:
            self._key[slot], self._spelling[slot] = hash(key) | 1, mine
        elif seen != mine:
            self._marked[slot] = 1
            self._suspects.update((seen, mine))

    def marked(self, key: str) -> bool:
        slot = self._slot(key)
        return slot is None or bool(self._marked[slot])

    def suspect(self, spelling: str) -> bool:
        """Whether ``spelling``, added before, may belong to a marked key: false for most
        IRIs, without their key; true for every spelling of a marked key."""
        return (hash(spelling) | 1) in self._suspects

    def _slot(self, key: str) -> int | None:
        """The key's slot: the first neighbour holding it or empty; None if all are taken."""
        wanted, mask, keys = hash(key) | 1, self._mask, self._key
        start = wanted & mask
        for step in self._probes:
            slot = (start + step) & mask
            held = keys[slot]
            if held == wanted or held == 0:
                return slot
        return None
