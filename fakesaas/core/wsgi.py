"""WSGI middleware for wire details a framework would otherwise normalise away."""

from __future__ import annotations

import contextlib
import os
import socket
import struct
from collections.abc import Callable, Iterable, Mapping
from typing import Any

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


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


DROP_KEY = "fakesaas.drop"  # set in a request's environ to have its connection closed unanswered


class DropConnection:
    """Closes the client's connection without an answer when a request's environ asks for it (a
    ``drop`` fault), on either server fakesaas runs on.

    werkzeug's server hands over the socket (``werkzeug.socket``). granian keeps its connections in
    Rust and answers every WSGI call, so the connection is found among this process's sockets: the
    one from the client's address to the served port, and of several, the one that received data
    last (the request being answered). Pinned by tests/test_server.py (a drop on each server).
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
    found = _connection_of(str(environ.get("REMOTE_ADDR", "")), int(environ.get("SERVER_PORT") or 0))
    if found is not None:
        with contextlib.suppress(OSError):
            found.shutdown(socket.SHUT_RDWR)
        found.close()


def _connection_of(peer_address: str, local_port: int) -> socket.socket | None:
    """A duplicate of the process's connected TCP socket from ``peer_address`` to ``local_port``
    that received data last; None where /proc/self/fd cannot tell (not Linux)."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return None
    best: tuple[int, socket.socket] | None = None
    for name in descriptors:
        try:
            if not os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                continue
            candidate = socket.socket(fileno=os.dup(int(name)))
        except (OSError, ValueError):
            continue
        try:
            if (
                candidate.type == socket.SOCK_STREAM
                and candidate.getsockname()[1] == local_port
                and candidate.getpeername()[0] == peer_address
            ):
                info = candidate.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
                idle_ms = struct.unpack_from("I", info, _LAST_DATA_RECV_OFFSET)[0]
                if best is None or idle_ms < best[0]:
                    if best is not None:
                        best[1].close()
                    best = (idle_ms, candidate)
                    continue
        except OSError:  # not connected (the listening socket), or gone meanwhile
            pass
        candidate.close()
    return best[1] if best is not None else None


# struct tcp_info (linux/tcp.h): eight one-byte fields, then u32s; tcpi_last_data_recv is the 12th.
_LAST_DATA_RECV_OFFSET = 8 + 4 * 11
