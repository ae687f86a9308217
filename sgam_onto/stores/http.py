"""Plain HTTP for the remote stores: one request, no redirects, errors as one line.

Only the URL the user gave is ever contacted: redirects are refused (a redirect may point to
another host), and nothing else is fetched. Authentication is answered from the server's own
challenge: Basic, or Digest (Virtuoso) computed here so that a large body is sent only once.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sgam_onto.errors import SgamError
from sgam_onto.stores.credentials import PASSWORD_ENV, USER_ENV, Credentials

_CHALLENGE_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


class RemoteError(SgamError):
    """A remote store could not be reached or refused the request (exit 2)."""


@dataclass
class Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def short_body(body: bytes, limit: int = 200) -> str:
    """The start of a response body as one line (tags and runs of white space removed)."""
    text = body[: limit * 8].decode("utf-8", "replace")
    text = _SPACE.sub(" ", _TAGS.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def http_error(url: str, status: int, reason: str, body: bytes, creds: Credentials | None) -> str:
    """The one-line message for an HTTP error status."""
    if status == 401:
        if creds is None:
            return (
                f"{url}: HTTP 401 Unauthorized: the server wants credentials; set ${USER_ENV} "
                f"and ${PASSWORD_ENV}, or add a machine entry to ~/.netrc (or --netrc FILE)"
            )
        return f"{url}: HTTP 401 Unauthorized: wrong user or password ({creds.user!r} from " \
            f"{creds.source})"
    detail = short_body(body)
    return f"{url}: HTTP {status} {reason}" + (f": {detail}" if detail else "")


def connection_error(url: str, err: BaseException, timeout: float) -> RemoteError:
    """One line for a network failure: refused, unknown host, timed out, dropped."""
    if isinstance(err, TimeoutError | socket.timeout):
        return RemoteError(f"{url}: no answer within {timeout:g} s (--timeout)")
    if isinstance(err, socket.gaierror):
        return RemoteError(f"{url}: unknown host {urlsplit(url).hostname!r}")
    if isinstance(err, ConnectionRefusedError):
        return RemoteError(f"{url}: connection refused (is the server running?)")
    if isinstance(err, ConnectionError | http.client.HTTPException):
        what = type(err).__name__
        return RemoteError(f"{url}: the connection was lost before the server answered ({what})")
    if isinstance(err, ssl.SSLError):
        return RemoteError(f"{url}: TLS error: {err.reason or err}")
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return RemoteError(f"{url}: cannot connect: {reason}")


def _connection(url: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def request(
    method: str,
    url: str,
    *,
    body: bytes | Iterable[bytes] | None = None,
    length: int | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> Response:
    """Send one request and read the whole answer; network failures become RemoteError.

    ``body`` may be an iterable of chunks (sent as they come) when ``length`` is given.
    """
    conn = _connection(url, timeout)
    try:
        conn.putrequest(method, _target(url), skip_accept_encoding=True)
        sent = dict(headers or {})
        if body is not None:
            size = len(body) if isinstance(body, bytes | bytearray) else length
            if size is None:
                raise ValueError("a streamed body needs its length")
            sent["Content-Length"] = str(size)
        elif method in ("PUT", "POST"):
            sent["Content-Length"] = "0"
        for name, value in sent.items():
            conn.putheader(name, value)
        conn.endheaders()
        try:
            if isinstance(body, bytes | bytearray):
                conn.send(body)
            elif body is not None:
                for chunk in body:
                    conn.send(chunk)
        except (BrokenPipeError, ConnectionResetError) as err:
            # A server may refuse a request (401, 413) and close before the body is sent;
            # its answer is then already waiting, and says more than the broken pipe.
            try:
                answer = conn.getresponse()
            except (OSError, http.client.HTTPException):
                raise err from None
            found = {k.lower(): v for k, v in answer.getheaders()}
            return Response(answer.status, answer.reason, found, answer.read())
        answer = conn.getresponse()
        data = answer.read()
        found = {k.lower(): v for k, v in answer.getheaders()}
        return Response(answer.status, answer.reason, found, data)
    except (OSError, http.client.HTTPException) as err:
        raise connection_error(url, err, timeout) from None
    finally:
        conn.close()


def parse_challenge(header: str) -> tuple[str, dict[str, str]]:
    """``Digest realm="x", nonce="y"`` -> ("digest", {"realm": "x", "nonce": "y"})."""
    scheme, _, rest = header.strip().partition(" ")
    params = {
        m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3))
        for m in _CHALLENGE_PARAM.finditer(rest)
    }
    return scheme.lower(), params


def basic_header(creds: Credentials) -> str:
    token = base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode("ascii")
    return f"Basic {token}"


def digest_header(method: str, url: str, creds: Credentials, challenge: dict[str, str]) -> str:
    """An RFC 7616 Digest answer (MD5, qop=auth or none) to one challenge."""
    algorithm = challenge.get("algorithm", "MD5").upper()
    if algorithm not in ("MD5", "MD5-SESS"):
        raise RemoteError(f"{url}: unsupported Digest algorithm {algorithm}")
    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    uri = _target(url)
    cnonce = os.urandom(8).hex()
    nc = "00000001"

    def md5(text: str) -> str:
        return hashlib.md5(text.encode("utf-8")).hexdigest()  # Digest is defined over MD5

    ha1 = md5(f"{creds.user}:{realm}:{creds.password}")
    if algorithm == "MD5-SESS":
        ha1 = md5(f"{ha1}:{nonce}:{cnonce}")
    ha2 = md5(f"{method}:{uri}")
    qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
    fields = [f'username="{creds.user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
              f"algorithm={algorithm}"]
    if "auth" in qops:
        response = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        fields += ["qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    else:
        response = md5(f"{ha1}:{nonce}:{ha2}")
    fields.append(f'response="{response}"')
    if "opaque" in challenge:
        fields.append(f'opaque="{challenge["opaque"]}"')
    return "Digest " + ", ".join(fields)


def send(
    method: str,
    url: str,
    *,
    creds: Credentials | None = None,
    scheme: str = "basic",
    body: bytes | Iterable[bytes] | None = None,
    length: int | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> Response:
    """One request with credentials when there are any; HTTP errors become one-line RemoteErrors.

    Basic credentials go with the request. Digest needs the server's nonce first: a body-less
    HEAD fetches the challenge, so a large body is sent once, already authenticated. A bytes
    body is re-sent once if the server answers 401 with a challenge of the other scheme.
    """
    sent = dict(headers or {})
    if creds is not None:
        sent.update(_first_authorization(method, url, creds, scheme, timeout))
    answer = request(method, url, body=body, length=length, headers=sent, timeout=timeout)
    challenge = answer.headers.get("www-authenticate", "")
    kind, params = parse_challenge(challenge) if challenge else ("", {})
    used = sent.get("Authorization", "").split(" ")[0].lower()
    if answer.status == 401 and creds is not None and kind != used and isinstance(body, bytes):
        if kind == "digest":
            sent["Authorization"] = digest_header(method, url, creds, params)
        elif kind == "basic":
            sent["Authorization"] = basic_header(creds)
        answer = request(method, url, body=body, headers=sent, timeout=timeout)
    if answer.status >= 300:
        raise RemoteError(http_error(url, answer.status, answer.reason, answer.body, creds))
    return answer


def _first_authorization(
    method: str, url: str, creds: Credentials, scheme: str, timeout: float
) -> dict[str, str]:
    if scheme == "basic":
        return {"Authorization": basic_header(creds)}
    probe = request("HEAD", url, timeout=timeout)
    if probe.status != 401:
        return {}  # this service does not ask for credentials
    kind, params = parse_challenge(probe.headers.get("www-authenticate", ""))
    if kind == "basic":
        return {"Authorization": basic_header(creds)}
    if kind != "digest":
        raise RemoteError(f"{url}: unsupported authentication scheme {kind or '(none)'!r}")
    return {"Authorization": digest_header(method, url, creds, params)}
