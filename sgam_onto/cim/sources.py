"""The CIM XML documents behind a list of paths: plain files, and zip bundles as exchanged.

A CGMES exchange is often one zip holding the profile files of a model (EQ, SSH, TP, SV, ...),
sometimes zips inside a zip (a common grid model made of individual ones). Members are read
in memory, never extracted; each is named ``ZIP!MEMBER`` in errors. Sizes are checked before
reading against the file size limit, as for any file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from sgam_onto import settings
from sgam_onto.errors import LoadError
from sgam_onto.rdf.guard_size import read_bounded

XML_SUFFIXES = (".xml", ".rdf")
MAX_ZIP_NESTING = 3


def is_zip(path: Path) -> bool:
    """A zip archive, known by its first bytes (bundles are not always named .zip)."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def documents(paths: Sequence[Path]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every CIM XML document the paths hold, in the order given."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            raise LoadError(path, message="is a directory, not a CIM XML file or zip")
        if not path.exists():
            raise LoadError(path, message="no such file")
        data = read_bounded(path)
        if data[:4] == b"PK\x03\x04":
            found = list(_members(data, str(path), 1))
            if not found:
                raise LoadError(path, message="the zip holds no .xml file")
            yield from found
        else:
            yield str(path), data


def _members(data: bytes, name: str, depth: int) -> Iterator[tuple[str, bytes]]:
    limit = settings.current().max_file_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as err:
        raise LoadError(name, message=f"not a readable zip archive ({err})") from None
    with archive:
        for info in archive.infolist():
            member = f"{name}!{info.filename}"
            lower = info.filename.lower()
            nested = lower.endswith(".zip")
            if info.is_dir() or not (nested or lower.endswith(XML_SUFFIXES)):
                continue
            if info.file_size > limit:
                raise settings.LimitError(member, message=f"{info.file_size:,} bytes once "
                                        f"unzipped; the limit is {limit:,} (set "
                                        f"{settings.ENV['max_file_bytes']} to raise it)")
            try:
                with archive.open(info) as handle:
                    content = handle.read(limit + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as err:
                raise LoadError(member, message=f"cannot be unzipped ({err})") from None
            if len(content) > limit:
                raise settings.LimitError(member, message=f"larger than the limit of {limit:,} "
                                        "bytes once unzipped")
            if nested:
                if depth >= MAX_ZIP_NESTING:
                    raise LoadError(member, message=f"zips nested more than "
                                    f"{MAX_ZIP_NESTING} deep")
                yield from _members(content, member, depth + 1)
            else:
                yield member, content
