"""WSGI middleware for wire details a framework would otherwise normalise away."""

from __future__ import annotations

import contextlib
import os
import socket
import struct
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def host_url(request: Any) -> str:
    """A werkzeug request's ``host_url`` (``http://127.0.0.1:8080/``) without its cost in the common
    case: werkzeug builds it through a URL parse and an IRI conversion, which change nothing for a
    plain ASCII host served at the root (and cost a tenth of a small call)."""
    host = request.host
    if request.root_path or not host.isascii() or "xn--" in host or "%" in host:
        return request.host_url  # type: ignore[no-any-return]
    return f"{request.scheme}://{host}/"


class LowercaseLocation:
    """Sends the ``location`` header name in lower case.

    PHP's SDK finds the new id only on a header line containing ``location:`` (lower case), and
    Flask always writes ``Location``. Pinned by tests/supersaas/http/test_wire.py::test_create_answers_201.
    """

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def lowercase(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers = [("location" if name.lower() == "location" else name, value) for name, value in headers]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return self.app(environ, lowercase)


def has_body(environ: Mapping[str, Any]) -> bool:
    """Whether a request carries a body at all: most GETs don't, and need no parsing."""
    length = environ.get("CONTENT_LENGTH") or "0"
    return length not in ("0", "") or "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()


# The body types werkzeug parses into ``request.form``; for any other, ``form`` is empty, and
# asking for it still costs a parser's set-up (a tenth of a JSON POST).
FORM_TYPES = frozenset(("application/x-www-form-urlencoded", "multipart/form-data"))


def has_form(request: Any) -> bool:
    """Whether ``request.form`` can hold anything (a werkzeug request with a body of a form type)."""
    environ = request.environ
    # ``request.mimetype`` as werkzeug reads it (the part before any ";", stripped, lower case),
    # without its header view and option parser: a JSON POST asks twice.
    return (
        has_body(environ) and environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower() in FORM_TYPES
    )


DROP_KEY = "fakesaas.drop"  # set in a request's environ to have its connection closed unanswered
# Set by the servers (fakesaas/bridge.py, fakesaas/server.py) when a request's body did not arrive
# within the deadline, to that deadline in seconds: the app answers 408 without reading a body.
BODY_TIMED_OUT = "fakesaas.body_timed_out"
# Set by the servers when the connection must close after the answer (part of the body is unread).
CLOSE_AFTER = "fakesaas.close_after"
# Set by the granian bridge (fakesaas/bridge.py) to the environ keys of the request's headers as it
# set them (``HTTP_USER_AGENT``...; not ``CONTENT_TYPE`` or ``CONTENT_LENGTH``), so the journal need not
# scan the whole environ for them. A key may since have been removed; none is added after.
HEADER_KEYS = "fakesaas.header_keys"
# Set by the CORS hook (fakesaas/cors.py) on a browser's preflight it answered: not a call of the API.
PREFLIGHT = "fakesaas.preflight"
# Set by the control plane's hooks when a fault rule or a rate limit answered instead of the service.
ANSWERED_BY_FAULT = "fakesaas.answered_by_fault"
# Set on the requests the durable write journal plays again at start (fakesaas/durable.py).
REPLAYED = "fakesaas.replayed"
# Set by a server that runs the app under a lock of its own (fakesaas/bridge.py) to a list: the app
# may append callables (waits, such as the durable journal's fdatasync, or a whole save), which the
# server calls after the app returns and before it sends the answer, outside that lock. One that
# returns (status, headers, body) instead of None gives the answer in place of the app's.
DEFERRED = "fakesaas.deferred"


class DropConnection:
    """Closes the client's connection without an answer when a request's environ asks for it (a
    ``drop`` fault), on either server fakesaas runs on.

    werkzeug's server hands over the socket (``werkzeug.socket``). granian keeps its connections in
    Rust and answers every call, so the connection is found among this process's sockets: the one
    from the client's address and port (``REMOTE_PORT``, which fakesaas/bridge.py sets) to the
    served port; without a client port, of the client's connections the one waiting for an answer
    (see ``_connections_of``). Pinned by
    tests/control/test_control_api.py::test_a_drop_rule_closes_the_connection_without_an_answer.
    """

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        body = self.app(environ, start_response)
        if environ.get(DROP_KEY):
            _close_client_connection(environ)
        return body


def _close_client_connection(environ: Mapping[str, Any]) -> None:
    sock = environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return
    peer_port = str(environ.get("REMOTE_PORT") or "")
    found_all = _connections_of(
        str(environ.get("REMOTE_ADDR", "")),
        int(environ.get("SERVER_PORT") or 0),
        int(peer_port) if peer_port.isdigit() else None,
    )
    for found in found_all:
        with contextlib.suppress(OSError):
            found.shutdown(socket.SHUT_RDWR)
        found.close()


def _connections_of(peer_address: str, local_port: int, peer_port: int | None = None) -> list[socket.socket]:
    """Duplicates of the process's TCP sockets from ``peer_address`` (and ``peer_port``, when
    known: then exactly that connection) to ``local_port``. Without the peer's port, those that
    last received data most recently, received no earlier than they last sent (waiting for an
    answer); the kernel counts in jiffies (a few ms): an idle kept-alive connection of the same
    host that answered in the same jiffy ties, and is closed too, which its client takes as an
    ordinary keep-alive close. Empty where /proc/self/fd cannot tell (not Linux)."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return []
    waiting: list[tuple[int, socket.socket]] = []
    for name in descriptors:
        try:
            if not os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                continue
            candidate = socket.socket(fileno=os.dup(int(name)))
        except (OSError, ValueError):
            continue
        try:
            if (
                candidate.family in (socket.AF_INET, socket.AF_INET6)
                and candidate.type == socket.SOCK_STREAM
                and candidate.getsockname()[1] == local_port
                and candidate.getpeername()[0] == peer_address
            ):
                if peer_port is not None:
                    if candidate.getpeername()[1] == peer_port:
                        waiting.append((0, candidate))
                        continue
                else:
                    info = candidate.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
                    sent_ms_ago = struct.unpack_from("I", info, _LAST_DATA_SENT_OFFSET)[0]
                    received_ms_ago = struct.unpack_from("I", info, _LAST_DATA_RECV_OFFSET)[0]
                    if received_ms_ago <= sent_ms_ago:
                        waiting.append((received_ms_ago, candidate))
                        continue
        except OSError:  # not connected (the listening socket), or gone meanwhile
            pass
        candidate.close()
    latest = min((received for received, _ in waiting), default=0)
    chosen = [candidate for received, candidate in waiting if received == latest]
    for received, candidate in waiting:
        if received != latest:
            candidate.close()
    return chosen


# struct tcp_info (linux/tcp.h): eight one-byte fields, then u32s; tcpi_last_data_sent is the 10th
# and tcpi_last_data_recv the 12th (milliseconds since).
_LAST_DATA_SENT_OFFSET = 8 + 4 * 9
_LAST_DATA_RECV_OFFSET = 8 + 4 * 11


@dataclass(frozen=True, slots=True)
class BodyLimits:
    """How much of a request body the servers read before the app runs: ``default`` (the app's
    limit), or more under the prefix of a service that takes larger bodies on some route (Seats.io's
    chart drawings). The app still holds each route to its own limit."""

    default: int | None
    larger: tuple[tuple[str, int], ...] = ()

    def of(self, path: str) -> int | None:
        for prefix, limit in self.larger:
            if path.startswith(prefix):
                return limit
        return self.default

    @classmethod
    def given(cls, limits: BodyLimits | int | None) -> BodyLimits:
        return limits if isinstance(limits, BodyLimits) else cls(limits)
