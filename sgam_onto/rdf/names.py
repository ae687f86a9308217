"""The characters of Turtle and SPARQL names (prefixed names, blank node labels), as regular
expression character-class bodies: productions PN_CHARS_BASE, PN_CHARS_U and PN_CHARS of the
Turtle 1.1 grammar. XML names are built from the same ranges plus ``:`` (and ``.`` after the
first character)."""

PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
PN_CHARS_U = PN_CHARS_BASE + "_"
PN_CHARS = PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
