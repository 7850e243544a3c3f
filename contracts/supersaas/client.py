"""The suite's only way to the target: a requests session with auth, a rate limit, decoding and recording."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import requests

from contracts.supersaas.wire import decode

if TYPE_CHECKING:
    from contracts.supersaas.snapshots import Recorder

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})
_LOCATION_ID = re.compile(r"/(\d+)(?:\.(?:json|xml))?/?$")


class WritesRefused(RuntimeError):
    """A write was about to reach a remote account without --allow-writes."""


class RateLimiter:
    """At most ``calls`` requests in any ``period`` seconds (the official SDKs keep to 4 per second)."""

    def __init__(self, calls: int = 4, period: float = 1.0) -> None:
        self.calls = calls
        self.period = period
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            while self._sent and now - self._sent[0] >= self.period:
                self._sent.popleft()
            if len(self._sent) >= self.calls:
                time.sleep(self.period - (now - self._sent[0]))
                self._sent.popleft()
            self._sent.append(time.monotonic())


@dataclass(slots=True)
class Reply:
    """One answer: status, headers and the raw body; ``data`` decodes it (JSON or XML) on first use."""

    method: str
    path: str
    status: int
    headers: requests.structures.CaseInsensitiveDict[str]
    body: bytes
    _data: Any = field(default=None, repr=False)
    _decoded: bool = field(default=False, repr=False)

    @property
    def data(self) -> Any:
        if not self._decoded:
            self._data = decode(self.headers.get("Content-Type", ""), self.body)
            self._decoded = True
        return self._data

    @property
    def location_id(self) -> int | None:
        """The id at the end of the ``location`` header of a create (001: "you need to extract the ID")."""
        match = _LOCATION_ID.search(self.headers.get("location", ""))
        return int(match.group(1)) if match else None

    def describe(self) -> str:
        return f"{self.method} {self.path} -> {self.status} {self.body[:300]!r}"


class Client:
    """HTTP to one target, as its administrator (Basic account:api_key) unless told otherwise."""

    def __init__(
        self,
        base_url: str,
        account: str,
        api_key: str,
        *,
        limiter: RateLimiter | None = None,
        writes_allowed: bool = True,
        recorder: Recorder | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.account = account
        self.api_key = api_key
        self.limiter = limiter
        self.writes_allowed = writes_allowed
        self.recorder = recorder
        self.timeout = timeout
        self.session = requests.Session()
        self.sent: Counter[str] = Counter()  # requests per method, for the run's summary

    @cached_property
    def admin(self) -> tuple[str, str]:
        return (self.account, self.api_key)

    def request(
        self,
        method: str,
        path: str,
        *,
        auth: tuple[str, str] | str | None = "admin",
        record: bool = True,
        **kwargs: Any,
    ) -> Reply:
        """``path`` starts with ``/api/``; ``auth="admin"`` is Basic with the target's key, None is none."""
        method = method.upper()
        if method in WRITE_METHODS and not self.writes_allowed:
            raise WritesRefused(f"{method} {path}: writes to {self.base_url} need --allow-writes")
        if self.limiter is not None:
            self.limiter.wait()
        self.sent[method] += 1
        credentials = self.admin if auth == "admin" else auth
        response = self.session.request(
            method, self.base_url + path, auth=credentials, timeout=self.timeout, **kwargs
        )
        reply = Reply(method, path, response.status_code, response.headers, response.content)
        if record and self.recorder is not None:
            self.recorder.add(reply, kwargs.get("params"))
        return reply

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Reply:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Reply:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Reply:
        return self.request("DELETE", path, **kwargs)

    def close(self) -> None:
        self.session.close()
