"""Query workers: separate processes holding the data, so that a runaway query can be stopped
(the process is killed and replaced) while the server keeps answering others.

Each worker is a fresh interpreter (``python -m sgam_onto.serve.worker``, so nothing of the
caller's main module is re-imported) that loads the site's N-Triples dump and its alignment
files into its own in-memory store; the data is read-only, and no update API is ever called
on it. Requests and answers travel as pickled messages over two pipes.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

START_TIMEOUT = 60.0


class QueryTimeout(Exception):
    """The query ran past the time limit; its worker was stopped."""


class PoolBusy(Exception):
    """No worker became free within the time limit."""


class WorkerFailed(Exception):
    """A worker died while answering."""


@dataclass(frozen=True)
class Answer:
    """What a worker returns: the query form, the body, whether rows were cut, and how many."""

    form: str
    body: bytes
    truncated: bool
    count: int


class QueryError(Exception):
    """The engine rejected the query (syntax or evaluation error)."""


def _answer(store, text: str, fmt: str, cap: int):
    import pyoxigraph as ox

    from sgam_onto.serve import results

    try:
        result = store.query(text)
        if isinstance(result, ox.QueryBoolean):
            return ("ok", "ASK", results.boolean(result, fmt), False, 1)
        if isinstance(result, ox.QuerySolutions):
            body, truncated, count = results.solutions(result, fmt, cap)
            return ("ok", "SELECT", body, truncated, count)
        body, truncated, count = results.graph(result, fmt, cap)
        return ("ok", "GRAPH", body, truncated, count)
    except SyntaxError as err:
        return ("error", f"the query does not parse: {err}")
    except (OSError, RuntimeError, ValueError, TypeError, KeyError) as err:
        return ("error", f"the query failed: {err}")


def _serve(inbox: Connection, outbox: Connection, data_paths: list[str]) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    for path in data_paths:
        store.bulk_load(path=path, format=ox.RdfFormat.from_extension(path.rsplit(".", 1)[-1]))
    outbox.send(("ready", len(store)))
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        outbox.send(_answer(store, *message))


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen
    outbox: Connection  # to the worker
    inbox: Connection  # from the worker
    size: int = 0

    def send(self, message: object) -> None:
        self.outbox.send(message)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.outbox.close()
        self.inbox.close()


class WorkerPool:
    """A fixed number of query workers; `run` gives a query to a free one under a time limit."""

    def __init__(self, data_paths: list[Path], size: int = 2, timeout: float = 10.0) -> None:
        self.data_paths = [str(p) for p in data_paths]
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._spawn() for _ in range(max(1, size))]
        for worker in started:
            self._ready(worker)
            self._idle.put(worker)
        self.triples = started[0].size

    def _spawn(self) -> _Worker:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sgam_onto.serve.worker",
                    str(to_child_r),
                    str(from_child_w),
                    *self.data_paths,
                ],
                pass_fds=(to_child_r, from_child_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                close_fds=True,
            )
        except BaseException:
            for fd in (to_child_w, from_child_r):
                os.close(fd)
            raise
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        worker = _Worker(
            process,
            Connection(to_child_w, readable=False),
            Connection(from_child_r, writable=False),
        )
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> None:
        try:
            started = worker.inbox.poll(START_TIMEOUT)
            message = worker.inbox.recv() if started else None
        except (EOFError, OSError):
            message = None
        if message is None:
            worker.stop()
            raise WorkerFailed("a query worker did not start")
        worker.size = int(message[1])

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        fresh = self._spawn()
        try:
            self._ready(fresh)
        except WorkerFailed:
            return
        self._idle.put(fresh)

    def run(self, text: str, fmt: str, cap: int) -> Answer:
        """Run `text` and serialise the result as `fmt`; at most `cap` rows or triples."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy("all query workers are busy; try again later") from None
        try:
            worker.send((text, fmt, cap))
            ready = worker.inbox.poll(self.timeout)
            if not ready:
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            reply = worker.inbox.recv()
        except (EOFError, OSError) as err:
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            raise WorkerFailed(f"the query worker failed: {err}") from None
        self._idle.put(worker)
        if reply[0] == "error":
            raise QueryError(reply[1])
        _, form, body, truncated, count = reply
        return Answer(form, body, truncated, count)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.send(None)
            worker.stop()


def main(argv: list[str]) -> None:
    """Entry point of a worker process: `INBOX_FD OUTBOX_FD DATA_PATH...`."""
    inbox = Connection(int(argv[0]), writable=False)
    outbox = Connection(int(argv[1]), readable=False)
    _serve(inbox, outbox, argv[2:])


if __name__ == "__main__":
    main(sys.argv[1:])
