"""A WSGI app served through granian's RSGI interface: each request's body is read in full, within a
deadline, before the app runs, so a client that stalls mid-body holds nothing but its own request.

granian's WSGI worker hands the app a ``wsgi.input`` whose reads block while holding the GIL: one
upload that stops mid-body froze every thread of the process, the world and the control plane with
them (issue 17, item 2), and granian has no body timeout of its own. Its RSGI interface reads the
body with an awaitable instead, which an asyncio deadline can bound; this module turns an RSGI
request into a WSGI environ, awaits the body for at most ``body_timeout`` seconds, then calls the
app with the complete body in memory.

A body that does not arrive in time is not passed on: the environ says so (``BODY_TIMED_OUT``) and
the app answers 408 in the shape of the service that owns the path (``fakesaas.http_errors``). A
body larger than the app's limit is not read past that limit (the app answers 413). Either way the
connection is closed after the answer (``connection: close``): the rest of the body is unread.

A body with a ``Content-Length`` skips the loop's thread (``BridgeLoop``): granian reads it on its
own runtime, and the thread that completes the read runs the app, as a GET's runs on the thread that
hands it over. The loop only keeps the deadlines, and cancels a read that misses its own.
"""

from __future__ import annotations

import asyncio
import contextvars
import io
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from typing import Any, TypeVarTuple

from fakesaas.core.wsgi import BODY_TIMED_OUT, CLOSE_AFTER, DEFERRED, HEADER_KEYS, BodyLimits

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Answer = tuple[int, list[tuple[str, str]], bytes]

# Every environ starts as a copy of this; the per-request keys are set over it.
_BASE_ENVIRON: dict[str, Any] = {
    "GATEWAY_INTERFACE": "CGI/1.1",
    "SCRIPT_NAME": "",
    "SERVER_SOFTWARE": "fakesaas (granian)",
    "wsgi.errors": sys.stderr,
    "wsgi.input_terminated": True,  # the body is complete in memory: werkzeug may read it to the end
    "wsgi.multiprocess": False,
    "wsgi.multithread": True,
    "wsgi.run_once": False,
    "wsgi.version": (1, 0),
}
_CLOSE = ("connection", "close")
_Ts = TypeVarTuple("_Ts")
# How often the loop looks for body reads past their deadline: a late answer is at most this late.
DEADLINE_SCAN = 0.05


class BridgeLoop(asyncio.SelectorEventLoop):
    """The bridge's event loop, which runs a body's arrival (``_BodyArrival``) on the thread that
    reports it instead of waking this loop's thread for it.

    granian completes a body's awaitable by passing its done-callbacks to the loop: with
    ``call_soon_threadsafe`` from the thread that finished the read, or with ``call_soon`` from the
    caller's thread when the read was done already. Both threads hold the GIL, as granian's own
    request threads do, so the request runs there and then: two thread hand-offs fewer per request
    with a body. Every other callback is the loop's as usual."""

    def __init__(self) -> None:
        super().__init__()
        self._ran_in_place = asyncio.Handle(_nothing, (), self)  # what the two calls below return
        self._ran_in_place.cancel()

    def call_soon_threadsafe(
        self, callback: Callable[[*_Ts], object], *args: *_Ts, context: contextvars.Context | None = None
    ) -> asyncio.Handle:
        return self._ran(callback, args) or super().call_soon_threadsafe(callback, *args, context=context)

    def call_soon(
        self, callback: Callable[[*_Ts], object], *args: *_Ts, context: contextvars.Context | None = None
    ) -> asyncio.Handle:
        return self._ran(callback, args) or super().call_soon(callback, *args, context=context)

    def _ran(self, callback: Callable[..., object], args: tuple[Any, ...]) -> asyncio.Handle | None:
        """A body's arrival, run here and now (a done handle in return); None for any other callback."""
        if type(callback) is not _BodyArrival:
            return None
        callback(*args)
        return self._ran_in_place


def _nothing() -> None:
    pass


class RsgiBridge:
    """Answers the requests granian's RSGI worker hands over (``schedule``, its scheduler's entry).

    A request without a body runs the app at once, on the granian thread that hands it over (as
    granian's WSGI worker did: no extra thread hop). A request with a body is passed to ``loop``,
    which awaits the body for at most ``body_timeout`` seconds (counted from the headers) and reads
    at most ``max_body`` bytes of it; the app then runs on the loop's thread, or on ``executor``.

    ``executor`` is for ``--threads`` above 1; without one, the app runs under one lock, so one
    call at a time whatever thread makes it (no GIL hand-offs mid-request: the fastest).
    """

    def __init__(
        self,
        app: WsgiApp,
        loop: asyncio.AbstractEventLoop,
        body_timeout: float,
        max_body: BodyLimits | int | None,
        executor: Executor | None = None,
    ) -> None:
        self.app = app
        self.loop = loop
        self.body_timeout = body_timeout
        self.limits = BodyLimits.given(max_body)
        self.executor = executor
        self._one_at_a_time = threading.Lock() if executor is None else None
        self._in_place = isinstance(loop, BridgeLoop)
        self._arrivals: dict[int, _BodyArrival] = {}  # reads awaited, for their deadlines
        self._scanning = False

    def schedule(self, watcher: Any) -> None:
        """Called by granian, on a thread of its own holding the GIL, once per request."""
        try:
            scope = watcher.scope
            if scope.proto != "http":  # websockets: nothing here speaks them
                watcher.done()
                return
            environ = _environ(scope)
            if "HTTP_TRANSFER_ENCODING" in environ:
                self.loop.call_soon_threadsafe(self._start, watcher, environ)
                return
            if "CONTENT_LENGTH" in environ and self._awaits_body(environ):
                if not self._in_place:
                    self.loop.call_soon_threadsafe(self._start, watcher, environ)
                    return
                arrival = _BodyArrival(self, watcher, environ, time.monotonic() + self.body_timeout)
                arrival.awaitable = watcher.proto()  # granian reads the body on its own runtime
                self._expect(arrival)
                arrival.awaitable.add_done_callback(arrival)  # called with it once it is read
                return
            if "wsgi.input" not in environ:
                environ["wsgi.input"] = io.BytesIO()
            self._answer(watcher, environ)
        except BaseException as error:  # granian logs it and answers 500
            watcher.err(error)

    def _answer(self, watcher: Any, environ: dict[str, Any]) -> None:
        """Run the app on this thread and answer (or, with deferred waits, finish on the loop)."""
        answer = self._call(environ)
        if environ[DEFERRED]:  # waits: on the loop's side, so this thread serves others meanwhile
            self.loop.call_soon_threadsafe(self._start_finishing, watcher, environ, answer)
            return
        self._respond(watcher.proto, environ, answer)
        watcher.done()

    def _awaits_body(self, environ: dict[str, Any]) -> bool:
        """Whether a body with a ``Content-Length`` is to be read; if not, the environ says why (an
        empty one, or one over the limit, which the app refuses 413 from the header alone)."""
        declared = environ["CONTENT_LENGTH"]
        length = int(declared) if declared.isdigit() else None
        if length == 0:
            environ["wsgi.input"] = io.BytesIO()
            return False
        limit = self.limits.of(environ.get("PATH_INFO", ""))
        if limit is not None and length is not None and length > limit:
            environ[CLOSE_AFTER] = True
            environ["wsgi.input"] = io.BytesIO()
            return False
        return True

    def _expect(self, arrival: _BodyArrival) -> None:
        """Keep ``arrival``'s deadline; the loop's scan cancels a read still going past it."""
        self._arrivals[id(arrival)] = arrival
        if not self._scanning:
            self._scanning = True
            self.loop.call_soon_threadsafe(self._cancel_overdue)

    def _cancel_overdue(self) -> None:
        """On the loop, every ``DEADLINE_SCAN`` seconds while reads are awaited."""
        now = time.monotonic()
        for arrival in list(self._arrivals.values()):
            if arrival.deadline <= now and arrival.awaitable is not None:
                arrival.awaitable.cancel()  # granian stops the read and calls arrival with it
        if self._arrivals:
            self.loop.call_later(DEADLINE_SCAN, self._cancel_overdue)
        else:
            self._scanning = False
            if self._arrivals:  # one came in meanwhile, and found the scan still on
                self._scanning = True
                self.loop.call_later(DEADLINE_SCAN, self._cancel_overdue)

    def _start(self, watcher: Any, environ: dict[str, Any]) -> None:
        self.loop.create_task(self._with_body(watcher, environ))

    async def _with_body(self, watcher: Any, environ: dict[str, Any]) -> None:
        try:
            protocol = watcher.proto
            await self._read_body(protocol, environ)
            if self.executor is None:
                answer = self._call(environ)
            else:
                answer = await self.loop.run_in_executor(self.executor, self._call, environ)
            await self._finish(watcher, environ, answer)
        except BaseException as error:  # granian logs it and answers 500
            watcher.err(error)

    def _start_finishing(self, watcher: Any, environ: dict[str, Any], answer: Answer) -> None:
        self.loop.create_task(self._finish(watcher, environ, answer))

    async def _finish(self, watcher: Any, environ: dict[str, Any], answer: Answer) -> None:
        """Run the request's deferred waits (``DEFERRED``) off the loop, then answer."""
        try:
            for wait in environ[DEFERRED]:
                replaced = await self.loop.run_in_executor(None, wait)
                if replaced is not None:
                    answer = replaced
            self._respond(watcher.proto, environ, answer)
            watcher.done()
        except BaseException as error:  # granian logs it and answers 500
            watcher.err(error)

    def _call(self, environ: dict[str, Any]) -> Answer:
        if self._one_at_a_time is None:
            return run_wsgi(self.app, environ)
        with self._one_at_a_time:
            return run_wsgi(self.app, environ)

    @staticmethod
    def _respond(protocol: Any, environ: dict[str, Any], answer: Answer) -> None:
        status, headers, body = answer
        if environ.get(CLOSE_AFTER):
            headers = [*headers, _CLOSE]
        protocol.response_bytes(status, headers, body)

    async def _read_body(self, protocol: Any, environ: dict[str, Any]) -> None:
        """Put the body in ``environ["wsgi.input"]``, or mark why it is not there."""
        declared = environ.get("CONTENT_LENGTH")
        length = int(declared) if declared is not None and declared.isdigit() else None
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        body = b""
        limit = self.limits.of(environ.get("PATH_INFO", ""))
        if length == 0 and not chunked:
            pass
        elif limit is not None and length is not None and length > limit:
            environ[CLOSE_AFTER] = True  # the app answers 413 from the header alone
        else:
            try:
                async with asyncio.timeout(self.body_timeout):
                    if length is not None and not chunked:
                        body = await protocol()  # hyper stops at Content-Length
                    else:
                        body = await self._read_stream(protocol, environ, limit)
            except TimeoutError:
                body = _no_body(environ, timed_out_after=self.body_timeout)
            except RuntimeError:  # granian: the client went away mid-body; nobody reads the answer
                body = _no_body(environ)
        environ["wsgi.input"] = io.BytesIO(body)

    async def _read_stream(self, protocol: Any, environ: dict[str, Any], limit: int | None) -> bytes:
        """A chunked body, read up to one byte past the limit (enough for the app's 413)."""
        parts: list[bytes] = []
        size = 0
        async for chunk in protocol:
            if not chunk:
                break  # granian ends the stream with an empty chunk
            parts.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                too_large(environ, size)
                break
        return b"".join(parts)


class _BodyArrival:
    """The done-callback of one body read: it puts the body (or why there is none) in the environ
    and answers, on whichever thread granian reports the read from (``BridgeLoop``)."""

    __slots__ = ("awaitable", "bridge", "deadline", "environ", "watcher")

    def __init__(self, bridge: RsgiBridge, watcher: Any, environ: dict[str, Any], deadline: float) -> None:
        self.bridge, self.watcher, self.environ, self.deadline = bridge, watcher, environ, deadline
        self.awaitable: Any = None

    def __call__(self, awaitable: Any) -> None:
        bridge, environ = self.bridge, self.environ
        bridge._arrivals.pop(id(self), None)
        # The awaitable keeps this callback for good, and granian's objects are not in the cyclic
        # GC: the reference back is dropped, or each request with a body would be kept for ever.
        self.awaitable = None
        try:
            try:
                body = awaitable.result()
            except asyncio.CancelledError:  # cancelled by the deadline scan
                body = _no_body(environ, timed_out_after=bridge.body_timeout)
            except RuntimeError:  # granian: the client went away mid-body; nobody reads the answer
                body = _no_body(environ)
            environ["wsgi.input"] = io.BytesIO(body)
            bridge._answer(self.watcher, environ)
        except BaseException as error:  # granian logs it and answers 500
            self.watcher.err(error)


def _no_body(environ: dict[str, Any], timed_out_after: float | None = None) -> bytes:
    """Mark a body that did not arrive, in time (``timed_out_after`` seconds: the app answers 408)
    or at all (the client went away); either way the connection closes after the answer."""
    if timed_out_after is not None:
        environ[BODY_TIMED_OUT] = timed_out_after
    environ[CLOSE_AFTER] = True
    return b""


def too_large(environ: dict[str, Any], size: int) -> None:
    """Mark a chunked body read past the limit: as one whose length says so, which the app refuses
    (413) without reading it, and whose connection closes (the rest of it is unread)."""
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ["CONTENT_LENGTH"] = str(size)
    environ[CLOSE_AFTER] = True


def run_wsgi(app: WsgiApp, environ: dict[str, Any]) -> Answer:
    """Call a WSGI app and collect its whole answer."""
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started[:] = [status, headers]
        return _no_write

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = started
    return int(status[:3]), headers, body


def _no_write(data: bytes) -> None:
    raise NotImplementedError("write() of start_response is not supported")


def _environ(scope: Any) -> dict[str, Any]:
    environ = dict(_BASE_ENVIRON)
    environ[DEFERRED] = []
    path = scope.path
    server_host, server_port = _host_port(scope.server)
    client_host, client_port = _host_port(scope.client)
    environ.update(
        {
            "REQUEST_METHOD": scope.method,
            # WSGI wants the path as bytes read as latin-1; granian gives it percent-decoded UTF-8.
            "PATH_INFO": path if path.isascii() else path.encode("utf-8").decode("latin-1"),
            "QUERY_STRING": scope.query_string,
            "SERVER_NAME": server_host,
            "SERVER_PORT": server_port,
            "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
            "REMOTE_ADDR": client_host,
            "REMOTE_PORT": client_port,
            "wsgi.url_scheme": scope.scheme,
        }
    )
    header_keys: list[str] = []  # for the journal (HEADER_KEYS): this loop knows them already
    for name, value in scope.headers.items():
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
        elif name == "content-length":
            environ["CONTENT_LENGTH"] = value
        else:
            key = "HTTP_" + name.upper().replace("-", "_")
            if key in environ:  # a repeated header: one value, as a WSGI server gives it
                value = environ[key] + ("; " if key == "HTTP_COOKIE" else ",") + value
            else:
                header_keys.append(key)
            environ[key] = value
    if "HTTP_HOST" not in environ:
        environ["HTTP_HOST"] = scope.authority or f"{server_host}:{server_port}"
        header_keys.append("HTTP_HOST")
    environ[HEADER_KEYS] = header_keys
    return environ


def _host_port(address: str) -> tuple[str, str]:
    """``127.0.0.1:8080`` or ``[::1]:8080`` as its host and port."""
    host, _, port = address.rpartition(":")
    return host.strip("[]"), port
