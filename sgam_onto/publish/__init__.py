"""Publish the landscape as a static linked-data site.

    >>> from sgam_onto.publish import publish
    >>> info = publish("site/")          # BuildInfo(out, files, bytes, seconds)

`build_files(landscape)` returns the same content as a {site path: bytes} mapping without
touching the disk.
"""

from sgam_onto.publish.build import MARKER, BuildInfo, build_files, publish

__all__ = ["MARKER", "BuildInfo", "build_files", "publish"]
