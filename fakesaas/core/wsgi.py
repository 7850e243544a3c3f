"""WSGI middleware for wire details a framework would otherwise normalise away."""

from __future__ import annotations

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
