"""A JSON-RPC client over requests for the contract suite: the three services, tokens, signatures,
and the pace a live company allows (at most 5 calls a second). HTTP only: it never imports fakesaas."""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests


class RpcError(Exception):
    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(f"[{code}] {message}")
        self.code, self.message, self.data = code, message, data


class Pace:
    """At most ``per_second`` calls a second (SimplyBook's documented limit is 5)."""

    def __init__(self, per_second: float) -> None:
        self.gap = 1.0 / per_second
        self.last = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            delay = self.last + self.gap - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self.last = time.monotonic()


@dataclass
class Answer:
    status: int
    body: Any


class Service:
    """One service URL with its headers."""

    def __init__(
        self, session: requests.Session, url: str, headers: dict[str, str], pace: Pace | None
    ) -> None:
        self.session, self.url, self.headers, self.pace = session, url, headers, pace
        self.ids = itertools.count(1)

    def post(self, payload: Any = None, raw: bytes | None = None) -> Answer:
        if self.pace is not None:
            self.pace.wait()
        data = raw if raw is not None else requests.models.complexjson.dumps(payload).encode()
        response = self.session.post(
            self.url, data=data, headers={"Content-Type": "application/json", **self.headers}, timeout=30
        )
        try:
            body = response.json()
        except ValueError:
            body = response.text
        return Answer(response.status_code, body)

    def call(self, method: str, *params: Any) -> Any:
        answer = self.post({"jsonrpc": "2.0", "method": method, "params": list(params), "id": next(self.ids)})
        body = answer.body
        if not isinstance(body, dict):
            raise AssertionError(f"{method}: not a JSON-RPC answer: {answer.status} {body!r}")
        if "error" in body and body["error"] is not None:
            error = body["error"]
            raise RpcError(int(error["code"]), str(error.get("message", "")), error.get("data"))
        return body.get("result")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *params: self.call(name, *params)


class Company:
    """The login, public and admin services of the company under test."""

    def __init__(
        self,
        base_url: str,
        company: str,
        api_key: str,
        secret_key: str | None,
        user: str | None,
        password: str | None,
        pace: Pace | None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.company, self.api_key, self.secret_key = company, api_key, secret_key
        self.user, self.password = user, password
        self.session = requests.Session()
        self.pace = pace
        self.login = Service(self.session, f"{self.base_url}/login", {}, pace)
        self._public: Service | None = None
        self._admin: Service | None = None

    def service(self, path: str, headers: dict[str, str]) -> Service:
        return Service(
            self.session, self.base_url + path, {"X-Company-Login": self.company, **headers}, self.pace
        )

    @property
    def public(self) -> Service:
        if self._public is None:
            self._public = self.service("/", {"X-Token": self.login.getToken(self.company, self.api_key)})
        return self._public

    @property
    def admin(self) -> Service | None:
        if self.user is None or self.password is None:
            return None
        if self._admin is None:
            token = self.login.getUserToken(self.company, self.user, self.password)
            self._admin = self.service("/admin", {"X-User-Token": token})
        return self._admin

    def sign(self, object_id: object, object_hash: str) -> str:
        assert self.secret_key, "signed calls need --secret-key"
        return hashlib.md5(f"{object_id}{object_hash}{self.secret_key}".encode()).hexdigest()

    def close(self) -> None:
        self.session.close()
