"""Text that looks right but is not: un-normalised Unicode and invisible or direction-changing
characters, which make two labels that print alike compare different, or reorder what a
reviewer sees (the "Trojan Source" trick)."""

from __future__ import annotations

import re
import unicodedata

# Joiners are part of spelling in several scripts and of emoji sequences; everything else of
# category Cf (format) is invisible, and the bidi controls among them reorder text.
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROL = frozenset("\t\n\r")
# What ``hidden_characters`` finds in ASCII text: the controls but tab and line breaks.
ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def not_nfc(text: str) -> bool:
    return not unicodedata.is_normalized("NFC", text)


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(position, character) of each invisible, control or bidi character in ``text``."""
    found = []
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        invisible = category == "Cf" and char not in _ALLOWED_FORMAT
        control = category == "Cc" and char not in _ALLOWED_CONTROL
        if char in _BIDI or invisible or control or category in ("Zl", "Zp"):
            found.append((i, char))
    return found


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    name = unicodedata.name(char, "") or {
        "\x00": "NULL", "\x7f": "DELETE", "\x1b": "ESCAPE",
    }.get(char, "control character")
    return f"U+{ord(char):04X} {name}"
