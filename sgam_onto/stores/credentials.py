"""Credentials for a remote store: from the environment or a netrc file, never the command line.

Command-line arguments are visible to every user of the machine (``ps``) and end up in shell
history, so a password is only read from ``SGAM_ONTO_USER``/``SGAM_ONTO_PASSWORD`` or from a
netrc file (``machine HOST login USER password PASS``), by default ``~/.netrc``.
"""

from __future__ import annotations

import netrc
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sgam_onto.errors import SgamError

USER_ENV = "SGAM_ONTO_USER"
PASSWORD_ENV = "SGAM_ONTO_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = ""
    source: str = ""  # where they came from, for error messages (never the password)

    def __repr__(self) -> str:  # keep the password out of tracebacks and logs
        return f"Credentials(user={self.user!r}, source={self.source!r})"


def find_credentials(url: str, netrc_file: str | Path | None = None) -> Credentials | None:
    """The user and password for ``url``'s host; None when nothing is configured.

    The environment wins over netrc. An explicitly named netrc file must exist; the default
    ``~/.netrc`` is optional.
    """
    user = os.environ.get(USER_ENV)
    if user:
        return Credentials(user, os.environ.get(PASSWORD_ENV, ""), f"${USER_ENV}")
    if os.environ.get(PASSWORD_ENV):
        raise SgamError(f"${PASSWORD_ENV} is set but ${USER_ENV} is not")
    explicit = netrc_file is not None
    path = Path(netrc_file) if explicit else Path.home() / ".netrc"
    if not path.is_file():
        if explicit:
            raise SgamError(f"--netrc {path}: no such file")
        return None
    try:
        entries = netrc.netrc(str(path))
    except netrc.NetrcParseError as err:
        raise SgamError(f"{path}:{err.lineno}: {err.msg}") from None
    except OSError as err:
        raise SgamError(f"{path}: cannot read ({err.strerror})") from None
    host = urlsplit(url).hostname or ""
    port = urlsplit(url).port
    found = None
    if port is not None:
        found = entries.authenticators(f"{host}:{port}")
    found = found or entries.authenticators(host)
    if not found or not found[0]:
        return None
    return Credentials(found[0], found[2] or "", str(path))
