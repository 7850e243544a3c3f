"""The server ``fakesaas serve`` runs on: granian's Rust HTTP/1.1 engine calling the WSGI app from
threads of this process, so the one in-memory world stays in one process.

Chosen by measurement (bench/README.md, "Production server"): on GET one booking it serves 1.3x what
waitress (the best pure-Python candidate) does at 1 connection and about 2x at 8-32, and a bare Flask
app 4-5x, because parsing, keep-alive and writing happen in Rust, outside the GIL.

granian's own command line and its ``Granian`` class run the app in worker *processes* and cannot
tell which port a ``--port 0`` bind got. So this module drives one granian WSGI worker directly, in
this process: it binds the socket itself (without SO_REUSEPORT, so a second server on a taken port
fails instead of silently sharing it), hands a duplicate of it to the worker, and stops the worker
with its signal. That worker interface is granian's internal one; pyproject.toml therefore keeps
granian to the minor release it was written against, and ``GranianUnavailable`` says when the
installed granian does not offer it (``fakesaas serve`` then falls back to werkzeug's server).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from types import TracebackType
from typing import Any

from flask import Flask

from fakesaas.access_log import AccessLog

BACKLOG = 1024
# Requests granian lets into Python at once; the rest wait in Rust (its own default is backlog-sized).
BACKPRESSURE = 1024
PY_THREADS_IDLE_TIMEOUT = 30  # seconds an idle request thread above the first is kept


class GranianUnavailable(RuntimeError):
    """The installed granian lacks the in-process worker interface this module uses."""


class ProductionServer:
    """Serves ``app`` on granian from this process until ``stop``; usable as a context manager.

    Same interface as ``fakesaas.server.ThreadedServer``: ``host``, ``port`` (the real one after a
    port 0 bind), ``url``, ``start``, ``stop``. ``threads`` is how many Python threads run requests:
    one is fastest (no GIL hand-offs), more let a slow request not hold up the others.
    ``access_log`` prints a line per request on stderr.
    """

    def __init__(
        self,
        app: Flask,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 1,
        access_log: bool = False,
        backlog: int = BACKLOG,
    ) -> None:
        self.app = app
        self.threads = max(1, threads)
        self._wsgi: Any = AccessLog(app) if access_log else app
        self._granian = _load_granian()
        self._socket = _listen(host, port, backlog)
        self._backlog = backlog
        self._host, self._port = self._socket.getsockname()[:2]
        self._loop = asyncio.new_event_loop()  # granian's scheduler wants one; WSGI calls never use it
        self._stop_signal: Any = None
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
        self._stop_signal = self._granian.WorkerSignal()
        self._worker.serve_mtr(self._scheduler, self._loop, self._stop_signal)
        self._handed_fd = None
        return self

    def _make_worker(self) -> tuple[Any, Any]:
        granian = self._granian
        assert self._handed_fd is not None
        holder = _socket_holder(granian.SocketHolder, self._handed_fd, self._backlog)
        try:
            worker = granian.WSGIWorker(
                1,  # worker id
                (None, holder),  # (listener spec, bound socket): ours is already bound and listening
                None,  # no IPC channel: there is no parent process
                1,  # Rust runtime threads: one core's worth of I/O is plenty next to the Python threads
                512,  # Rust blocking-I/O threads (granian's default; made on demand)
                self.threads,
                PY_THREADS_IDLE_TIMEOUT,
                BACKPRESSURE,
                "1",  # HTTP/1.1 only, like the werkzeug server it replaces
                granian.HTTP1Settings(),
                None,  # no HTTP/2 settings
                None,  # no static files
                False, None, None, None, "tls1.3", None, [], False,  # no TLS
                (None, None),  # no metrics
            )  # fmt: skip
        except TypeError as error:
            raise GranianUnavailable(f"granian cannot be embedded: {error}") from error
        callback = granian.wsgi_callback(self._wsgi, {}, None)
        return worker, granian.new_scheduler(self._loop, callback, impl_asyncio=True)

    def stop(self) -> None:
        """Stop accepting and answering, release the port, stop the webhook sender."""
        if self._stop_signal is not None:
            self._stop_signal.set()
            self._stop_signal = None
        self._release()
        world = self.app.extensions.get("fakesaas")
        if world is not None:
            world.webhooks.stop()  # the webhook sender thread, if one is running

    def _release(self) -> None:
        if self._handed_fd is not None:  # never served: granian did not take the duplicate over
            with contextlib.suppress(OSError):
                os.close(self._handed_fd)
            self._handed_fd = None
        if not self._loop.is_closed():
            self._loop.close()
        self._socket.close()

    def __enter__(self) -> ProductionServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


class _Granian:
    """The granian names this module uses, looked up once. Typed ``Any``: granian's stubs for its
    internal classes lag behind their real signatures."""

    def __init__(self) -> None:
        from granian._futures import _new_cbscheduler
        from granian._granian import SocketHolder, WorkerSignal, WSGIWorker
        from granian.http import HTTP1Settings
        from granian.wsgi import _callback_wrapper

        self.SocketHolder: Any = SocketHolder
        self.WorkerSignal: Any = WorkerSignal
        self.WSGIWorker: Any = WSGIWorker
        self.HTTP1Settings: Any = HTTP1Settings
        self.new_scheduler: Any = _new_cbscheduler
        self.wsgi_callback: Any = _callback_wrapper


def _load_granian() -> _Granian:
    try:
        granian = _Granian()
    except ImportError as error:
        raise GranianUnavailable(f"granian cannot be embedded: {error}") from error
    if not hasattr(granian.WSGIWorker, "serve_mtr"):
        raise GranianUnavailable("granian cannot be embedded: its WSGI worker has no serve_mtr")
    return granian


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
