"""A landscape diff as plain text, Markdown (a pull-request comment) or JSON."""

from __future__ import annotations

import json

from sgam_onto.diff.compare import Change, Fact, LandscapeDiff
from sgam_onto.tables import backslash_escape, markdown_table

FORMATS = ("text", "md", "json")
_TITLES = {"added": "Added", "removed": "Removed", "changed": "Changed"}


def render(diff: LandscapeDiff, fmt: str) -> str:
    """The diff in one of ``FORMATS``; the same diff always gives the same text."""
    if fmt == "json":
        return json.dumps(_as_json(diff), indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return _markdown(diff)
    return _text(diff)


def summary(diff: LandscapeDiff) -> str:
    counts = diff.counts()
    if not diff.changes:
        return f"no change between {diff.old} and {diff.new}"
    return (f"{diff.old} -> {diff.new}: {counts['added']} added, {counts['removed']} removed, "
            f"{counts['changed']} changed")


def _text(diff: LandscapeDiff) -> str:
    lines = [summary(diff)]
    for change in diff.changes:
        lines += [f"  {_SIGNS[change.status]} {line}" for line in change.lines]
    return "\n".join(lines) + "\n"


_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def _markdown(diff: LandscapeDiff) -> str:
    out = [f"### Landscape change: `{diff.old}` → `{diff.new}`", ""]
    if not diff.changes:
        return "\n".join([*out, "No change.", ""])
    counts = diff.counts()
    out += [*markdown_table(list(_TITLES), [[str(counts[s]) for s in _TITLES]], numbers=True), ""]
    for status, title in _TITLES.items():
        chosen = [c for c in diff.changes if c.status == status]
        if not chosen:
            continue
        out += [f"#### {title}", ""]
        for kind in dict.fromkeys(c.kind for c in chosen):
            out.append(f"- **{kind}**")
            for change in (c for c in chosen if c.kind == kind):
                out += [f"  - {_escape(line)}" for line in change.lines]
        out.append("")
    return "\n".join(out)


def _escape(text: str) -> str:
    """Keep Markdown from reading data as markup (a label with `*` or `|`)."""
    return backslash_escape(text, "\\`*_[]<>|#")


def _as_json(diff: LandscapeDiff) -> dict:
    return {
        "old": diff.old,
        "new": diff.new,
        "counts": diff.counts(),
        "changes": [_change(c) for c in diff.changes],
    }


def _change(change: Change) -> dict:
    return {
        "iri": change.iri,
        "kind": change.kind,
        "name": change.name,
        "status": change.status,
        "summary": change.lines,
        "gained": [_fact(f) for f in change.gained],
        "lost": [_fact(f) for f in change.lost],
    }


def _fact(fact: Fact) -> dict:
    return {"predicate": fact.predicate, "value": fact.value, "key": fact.key}
