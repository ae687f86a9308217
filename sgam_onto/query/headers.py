"""The `#+` header a stored query describes itself with (grlc convention), as a pure parser.

A header is the run of `#+` lines at the top of a `.rq` file (blank lines and plain `#`
comments may sit among them). Keys are one per line; list values follow as indented items::

    #+ summary: Bodies involved in an interface context
    #+ description: Which IEC/ISO bodies Table 1 marks for the given context, with the
    #+   footnote that qualifies each mark.
    #+ source: Table 1
    #+ columns:
    #+   - body
    #+   - context
    #+ params:
    #+   - context: iri — the interface context, e.g. .../id/context/der
    #+ order: ordered

Keys: `summary` (one line), `description` (may continue on indented lines), `source` (the SRD
clause, table or figure answered), `columns` (the SELECT variables, in order), `params`
(optional; `name: type` with type iri|string|integer|boolean|date, `?` after the type makes it
optional, `— help` or `-- help` after it documents it), `order` (`ordered` if tests must respect
the query's ORDER BY, else `unordered`), `needs` (optional; what must be loaded beside the
landscape for the query to answer, comma-separated from: alignments). Any problem is an error
naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sgam_onto.query.errors import HeaderError

PARAM_TYPES = ("iri", "string", "integer", "boolean", "date")
REQUIRED_KEYS = ("summary", "description", "source", "columns")
LIST_KEYS = frozenset({"columns", "params"})
KNOWN_KEYS = frozenset({*REQUIRED_KEYS, "params", "order", "needs"})
ORDER_VALUES = ("ordered", "unordered")
NEEDS_VALUES = ("alignments",)

VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_KEY_LINE = re.compile(r"(?P<key>[^\s:]+):(?:[ \t]+(?P<value>.*?))?[ \t]*\Z")
_PARAM = re.compile(
    r"(?P<name>[^\s:]+)[ \t]*:[ \t]*(?P<type>[^\s?]+)(?P<optional>\?)?"
    r"(?:[ \t]+(?:—|--)[ \t]*(?P<help>.*?))?[ \t]*\Z"
)


@dataclass(frozen=True)
class Param:
    """A declared query parameter; `type` is `iri` or an XSD datatype local name."""

    name: str
    type: str
    required: bool = True
    help: str = ""
    line: int = 0

    def describe(self) -> str:
        """One-line usage text, e.g. `body: iri (required) — the maintaining body`."""
        need = "required" if self.required else "optional"
        tail = f" — {self.help}" if self.help else ""
        return f"{self.name}: {self.type} ({need}){tail}"


@dataclass(frozen=True)
class QueryHeader:
    """A parsed header; `lines` maps each key (and `param:NAME`) to its line number."""

    summary: str
    description: str
    source: str
    columns: tuple[str, ...]
    params: tuple[Param, ...] = ()
    ordered: bool = False
    lines: tuple[tuple[str, int], ...] = ()
    needs: tuple[str, ...] = ()

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class _Entry:
    key: str
    line: int
    value: str
    items: list[tuple[int, str]]


def parse_header(text: str, path: str = "<query>") -> QueryHeader | None:
    """Parse the `#+` header of `text`; None if it has none. Raises HeaderError on any problem."""
    problems: list[tuple[int, str]] = []
    entries: dict[str, _Entry] = {}
    current: _Entry | None = None
    first_line = 0
    in_header = True

    for lineno, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped.startswith("#+"):
            if stripped and not stripped.startswith("#"):
                in_header = False
            continue
        if not in_header:
            problems.append((lineno, "'#+' header line after the query text has started"))
            continue
        first_line = first_line or lineno
        body = stripped[2:]
        if not body.strip():
            continue
        indent = len(body) - len(body.lstrip(" \t"))
        content = body.strip()
        if indent >= 2:
            current = _continue(current, lineno, content, problems)
            continue
        m = _KEY_LINE.match(content)
        if not m:
            problems.append((lineno, f"expected 'key: value', got {content!r}"))
            current = None
            continue
        key, value = m.group("key"), (m.group("value") or "")
        if key not in KNOWN_KEYS:
            known = ", ".join(sorted(KNOWN_KEYS))
            problems.append((lineno, f"unknown header key {key!r} (known keys: {known})"))
            current = _Entry("", lineno, "", [])  # swallows its items: one error, not many
            continue
        if key in entries:
            first = entries[key].line
            problems.append((lineno, f"duplicate header key {key!r} (first given on line {first})"))
            current = _Entry("", lineno, "", [])
            continue
        if key in LIST_KEYS and value:
            problems.append(
                (lineno, f"{key!r} takes a list: put each item on its own '#+   - item' line")
            )
        current = entries[key] = _Entry(key, lineno, "" if key in LIST_KEYS else value, [])

    if not first_line:
        if problems:
            raise HeaderError(path, problems)
        return None
    header = _build(entries, first_line, problems)
    if problems:
        raise HeaderError(path, sorted(problems))
    return header


def _continue(
    current: _Entry | None, lineno: int, content: str, problems: list[tuple[int, str]]
) -> _Entry | None:
    """Attach an indented line to the key above it: a list item or a description line."""
    if current is None:
        problems.append((lineno, "indented header line does not belong to any key"))
        return None
    if not current.key:  # under a key already reported as bad
        return current
    is_item = content == "-" or content.startswith("- ")
    if current.key in LIST_KEYS:
        if not is_item:
            problems.append((lineno, f"items of {current.key!r} start with '- '"))
        else:
            current.items.append((lineno, content[1:].strip()))
    elif current.key == "description" and not is_item:
        current.value = f"{current.value} {content}".strip()
    else:
        problems.append((lineno, f"{current.key!r} takes a single line, not an indented block"))
    return current


def _build(
    entries: dict[str, _Entry], first_line: int, problems: list[tuple[int, str]]
) -> QueryHeader | None:
    missing = [k for k in REQUIRED_KEYS if k not in entries]
    if missing:
        problems.append((first_line, "missing required header key(s): " + ", ".join(missing)))
    for key, entry in entries.items():
        if key not in LIST_KEYS and not entry.value:
            problems.append((entry.line, f"{key!r} is empty"))
        if key in LIST_KEYS and not entry.items:
            problems.append((entry.line, f"{key!r} lists no items"))

    columns = _columns(entries.get("columns"), problems)
    params = _params(entries.get("params"), problems)
    ordered = False
    if "order" in entries:
        order = entries["order"]
        if order.value and order.value not in ORDER_VALUES:
            problems.append(
                (
                    order.line,
                    f"'order' must be one of {', '.join(ORDER_VALUES)}, got {order.value!r}",
                )
            )
        ordered = order.value == "ordered"
    needs = _needs(entries.get("needs"), problems)
    if problems:
        return None
    lines = [(k, e.line) for k, e in entries.items()] + [
        (f"param:{p.name}", p.line) for p in params
    ]
    return QueryHeader(
        summary=entries["summary"].value,
        description=entries["description"].value,
        source=entries["source"].value,
        columns=columns,
        params=params,
        ordered=ordered,
        lines=tuple(lines),
        needs=needs,
    )


def _needs(entry: _Entry | None, problems: list[tuple[int, str]]) -> tuple[str, ...]:
    """The resources a query needs loaded beside the landscape, e.g. the alignments."""
    if entry is None or not entry.value:
        return ()
    names = tuple(n.strip() for n in entry.value.split(","))
    for name in names:
        if name not in NEEDS_VALUES:
            problems.append(
                (entry.line, f"'needs' takes {', '.join(NEEDS_VALUES)}, got {name!r}")
            )
    return names


def _columns(entry: _Entry | None, problems: list[tuple[int, str]]) -> tuple[str, ...]:
    if entry is None:
        return ()
    seen: dict[str, int] = {}
    for lineno, item in entry.items:
        name = item[1:] if item[:1] in ("?", "$") else item
        if not VARNAME.match(name):
            problems.append((lineno, f"column {item!r} is not a SPARQL variable name"))
        elif name in seen:
            problems.append((lineno, f"duplicate column {name!r} (first on line {seen[name]})"))
        else:
            seen[name] = lineno
    return tuple(seen)


def _params(entry: _Entry | None, problems: list[tuple[int, str]]) -> tuple[Param, ...]:
    if entry is None:
        return ()
    params: dict[str, Param] = {}
    for lineno, item in entry.items:
        m = _PARAM.match(item)
        if not m:
            problems.append((lineno, f"expected 'name: type [— help]', got {item!r}"))
            continue
        name, ptype = m.group("name"), m.group("type")
        if not VARNAME.match(name):
            problems.append((lineno, f"parameter {name!r} is not a SPARQL variable name"))
        elif ptype not in PARAM_TYPES:
            problems.append(
                (
                    lineno,
                    f"bad type {ptype!r} for parameter {name!r}; "
                    f"expected one of {', '.join(PARAM_TYPES)}",
                )
            )
        elif name in params:
            problems.append(
                (lineno, f"duplicate parameter {name!r} (first on line {params[name].line})")
            )
        else:
            params[name] = Param(
                name, ptype, m.group("optional") is None, m.group("help") or "", lineno
            )
    return tuple(params.values())
