"""The request journal: what was asked, what was answered, how long it took, which route served it.

Bounded twice: by entries and by bytes (each entry's query, bodies and headers are capped, and the
oldest entries go once the total passes the limit), so a flood of large requests cannot grow memory
without end. Entries keep what arrived; credentials (passwords, API keys, checksums, tokens, the
``Authorization`` header) are redacted when an entry is read, so no listing shows them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import json
import re
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

BODY_LIMIT = 16 * 1024  # characters of a request or response body kept per entry
QUERY_LIMIT = 4 * 1024  # characters of a query string kept per entry
HEADERS_LIMIT = 4 * 1024  # characters of request headers kept per entry
ENTRY_OVERHEAD = 300  # bytes an entry costs beyond its texts (object, times, names)
DEFAULT_BYTES = 32 << 20  # the journal's total, past which the oldest entries go
REDACTED = "[redacted]"

# Names whose values are secrets, in any case and as the last part of a nested name (user[password]).
_SECRET = re.compile(
    r"(?:^|[\[_.-])(password|api_?key|checksum|secret|secret_?key|api_?secret|token|user_?token|"
    r"authorization|x-token|x-user-token|x-fakesaas-token|cookie|signature|sign)\]?$",
    re.IGNORECASE,
)
_SECRET_HEADERS = frozenset({"authorization", "cookie", "x-token", "x-user-token", "x-fakesaas-token"})


def is_secret(name: str) -> bool:
    """Whether a parameter, body field or header of this name holds a credential."""
    return name.lower() in _SECRET_HEADERS or _SECRET.search(name) is not None


def header_name(environ_key: str) -> str:
    """``User-Agent`` of ``HTTP_USER_AGENT``, ``Content-Type`` of ``CONTENT_TYPE``."""
    name = environ_key[5:] if environ_key.startswith("HTTP_") else environ_key
    return name.replace("_", "-").title()


def _header_bytes(headers: Iterable[tuple[str, str]]) -> int:
    return sum([len(name) + len(value) for name, value in headers])


def _size(query: str, body: str, response_start: bytes, header_bytes: int) -> int:
    return ENTRY_OVERHEAD + len(query) + len(body) + len(response_start) + header_bytes


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}...[{len(text) - limit} more characters]"


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each of its fields the slow way
class JournalEntry:
    """One request. ``route`` is the rule that matched, None when none did (``hints`` then
    holds the closest known routes)."""

    seq: int
    at: datetime
    method: str
    path: str
    query: str
    body: str
    status: int
    duration_ms: float
    route: str | None
    account: str | None
    service: str | None = None
    hints: tuple[str, ...] = field(default_factory=tuple)
    # Kept as they arrived and formatted when read: most entries are never read, and a request
    # pays for the journal on its way out.
    environ_headers: tuple[tuple[str, str], ...] = ()  # WSGI environ keys: HTTP_USER_AGENT, CONTENT_TYPE
    response_start: bytes = b""  # the answer's first BODY_LIMIT bytes

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        """The request's headers as sent: ``("Content-Type", "application/json")``..."""
        return tuple((header_name(key), value) for key, value in self.environ_headers)

    @property
    def response(self) -> str:
        """The start of the answer's body, as text."""
        return self.response_start.decode("utf-8", "replace")

    @property
    def size(self) -> int:
        """Roughly the bytes this entry holds."""
        return _size(self.query, self.body, self.response_start, _header_bytes(self.environ_headers))

    def as_dict(self) -> dict[str, Any]:
        """The entry as JSON data, credentials redacted."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "method": self.method,
            "path": self.path,
            "query": _redact_query(self.query),
            "body": _redact_body(self.body),
            "status": self.status,
            "duration_ms": self.duration_ms,
            "route": self.route,
            "service": self.service,
            "account": self.account,
            "hints": list(self.hints),
            "headers": {name: REDACTED if is_secret(name) else value for name, value in self.headers},
            "response": self.response,
        }


class Journal:
    """The last ``capacity`` requests and at most ``max_bytes`` of them, oldest first; thread-safe."""

    def __init__(self, capacity: int = 10_000, max_bytes: int = DEFAULT_BYTES) -> None:
        self.capacity = capacity
        self.max_bytes = max_bytes
        # Each entry with the bytes it was counted for, so dropping it costs no recount.
        self._entries: deque[tuple[JournalEntry, int]] = deque()
        self._bytes = 0
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def record(
        self,
        *,
        at: datetime,
        method: str,
        path: str,
        query: str,
        body: str,
        status: int,
        duration_ms: float,
        route: str | None,
        account: str | None,
        service: str | None = None,
        hints: tuple[str, ...] = (),
        environ_headers: Iterable[tuple[str, str]] = (),
        response_start: bytes = b"",
    ) -> JournalEntry:
        """Keep one request; its texts are capped here, so an entry never holds more than about
        ``BODY_LIMIT`` twice over."""
        body, query = _cap(body, BODY_LIMIT), _cap(query, QUERY_LIMIT)
        response_start = response_start[:BODY_LIMIT]
        headers = tuple(environ_headers)
        header_bytes = _header_bytes(headers)
        if header_bytes > HEADERS_LIMIT:
            headers = tuple((name, _cap(value, 256)) for name, value in headers)[:32]
            header_bytes = _header_bytes(headers)
        size = _size(query, body, response_start, header_bytes)
        with self._lock:
            entry = JournalEntry(
                next(self._seq), at, method, path, query, body, status, duration_ms, route, account,
                service, hints, headers, response_start,
            )  # fmt: skip
            entries = self._entries
            entries.append((entry, size))
            self._bytes += size
            while entries and (len(entries) > self.capacity or self._bytes > self.max_bytes):
                self._bytes -= entries.popleft()[1]
        return entry

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def entries(
        self,
        method: str | None = None,
        path_contains: str | None = None,
        status: int | None = None,
        account: str | None = None,
        unmatched: bool = False,
        service: str | None = None,
    ) -> list[JournalEntry]:
        with self._lock:
            snapshot: Iterable[JournalEntry] = [entry for entry, _ in self._entries]
        return [
            entry
            for entry in snapshot
            if (method is None or entry.method == method.upper())
            and (path_contains is None or path_contains in entry.path)
            and (status is None or entry.status == status)
            and (account is None or entry.account == account)
            and (service is None or entry.service == service)
            and (not unmatched or entry.route is None)
        ]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
        _give_memory_back()


def _redact_query(query: str) -> str:
    if not query or "=" not in query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(is_secret(name) for name, _ in pairs):
        return query
    return urlencode([(name, REDACTED if is_secret(name) else value) for name, value in pairs], safe="[]")


def _redact_body(body: str) -> str:
    if not body:
        return body
    stripped = body.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            return body if not _SECRET.search(body) else _redact_text(body)
        return json.dumps(_redact_json(parsed), ensure_ascii=False)
    if stripped.startswith("<"):
        return _redact_text(body)
    return _redact_query(body)


def _redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: REDACTED if is_secret(str(key)) else _redact_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_json(item) for item in value]
    return value


_XML_SECRET = re.compile(r"<(password|api[_-]?key|checksum|token)>.*?</\1>", re.IGNORECASE | re.DOTALL)


def _redact_text(body: str) -> str:
    return _XML_SECRET.sub(lambda match: f"<{match.group(1)}>{REDACTED}</{match.group(1)}>", body)


def _give_memory_back() -> None:
    """After a large journal is emptied, ask the C allocator to return freed pages to the system
    (glibc keeps them otherwise, and the process would stay at its peak size)."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)
