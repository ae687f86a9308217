"""The model summary as Markdown, JSON or HTML: the same cells, the same order in each."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from sgam_onto.cim.info import CimModelInfo
from sgam_onto.cim.summary import KINDS, Cell
from sgam_onto.tables import backslash_escape

Label = Callable[[str], str]
FORMATS = ("md", "json", "html")
HEADINGS = {"interaction": "interactions", "standard": "standards", "body": "bodies"}


def render_summary(
    cells: list[Cell], info: CimModelInfo, fmt: str, label: Label, threshold_kv: float
) -> str:
    """The summary in `fmt` (md, json or html); `label` names a domain or zone IRI."""
    if fmt == "json":
        return _json(cells, info, label, threshold_kv)
    if fmt == "html":
        return _html(cells, info, label, threshold_kv)
    return _markdown(cells, info, label, threshold_kv)


def _intro(info: CimModelInfo, threshold_kv: float) -> list[str]:
    return [
        f"{len(info.files)} file(s), {info.triples:,} triples, CIM namespace "
        f"{info.namespace or 'none'}; transmission from {threshold_kv:g} kV.",
    ]


def _markdown(cells: list[Cell], info: CimModelInfo, label: Label, threshold_kv: float) -> str:
    out = ["# The network model on the SGAM plane", "", *_intro(info, threshold_kv), ""]
    if not cells:
        out += ["No equipment of the model could be placed.", ""]
    for cell in cells:
        out += [f"## {label(cell.domain)} / {label(cell.zone)}: {cell.equipment} "
                "piece(s) of equipment", ""]
        out.append("- actors: " + ", ".join(_md(a) for a in cell.actors.values()))
        for kind in KINDS:
            values = list(cell.items[kind].values())
            out.append(f"- {HEADINGS[kind]}: " + (", ".join(_md(v) for v in values) or "none"))
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    return backslash_escape(text, "|*_")


def _json(cells: list[Cell], info: CimModelInfo, label: Label, threshold_kv: float) -> str:
    document = {
        "files": list(info.files),
        "namespace": info.namespace,
        "triples": info.triples,
        "models": [h.model for h in info.headers],
        "thresholdKv": threshold_kv,
        "cells": [
            {**c.as_dict(), "domainLabel": label(c.domain), "zoneLabel": label(c.zone)}
            for c in cells
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _html(cells: list[Cell], info: CimModelInfo, label: Label, threshold_kv: float) -> str:
    rows = []
    for cell in cells:
        lists = "".join(
            f"<td>{'<br>'.join(escape(v) for v in cell.items[k].values())}</td>" for k in KINDS
        )
        rows.append(
            f"<tr><td>{escape(label(cell.domain))}</td><td>{escape(label(cell.zone))}</td>"
            f"<td>{cell.equipment}</td>"
            f"<td>{'<br>'.join(escape(a) for a in cell.actors.values())}</td>{lists}</tr>"
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("domain", "zone", "equipment", "actors", *(HEADINGS[k] for k in KINDS))
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>The network model on the SGAM plane</title></head><body>"
        "<h1>The network model on the SGAM plane</h1>"
        f"<p>{escape(_intro(info, threshold_kv)[0])}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</body></html>\n"
    )
