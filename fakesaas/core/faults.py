"""Fault injection: rules that slow, fail, throttle or drop matching requests, and rate limits.

A rule matches a method (or ``*``), a path pattern (shell-style, ``/api/bookings*``) and
optionally a service and an account; it fires ``count`` times (or forever) with a ``probability`` drawn from a
seeded generator, so a run with the same seed fails the same requests.
"""

from __future__ import annotations

import fnmatch
import itertools
import math
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class FaultAction(Enum):
    LATENCY = "latency"  # wait, then answer as usual
    STATUS = "status"  # answer this status with the service's error document
    THROTTLE = "throttle"  # 429 with Retry-After, as a throttled service would
    DROP = "drop"  # close the connection without an answer


class FaultRuleError(ValueError):
    """A fault rule that cannot be understood; the message names the field."""


# What a rule may say; anything else is refused (a misspelt "path" must not match every path).
FAULT_RULE_KEYS = (
    "action", "method", "path", "service", "account", "status", "latency_ms", "retry_after", "count",
    "probability",
)  # fmt: skip


@dataclass(slots=True)
class FaultRule:
    id: int
    action: FaultAction
    method: str = "*"
    path: str = "*"
    service: str | None = None
    account: str | None = None
    status: int = 500
    latency_ms: int = 0
    retry_after: int = 1
    count: int | None = None  # times left to fire; None for no limit
    probability: float = 1.0
    fired: int = 0

    def matches(self, method: str, path: str, account: str | None, service: str | None = None) -> bool:
        return (
            (self.method == "*" or self.method == method.upper())
            and fnmatch.fnmatchcase(path, self.path)
            and (self.service is None or self.service == service)
            and (self.account is None or (account or "").casefold() == self.account.casefold())
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "action": self.action.value, "method": self.method, "path": self.path,
            "service": self.service, "account": self.account, "status": self.status,
            "latency_ms": self.latency_ms, "retry_after": self.retry_after, "count": self.count,
            "probability": self.probability, "fired": self.fired,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, rule_id: int, data: dict[str, Any], services: list[str] | None = None) -> FaultRule:
        """``services``, when given, are the names a rule's ``service`` may take."""
        unknown = sorted(str(key) for key in data if key not in FAULT_RULE_KEYS)
        if unknown:
            raise FaultRuleError(f"unknown key {unknown[0]!r} (allowed: {', '.join(FAULT_RULE_KEYS)})")
        try:
            action = FaultAction(data.get("action"))
        except ValueError:
            raise FaultRuleError(f"action must be one of {', '.join(a.value for a in FaultAction)}") from None
        rule = cls(rule_id, action)
        for name, kind in (
            ("status", int),
            ("latency_ms", int),
            ("retry_after", int),
            ("probability", float),
        ):
            if name in data:
                try:
                    setattr(rule, name, kind(data[name]))
                except (TypeError, ValueError):
                    raise FaultRuleError(f"{name} must be a number") from None
        for name in ("method", "path", "service", "account"):
            if data.get(name) is not None:
                setattr(rule, name, str(data[name]))
        if services is not None and rule.service is not None and rule.service not in services:
            raise FaultRuleError(f"unknown service {rule.service!r} (mounted: {', '.join(services)})")
        rule.method = rule.method.upper()
        if data.get("count") is not None:
            try:
                rule.count = int(data["count"])
            except (TypeError, ValueError):
                raise FaultRuleError("count must be a whole number") from None
        if not 100 <= rule.status <= 599:
            raise FaultRuleError("status must be an HTTP status (100-599)")
        if (
            not 0.0 <= rule.probability <= 1.0
            or rule.latency_ms < 0
            or (rule.count is not None and rule.count < 1)
        ):
            raise FaultRuleError("probability is 0..1, latency_ms >= 0, count >= 1")
        return rule


@dataclass(slots=True)
class Faults:
    """The active rules and per-account rate limits of one world."""

    seed: int = 0
    rules: list[FaultRule] = field(default_factory=list)
    # (service or None for every service, account casefolded) -> requests per second
    limits: dict[tuple[str | None, str], float] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _random: random.Random = field(default_factory=random.Random)
    _recent: dict[tuple[str | None, str], deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._random.seed(self.seed)

    def add(self, data: dict[str, Any], services: list[str] | None = None) -> FaultRule:
        with self._lock:
            rule = FaultRule.from_dict(next(self._ids), data, services)
            self.rules.append(rule)
            return rule

    def remove(self, rule_id: int) -> bool:
        with self._lock:
            kept = [rule for rule in self.rules if rule.id != rule_id]
            found, self.rules = len(kept) != len(self.rules), kept
            return found

    def clear(self, seed: int | None = None) -> None:
        with self._lock:
            self.rules.clear()
            self.limits.clear()
            self._recent.clear()
            if seed is not None:
                self.seed = seed
            self._random.seed(self.seed)

    @property
    def idle(self) -> bool:
        """No rule and no limit: nothing to check on a request (read without the lock: a rule
        added while a request is under way may miss that one request, as it could anyway)."""
        return not self.rules and not self.limits

    def fire(
        self, method: str, path: str, account: str | None, service: str | None = None
    ) -> FaultRule | None:
        """The first rule that matches and, by its count and probability, fires now."""
        with self._lock:
            for rule in self.rules:
                if not rule.matches(method, path, account, service):
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                rule.fired += 1
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count == 0:
                        self.rules.remove(rule)
                return rule
        return None

    def set_limit(self, account: str, per_second: float | None, service: str | None = None) -> None:
        """Limit ``account`` (of ``service``, or of any service) to ``per_second`` requests;
        0 or None removes the limit."""
        with self._lock:
            key = (service, account.casefold())
            if per_second:
                self.limits[key] = per_second
            else:
                self.limits.pop(key, None)
                self._recent.pop(key, None)

    def limits_as_dict(self) -> dict[str, float]:
        """``{"demo": 4}`` for a limit on every service, ``{"supersaas:demo": 4}`` for one."""
        return {
            (f"{service}:{account}" if service else account): rate
            for (service, account), rate in self.limits.items()
        }

    def throttle(self, service: str | None, account: str | None) -> int | None:
        """Seconds to wait if ``account`` is over a limit (one-second sliding window), else None."""
        if not account:
            return None
        folded = account.casefold()
        with self._lock:
            for key in ((service, folded), (None, folded)):
                limit = self.limits.get(key)
                if not limit:
                    continue
                now = time.monotonic()
                recent = self._recent.setdefault(key, deque())
                while recent and now - recent[0] >= 1.0:
                    recent.popleft()
                if len(recent) >= limit:
                    return max(1, math.ceil(1.0 - (now - recent[0])))
                recent.append(now)
            return None
