"""HTTP to Seats.io as every SDK speaks it: Basic auth with the secret key, JSON bodies."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import requests


@dataclass
class Answer:
    status: int
    body: Any  # parsed JSON, or None for an empty body
    content_type: str
    raw: bytes

    def error_codes(self) -> list[str]:
        if not isinstance(self.body, dict):
            return []
        return [error.get("code", "") for error in self.body.get("errors") or []]


class Client:
    """One secret key against one base URL. On a live target calls keep a small pace and 429s are
    retried the way the SDK does (0.4 s, doubling)."""

    def __init__(self, base_url: str, secret_key: str | None, pace: float = 0.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        if secret_key is not None:
            self.session.auth = (secret_key, "")
        self.pace = pace
        self._last = 0.0

    def call(
        self, method: str, path: str, body: Any = None, raw: bytes | None = None, **params: Any
    ) -> Answer:
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        for attempt in range(6):
            wait = self._last + self.pace - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            response = self.session.request(
                method, self.base_url + path, data=data, params=params or None, timeout=30
            )
            if response.status_code != 429 or attempt == 5:
                break
            time.sleep(0.4 * 2**attempt)
        content_type = response.headers.get("Content-Type", "")
        parsed = response.json() if response.content and "application/json" in content_type else None
        return Answer(response.status_code, parsed, content_type, response.content)

    def get(self, path: str, **params: Any) -> Answer:
        return self.call("GET", path, **params)

    def post(self, path: str, body: Any = None, **params: Any) -> Answer:
        return self.call("POST", path, body, **params)

    def delete(self, path: str, body: Any = None) -> Answer:
        return self.call("DELETE", path, body)
