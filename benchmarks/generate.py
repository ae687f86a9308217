"""Scaled landscapes for benchmarks: the SRD graph plus seeded synthetic national extensions.

Not a test: ``benchmarks/run.py`` calls it, and anyone can run it by hand::

    .venv/bin/python benchmarks/generate.py --triples 1000000 --out scaled-1m.nt

The output starts with the real landscape (``ontology/sgam.ttl``, schemes and data, parsed by
the syntax gate) and continues with "nations": each adds a national standards body with
committees, subcommittees, working groups (one joint), a body group, standards with designations
of the recognised forms, an interface context, actors, interactions with statements, Table 1
style involvement records, coordination items with parties, and its own source locations and
curated source. Nations are added until the triple count is reached; lines are streamed to the
file, so memory stays flat at any scale.

With ``--violations RATE`` every violation kind of ``VIOLATIONS`` is injected into a nation with
probability RATE (and the first nation carries one of each kind, so even a tiny file has them
all). Duplicates (numbers, designations) reuse those of SRD records, so they need the landscape
in the file (the default). ``--manifest`` writes a JSON record of what was generated: triples,
nations, and the count of each violation kind. Output is N-Triples (``.nt``) or Turtle
(``.ttl``, N-Triples lines with prefixes), decided by the file extension or ``--format``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SGAM = "https://w3id.org/sgam-onto#"
ID = "https://w3id.org/sgam-onto/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SRD = f"{ID}standard/iec-srd-63268-2020"
EXISTING_ACTORS = ("grid-operator", "grid-user", "aggregator", "cem", "csms")

# Each kind of deliberate violation, with the shape and constraint component that reports it.
VIOLATIONS: dict[str, tuple[str, str]] = {
    "missing-from": ("Interaction-from", "MinCountConstraintComponent"),
    "missing-to": ("Interaction-to", "MinCountConstraintComponent"),
    "from-equals-to": ("Interaction-from-disjoint", "DisjointConstraintComponent"),
    "single-party": ("CoordinationItem-party", "MinCountConstraintComponent"),
    "duplicate-coordination-number": (
        "CoordinationItem-number-unique", "QualifiedMaxCountConstraintComponent"),
    "duplicate-interaction-number": (
        "Interaction-number-unique", "QualifiedMaxCountConstraintComponent"),
    "duplicate-designation": (
        "StandardizationEntity-designation-unique", "QualifiedMaxCountConstraintComponent"),
    "bad-standard-designation": ("Standard-designation", "PatternConstraintComponent"),
    "bad-committee-designation": ("TechnicalCommittee-designation", "PatternConstraintComponent"),
    "ill-typed-integer": ("Any-number", "DatatypeConstraintComponent"),
    "ill-typed-boolean": ("Any-highImportance", "DatatypeConstraintComponent"),
    "int-not-integer": ("Any-rowNumber", "DatatypeConstraintComponent"),
    "zero-number": ("Any-number", "MinInclusiveConstraintComponent"),
    "missing-provenance": ("Resource-source", "MinCountConstraintComponent"),
    "missing-label": ("Resource-label", "QualifiedMinCountConstraintComponent"),
    "untagged-label": ("Any-label", "DatatypeConstraintComponent"),
    "trailing-space-title": ("Any-title", "PatternConstraintComponent"),
    "bad-column-key": ("InterfaceContext-columnKey", "PatternConstraintComponent"),
    "unknown-reference": ("CoordinationItem-party", "ClassConstraintComponent"),
    "unknown-term": ("Resource-vocabulary", "SPARQLConstraintComponent"),
    "hierarchy-cycle": ("StandardsBody-parentBody-acyclic", "SPARQLConstraintComponent"),
    "body-without-kind": ("StandardsBody-type", "QualifiedMinCountConstraintComponent"),
    "joint-group-one-parent": ("WorkingGroup-parentBody-joint", "OrConstraintComponent"),
    "type-designation-mismatch": (
        "Standard-documentType-designation", "OrConstraintComponent"),
}
# Literal forms that are valid but that a store may rewrite: not violations, but traps for a
# validator that reads the data back from a store.
TRAPS = ("non-canonical-integer", "non-canonical-boolean")


def iri(kind: str, slug: str) -> str:
    return f"<{ID}{kind}/{slug}>"


def term(name: str) -> str:
    return f"<{SGAM}{name}>"


def string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def en(text: str) -> str:
    return f"{string(text)}@en"


def typed(lexical: str, datatype: str) -> str:
    return f"{string(lexical)}^^<{XSD}{datatype}>"


A = f"<{RDF_TYPE}>"
LABEL = f"<{RDFS}label>"
DESCRIPTION = f"<{DCT}description>"


@dataclass
class Nation:
    """Builds the triples of one synthetic national extension."""

    index: int
    rng: random.Random
    inject: set[str]
    lines: list[str] = field(default_factory=list)
    used: Counter = field(default_factory=Counter)

    @property
    def code(self) -> str:
        return f"n{self.index:06d}"

    @property
    def acronym(self) -> str:
        return f"NSB{self.index}"

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} .")

    def sourced(self, subject: str, label: str | None, *sources: str, kind: str = "") -> None:
        """Label and provenance, unless this record carries one of those violations."""
        if label is not None:
            if kind and self.take("untagged-label"):
                self.add(subject, LABEL, string(label))
            elif not (kind and self.take("missing-label")):
                self.add(subject, LABEL, en(label))
        if kind and self.take("missing-provenance"):
            return
        for source in sources:
            self.add(subject, term("source"), source)

    def take(self, kind: str) -> bool:
        """Use up an injection of ``kind``; False when it was already used in this nation."""
        if kind in self.inject:
            self.inject.discard(kind)
            self.used[kind] += 1
            return True
        return False

    def build(self) -> list[str]:
        k, code, nsb = self.index, self.code, self.acronym
        clause = [iri("source", f"{code}-clause-{j}") for j in range(1, 4)]
        curated = iri("source", f"{code}-curated")
        self._sources(clause, curated)
        org = iri("body", f"{code}-nsb")
        self.add(org, A, term("StandardsOrganization"))
        self.add(org, term("designation"), string(nsb))
        self.add(org, DESCRIPTION, en(f"The national standards body number {k}."))
        self.sourced(org, nsb, curated)
        committees = self._committees(org, clause, curated)
        standards = self._standards(committees, clause)
        context = self._context(clause)
        actors = self._actors(clause)
        interactions = self._interactions(actors, clause)
        self.add(context, term("coversInteraction"), interactions[0])
        self._involvements(context, committees, clause)
        self._coordination(committees, standards, clause)
        return self.lines

    def _sources(self, clause: list[str], curated: str) -> None:
        for j, location in enumerate(clause, start=1):
            self.add(location, A, term("SourceLocation"))
            self.add(location, LABEL, en(f"{self.acronym} national annex, clause {j}"))
            self.add(location, term("inDocument"), f"<{SRD}>")
            if j > 1:
                self.add(location, term("partOfLocation"), clause[0])
        self.add(curated, A, term("CuratedSource"))
        self.add(curated, LABEL, en(f"{self.acronym} committee directory"))
        self.add(curated, DESCRIPTION, en(f"The directory of committees of {self.acronym}."))

    def _committees(self, org: str, clause: list[str], curated: str) -> list[str]:
        code, nsb = self.code, self.acronym
        bodies: list[str] = []
        for t in range(1, 4):
            tc = iri("body", f"{code}-tc{t}")
            designation = f"{nsb} TC {t}"
            if t == 1 and self.take("bad-committee-designation"):
                designation = f"{nsb} TC-{t} (national)"
            if t == 2 and self.take("body-without-kind"):
                self.add(tc, A, term("StandardsBody"))
            else:
                self.add(tc, A, term("TechnicalCommittee"))
            self.add(tc, term("designation"), string(designation))
            self.add(tc, term("parentBody"), org)
            self.sourced(tc, designation, clause[0], curated, kind="tc")
            sc = iri("body", f"{code}-tc{t}-sc{t}a")
            self.add(sc, A, term("Subcommittee"))
            self.add(sc, term("designation"), string(f"{nsb} SC {t}A"))
            self.add(sc, term("parentBody"), tc)
            self.sourced(sc, f"{nsb} SC {t}A", curated)
            wgs = []
            for w in range(1, 3):
                wg = iri("body", f"{code}-tc{t}-wg{w}")
                self.add(wg, A, term("WorkingGroup"))
                self.add(wg, term("designation"), string(f"{nsb} TC {t} WG {w}"))
                self.add(wg, term("parentBody"), tc)
                self.sourced(wg, f"{nsb} TC {t} WG {w}", curated)
                wgs.append(wg)
            if t == 3 and self.take("hierarchy-cycle"):
                self.add(wgs[0], term("parentBody"), wgs[1])
                self.add(wgs[1], term("parentBody"), wgs[0])
            group = iri("group", f"{code}-tc{t}-wg1-wg2")
            self.add(group, A, term("BodyGroup"))
            self.add(group, term("designation"), string(f"{nsb} TC {t} WG 1/WG 2"))
            for wg in wgs:
                self.add(group, term("member"), wg)
            self.sourced(group, f"{nsb} TC {t} WG 1/WG 2", clause[1])
            bodies += [tc, sc, *wgs]
        jwg = iri("body", f"{code}-tc1-tc2-jwg9")
        self.add(jwg, A, term("WorkingGroup"))
        self.add(jwg, term("designation"), string(f"{nsb} TC 1/TC 2 JWG 9"))
        self.add(jwg, term("parentBody"), bodies[0])
        if not self.take("joint-group-one-parent"):
            self.add(jwg, term("parentBody"), bodies[4])
        self.sourced(jwg, f"{nsb} TC 1/TC 2 JWG 9", clause[1], curated)
        if self.take("duplicate-designation"):
            twin = iri("body", f"{code}-tc1-duplicate")
            self.add(twin, A, term("TechnicalCommittee"))
            self.add(twin, term("designation"), string("IEC TC 57"))  # a body of the SRD
            self.add(twin, term("parentBody"), org)
            self.sourced(twin, f"{nsb} TC 1 (again)", curated)
        return [*bodies, jwg]

    def _standards(self, committees: list[str], clause: list[str]) -> list[str]:
        k = self.index
        forms = [
            ("", "InternationalStandard"),
            (" TS", "TechnicalSpecification"),
            (" TR", "TechnicalReport"),
            ("", "InternationalStandard"),
            (" PAS", "PubliclyAvailableSpecification"),
        ]
        organisations = ["IEC", "IEC", "ISO/IEC", "IEC", "IEC"]
        standards = []
        for i, (infix, kind) in enumerate(forms):
            number = 60000 + k % 30000
            designation = f"{organisations[i]}{infix} {number}-{k // 30000 + 1}-{i + 1}"
            if i == 3:
                designation += f":{2010 + k % 15}"
            if i == 0 and self.take("bad-standard-designation"):
                designation = f"IEC-{number} Ed.{i + 2}"
            if i == 1 and self.take("type-designation-mismatch"):
                kind = "InternationalStandard"
            std = iri("standard", f"{self.code}-{i + 1}")
            self.add(std, A, term("Standard"))
            self.add(std, term("designation"), string(designation))
            self.add(std, term("documentType"), term(kind))
            self.add(std, term("maintainedBy"), self.rng.choice(committees))
            self.sourced(std, designation, clause[2], kind="standard")
            standards.append(std)
        return standards

    def _context(self, clause: list[str]) -> str:
        context = iri("context", f"{self.code}-grid-users")
        key = f"{self.code}-grid-users"
        if self.take("bad-column-key"):
            key = f"{self.acronym} Grid Users"
        self.add(context, A, term("InterfaceContext"))
        self.add(context, term("columnKey"), string(key))
        self.add(context, term("table1Header"), string(f"{self.acronym} grid users"))
        self.add(context, term("broaderContext"), iri("context", "der-grid-users"))
        self.sourced(context, f"{self.acronym} grid user interfaces", clause[0], kind="context")
        return context

    def _actors(self, clause: list[str]) -> list[str]:
        actors = []
        for a, (kind, name) in enumerate(
            [("Role", "regional grid operator"), ("Component", "home energy gateway"),
             ("Role", "flexibility service provider")]
        ):
            actor = iri("actor", f"{self.code}-{a}")
            self.add(actor, A, term(kind))
            self.add(actor, term("specializes"), iri("actor", EXISTING_ACTORS[a]))
            self.sourced(actor, f"{self.acronym} {name}", clause[1], kind="actor")
            actors.append(actor)
        return actors

    def _interactions(self, actors: list[str], clause: list[str]) -> list[str]:
        interactions = []
        for i in range(3):
            number = 1000 + 3 * self.index + i
            interaction = iri("interaction", f"{self.code}-{i + 1}")
            statement = iri("statement", f"{self.code}-{i + 1}")
            source, target = actors[i], actors[(i + 1) % len(actors)]
            title = f"{self.acronym} data exchange {i + 1}"
            self.add(interaction, A, term("Interaction"))
            if i == 1 and self.take("duplicate-interaction-number"):
                number = 6  # interaction 6 of the SRD
            if i == 0 and self.take("ill-typed-integer"):
                self.add(interaction, term("number"), typed("x", "integer"))
            else:
                self.add(interaction, term("number"), typed(str(number), "integer"))
            if i == 0 and self.take("trailing-space-title"):
                title += " "
            self.add(interaction, term("title"), string(title))
            if not (i == 0 and self.take("missing-from")):
                self.add(interaction, term("from"), source)
            if i == 2 and self.take("from-equals-to"):
                target = source
            if not (i == 1 and self.take("missing-to")):
                self.add(interaction, term("to"), target)
            self.add(interaction, term("kind"), term("Direct"))
            self.add(interaction, term("nature"), term("Data"))
            self.add(interaction, term("natureBasis"), term("Stated"))
            self.add(interaction, term("directionality"), term("Bidirectional"))
            self.add(interaction, term("bidirectionalAsWritten"), string("Yes"))
            self.add(interaction, term("definingStatement"), statement)
            self.sourced(interaction, title, clause[1], kind="interaction")
            self.add(statement, A, term("InteractionStatement"))
            self.add(statement, term("statementOf"), interaction)
            self.add(statement, term("title"), string(title))
            self.add(statement, term("from"), source)
            self.add(statement, term("to"), actors[(i + 1) % len(actors)])
            self.add(statement, term("fromAsWritten"), string(f"{self.acronym} actor {i}"))
            self.add(statement, term("toAsWritten"),
                     string(f"{self.acronym} actor {(i + 1) % len(actors)}"))
            self.add(statement, term("kind"), term("Direct"))
            self.sourced(statement, f"{title} (national table)", clause[1])
            interactions.append(interaction)
        return interactions

    def _involvements(self, context: str, committees: list[str], clause: list[str]) -> None:
        for r, body in enumerate(committees[:4], start=1):
            row = iri("table1row", f"{self.code}-{r}")
            involvement = iri("involvement", f"{self.code}-{r}")
            self.add(row, A, term("SummaryTableRow"))
            self.add(row, term("entity"), body)
            self.add(row, term("rowLabel"), string(f"{self.acronym} row {r}"))
            if r == 1 and self.take("int-not-integer"):
                self.add(row, term("rowNumber"), typed(str(r), "int"))
            elif r == 2 and self.take("non-canonical-integer"):
                self.add(row, term("rowNumber"), typed(f"0{r}", "integer"))
            else:
                self.add(row, term("rowNumber"), typed(str(r), "integer"))
            self.sourced(row, f"{self.acronym} Table 1 row {r}", clause[2])
            self.add(involvement, A, term("Involvement"))
            self.add(involvement, term("context"), context)
            self.add(involvement, term("entity"), body)
            self.add(involvement, term("row"), row)
            self.add(involvement, term("mark"), string("X"))
            self.sourced(involvement, f"{self.acronym} involvement {r}", clause[2],
                         kind="involvement")

    def _coordination(self, committees: list[str], standards: list[str], clause: list[str]) -> None:
        for c in range(2):
            number = 1000 + 2 * self.index + c
            item = iri("coordination", f"{self.code}-{c + 1}")
            self.add(item, A, term("CoordinationItem"))
            if c == 1 and self.take("duplicate-coordination-number"):
                number = 9  # coordination item 9 of the SRD
            if c == 0 and self.take("zero-number"):
                number = 0
            self.add(item, term("number"), typed(str(number), "integer"))
            flag = "true" if (self.index + c) % 4 == 0 else "false"
            if c == 0 and self.take("ill-typed-boolean"):
                flag = "01"
            elif c == 1 and self.take("non-canonical-boolean"):
                flag = "1"
            self.add(item, term("highImportance"), typed(flag, "boolean"))
            parties = self.rng.sample(committees, 2)
            if c == 0 and self.take("single-party"):
                parties = parties[:1]
            if c == 1 and self.take("unknown-reference"):
                parties[1] = iri("body", f"{self.code}-no-such-body")
            for party in parties:
                self.add(item, term("party"), party)
            if c == 1 and self.take("unknown-term"):
                self.add(item, term("parties"), parties[0])
            self.add(item, term("status"), term("StatusNeedsSettingUp"))
            self.add(item, term("topic"), en(f"{self.acronym} coordination topic {c + 1}"))
            self.add(item, term("output"), standards[c])
            self.add(item, term("entityAsWritten"), string(f"{self.acronym} TC 1 and TC 2"))
            self.sourced(item, f"{self.acronym} coordination item {c + 1}", clause[2],
                         kind="coordination")


def landscape_lines() -> Iterator[str]:
    """The real landscape as N-Triples lines (blank nodes renamed apart from ours)."""
    import pyoxigraph as ox

    from sgam_onto import paths
    from sgam_onto.rdf.parse import parse_file

    for number, path in enumerate(paths.landscape_files()):
        triples = []
        for quad in parse_file(path).quads:
            triples.append(ox.Triple(*(_scoped(t, number) for t in quad.triple)))
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        yield from (line for line in text.splitlines() if line)


def _scoped(term_: object, number: int) -> object:
    import pyoxigraph as ox

    if isinstance(term_, ox.BlankNode):
        return ox.BlankNode(f"f{number}x{term_.value}")
    return term_


PREFIXES = {"sgam": SGAM, "rdfs": RDFS, "xsd": XSD}


def generate(
    out: TextIO,
    triples: int,
    *,
    seed: int = 1,
    violations: float = 0.0,
    turtle: bool = False,
    with_landscape: bool = True,
) -> dict:
    """Write about ``triples`` triples (at least one nation) to ``out``; returns the manifest."""
    rng = random.Random(seed)
    count = 0
    injected: Counter = Counter()
    if turtle:
        out.write("".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items()))
    if with_landscape:
        batch = list(landscape_lines())
        out.write("\n".join(batch) + "\n")
        count += len(batch)
    srd_triples = count
    kinds = [*VIOLATIONS, *TRAPS]
    index = 0
    while count < triples or index == 0:
        if violations > 0 and index == 0:
            inject = set(kinds)
        else:
            inject = {kind for kind in kinds if violations > 0 and rng.random() < violations}
        nation = Nation(index, rng, inject)
        lines = nation.build()
        injected.update(nation.used)
        out.write("\n".join(lines) + "\n")
        count += len(lines)
        index += 1
    return {
        "triples": count,
        "landscape_triples": srd_triples,
        "nations": index,
        "seed": seed,
        "violation_rate": violations,
        "injected": dict(sorted(injected.items())),
        "expected": {
            kind: list(VIOLATIONS[kind]) for kind in sorted(injected) if kind in VIOLATIONS
        },
    }


def write(
    path: Path, triples: int, *, manifest: Path | None = None, **options: object
) -> dict:
    """Generate into ``path`` through a temporary file that replaces it when complete."""
    turtle = options.pop("turtle", None)
    if turtle is None:
        turtle = path.suffix.lower() == ".ttl"
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", buffering=1 << 20) as out:
            record = generate(out, triples, turtle=bool(turtle), **options)  # type: ignore[arg-type]
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    if manifest is not None:
        from sgam_onto.io.atomic import atomic_write

        atomic_write(manifest, (json.dumps(record, indent=2) + "\n").encode("utf-8"))
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=_count, default=100_000,
                        help="how many triples (10k, 1M and 10M are understood)")
    parser.add_argument("--out", type=Path, required=True, help="output file (.nt or .ttl)")
    parser.add_argument("--format", choices=("nt", "ttl"), default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--violations", type=float, default=0.0,
                        help="probability that a nation carries each kind of violation")
    parser.add_argument("--no-landscape", action="store_true",
                        help="synthetic nations only, without the SRD graph")
    parser.add_argument("--manifest", type=Path, help="write a JSON record of what was made")
    args = parser.parse_args(argv)
    record = write(
        args.out, args.triples, manifest=args.manifest, seed=args.seed,
        violations=args.violations, with_landscape=not args.no_landscape,
        turtle=None if args.format is None else args.format == "ttl",
    )
    print(f"{args.out}: {record['triples']} triples, {record['nations']} nations, "
          f"{sum(record['injected'].values())} injected", file=sys.stderr)
    return 0


def _count(text: str) -> int:
    multipliers: dict[str, Callable[[float], float]] = {
        "k": lambda x: x * 1e3, "m": lambda x: x * 1e6}
    text = text.strip().lower()
    if text and text[-1] in multipliers:
        return int(multipliers[text[-1]](float(text[:-1])))
    return int(text)


if __name__ == "__main__":
    sys.exit(main())
