"""Publishing on a full disk keeps the site published before, file for file."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from tests.hardening.conftest import sgam
from tests.hardening.test_no_data_loss import tiny_disk


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_publish_on_a_full_disk_keeps_the_previous_site(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk", "48m") as disk:
        first = sgam("publish", "--out", "site", cwd=disk, root=None, timeout=600)
        assert first.returncode == 0, first.output
        before = tree(disk / "site")
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as out:
            while True:
                out.write(b"\0" * (1 << 16))
                out.flush()
        again = sgam("publish", "--out", "site", cwd=disk, root=None, timeout=600)
        assert again.returncode == 2, again.output
        assert "No space left on device" in again.stderr
        assert "Traceback" not in again.stderr
        assert tree(disk / "site") == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "site"]


def test_a_hostile_landscape_publishes_safe_pages_and_is_linted(tmp_path: Path) -> None:
    """An IRI object <javascript:alert(1)> and a label with U+202E, end to end: the pages link
    neither, isolate the label, carry the policy; publish says what lint finds."""
    import shutil

    from sgam_onto.publish.html import CSP
    from tests.hardening.conftest import FIXTURE_ROOT

    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    shutil.copytree(Path(__file__).resolve().parents[2] / "queries", root / "queries")
    with (root / "ontology" / "data" / "bodies.ttl").open("a", encoding="utf-8") as out:
        out.write('\nbody:iec-tc57 <http://www.w3.org/2000/01/rdf-schema#label> '
                  '"IEC\u202e TC 57"@en ;\n'
                  '    <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(1)> .\n')
    run = sgam("publish", "--out", "site", cwd=tmp_path, root=root, timeout=600)
    assert run.returncode == 0, run.output
    assert "warning: text-hidden-character" in run.stderr and "U+202E" in run.stderr
    assert "warning: iri-scheme" in run.stderr and "javascript" in run.stderr
    page = (tmp_path / "site" / "id" / "body" / "iec-tc57.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page
    assert "\u2068IEC\u202e TC 57\u2069" in page
    assert f'content="{CSP.replace(chr(39), "&#x27;")}"' in page
    quiet = sgam("publish", "--no-lint", "--out", "site", cwd=tmp_path, root=root, timeout=600)
    assert quiet.returncode == 0 and "warning:" not in quiet.stderr, quiet.output
