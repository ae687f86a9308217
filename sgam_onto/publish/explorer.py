"""The data of the SGAM explorer page: one compact JSON document built from the catalogue
queries, so that the page in the browser only reads JSON (never Turtle, never SPARQL).

Resources are named by their key, the part of the IRI after `.../id/` ("actor/cem",
"body/iec-tc57-wg17"); the `res` table gives each key its label, its short forms (abbreviation,
designation, notation) and the relative link to its page, from `explorer.html`.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from rdflib import URIRef

from sgam_onto.namespace import SPARQL_PREFIX
from sgam_onto.plot.data import select
from sgam_onto.publish.site import ID, SiteMap, kind_of
from sgam_onto.query.api import HasStore, run_stored_rows
from sgam_onto.query.catalogue import Catalogue

PAGE = "explorer.html"
DATA = "explorer.json"
NOT_STATED_DOMAIN = "domain not stated"
NOT_STATED_ZONE = "zone not stated"
BODY_KINDS = ("body", "group")
SEARCHED_KINDS = ("actor", "body", "group", "standard", "document", "context", "interaction",
                  "coordination", "term")

# Short forms that search finds a resource by; labels come from the site map.
_NAMES = SPARQL_PREFIX + """\
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?name ?denotes WHERE {
  { ?s skos:altLabel ?n } UNION { ?s sgam:designation ?n } UNION { ?s skos:notation ?n }
  UNION { ?s sgam:title ?n . ?s a sgam:Interaction }
  UNION { ?s sgam:topic ?n . ?s a sgam:CoordinationItem }
  OPTIONAL { ?s sgam:denotes ?denotes }
  BIND(STR(?n) AS ?name)
}"""

# What each discrepancy is about (the `discrepancies` query names no resource).
_ABOUT = SPARQL_PREFIX + """\
SELECT ?d ?topic ?about WHERE {
  ?d a sgam:Discrepancy ; sgam:topic ?t ; sgam:about ?about . BIND(STR(?t) AS ?topic)
}"""


@functools.cache
def _query(name: str):
    return Catalogue().load(name)


def rows(name: str, landscape: HasStore, **params: object) -> list[dict[str, Any]]:
    """Catalogue query `name` run on the landscape (each query read once: the explorer runs
    the parameterised ones for every body, actor and interaction)."""
    return run_stored_rows(_query(name), landscape.store, params)


def key(iri: str | None) -> str | None:
    """The explorer's name for a resource of the site (None outside `.../id/`)."""
    return iri[len(ID):] if iri and iri.startswith(ID) else None


class _Resources:
    """The `res` table, filled as resources are met."""

    def __init__(self, site: SiteMap) -> None:
        self.site = site
        self.table: dict[str, list[Any]] = {}

    def add(self, iri: str | None) -> str | None:
        k = key(iri)
        if k is not None and k not in self.table:
            self.table[k] = [self.site.label(URIRef(iri)), [], self.site.href(PAGE, iri)]
        return k


def _name(site: SiteMap, value: object) -> str | None:
    """A column value as text: the label of a concept IRI, the value itself otherwise."""
    if value is None:
        return None
    text = str(value)
    return site.label(URIRef(text)) if text.startswith("https://w3id.org/") else text


def explorer_data(landscape: HasStore, site: SiteMap) -> dict[str, Any]:
    """Everything the explorer shows, from the catalogue queries, as plain JSON values."""
    res = _Resources(site)
    domains, zones = [], []
    for r in rows("plane-axes", landscape):
        (domains if r["axis"] == "domain" else zones).append((r["concept"], r["label"]))
    zones.reverse()  # Market at the top, as the plane is drawn
    d_ix = {iri: i for i, (iri, _) in enumerate(domains)}
    z_ix = {iri: i for i, (iri, _) in enumerate(zones)}

    actors: dict[str, dict[str, Any]] = {}
    for r in rows("plane-placements", landscape):
        k = res.add(r["actor"])
        a = actors.setdefault(k, {"class": r["actorClass"], "cells": []})
        if r["short"] and r["short"] not in res.table[k][1]:
            res.table[k][1].append(r["short"])
        cell = [d_ix.get(r["domain"], len(domains)), z_ix.get(r["zone"], len(zones))]
        if cell not in a["cells"]:
            a["cells"].append(cell)
    for k, iri in ((k, ID + k) for k in list(actors)):
        actors[k]["interactions"] = sorted(
            {(int(r["number"]), r["side"]) for r in rows("interactions-of-actor", landscape,
                                                         actor=iri)}
        )

    interactions: list[dict[str, Any]] = []
    behind: dict[str, list[list[Any]]] = {}
    seen: set[str] = set()
    for r in rows("plane-interactions", landscape):
        k = res.add(r["interaction"])
        interactions.append({
            "n": int(r["number"]), "key": k, "title": r["title"], "from": res.add(r["from"]),
            "to": res.add(r["to"]), "kind": r["kind"], "dir": r["directionality"],
        })
        res.table[k][0] = f"{r['number']}: {r['title']}"
        if k in seen:
            continue
        seen.add(k)
        behind[k] = [
            [res.add(b["context"]), b["source"], res.add(b["entity"]), res.add(b["standard"])]
            for b in rows("interaction-bodies-standards", landscape, interaction=r["interaction"])
        ]

    bodies: dict[str, dict[str, Any]] = {}
    items: dict[str, dict[str, Any]] = {}
    for iri in sorted(i for i in site.instances if kind_of(i) in BODY_KINDS):
        k = res.add(iri)
        coordination = []
        for r in rows("coordination-by-body", landscape, body=iri):
            item = res.add(r["item"])
            entry = items.setdefault(
                item, {"n": int(r["number"]), "topic": r["topic"],
                       "high": bool(r["highImportance"]), "parties": []},
            )
            if r["role"] == "party" and k not in entry["parties"]:
                entry["parties"].append(k)
            coordination.append([item, r["role"], res.add(r["via"])])
        bodies[k] = {
            "standards": [[res.add(r["standard"]), r["through"], res.add(r["maintainer"])]
                          for r in rows("standards-of-body", landscape, body=iri)],
            "table1": [[res.add(r["context"]), r["contextHeader"], r["row"], r["mark"],
                        r["through"]] for r in rows("contexts-of-body", landscape, body=iri)],
            "coordination": coordination,
        }
    for entry in items.values():
        entry["parties"].sort()

    by_topic: dict[str, set[str]] = defaultdict(set)
    about: dict[str, set[str]] = defaultdict(set)
    for r in select(landscape, _ABOUT):
        by_topic[r["topic"]].add(res.add(r["d"]))
        about[r["topic"]].add(res.add(r["about"]))
    discrepancies = [
        {"keys": sorted(by_topic.get(r["topic"], ())), "topic": r["topic"],
         "kind": _name(site, r.get("kind")), "severity": _name(site, r.get("severity")),
         "about": sorted(about.get(r["topic"], ()))}
        for r in rows("discrepancies", landscape)
    ]

    for iri in site.instances:
        if kind_of(iri) in SEARCHED_KINDS:
            res.add(iri)
    terms: dict[str, str] = {}
    for r in select(landscape, _NAMES):
        k = key(r["s"])
        if k in res.table and r["name"] not in res.table[k][1]:
            res.table[k][1].append(r["name"])
        if k and r["denotes"]:
            terms[k] = res.add(r["denotes"])
    for entry in res.table.values():
        entry[1].sort()

    return {
        "domains": [label for _, label in domains] + [NOT_STATED_DOMAIN],
        "zones": [label for _, label in zones] + [NOT_STATED_ZONE],
        "res": dict(sorted(res.table.items())),
        "actors": dict(sorted(actors.items())),
        "interactions": interactions,
        "behind": behind,
        "bodies": bodies,
        "items": dict(sorted(items.items(), key=lambda kv: kv[1]["n"])),
        "discrepancies": discrepancies,
        "terms": dict(sorted(terms.items())),
    }


def explorer_json(landscape: HasStore, site: SiteMap) -> bytes:
    """The data as compact, deterministic JSON."""
    data = explorer_data(landscape, site)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def explorer_files(landscape: HasStore, site: SiteMap, version: str) -> dict[str, bytes]:
    """The explorer's files in the site: the page, its script and style, and its data."""
    from sgam_onto.publish.explorer_page import ASSETS, asset, explorer_page

    return {
        PAGE: explorer_page(version),
        DATA: explorer_json(landscape, site),
        **{name: asset(name) for name in ASSETS},
    }
