"""The server ``fakesaas serve`` runs on: granian's Rust HTTP/1.1 engine calling the app from this
process, so the one in-memory world stays in one process.

Chosen by measurement (bench/README.md, "Production server"): parsing, keep-alive and writing happen
in Rust, outside the GIL, so nearly all of the Python core goes to the app.

granian's own command line and its ``Granian`` class run the app in worker *processes* and cannot
tell which port a ``--port 0`` bind got. So this module drives one granian worker directly, in
this process: it binds the socket itself (without SO_REUSEPORT, so a second server on a taken port
fails instead of silently sharing it), hands a duplicate of it to the worker, and stops the worker
with its signal. That worker interface is granian's internal one; pyproject.toml therefore keeps
granian to the minor release it was written against, and ``GranianUnavailable`` says when the
installed granian does not offer it (``fakesaas serve`` then falls back to werkzeug's server).

The worker is granian's RSGI one, not its WSGI one: a WSGI ``wsgi.input`` read blocks holding the
GIL, so one client that stalls mid-body froze every other (issue 17, item 2). Through RSGI the body
is awaited on an event loop with a deadline and the Flask app gets it complete
(``fakesaas/bridge.py``). ``stop`` waits until granian has answered or closed every connection,
so nothing answers after it returns and no Rust thread outlives the interpreter.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any

from flask import Flask

from fakesaas.access_log import AccessLog
from fakesaas.bridge import BridgeLoop, RsgiBridge

BACKLOG = 1024
# Requests granian lets into Python at once; the rest wait in Rust (its own default is backlog-sized).
BACKPRESSURE = 1024
PY_THREADS_IDLE_TIMEOUT = 30  # seconds an idle request thread above the first is kept
BODY_TIMEOUT = 5.0  # seconds a request body may take to arrive, when the app's settings name none
# How long ``stop`` waits for the requests under way beyond the body deadline (a large save, say).
STOP_GRACE = 60.0


class GranianUnavailable(RuntimeError):
    """The installed granian lacks the in-process worker interface this module uses."""


class ProductionServer:
    """Serves ``app`` on granian from this process until ``stop``; usable as a context manager.

    Same interface as ``fakesaas.server.ThreadedServer``: ``host``, ``port`` (the real one after a
    port 0 bind), ``url``, ``start``, ``stop``. ``threads`` is how many Python threads run requests:
    one is fastest (no GIL hand-offs), more let a slow request not hold up the others.
    ``access_log`` prints a line per request on stderr. ``body_timeout`` (seconds) bounds how long a
    request body may take to arrive; by default the app's ``Settings.body_timeout``.
    """

    def __init__(
        self,
        app: Flask,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 1,
        access_log: bool = False,
        backlog: int = BACKLOG,
        body_timeout: float | None = None,
    ) -> None:
        self.app = app
        self.threads = max(1, threads)
        self.body_timeout = _body_timeout(app) if body_timeout is None else body_timeout
        wsgi: Any = AccessLog(app) if access_log else app
        self._granian = _load_granian()
        self._socket = _listen(host, port, backlog)
        self._backlog = backlog
        self._host, self._port = self._socket.getsockname()[:2]
        # The bridge's event loop: request bodies are awaited here.
        self._loop = BridgeLoop()
        self._executor = ThreadPoolExecutor(self.threads, "fakesaas-request") if self.threads > 1 else None
        self._bridge = RsgiBridge(
            wsgi, self._loop, self.body_timeout, app.config.get("FAKESAAS_BODY_LIMITS"), self._executor
        )
        self._loop_thread = threading.Thread(target=self._loop.run_forever, name="fakesaas-loop", daemon=True)
        self._stop_signal: Any = None
        self._finished = threading.Event()  # set by granian once every connection is done
        self._handed_fd: int | None = self._socket.dup().detach()  # the worker's to close once serving
        try:
            self._worker, self._scheduler = self._make_worker()
        except BaseException:
            self._release()
            raise

    @property
    def host(self) -> str:
        return str(self._host)

    @property
    def port(self) -> int:
        return int(self._port)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> ProductionServer:
        """Start serving; returns at once (granian's runtime runs on threads of its own)."""
        self._loop_thread.start()
        self._stop_signal = self._granian.WorkerSignal()
        self._stop_signal.add_cb(self._finished.set)  # called after granian's worker has joined
        self._worker.serve_mtr(self._scheduler, self._loop, self._stop_signal)
        self._handed_fd = None
        return self

    def _make_worker(self) -> tuple[Any, Any]:
        granian = self._granian
        assert self._handed_fd is not None
        holder = _socket_holder(granian.SocketHolder, self._handed_fd, self._backlog)
        try:
            worker = granian.RSGIWorker(
                1,  # worker id
                (None, holder),  # (listener spec, bound socket): ours is already bound and listening
                None,  # no IPC channel: there is no parent process
                1,  # Rust runtime threads: one core's worth of I/O is plenty next to the Python threads
                512,  # Rust blocking-I/O threads (granian's default; made on demand)
                self.threads,  # Python threads of granian's: they run requests without a body
                PY_THREADS_IDLE_TIMEOUT,
                BACKPRESSURE,
                "1",  # HTTP/1.1 only, like the werkzeug server it replaces
                granian.HTTP1Settings(),
                None,  # no HTTP/2 settings
                False,  # no websockets
                None,  # no static files
                False, None, None, None, "tls1.3", None, [], False,  # no TLS
                (None, None),  # no metrics
            )  # fmt: skip
        except TypeError as error:
            raise GranianUnavailable(f"granian cannot be embedded: {error}") from error
        return worker, _scheduler(granian.CallbackScheduler, self._loop, self._bridge.schedule)

    def stop(self) -> None:
        """Stop accepting, let the requests under way finish (a stalled body ends at its deadline),
        close every connection, release the port, stop the webhook sender. Returns once granian
        has stopped, so nothing is answered afterwards."""
        self._socket.close()  # granian's duplicate keeps listening until its worker lets go
        if self._stop_signal is not None:
            self._stop_signal.set()
            self._stop_signal = None
            if not self._finished.wait(self.body_timeout + STOP_GRACE):
                print("fakesaas: requests still under way at stop were left unanswered", file=sys.stderr)
        self._release()
        world = self.app.extensions.get("fakesaas")
        if world is not None:
            world.webhooks.stop()  # the webhook sender thread, if one is running

    def _release(self) -> None:
        if self._handed_fd is not None:  # never served: granian did not take the duplicate over
            with contextlib.suppress(OSError):
                os.close(self._handed_fd)
            self._handed_fd = None
        if self._loop_thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._loop_thread.join()
        if not self._loop.is_closed():
            self._loop.run_until_complete(self._loop.shutdown_default_executor())  # deferred waits' threads
            self._loop.close()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        self._socket.close()

    def __enter__(self) -> ProductionServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def _body_timeout(app: Flask) -> float:
    settings = app.extensions.get("fakesaas.settings")
    return float(getattr(settings, "body_timeout", BODY_TIMEOUT))


class _Granian:
    """The granian names this module uses, looked up once. Typed ``Any``: granian's stubs for its
    internal classes lag behind their real signatures."""

    def __init__(self) -> None:
        from granian._granian import CallbackScheduler, RSGIWorker, SocketHolder, WorkerSignal
        from granian.http import HTTP1Settings

        self.SocketHolder: Any = SocketHolder
        self.WorkerSignal: Any = WorkerSignal
        self.RSGIWorker: Any = RSGIWorker
        self.HTTP1Settings: Any = HTTP1Settings
        self.CallbackScheduler: Any = CallbackScheduler


def _load_granian() -> _Granian:
    try:
        granian = _Granian()
    except ImportError as error:
        raise GranianUnavailable(f"granian cannot be embedded: {error}") from error
    if not hasattr(granian.RSGIWorker, "serve_mtr"):
        raise GranianUnavailable("granian cannot be embedded: its RSGI worker has no serve_mtr")
    return granian


def _scheduler(base: Any, loop: asyncio.AbstractEventLoop, schedule: Any) -> Any:
    """granian's callback scheduler with ``schedule`` as the function its worker calls per request
    (granian's own ones step an asyncio coroutine per request; the bridge needs none for most)."""

    class Scheduler(base):  # type: ignore[misc]
        __slots__ = ()  # as granian's own: the attribute below is a property of the Rust base

        def __init__(self, *args: Any) -> None:
            super().__init__()
            self._schedule_fn = schedule  # type: ignore[misc]

    try:
        # (event loop, callback, and three asyncio task hooks used only by granian's own stepping)
        return Scheduler(loop, schedule, None, None, None)
    except TypeError as error:
        raise GranianUnavailable(f"granian cannot be embedded: {error}") from error


def _listen(host: str, port: int, backlog: int) -> socket.socket:
    """A listening TCP socket, as werkzeug's server makes one: address reuse for quick restarts, but
    no port sharing; plus TCP_NODELAY, without which small answers wait for delayed ACKs (~40 ms)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        listener.bind((host, port))
        listener.listen(backlog)
    except OSError:
        listener.close()
        raise
    return listener


def _socket_holder(holder: Any, fd: int, backlog: int) -> Any:
    """granian's wrapper of a bound socket; the worker closes ``fd`` when it stops serving. Its
    constructor differs by platform, as in granian's own worker start-up."""
    try:
        if sys.platform.startswith(("linux", "freebsd")):
            return holder(fd, False, backlog)
        if sys.platform == "win32":
            return holder(fd)
        return holder(fd, False)
    except TypeError as error:
        raise GranianUnavailable(f"granian cannot be embedded: {error}") from error
