"""``sgam-onto check``: the main job — load, check, summarise the landscape.

Checking is a list of steps run in order. Each step gets the shared context (the files loaded
straight into a store by the syntax step) and returns a StepResult; a step that leaves nothing
to check for the next ones (nothing could be loaded) stops the run with exit code 2, any
other failure makes the final exit code 1. New checks (SHACL, SPARQL violation queries) are
new entries in STEPS. The rdflib graph of the landscape is built only for a step that needs
one (HermiT when its verdict is not cached, SHACL with pyshacl or with CIM XML inputs).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sgam_onto import paths
from sgam_onto.errors import EXIT_FAIL, EXIT_LOAD, EXIT_OK, SgamError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from sgam_onto.landscape import Landscape
    from sgam_onto.reason import ReasonerResult


@dataclass
class StepResult:
    """The outcome of one step: a one-line summary, and details printed when it failed."""

    ok: bool
    summary: str
    details: list[str] = field(default_factory=list)
    exit_code: int = EXIT_FAIL  # what a failure means; EXIT_LOAD stops the run


@dataclass
class CheckContext:
    """What the steps share: which files to load and, once loaded, their store (and the
    landscape graph, built from the same files when a step first asks for it)."""

    files: list[Path] | None = None
    extra_files: list[Path] = field(default_factory=list)
    with_alignments: bool = False
    use_cache: bool = True
    engine: str = "fast"  # SHACL engine: fast (default; same results) or pyshacl
    store: ox.Store | None = None
    loaded: list[Path] = field(default_factory=list)  # every file read, in order
    cim_files: list[Path] = field(default_factory=list)
    landscape: Landscape | None = None
    reasoning: ReasonerResult | None = None

    def require_store(self) -> ox.Store:
        if self.store is None:
            raise SgamError("internal error: a check step ran before the landscape was loaded")
        return self.store

    def require_landscape(self) -> Landscape:
        """The landscape as an rdflib graph, loaded on first use."""
        from sgam_onto.landscape import load_landscape

        self.require_store()
        if self.landscape is None:
            self.landscape = load_landscape(self.extra_files, self.with_alignments,
                                            files=self.files)
        return self.landscape


Step = Callable[[CheckContext], StepResult]


def syntax_step(ctx: CheckContext) -> StepResult:
    """Every file through the strict parser, straight into one store."""
    from sgam_onto.errors import LoadError
    from sgam_onto.stores.direct import input_files, load_store

    started = time.perf_counter()
    rdf_files, ctx.cim_files = input_files(ctx.extra_files, ctx.with_alignments, ctx.files)
    ctx.loaded = rdf_files + ctx.cim_files  # as load_landscape lists them
    try:
        ctx.store = load_store(ctx.extra_files, ctx.with_alignments, files=ctx.files)
    except LoadError as err:
        return StepResult(False, "a file could not be loaded", [str(err)], EXIT_LOAD)
    return StepResult(
        True, f"{len(ctx.loaded)} files, {len(ctx.store)} triples in "
        f"{time.perf_counter() - started:.2f} s"
    )


def owl_step(ctx: CheckContext) -> StepResult:
    """OWL 2 DL consistency with HermiT, and no class that can never have members."""
    from sgam_onto import __version__, reason_cache
    from sgam_onto.reason import run_hermit

    ctx.require_store()
    key = reason_cache.cache_key(ctx.loaded, __version__)
    cached = reason_cache.load(key) if ctx.use_cache else None
    if cached is None:
        result = run_hermit(ctx.require_landscape().graph)
        reason_cache.store(key, result)
        timing = f"(HermiT {result.seconds:.2f} s)"
    else:
        result, timing = cached, "(cached verdict for these exact inputs)"
    ctx.reasoning = result
    if not result.consistent:
        return StepResult(False, f"inconsistent {timing}", result.explanation.splitlines())
    if result.unsatisfiable:
        return StepResult(
            False,
            f"{len(result.unsatisfiable)} unsatisfiable classes {timing}",
            [f"unsatisfiable class (equivalent to owl:Nothing): {c}"
             for c in sorted(result.unsatisfiable)],
        )
    members = sum(len(m) for m in result.inferred.values())
    return StepResult(
        True,
        f"consistent; {len(result.inferred)} defined classes, {members} members {timing}",
    )


def shacl_step(ctx: CheckContext) -> StepResult:
    """SHACL: the landscape (and any extra files) against shapes/*.ttl."""
    from sgam_onto.validate import render, validate, validate_landscape

    ctx.require_store()
    if ctx.cim_files or ctx.landscape is not None or ctx.engine != "fast":
        # CIM XML needs its own reader, and pyshacl a graph: validate the landscape graph
        # (loaded once, or already built by an earlier step)
        outcome = validate_landscape(ctx.require_landscape(), inputs=ctx.extra_files,
                                     engine=ctx.engine)
    else:  # the fast engine reads the files straight into its store
        extra = set(ctx.extra_files)
        outcome = validate(ctx.extra_files, engine=ctx.engine,
                           landscape_files=[f for f in ctx.loaded if f not in extra])
    details = [] if outcome.conforms() else render(outcome, "text").splitlines()
    summary = f"{outcome.summary()} ({outcome.seconds:.2f} s)"
    return StepResult(outcome.conforms(), summary, details)


def queries_step(ctx: CheckContext) -> StepResult:
    """The SPARQL integrity checks of queries/checks/: each must return no rows."""
    from sgam_onto.report.checks import run_checks

    outcome = run_checks(ctx.require_store())
    return StepResult(outcome.ok, outcome.summary, list(outcome.details))


STEPS: list[tuple[str, Step]] = [
    ("syntax", syntax_step),
    ("shacl", shacl_step),
    ("owl", owl_step),
    ("queries", queries_step),
]


def run_steps(
    ctx: CheckContext, steps: list[tuple[str, Step]], skip: frozenset[str] = frozenset()
) -> tuple[int, list[str]]:
    """Run the steps, printing one status line each; returns the exit code and failed names."""
    failed: list[str] = []
    code = EXIT_OK
    for name, step in steps:
        if name in skip:
            print(f"  {name:<8} skipped")
            continue
        try:
            result = step(ctx)
        except SgamError as err:
            result = StepResult(False, "could not run", [str(err)], err.exit_code)
        print(f"  {name:<8} {'ok' if result.ok else 'FAILED':<7} {result.summary}")
        if result.ok:
            continue
        failed.append(name)
        for line in result.details:
            print(line, file=sys.stderr)
        code = max(code, result.exit_code)
        if result.exit_code == EXIT_LOAD:
            break
    return code, failed


def print_summary(ctx: CheckContext) -> None:
    """Instances per class; defined classes show the members the reasoner found."""
    from rdflib import URIRef

    from sgam_onto.landscape import store_counts, store_labels

    if ctx.store is None:
        return
    table = {label: str(count) for label, count in store_counts(ctx.store).items()}
    if ctx.reasoning is not None and ctx.reasoning.consistent:
        inferred = ctx.reasoning.inferred
        labels = store_labels(ctx.store, [URIRef(iri) for iri in inferred])
        for iri, members in inferred.items():
            label = labels[URIRef(iri)]
            if label in table:
                table[label] = f"{len(members)}  (inferred)"
    width = max((len(k) for k in table), default=0)
    print()
    print("instances per class")
    for label, count in table.items():
        number, _, note = count.partition("  ")
        print(f"  {label:<{width}}  {number:>6}  {note}".rstrip())
    print()
    root, why = paths.landscape_root()
    print(f"landscape {root} ({why})")
    print(f"files    {len(ctx.loaded)}")
    print(f"triples  {len(ctx.store)}")


def run(args: argparse.Namespace) -> int:
    from sgam_onto import __version__

    started = time.perf_counter()
    ctx = CheckContext(
        extra_files=list(args.files),
        with_alignments=args.with_alignments,
        use_cache=not args.no_cache,
        engine=args.engine,
    )
    print(f"sgam-onto {__version__} check")
    code, failed = run_steps(ctx, STEPS, frozenset(args.skip or ()))
    print_summary(ctx)
    seconds = time.perf_counter() - started
    verdict = "passed" if code == EXIT_OK else f"FAILED ({', '.join(failed)})"
    print(f"result   {verdict} in {seconds:.1f} s")
    if failed:
        print(f"check failed: {', '.join(failed)}", file=sys.stderr)
    return code


def register(subparsers: argparse._SubParsersAction) -> None:
    from sgam_onto.commands import add_engine_argument

    parser = subparsers.add_parser(
        "check",
        help="load the landscape, check it, print a summary",
        description="The main job: syntax gate over every file, SHACL validation, OWL "
        "consistency with HermiT (verdict cached by content hash), the SPARQL integrity checks "
        "of queries/checks/, and a summary of the landscape. Exit 0 ok, 1 a check failed, "
        "2 nothing to check (a file could not be loaded).",
    )
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help="extra RDF files checked together with the landscape (e.g. a contribution)",
    )
    parser.add_argument(
        "--skip", action="append", choices=[name for name, _ in STEPS if name != "syntax"],
        help="leave out a step (repeatable)",
    )
    parser.add_argument(
        "--with-alignments", action="store_true",
        help="also load ontology/alignments/*.ttl",
    )
    add_engine_argument(parser, default="fast")
    parser.add_argument(
        "--no-cache", action="store_true",
        help="run HermiT even if its verdict for these exact input bytes is cached",
    )
    parser.set_defaults(func=run)
