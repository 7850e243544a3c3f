"""``fakesaas.Control``: the control API from Python, for a running emulator (the Docker image, a CI
service, ``fakesaas serve`` started by a script): the same verbs as the pytest plugin's handle.

    from fakesaas import Control
    control = Control("http://127.0.0.1:8080")          # token="..." when the emulator has one
    control.wait()
    control.reset(clock=True, faults=True, journal=True)
    control.fault(action="status", status=503, path="/api/bookings*", count=1)
    control.advance(days=1)
    print(control.requests(method="POST")[-1]["status"])

Standard library only, so it adds nothing to a project's dependencies. Every refusal of the control
plane raises ``ControlError`` with its status and message.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from typing import Any

from fakesaas.health import PATH as HEALTH_PATH


class ControlError(Exception):
    """A control request the emulator refused (``status``) or could not be sent (status 0)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}" if status else message)
        self.status = status
        self.message = message


class Control:
    """A running emulator's control plane at ``url`` (its base URL, without ``/_fakesaas``)."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    # --- readiness and data ------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self._call("GET", HEALTH_PATH.removeprefix("/_fakesaas"))  # type: ignore[no-any-return]

    def wait(self, timeout: float = 30.0) -> None:
        """Return once the emulator answers; ControlError when it has not within ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.health()
                return
            except ControlError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def reset(
        self,
        account: str | None = None,
        service: str | None = None,
        *,
        clock: bool = False,
        faults: bool = False,
        journal: bool = False,
        webhooks: bool = False,
    ) -> dict[str, Any]:
        """Back to the start-up seed (everything, or one account of one or every service)."""
        body: dict[str, Any] = {"clock": clock, "faults": faults, "journal": journal, "webhooks": webhooks}
        if account is not None:
            body["account"] = account
        if service is not None:
            body["service"] = service
        return self._call("POST", "/reset", body)  # type: ignore[no-any-return]

    def seed(self, document: dict[str, Any] | None = None, *, name: str | None = None) -> dict[str, Any]:
        """Load a seed document (a section per service), or a built-in seed by ``name`` (``demo``)."""
        if name is not None:
            return self._call("POST", f"/seed?{urllib.parse.urlencode({'name': name})}")  # type: ignore[no-any-return]
        return self._call("POST", "/seed", document or {})  # type: ignore[no-any-return]

    def state(self, account: str | None = None, service: str | None = None) -> dict[str, Any]:
        """A lossless dump: every service's section, one service's, or one account's."""
        query = {key: value for key, value in (("account", account), ("service", service)) if value}
        return self._call("GET", "/state" + (f"?{urllib.parse.urlencode(query)}" if query else ""))  # type: ignore[no-any-return]

    def save(self) -> dict[str, Any]:
        return self._call("POST", "/save")  # type: ignore[no-any-return]

    # --- the clock -----------------------------------------------------------------------------
    def now(self) -> datetime:
        return _moment(self._call("GET", "/clock")["now"])

    def set_time(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return _moment(self._call("PUT", "/clock", {"now": moment.isoformat()})["now"])

    def advance(self, **delta: float) -> datetime:
        """Move the clock on: ``advance(days=1, hours=2)`` (seconds, minutes, hours, days)."""
        return _moment(self._call("POST", "/clock/advance", delta)["now"])

    def freeze(self) -> datetime:
        return _moment(self._call("POST", "/clock/freeze")["now"])

    def resume(self) -> datetime:
        return _moment(self._call("POST", "/clock/resume")["now"])

    # --- faults and limits ---------------------------------------------------------------------
    def fault(self, **rule: Any) -> dict[str, Any]:
        """Add a fault rule (``action``, ``status``, ``path``, ``method``, ``service``, ``account``,
        ``count``, ``probability``, ``latency_ms``, ``retry_after``); answer it as stored."""
        return self._call("POST", "/faults", rule)  # type: ignore[no-any-return]

    def faults(self) -> dict[str, Any]:
        return self._call("GET", "/faults")  # type: ignore[no-any-return]

    def remove_fault(self, rule_id: int) -> None:
        self._call("DELETE", f"/faults/{int(rule_id)}")

    def clear_faults(self, seed: int | None = None) -> None:
        self._call("DELETE", "/faults", {"seed": seed} if seed is not None else None)

    def rate_limit(
        self, account: str, per_second: float | None, service: str | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"account": account, "per_second": per_second}
        if service is not None:
            body["service"] = service
        return self._call("PUT", "/rate-limit", body)  # type: ignore[no-any-return]

    # --- what happened -------------------------------------------------------------------------
    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journal entries, oldest first (``method``, ``path``, ``status``, ``account``, ``service``,
        ``unmatched``, ``limit``, ``after``)."""
        query = urllib.parse.urlencode({key: str(value).lower() if isinstance(value, bool) else value
                                        for key, value in filters.items() if value is not None})  # fmt: skip
        return self._call("GET", "/requests" + (f"?{query}" if query else ""))["requests"]  # type: ignore[no-any-return]

    def clear_requests(self) -> None:
        self._call("DELETE", "/requests")

    def webhooks(self, status: str | None = None, target: str | None = None) -> list[dict[str, Any]]:
        query = {key: value for key, value in (("status", status), ("target", target)) if value}
        suffix = f"?{urllib.parse.urlencode(query)}" if query else ""
        return self._call("GET", "/webhooks" + suffix)["webhooks"]  # type: ignore[no-any-return]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}/_fakesaas{path}", data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            with error:
                try:
                    message = json.loads(error.read()).get("error", error.reason)
                except (ValueError, AttributeError):
                    message = str(error.reason)
            raise ControlError(error.code, str(message)) from None
        except (OSError, ValueError) as error:
            raise ControlError(0, f"cannot reach {self.url}: {getattr(error, 'reason', error)}") from None

    def __repr__(self) -> str:
        return f"<Control {self.url}>"


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
