"""One stable IRI per CIM object, whichever way a profile file writes its identifier.

IEC 61970-552 names an object with ``rdf:ID="_<id>"`` (CGMES 2.4.15) or
``rdf:about="urn:uuid:<id>"`` / ``rdf:about="#_<id>"`` (CGMES 3.0), and refers to it with
``rdf:resource="#_<id>"`` from any profile file of the model (EQ, SSH, TP, SV, DL, GL, ...).
There is no ``xml:base``: a ``#`` reference means "the object of this model with that ID", not
a place in one file. The scheme:

* an ID that is a UUID (RFC 4122 text, 8-4-4-4-12 hex digits), with or without the leading
  underscore 2.4.15 needs for an NCName, becomes ``urn:uuid:<uuid>`` in lower case, the
  CGMES 3.0 form (RFC 4122 compares UUIDs case-insensitively and writes them in lower case);
* any other ID (``_B9``, ``_default+region_GR``, ``_<uuid>_PT_1_RTC_T``, not always an NCName)
  becomes ``urn:cim-id:<id as written>``, with the leading underscore kept and the characters an
  IRI cannot hold percent-encoded (UTF-8), so the same ID gives the same IRI in every file;
* an absolute IRI is kept, except that a ``urn:uuid:`` one is written in lower case.
"""

from __future__ import annotations

import re
from urllib.parse import quote

UUID_IRI = "urn:uuid:"
ID_IRI = "urn:cim-id:"

_UUID = re.compile(r"[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# What RFC 3987 leaves out of an IRI: spaces and controls, and <>"{}|\^` (and % is kept only
# as the start of a valid escape).
_NOT_IN_IRI = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})")
# Kept as written in an ID: the IRI's unreserved and sub-delimiter characters and non-ASCII
# letters; everything else (including '%', '#', '?', '/') is percent-encoded.
_ID_SAFE = "-._~!$&'()*+,;=:@"
_PLAIN_ID = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@]*")  # nothing to encode


def object_iri(identifier: str) -> str:
    """The IRI of the object an ``rdf:ID`` value (or a ``#`` reference without the ``#``) names."""
    core = identifier[1:] if identifier.startswith("_") else identifier
    if _UUID.fullmatch(core):
        return UUID_IRI + core.lower()
    if _PLAIN_ID.fullmatch(identifier):
        return ID_IRI + identifier
    return ID_IRI + quote(identifier, safe=_ID_SAFE, encoding="utf-8")


def reference_iri(reference: str) -> str | None:
    """The IRI an ``rdf:about`` / ``rdf:resource`` value stands for; None if it cannot be one
    (a relative reference other than ``#id``: CIM XML files have no base to resolve it)."""
    if reference.startswith("#"):
        return object_iri(reference[1:]) if len(reference) > 1 else None
    return absolute_iri(reference)


def absolute_iri(text: str) -> str | None:
    """``text`` as an absolute IRI (``urn:uuid:`` ones in lower case); None if it is not one."""
    if not _SCHEME.match(text) or _NOT_IN_IRI.search(text):
        return None
    if text[:9].lower() == UUID_IRI and _UUID.fullmatch(text, 9):
        return UUID_IRI + text[9:].lower()
    return text
