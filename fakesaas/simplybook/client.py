"""A small JSON-RPC client for SimplyBook's three services, for tests (and the pytest plugin).

    api = SimplybookClient("http://127.0.0.1:8080/simplybook", "demo", api_key="demo-api-key",
                           secret_key="demo-secret-key", user="admin", password="demo-password")
    events = api.public.getEventList()
    result = api.public.book(1, 1, "2030-01-08", "10:00:00", {"name": "Ann", "email": "a@example.com"})
    booking = result["bookings"][0]
    api.public.cancelBooking(booking["id"], api.sign(booking["id"], booking["hash"]))
    api.admin.getBookings({"upcoming_only": 1})

A JSON-RPC error raises ``RpcError`` (``code``, ``message``, ``data``). Tokens are fetched on
first use. ``transport`` replaces HTTP (a Flask test client, say): ``transport(url, body,
headers) -> (status, body)``. Standard library only.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

Transport = Callable[[str, bytes, Mapping[str, str]], tuple[int, bytes]]


class RpcError(Exception):
    """A JSON-RPC error answer."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(f"[{code}] {message}" + (f": {data}" if data else ""))
        self.code, self.message, self.data = code, message, data


def http_transport(timeout: float = 30.0) -> Transport:
    def send(url: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    return send


class JsonRpcClient:
    """Calls on one service URL; ``client.someMethod(*params)`` is ``client.call("someMethod", *params)``."""

    def __init__(
        self, url: str, headers: Mapping[str, str] | None = None, transport: Transport | None = None
    ) -> None:
        self.url = url
        self.headers = {"Content-Type": "application/json", **(headers or {})}
        self.transport = transport or http_transport()
        self._ids = itertools.count(1)

    def call(self, method: str, *params: Any) -> Any:
        answer = self.send(
            {"jsonrpc": "2.0", "method": method, "params": list(params), "id": next(self._ids)}
        )
        if not isinstance(answer, dict):
            raise RpcError(-32603, "not a JSON-RPC answer", answer)
        if "error" in answer:
            error = answer["error"] or {}
            raise RpcError(int(error.get("code", 0)), str(error.get("message", "")), error.get("data"))
        return answer.get("result")

    def send(self, payload: Any) -> Any:
        """Post any JSON value (a call, a batch, a notification) and answer the decoded reply
        (None for an empty one)."""
        _, body = self.post(json.dumps(payload).encode("utf-8"))
        return json.loads(body) if body else None

    def post(self, body: bytes) -> tuple[int, bytes]:
        """Post raw bytes; the HTTP status and body as they come."""
        return self.transport(self.url, body, self.headers)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *params: self.call(name, *params)


class SimplybookClient:
    """The login, public and admin services of one company."""

    def __init__(
        self,
        base_url: str,
        company: str,
        api_key: str | None = None,
        secret_key: str | None = None,
        user: str | None = None,
        password: str | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.company, self.api_key, self.secret_key = company, api_key, secret_key
        self.user, self.password = user, password
        self.transport = transport or http_transport()
        self.login = JsonRpcClient(f"{self.base_url}/login", transport=self.transport)
        self._public: JsonRpcClient | None = None
        self._admin: JsonRpcClient | None = None

    @property
    def public(self) -> JsonRpcClient:
        if self._public is None:
            token = self.login.getToken(self.company, self.api_key)
            self._public = self.service("/", {"X-Token": token})
        return self._public

    @property
    def admin(self) -> JsonRpcClient:
        if self._admin is None:
            token = self.login.getUserToken(self.company, self.user, self.password)
            self._admin = self.service("/admin", {"X-User-Token": token})
        return self._admin

    def service(self, path: str, headers: Mapping[str, str]) -> JsonRpcClient:
        """A client on ``path`` with the company header and ``headers``."""
        return JsonRpcClient(
            self.base_url + path, {"X-Company-Login": self.company, **headers}, transport=self.transport
        )

    def sign(self, object_id: object, object_hash: str) -> str:
        """``md5(id . hash . secretKey)``, the ``sign`` of confirm, cancel and get calls."""
        if self.secret_key is None:
            raise ValueError("signing needs the company's API secret key")
        return hashlib.md5(f"{object_id}{object_hash}{self.secret_key}".encode()).hexdigest()

    def forget_tokens(self) -> None:
        self._public = self._admin = None
