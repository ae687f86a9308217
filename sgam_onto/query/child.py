"""Query isolation: a forked child process that answers over a pipe and is killed at a deadline.

This is the one isolation mechanism of the package. The command line forks a child per query
(it holds the caller's in-memory store, copy-on-write: nothing is reloaded); the local server
keeps a few children that load the site's data once and answer query after query. Either way a
runaway query is stopped by killing its process, a crash of the engine is reported (with the
signal) rather than shared, and the engine's own crash messages never reach the terminal.
Messages are pickled, one per request and one per answer.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

Serve = Callable[[Connection, Connection], None]


class NoAnswer(Exception):
    """The child gave no answer in time (``timed_out``) or ended without one (``crash``)."""

    def __init__(self, timed_out: bool, crash: str = "") -> None:
        super().__init__("no answer in time" if timed_out else f"no answer{crash}")
        self.timed_out = timed_out
        self.crash = crash


@dataclass(eq=False)
class Child:
    """A forked process running ``serve(requests, answers)``; the parent's ends of both pipes."""

    pid: int
    requests: Connection  # to the child
    answers: Connection  # from the child
    status: list[int] = field(default_factory=list)  # its wait status, once reaped

    @classmethod
    def fork(cls, serve: Serve, *, keep_fds: bool = True) -> Child:
        """Start ``serve`` in a child; with ``keep_fds`` False it closes every other descriptor
        it inherited (a server's sockets must not live on in its query workers)."""
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: serve, then exit without running any cleanup
            code = 0
            try:
                os.close(to_child_w)
                os.close(from_child_r)
                if not keep_fds:
                    _close_all_but((to_child_r, from_child_w))
                _quiet_stderr()  # a crash message of the engine must not reach the terminal
                serve(Connection(to_child_r, writable=False),
                      Connection(from_child_w, readable=False))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(to_child_r)
        os.close(from_child_w)
        return cls(pid, Connection(to_child_w, readable=False),
                   Connection(from_child_r, writable=False))

    def receive(self, seconds: float | None) -> Any:
        """The child's next answer, waiting at most ``seconds`` (None: as long as it takes);
        NoAnswer otherwise (the child is then stopped)."""
        try:
            if self.answers.poll(None if seconds is None else max(seconds, 0)):
                return self.answers.recv()
        except (EOFError, OSError):
            self.stop()
            raise NoAnswer(False, crash_reason(self.status)) from None
        self.stop()
        raise NoAnswer(True)

    def stop(self) -> None:
        """Kill the child if it still runs, reap it, and close the pipes."""
        if not self.status:
            self.status.extend(_reap(self.pid))
        for end in (self.requests, self.answers):
            with contextlib.suppress(OSError):
                end.close()


def answer_with(answers: Connection, work: Callable[[], Any]) -> None:
    """In a child: send ``("ok", work())``, or ``("error", kind, message)`` for whatever
    ``work`` raised or returned that does not pickle."""
    try:
        answer: tuple = ("ok", work())
    except BaseException as err:  # everything goes back to the parent
        answer = ("error", type(err).__name__, str(err))
    try:
        answers.send(answer)
    except Exception as err:
        answers.send(("error", "RuntimeError", f"unpicklable result: {err}"))


def crash_reason(status: list[int]) -> str:
    """`` (it crashed: SIGSEGV)`` for a child a signal ended, else nothing."""
    if status and os.WIFSIGNALED(status[0]):
        number = os.WTERMSIG(status[0])
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f" (it crashed: {name})"
    return ""


def _reap(pid: int) -> list[int]:
    """Wait for the child (killing it if it still runs); its wait status, if known."""
    try:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            return [os.waitpid(pid, 0)[1]]
        return [code]
    except ChildProcessError:
        return []


def _quiet_stderr() -> None:
    import faulthandler

    faulthandler.disable()  # it writes to a descriptor of its own (pytest enables it)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _close_all_but(keep: Collection[int]) -> None:
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, _max_fd())


def _max_fd() -> int:
    try:
        return os.sysconf("SC_OPEN_MAX")
    except (OSError, ValueError):
        return 65536
