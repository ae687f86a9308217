"""RDF/XML before parsing: entity declarations are sized before the parser expands them (a few
hundred bytes of nested entities expand to gigabytes), external entities are refused, and
element nesting is measured before parsing (the parser is quadratic in it).
"""

from __future__ import annotations

import re
from pathlib import Path

from sgam_onto.settings import LimitError, current, raise_hint, size_text

_DOCTYPE = re.compile(rb"<!DOCTYPE\b")
_DECLARATION = re.compile(
    r"""\s+|<!--.*?-->|<\?.*?\?>
      |<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[^\s"'>]+)\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<ext>[^>]*))\s*>
      |<!(?:ELEMENT|ATTLIST|NOTATION)(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL | re.VERBOSE,
)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|([A-Za-z_:][\w.:-]*));")


def check_rdfxml(data: bytes, path: Path | None) -> None:
    """Refuse RDF/XML whose entities would expand past the limits, or that nests too deep."""
    limits = current()
    _check_xml_depth(data, path, 2 * limits.max_nesting_depth + 2)
    doctype = _DOCTYPE.search(data)
    if doctype is None:
        return  # entities can only be declared in a DOCTYPE
    text = data.decode("utf-8", "replace")
    start = text.find("<!DOCTYPE")
    subset_open = text.find("[", start)
    header_end = text.find(">", start)
    if subset_open == -1 or (header_end != -1 and header_end < subset_open):
        if re.search(r"\bSYSTEM\b|\bPUBLIC\b", text[start:header_end]):
            raise LimitError(path, _line(text, start), None,
                             "external DTDs are not read; remove the SYSTEM/PUBLIC identifier")
        return
    values, end = _entity_values(text, subset_open + 1, path)
    sizes = _expanded_sizes(values, path, text, start, limits.max_literal_chars)
    body = text[end:]
    total = len(body)
    for ref in _REFERENCE.finditer(body):
        name = ref.group(1)
        if name and name in sizes:
            total += sizes[name] - len(ref.group(0))
    if total > limits.max_file_bytes:
        raise LimitError(
            path, _line(text, start), None,
            f"entities would expand the document to {size_text(total)}; the limit is "
            f"{size_text(limits.max_file_bytes)} ({raise_hint('max_file_bytes')})",
        )


def _entity_values(text: str, pos: int, path: Path | None) -> tuple[dict[str, str], int]:
    """The general entities of the internal DTD subset, and where the subset ends."""
    values: dict[str, str] = {}
    while pos < len(text):
        if text.startswith("]", pos):
            close = text.find(">", pos)
            return values, (len(text) if close == -1 else close + 1)
        m = _DECLARATION.match(text, pos)
        if m is None:
            raise LimitError(path, _line(text, pos), None,
                             "the DTD cannot be checked for entity expansion; remove it")
        if m.group("name"):
            if m.group("pe") or m.group("ext") is not None:
                raise LimitError(path, _line(text, pos), None,
                                 f"entity {m.group('name')!r}: external and parameter entities "
                                 "are not allowed (nothing outside the file is read)")
            values.setdefault(m.group("name"), m.group("dq") if m.group("dq") is not None
                              else m.group("sq"))
        pos = m.end()
    raise LimitError(path, None, None, "the DTD is not closed")


def _expanded_sizes(
    values: dict[str, str], path: Path | None, text: str, at: int, max_chars: int
) -> dict[str, int]:
    """Length of each entity after expansion, computed without expanding anything."""
    refs = {
        name: [r.group(1) for r in _REFERENCE.finditer(value) if r.group(1) in values]
        for name, value in values.items()
    }
    sizes: dict[str, int] = {}
    active: set[str] = set()
    for root in values:
        if root in sizes:
            continue
        stack = [(root, iter(refs[root]))]
        active.add(root)
        while stack:  # depth-first, iterative: a chain of entities can be long
            name, pending = stack[-1]
            child = next((r for r in pending if r not in sizes), None)
            if child is not None:
                if child in active:
                    raise LimitError(path, _line(text, at), None,
                                     f"entity {child!r} refers to itself")
                active.add(child)
                stack.append((child, iter(refs[child])))
                continue
            stack.pop()
            active.discard(name)
            size = 0
            last = 0
            value = values[name]
            for r in _REFERENCE.finditer(value):
                size += r.start() - last + (sizes.get(r.group(1), 1) if r.group(1) else 1)
                last = r.end()
            size += len(value) - last
            if size > max_chars:
                raise LimitError(
                    path, _line(text, at), None,
                    f"entity {name!r} expands to {size:,} characters; the limit is "
                    f"{max_chars:,} ({raise_hint('max_literal_chars')})",
                )
            sizes[name] = size
    return sizes


def _check_xml_depth(data: bytes, path: Path | None, limit: int) -> None:
    """Element nesting, by a scan that only moves forward (linear on any input: regular
    expressions with lazy repeats go quadratic on unclosed comments)."""
    depth = 0
    i = 0
    size = len(data)
    while True:
        j = data.find(b"<", i)
        if j < 0 or j + 1 >= size:
            return
        for opening, closing in _SKIPPED:
            if data.startswith(opening, j):
                k = data.find(closing, j + len(opening))
                if k < 0:
                    return  # unterminated: the parser reports it
                i = k + len(closing)
                break
        else:
            if data.startswith(b"<!", j):  # DOCTYPE, with its internal subset
                bracket = data.find(b"[", j)
                close = data.find(b">", j)
                if 0 <= bracket < close:
                    close = data.find(b"]", bracket)
                    close = data.find(b">", close) if close >= 0 else -1
                if close < 0:
                    return
                i = close + 1
                continue
            end = _tag_end(data, j + 1)
            if end < 0:
                return
            if data[j + 1] == 0x2F:  # "</"
                depth -= 1
            elif data[end - 1] != 0x2F:  # not "<x/>"
                depth += 1
                if depth > limit:
                    raise LimitError(
                        path, data.count(b"\n", 0, j) + 1, None,
                        f"XML elements nested more than {limit} deep (2 x the nesting limit "
                        f"+ 2; {raise_hint('max_nesting_depth')})",
                    )
            i = end + 1


_SKIPPED = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<?", b"?>"))
_TAG_STOP = re.compile(rb"[>\"']")


def _tag_end(data: bytes, i: int) -> int:
    """Offset of the ">" closing the tag that starts before ``i``; quotes are skipped."""
    while True:
        m = _TAG_STOP.search(data, i)
        if m is None:
            return -1
        if m.group() == b">":
            return m.start()
        close = data.find(m.group(), m.start() + 1)
        if close < 0:
            return -1
        i = close + 1


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
