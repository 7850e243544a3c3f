"""``--access-log``: one line per request on stderr, in the format werkzeug's server prints, for servers
that print none of their own."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import IO, Any

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class AccessLog:
    """WSGI middleware: ``127.0.0.1 - - [21/Nov/2026 12:00:00] "GET /api/users.json HTTP/1.1" 200 -``."""

    def __init__(self, app: WSGIApp, stream: IO[str] | None = None) -> None:
        self.app = app
        self.stream = stream

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        status = ["-"]

        def recording_start_response(code: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            status[0] = code.split(" ", 1)[0]
            return start_response(code, headers, *exc_info)

        try:
            return self.app(environ, recording_start_response)
        finally:
            self._write(environ, status[0])

    def _write(self, environ: dict[str, Any], status: str) -> None:
        target = environ.get("RAW_URI") or environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING") and "?" not in target:
            target += "?" + environ["QUERY_STRING"]
        request_line = f"{environ.get('REQUEST_METHOD', '-')} {target} {environ.get('SERVER_PROTOCOL', '-')}"
        when = time.strftime("%d/%b/%Y %H:%M:%S")
        stream = self.stream or sys.stderr
        stream.write(f'{environ.get("REMOTE_ADDR", "-")} - - [{when}] "{request_line}" {status} -\n')
        stream.flush()
