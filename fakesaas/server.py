"""An in-process threaded HTTP server on 127.0.0.1 (port 0 by default) for tests and demos."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from fakesaas.bridge import too_large
from fakesaas.core.wsgi import BODY_TIMED_OUT, CLOSE_AFTER, BodyLimits

BODY_TIMEOUT = 5.0  # seconds a request body may take to arrive, when the app's settings name none
_READ_SIZE = 64 * 1024

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class ThreadedServer:
    """Serves ``app`` from a background thread until ``stop``; usable as a context manager.

    ``body_timeout`` (seconds) bounds how long a request body may take to arrive; by default the
    app's ``Settings.body_timeout``.
    """

    def __init__(
        self,
        app: Flask,
        host: str = "127.0.0.1",
        port: int = 0,
        quiet: bool = True,
        body_timeout: float | None = None,
    ) -> None:
        self.app = app
        if body_timeout is None:
            settings = app.extensions.get("fakesaas.settings")
            body_timeout = float(getattr(settings, "body_timeout", BODY_TIMEOUT))
        self.body_timeout = body_timeout
        handler = _QuietHandler if quiet else WSGIRequestHandler
        served = BodyDeadline(app, body_timeout, app.config.get("FAKESAAS_BODY_LIMITS"))
        self._server: BaseWSGIServer = make_server(host, port, served, threaded=True, request_handler=handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fakesaas-server", daemon=True
        )

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ThreadedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()
        world = self.app.extensions.get("fakesaas")
        if world is not None:
            world.webhooks.stop()  # the webhook sender thread, if one is running

    def __enter__(self) -> ThreadedServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


class BodyDeadline:
    """WSGI middleware for werkzeug's server: reads a request's whole body before the app runs, for
    at most ``timeout`` seconds, as fakesaas/bridge.py does on granian.

    werkzeug's handler reads from the socket with no timeout, so a client that stalls mid-body kept
    its thread, and whatever the app held while reading, for as long as it stalled. Here a timer
    shuts the socket for reading at the deadline, which ends the blocked read; the app then sees
    ``BODY_TIMED_OUT`` and answers 408. A body past ``max_body`` is not read (the app answers 413).
    """

    def __init__(self, app: WsgiApp, timeout: float, max_body: BodyLimits | int | None) -> None:
        self.app = app
        self.timeout = timeout
        self.limits = BodyLimits.given(max_body)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        declared = environ.get("CONTENT_LENGTH") or ""
        length = int(declared) if declared.isdigit() and not chunked else None
        if chunked or length:
            self._read(environ, length)
        return self.app(environ, start_response)

    def _read(self, environ: dict[str, Any], length: int | None) -> None:
        limit = self.limits.of(environ.get("PATH_INFO", ""))
        if limit is not None and length is not None and length > limit:
            environ[CLOSE_AFTER] = True  # the app answers 413 from the header alone
            return
        wanted = length if length is not None else (limit + 1 if limit is not None else None)
        expired = threading.Event()
        sock = environ.get("werkzeug.socket")
        timer = threading.Timer(self.timeout, _shut_reading, (sock, expired))
        timer.daemon = True
        timer.start()
        parts: list[bytes] = []
        size = 0
        try:
            stream = environ["wsgi.input"]
            while wanted is None or size < wanted:
                part = stream.read(_READ_SIZE if wanted is None else min(_READ_SIZE, wanted - size))
                if not part:
                    break
                parts.append(part)
                size += len(part)
        except (OSError, ValueError):  # the socket shut, or a malformed chunk: the body ends here
            environ[CLOSE_AFTER] = True
        finally:
            timer.cancel()
        if expired.is_set():
            environ[BODY_TIMED_OUT] = self.timeout
            environ[CLOSE_AFTER] = True
            parts = []
        elif length is None and limit is not None and size > limit:
            too_large(environ, size)
        environ["wsgi.input"] = io.BytesIO(b"".join(parts))


def _shut_reading(sock: object, expired: threading.Event) -> None:
    expired.set()
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RD)
