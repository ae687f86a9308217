"""Query workers for the server: children that hold the site's data, so that a runaway query
can be stopped (its process is killed and replaced) while the server keeps answering others.

Each worker is a child of the package's one isolation mechanism (``sgam_onto.query.child``),
forked with none of the server's sockets, that loads the site's N-Triples dump and its
alignment files into its own in-memory store once and then answers query after query; the data
is read-only, and no update API is ever called on it.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from sgam_onto.query.child import Child, NoAnswer

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


class WorkerPool:
    """A fixed number of query workers; `run` gives a query to a free one under a time limit."""

    def __init__(self, data_paths: list[Path], size: int = 2, timeout: float = 10.0) -> None:
        self.data_paths = [str(p) for p in data_paths]
        self.timeout = timeout
        self._idle: queue.Queue[Child] = queue.Queue()
        self._all: set[Child] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._spawn() for _ in range(max(1, size))]
        sizes = [self._ready(worker) for worker in started]
        for worker in started:
            self._idle.put(worker)
        self.triples = sizes[0]

    def _spawn(self) -> Child:
        paths = self.data_paths
        worker = Child.fork(lambda inbox, outbox: _serve(inbox, outbox, paths), keep_fds=False)
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: Child) -> int:
        """The worker's triple count, once it has loaded the data."""
        try:
            return int(worker.receive(START_TIMEOUT)[1])
        except NoAnswer:
            raise WorkerFailed("a query worker did not start") from None

    def _replace(self, worker: Child) -> None:
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
            worker.requests.send((text, fmt, cap))
            reply = worker.receive(self.timeout)
        except (NoAnswer, OSError) as err:
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            if isinstance(err, NoAnswer) and err.timed_out:
                raise QueryTimeout(
                    f"the query ran longer than {self.timeout:g} s and was stopped"
                ) from None
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
                worker.requests.send(None)
            worker.stop()
