"""The isolation both the command line and the server use: a forked child answers over a pipe,
is killed at the deadline, reports its crash, and (for server workers) holds none of the
parent's other descriptors."""

from __future__ import annotations

import os
import signal
import socket
import time
from multiprocessing.connection import Connection

import pytest

from sgam_onto.query.child import Child, NoAnswer, answer_with

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _echo(requests: Connection, answers: Connection) -> None:
    while (message := requests.recv()) is not None:
        answer_with(answers, lambda: message * 2)


def test_a_child_answers_request_after_request_then_stops() -> None:
    child = Child.fork(_echo)
    try:
        for word in ("a", "bc"):
            child.requests.send(word)
            assert child.receive(30) == ("ok", word * 2)
    finally:
        child.stop()
    assert _gone(child.pid)


def test_errors_and_unpicklable_results_come_back_as_messages() -> None:
    def fail() -> None:
        raise ValueError("bad input")

    failing = Child.fork(lambda _r, answers: answer_with(answers, fail))
    unpicklable = Child.fork(lambda _r, answers: answer_with(answers, lambda: lambda: None))
    try:
        assert failing.receive(30) == ("error", "ValueError", "bad input")
        kind, name, message = unpicklable.receive(30)
        assert (kind, name) == ("error", "RuntimeError") and "unpicklable" in message
    finally:
        failing.stop()
        unpicklable.stop()


def test_a_child_past_the_deadline_is_killed() -> None:
    child = Child.fork(lambda _r, answers: answer_with(answers, lambda: time.sleep(60)))
    with pytest.raises(NoAnswer) as missing:
        child.receive(0.2)
    assert missing.value.timed_out and _gone(child.pid)


def test_a_crash_is_named_by_its_signal() -> None:
    def crash() -> None:
        os.kill(os.getpid(), signal.SIGSEGV)

    child = Child.fork(lambda _r, answers: answer_with(answers, crash))
    with pytest.raises(NoAnswer) as missing:
        child.receive(30)
    assert not missing.value.timed_out
    assert missing.value.crash == " (it crashed: SIGSEGV)"


@pytest.mark.parametrize("keep_fds", [True, False])
def test_other_descriptors_are_closed_only_when_asked(keep_fds: bool) -> None:
    with socket.socket() as listening:
        fd = listening.fileno()

        def probe() -> bool:
            try:
                os.fstat(fd)
            except OSError:
                return False
            return True

        child = Child.fork(lambda _r, answers: answer_with(answers, probe), keep_fds=keep_fds)
        try:
            assert child.receive(30) == ("ok", keep_fds)
        finally:
            child.stop()
