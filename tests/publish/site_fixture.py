"""One published site per test process, shared by the publish, serve and browser tests
(building it takes seconds)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path


@functools.cache
def published_site() -> Path:
    """Publish the real landscape once into a temporary folder removed at exit."""
    from sgam_onto.publish import publish

    root = Path(tempfile.mkdtemp(prefix="sgam-onto-test-site-"))
    atexit.register(shutil.rmtree, root, True)
    return publish(root / "site").out
