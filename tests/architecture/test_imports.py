"""No import cycles in the package, a package importing its own submodules counted."""

from __future__ import annotations

import textwrap

from tests.architecture.imports import cycles, import_graph, imported


def test_the_package_has_no_import_cycle() -> None:
    found = cycles(import_graph())
    assert found == [], "modules that import each other, directly or round a loop:\n" + "\n".join(
        " <-> ".join(c) for c in found
    )


def test_the_cycle_finder_sees_a_package_importing_itself_back() -> None:
    """A package __init__ re-exporting a submodule that names the package is a cycle."""
    graph = {"p": {"p.a"}, "p.a": {"p", "p.b"}, "p.b": set(), "q": {"p.b"}}
    assert cycles(graph) == [["p", "p.a"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_read_from_every_form_of_the_statement(tmp_path) -> None:
    source = tmp_path / "m.py"
    source.write_text(textwrap.dedent("""
        import p.x
        from p import y, not_a_module
        from . import z
        from .sub import thing
        def later():
            from p.w import f
    """))
    known = {"p", "p.x", "p.y", "p.z", "p.w", "p.sub", "p.m"}
    assert set(imported("p.m", source, known)) == {"p.x", "p", "p.y", "p.z", "p.sub", "p.w"}
