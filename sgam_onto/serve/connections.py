"""Bounds on what a client can hold: a fixed number of connections (each has one thread), and
deadlines for the request head and the body that a client trickling a byte at a time cannot
stretch, because the deadline is for the whole head or body, not for each read."""

from __future__ import annotations

import io
import math
import socket
import time

# What a refused connection gets before it is closed: no thread is started for it.
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: 38\r\nRetry-After: 1\r\nConnection: close\r\n"
    b"Access-Control-Allow-Origin: *\r\n\r\ntoo many connections; try again later\n"
)


class DeadlineReader(io.RawIOBase):
    """Reads a socket until `deadline` (time.monotonic()); past it, reads raise TimeoutError."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def expire_in(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the client did not send its request in time")
        self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


def refuse(sock: socket.socket) -> None:
    """Tell a client over the connection limit to come back, without blocking on it."""
    try:
        sock.setblocking(False)
        sock.send(BUSY)
    except OSError:
        pass
