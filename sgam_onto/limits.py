"""Bounds on what one input may cost, so hostile or broken input fails fast and clearly.

Every limit has a default sized far above the landscape (tens of thousands of triples, queries
of a few kilobytes) and an environment variable to raise it, e.g. for a benchmark. Crossing a
limit is an error the user can act on: one line naming the file (and line, where there is
one), the size found, the limit, and the variable that raises it; exit code 2, never a
traceback, ``RecursionError`` or ``MemoryError``.

* file size: checked before anything is read;
* memory: where the process has an address-space cap (``ulimit -v``), an input whose
  estimated cost (bytes of memory per byte of input, measured on the heaviest command) does
  not fit in what is left is refused before it is read: an allocation failure inside the
  Rust parser or store aborts the process, which no error handler can turn into a message;
* RDF/XML: entity declarations are sized before the parser expands them (a few hundred bytes
  of nested entities expand to gigabytes), external entities are refused, and element nesting
  is measured before parsing (the parser is quadratic in it);
* literal and IRI size, blank-node/collection nesting: checked on the parsed statements, because
  the rdflib-based code after the gate (serializers, pyshacl) recurses into nested nodes;
* query text length and bracket nesting (Oxigraph's SPARQL parser overflows its stack on
  some thousands of brackets), query time (text from outside the shipped catalogue runs in a
  forked worker that is killed at the deadline, a crash there is reported, not shared; the
  catalogue's own queries run in a thread that is abandoned at the deadline) and result rows
  (cut, with ``truncated`` set for the caller to report).
"""

from __future__ import annotations

import os
import pickle
import re
import select
import signal
import stat
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields, replace
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from sgam_onto.errors import EXIT_LOAD, LoadError, SgamError

RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """The limits in force; ``ENV`` names the variable that overrides each one."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_literal_chars: int = 1024 * 1024
    max_iri_chars: int = 8 * 1024
    max_nesting_depth: int = 100
    memory_per_input_byte: int = 64
    max_query_chars: int = 100_000
    max_query_seconds: float = 30.0
    max_result_rows: int = 100_000


ENV: dict[str, str] = {
    "max_file_bytes": "SGAM_ONTO_MAX_FILE_BYTES",
    "max_literal_chars": "SGAM_ONTO_MAX_LITERAL_CHARS",
    "max_iri_chars": "SGAM_ONTO_MAX_IRI_CHARS",
    "max_nesting_depth": "SGAM_ONTO_MAX_NESTING_DEPTH",
    "memory_per_input_byte": "SGAM_ONTO_MEMORY_PER_BYTE",
    "max_query_chars": "SGAM_ONTO_MAX_QUERY_CHARS",
    "max_query_seconds": "SGAM_ONTO_QUERY_TIMEOUT",
    "max_result_rows": "SGAM_ONTO_MAX_ROWS",
}

_override: Limits | None = None


class LimitError(LoadError):
    """An input is larger or deeper than the limits allow (exit code 2).

    ``needle`` is text the input spells out where the limit was crossed (an IRI, a blank
    node label), for the caller that has the text to find the line.
    """

    def __init__(self, *args: Any, needle: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needle = needle


class NestingError(LimitError):
    """Blank nodes or collections nested deeper than the limit."""


class QueryLimitError(SgamError):
    """A query ran too long or was too long (exit code 2)."""

    exit_code = EXIT_LOAD


def current() -> Limits:
    """The limits in force: an override set by ``configured``, else defaults and environment."""
    if _override is not None:
        return _override
    values: dict[str, Any] = {}
    for f in fields(Limits):
        raw = os.environ.get(ENV[f.name], "").strip()
        if not raw:
            continue
        try:
            value = float(raw) if f.type in (float, "float") else int(raw)
        except ValueError:
            raise SgamError(f"{ENV[f.name]}={raw!r}: not a number") from None
        if value <= 0:
            raise SgamError(f"{ENV[f.name]}={raw!r}: must be positive")
        values[f.name] = value
    return Limits(**values)


@contextmanager
def configured(**changes: Any) -> Iterator[Limits]:
    """Run a block with some limits changed (tests, benchmarks); restores them afterwards."""
    global _override
    previous = _override
    _override = replace(current(), **changes)
    try:
        yield _override
    finally:
        _override = previous


def _raise_hint(name: str) -> str:
    return f"set {ENV[name]} to raise it"


def _size(n: float) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"


# -- files --------------------------------------------------------------------------------------


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
            path, message=f"file is {_size(info.st_size)}; the limit is {_size(limit)} "
            f"({_raise_hint('max_file_bytes')})"
        )
    check_memory(info.st_size, path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
    if len(data) > limit:  # the file grew while being read
        raise LimitError(path, message=f"file is larger than the limit of {_size(limit)}")
    return data


def check_data_size(data: bytes | str, path: Path | None) -> None:
    """In-memory input obeys the same size limit as a file."""
    limit = current().max_file_bytes
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise LimitError(
            path, message=f"input is {_size(size)}; the limit is {_size(limit)} "
            f"({_raise_hint('max_file_bytes')})"
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
            path, message=f"{_size(size)} of input needs about {_size(need)} of memory "
            f"({per_byte} bytes per input byte) but only {_size(max(left, 0))} is left under "
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


# -- RDF/XML before parsing ---------------------------------------------------------------------

_DOCTYPE = re.compile(rb"<!DOCTYPE\b")
_DECLARATION = re.compile(
    r"""\s+|<!--.*?-->|<\?.*?\?>
      |<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[^\s"'>]+)\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<ext>[^>]*))\s*>
      |<!(?:ELEMENT|ATTLIST|NOTATION)(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL | re.VERBOSE,
)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|([A-Za-z_:][\w.:-]*));")
_PREDEFINED = {"lt": 1, "gt": 1, "amp": 1, "apos": 1, "quot": 1}


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
            f"entities would expand the document to {_size(total)}; the limit is "
            f"{_size(limits.max_file_bytes)} ({_raise_hint('max_file_bytes')})",
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
                    f"{max_chars:,} ({_raise_hint('max_literal_chars')})",
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
                        f"+ 2; {_raise_hint('max_nesting_depth')})",
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


# -- parsed statements --------------------------------------------------------------------------


def check_quads(quads: Iterable[ox.Quad | ox.Triple], path: Path | None) -> None:
    """Literal and IRI size and blank-node nesting of parsed statements."""
    limits = current()
    max_chars = limits.max_literal_chars
    max_iri = limits.max_iri_chars
    refs: dict[str, int] = defaultdict(int)
    parent: dict[str, tuple[str | None, str]] = {}  # blank node -> (blank node above, predicate)
    shape: dict[str, list[str]] = defaultdict(list)  # blank node -> its predicates
    rest: dict[str, str | None] = {}  # list cell -> next cell (None: rdf:nil; "": not a cell)
    for quad in quads:
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if isinstance(obj, ox.Literal) and len(obj.value) > max_chars:
            raise LimitError(
                path, message=f"a literal of {len(obj.value):,} characters (object of "
                f"<{_clip(predicate)}>); the limit is {max_chars:,} "
                f"({_raise_hint('max_literal_chars')})", needle=obj.value[:64],
            )
        for term in (subject, quad.predicate, obj, getattr(quad, "graph_name", None),
                     obj.datatype if isinstance(obj, ox.Literal) else None):
            if isinstance(term, ox.NamedNode) and len(term.value) > max_iri:
                raise LimitError(
                    path, message=f"an IRI of {len(term.value):,} characters "
                    f"(<{_clip(term.value)}>); the limit is {max_iri:,} "
                    f"({_raise_hint('max_iri_chars')})", needle=term.value[-64:],
                )
        above = subject.value if isinstance(subject, ox.BlankNode) else None
        if above is not None:
            shape[above].append(predicate)
            if predicate == RDF_REST:
                rest[above] = _next_cell(obj)
        if isinstance(obj, ox.BlankNode):
            refs[obj.value] += 1
            parent[obj.value] = (above, predicate)
    depth, deep_node = _deepest(parent, refs, _flat_cells(shape, rest, refs),
                                limits.max_nesting_depth)
    if depth > limits.max_nesting_depth:
        raise NestingError(
            path, message=f"blank nodes or collections nested {depth} deep; the limit is "
            f"{limits.max_nesting_depth} ({_raise_hint('max_nesting_depth')})",
            needle=deep_node,
        )


def check_prefixes(prefixes: Mapping[str, str], path: Path | None) -> None:
    """The IRI limit for the namespaces a file declares, used or not."""
    max_iri = current().max_iri_chars
    for prefix, iri in prefixes.items():
        if len(iri) > max_iri:
            raise LimitError(
                path, message=f"prefix {prefix}: is bound to an IRI of {len(iri):,} characters "
                f"(<{_clip(iri)}>); the limit is {max_iri:,} ({_raise_hint('max_iri_chars')})",
                needle=iri[-64:],
            )


def _clip(text: str, width: int = 60) -> str:
    """A long IRI in a message: its start, so the message stays one readable line."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _next_cell(obj: Any) -> str | None:
    if isinstance(obj, ox.NamedNode) and obj.value == RDF_NIL:
        return None
    return obj.value if isinstance(obj, ox.BlankNode) else ""


def _flat_cells(
    shape: Mapping[str, list[str]], rest: Mapping[str, str | None], refs: Mapping[str, int]
) -> set[str]:
    """List cells written flat in a collection: from each, a well-formed list runs to rdf:nil."""
    good: dict[str, bool] = {}
    for start in rest:
        chain: list[str] = []
        seen: set[str] = set()
        cell: str | None = start
        verdict = True
        while cell is not None:
            if cell in good:
                verdict = good[cell]
                break
            if (cell == "" or cell in seen or sorted(shape.get(cell, ())) != [RDF_FIRST, RDF_REST]
                    or (cell != start and refs.get(cell, 0) != 1)):
                verdict = False
                break
            seen.add(cell)
            chain.append(cell)
            cell = rest[cell]
        for c in chain:
            good[c] = verdict
    return {c for c, ok in good.items() if ok}


def _deepest(
    parent: Mapping[str, tuple[str | None, str]], refs: Mapping[str, int], flat: set[str],
    limit: int | None = None,
) -> tuple[int, str | None]:
    """Longest chain of blank nodes each written inside the one before, and the first node
    found deeper than ``limit`` (where the error is; None if none is).

    Only nodes referenced once nest (a shared node is written on its own); the rdf:rest link
    between cells of a well-formed collection does not count, since a collection is written
    flat.
    """

    def weight(node: str) -> int:
        above, predicate = parent[node]
        return 0 if predicate == RDF_REST and above in flat else 1

    depth: dict[str, int] = {}
    best = 0
    first_deep: str | None = None
    for start in parent:
        chain: list[str] = []
        seen: set[str] = set()
        node: str | None = start
        base = 0
        while node is not None and node not in depth:
            if refs.get(node, 0) != 1 or node not in parent or node in seen:
                node = None  # a root: written at the top level, shared, or on a cycle
                break
            seen.add(node)
            chain.append(node)
            node = parent[node][0]
        if node is not None:
            base = depth[node]
        for n in reversed(chain):
            base += weight(n)
            depth[n] = base
            if first_deep is None and limit is not None and base > limit:
                first_deep = n
        best = max(best, base)
    return best, first_deep


# -- rdflib's SPARQL engine ---------------------------------------------------------------------


def seal_rdflib() -> None:
    """Make rdflib's SPARQL engine reach nothing outside the graphs it is given.

    pyshacl runs the SPARQL of shapes (SPARQL targets, rules, constraints; ``validate
    --shapes`` takes any file) with rdflib, which would fetch FROM / FROM NAMED / LOAD
    sources from URLs and files, and send SERVICE requests anywhere. After this call it does
    neither: graphs are never loaded, SERVICE is an error. Idempotent.
    """
    import rdflib.plugins.sparql as sparql

    sparql.SPARQL_LOAD_GRAPHS = False
    sparql.CUSTOM_EVALS.setdefault("sgam-onto-no-service", _refuse_service)


def _refuse_service(ctx: Any, part: Any) -> Any:
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise SgamError("SERVICE (a federated query) is not allowed: SPARQL runs on the local "
                        "data only")
    raise NotImplementedError  # every other part: rdflib's own evaluation


# -- queries ------------------------------------------------------------------------------------


def check_query_text(text: str, path: str = "<query>") -> None:
    """Refuse query texts longer than the limit, or nested deeper than the nesting limit
    (Oxigraph's SPARQL parser recurses: some thousands of brackets overflow its stack)."""
    from sgam_onto.query.lexer import tokens

    limits = current()
    if len(text) > limits.max_query_chars:
        raise LimitError(
            path, message=f"query is {len(text):,} characters; the limit is "
            f"{limits.max_query_chars:,} ({_raise_hint('max_query_chars')})"
        )
    depth = 0
    for token in tokens(text):
        if token.kind != "punct":
            continue
        if token.text in "({[":
            depth += 1
            if depth > limits.max_nesting_depth:
                line = text.count("\n", 0, token.start) + 1
                raise LimitError(
                    path, line, None,
                    f"brackets nested more than {limits.max_nesting_depth} deep "
                    f"({_raise_hint('max_nesting_depth')})",
                )
        elif token.text in ")}]":
            depth = max(0, depth - 1)


@dataclass(frozen=True)
class Rows:
    """What a bounded SELECT returned: variables, at most ``max_result_rows`` rows, and whether
    more rows were left out."""

    variables: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    truncated: bool


def select_rows(
    run: Callable[[], Any],
    *,
    isolate: bool = True,
    seconds: float | None = None,
    max_rows: int | None = None,
) -> Rows:
    """Evaluate ``run()`` (a SELECT on a pyoxigraph-like store) under the time and row limits.

    See ``run_bounded`` for ``isolate``. Engine errors (SyntaxError, OSError, RuntimeError,
    ValueError; TypeError for a query that is not a SELECT) reach the caller.
    """
    rows = current().max_result_rows if max_rows is None else max_rows
    if not isolate or not hasattr(os, "fork"):
        return run_bounded(lambda: _collect(run, rows), isolate=False, seconds=seconds)
    return _from_tsv(run_bounded(lambda: _tsv(run, rows), seconds=seconds))


def run_bounded(
    work: Callable[[], T], *, isolate: bool = True, seconds: float | None = None
) -> T:
    """``work()`` under the query time limit; its result must pickle when ``isolate``.

    With ``isolate`` (work on an in-memory pyoxigraph Store, or none) it runs in a forked
    child holding the same memory (copy-on-write): at the deadline the child is killed, so a
    runaway query costs nothing more. Otherwise (an on-disk store, whose database must not be
    shared across fork; a remote endpoint) it runs in a thread that is abandoned at the
    deadline: the caller gets the error on time, the thread ends with the process.
    """
    seconds = current().max_query_seconds if seconds is None else seconds
    if not isolate or not hasattr(os, "fork"):
        return _in_thread(work, seconds)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send the answer, exit without running any cleanup
        code = 0
        try:
            os.close(read_fd)
            _quiet_stderr()  # a crash message of the engine must not reach the user's terminal
            try:
                answer: tuple = ("ok", work())
            except BaseException as err:  # everything goes back to the parent
                answer = ("error", type(err).__name__, str(err))
            try:
                payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as err:
                payload = pickle.dumps(("error", "RuntimeError", f"unpicklable result: {err}"))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    status: list[int] = []
    try:
        payload = _read_until(read_fd, pid, seconds, status)
    finally:
        os.close(read_fd)
    try:
        answer = pickle.loads(payload)
    except Exception:  # the child died before it could answer
        raise QueryLimitError(f"the query engine stopped without an answer{_why(status)}; "
                              "is the query nested very deeply?") from None
    if answer[0] == "error":
        _, kind, message = answer
        if kind == "MemoryError":
            raise QueryLimitError("the query ran out of memory and was stopped")
        raise _ERRORS.get(kind, RuntimeError)(message)
    return answer[1]


def _quiet_stderr() -> None:
    import faulthandler

    faulthandler.disable()  # it writes to a descriptor of its own (pytest enables it)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


_ERRORS: dict[str, type[Exception]] = {
    "SyntaxError": SyntaxError, "OSError": OSError, "RuntimeError": RuntimeError,
    "ValueError": ValueError, "TypeError": TypeError,
}


def _timeout(seconds: float) -> QueryLimitError:
    return QueryLimitError(
        f"the query ran longer than {seconds:g} s and was stopped "
        f"({_raise_hint('max_query_seconds')})"
    )


def _in_thread(work: Callable[[], T], seconds: float) -> T:
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as err:  # handed to the waiting caller
            outcome["error"] = err

    worker = threading.Thread(target=target, name="sgam-onto-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _timeout(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _why(status: list[int]) -> str:
    if status and os.WIFSIGNALED(status[0]):
        number = os.WTERMSIG(status[0])
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f" (it crashed: {name})"
    return ""


def _read_until(fd: int, pid: int, seconds: float, status: list[int]) -> bytes:
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _timeout(seconds)
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        status.extend(_reap(pid))


def _reap(pid: int) -> list[int]:
    """Wait for the child (killing it if it still runs); its wait status, if known."""
    try:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            return [os.waitpid(pid, 0)[1]]
        return [code]
    except ChildProcessError:
        return []


def _collect(run: Callable[[], Any], max_rows: int) -> Rows:
    solutions = run()
    if isinstance(solutions, ox.QueryBoolean | ox.QueryTriples | bool):
        raise TypeError("only SELECT queries are supported")
    variables = tuple(v.value for v in solutions.variables)
    width = range(len(variables))
    rows, truncated = take((tuple(s[i] for i in width) for s in solutions), max_rows)
    return Rows(variables, rows, truncated)


def take(items: Iterable[T], limit: int) -> tuple[list[T], bool]:
    """The first ``limit`` items, and whether there were more (at most one more is read)."""
    kept = list(islice(items, limit + 1))
    return kept[:limit], len(kept) > limit


def _tsv(run: Callable[[], Any], max_rows: int) -> tuple[tuple[str, ...], bool, bytes]:
    """The solutions as SPARQL TSV, written by Oxigraph itself, for the trip from the worker.

    Building Python terms in the worker only to pickle them cost several times the query on
    large results; Oxigraph's serializer and parser keep every term exact (TSV escapes tabs
    and newlines in literals) at a fraction of that. Serialising stops after ``max_rows``.
    """
    solutions = run()
    if isinstance(solutions, ox.QueryBoolean | ox.QueryTriples | bool):
        raise TypeError("only SELECT queries are supported")
    variables = tuple(v.value for v in solutions.variables)
    sink = _LineSink(max_rows + 1)  # the header line, then one line per row
    with suppress(_Enough):
        solutions.serialize(sink, format=ox.QueryResultsFormat.TSV)
    return variables, sink.truncated, b"".join(sink.chunks)


class _Enough(Exception):
    """Raised by ``_LineSink`` to stop the serializer once it has the lines it may keep."""


class _LineSink:
    def __init__(self, max_lines: int) -> None:
        self.max_lines = max_lines
        self.lines = 0
        self.chunks: list[bytes] = []
        self.truncated = False

    def write(self, chunk: bytes) -> int:
        self.chunks.append(bytes(chunk))
        self.lines += chunk.count(b"\n")
        if self.lines > self.max_lines:
            data = b"".join(self.chunks)
            cut = -1
            for _ in range(self.max_lines):
                cut = data.index(b"\n", cut + 1)
            self.chunks, self.truncated = [data[: cut + 1]], True
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        """The serializer flushes its output at the end; nothing is buffered here."""


def _from_tsv(packed: tuple[tuple[str, ...], bool, bytes]) -> Rows:
    variables, truncated, tsv = packed
    solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    width = range(len(variables))
    return Rows(variables, [tuple(s[i] for i in width) for s in solutions], truncated)


__all__ = [
    "ENV",
    "LimitError",
    "Limits",
    "NestingError",
    "QueryLimitError",
    "Rows",
    "address_space_left",
    "check_data_size",
    "check_memory",
    "check_prefixes",
    "check_quads",
    "check_query_text",
    "check_rdfxml",
    "configured",
    "current",
    "read_bounded",
    "run_bounded",
    "seal_rdflib",
    "select_rows",
    "take",
]
