"""Shared fixtures: paths to the committed test data, a landscape root for the CLI, servers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sgam_onto.landscape import Landscape, load_landscape
from tests.stores.servers import OxigraphServer, VirtuosoServer, virtuoso_executable

FIXTURES = Path(__file__).parent / "fixtures"
LANDSCAPE_ROOT = FIXTURES / "landscape"

@pytest.fixture(autouse=True)
def _landscape_choice_restored() -> Iterator[None]:
    """`--landscape DIR` sets SGAM_ONTO_ROOT for the rest of the process (worker processes read
    it); a test that passes it to main() must not leave the next test on its folder."""
    from sgam_onto.paths import ROOT_ENV

    before = os.environ.get(ROOT_ENV)
    yield
    if before is None:
        os.environ.pop(ROOT_ENV, None)
    else:
        os.environ[ROOT_ENV] = before


needs_java = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="HermiT needs Java; scripts/install-system-deps.sh installs it",
)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def landscape_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the resource directories at the small fixture landscape."""
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(LANDSCAPE_ROOT))
    return LANDSCAPE_ROOT


@pytest.fixture
def landscape_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture landscape, used as the resource root."""
    root = tmp_path / "root"
    shutil.copytree(LANDSCAPE_ROOT, root)
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(root))
    return root


def require_virtuoso() -> None:
    """Skip without Virtuoso on a developer machine; in CI (CI set) its absence is a failure."""
    if virtuoso_executable() is None:
        why = "virtuoso-t is not installed; scripts/install-system-deps.sh installs it"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An Oxigraph server on loopback for the whole session; tests use their own graph IRIs."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso server with a private database on loopback for the whole session."""
    require_virtuoso()
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fresh_virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso server of the module's own, for parity tests.

    Virtuoso 7.2 plans queries from statistics over its whole database; with the large graphs
    that load and failure tests leave in the shared server, some plans hit its bugs (a bound
    path start ignored, an unbound footnote concatenated). Comparing query answers on a store
    that holds only the graph under test keeps the parity tests about the queries.
    """
    require_virtuoso()
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso-fresh")).start()
    yield server
    server.stop()


SEED_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed"


@pytest.fixture(scope="session")
def landscape() -> Landscape:
    """The real landscape, loaded once per session through the syntax gate."""
    return load_landscape()


@pytest.fixture(scope="session")
def srd_text() -> str:
    """The SRD's plain text; tests that read it skip where the shared folder is absent."""
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"the SRD text is not available at {SEED_DIR.resolve()} (shared folder absent)")
    return files[0].read_text(encoding="utf-8")
