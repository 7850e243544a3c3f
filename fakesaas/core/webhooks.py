"""Outgoing webhooks: a queue, one background sender with retries, and a log of every attempt.

Vendor-neutral: a service hands over a target URL and a JSON payload; this module POSTs it from
its own daemon thread (started on the first delivery, ended by ``stop`` or after a quiet spell),
so an API call never waits for, nor fails because of, a receiver.
"""

from __future__ import annotations

import heapq
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from fakesaas._version import __version__
from fakesaas.core.clock import Clock
from fakesaas.core.targets import TargetPolicy

RESPONSE_LIMIT = 256  # characters of a receiver's answer kept in the log: its start, not its content
# Sent with every delivery. The control plane refuses requests carrying it (a hook can never steer
# the emulator), and a change made by such a request fires no further delivery (no loops).
DELIVERY_HEADER = "X-Fakesaas-Delivery"


class DeliveryStatus(Enum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    REFUSED = "refused"  # never sent: a target --webhook-targets does not allow, or a loop


@dataclass(frozen=True, slots=True)
class Attempt:
    """One POST: when (world clock), the HTTP status or the error, how long it took."""

    number: int
    at: datetime
    status: int | None
    error: str | None
    duration_ms: float
    response: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "attempt": self.number,
            "at": _iso(self.at),
            "status": self.status,
            "error": self.error,
            "duration_ms": self.duration_ms,
            "response": self.response,
        }


@dataclass(slots=True)
class Delivery:
    """One payload for one target, and what became of it so far."""

    id: int
    target: str
    payload: dict[str, Any]
    queued_at: datetime
    source: dict[str, Any] = field(default_factory=dict)
    status: DeliveryStatus = DeliveryStatus.PENDING
    history: list[Attempt] = field(default_factory=list)
    finished_at: datetime | None = None
    refused: str | None = None  # why it was never sent

    def as_dict(self) -> dict[str, Any]:
        last = self.history[-1] if self.history else None
        return {
            "id": self.id,
            "target": self.target,
            "status": self.status.value,
            "attempts": len(self.history),
            "last_status": last.status if last else None,
            "last_error": last.error if last else None,
            "queued_at": _iso(self.queued_at),
            "finished_at": _iso(self.finished_at) if self.finished_at else None,
            "refused": self.refused,
            "source": dict(self.source),
            "payload": self.payload,
            "history": [attempt.as_dict() for attempt in self.history],
        }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other non-2xx: logged, not followed."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Dispatcher:
    """Delivers webhooks in the order they were queued, retrying failures with backoff.

    ``max_attempts`` POSTs at most, ``timeout`` seconds each; after a failed attempt n the next
    waits ``backoff * 2**(n-1)`` seconds (other deliveries go ahead meanwhile). A 2xx answer is
    delivered; anything else (status, refused connection, timeout) is a failed attempt. The log
    keeps the last ``capacity`` deliveries, oldest first; thread-safe.
    """

    def __init__(
        self,
        clock: Clock,
        max_attempts: int = 3,
        timeout: float = 5.0,
        backoff: float = 0.5,
        capacity: int = 1000,
        idle_exit: float = 30.0,
        policy: TargetPolicy | None = None,
    ) -> None:
        self.clock = clock
        self.policy = policy or TargetPolicy()
        self.max_attempts = max_attempts
        self.timeout = timeout
        self.backoff = backoff
        self.idle_exit = idle_exit
        self._log: deque[Delivery] = deque(maxlen=capacity)
        self._ids = itertools.count(1)
        self._order = itertools.count()
        # (due on the monotonic clock, queue order, delivery): first attempts and retries alike.
        self._due: list[tuple[float, int, Delivery]] = []
        self._in_flight = 0
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._muted = False
        self._opener = urllib.request.build_opener(
            # Loopback receivers must be reached directly, whatever proxy the environment names.
            urllib.request.ProxyHandler({}),
            _NoRedirects(),
        )

    def enqueue(
        self,
        target: str,
        payload: dict[str, Any],
        source: dict[str, Any] | None = None,
        caused_by_delivery: bool = False,
    ) -> Delivery:
        """Queue one delivery and return at once; the sender thread starts if it is not running.
        One ``caused_by_delivery`` (a change made by a request that a delivery sent) is logged
        as refused and never sent: a hook aimed at its own API would otherwise loop for ever."""
        with self._cond:
            delivery = Delivery(next(self._ids), target, payload, self.clock.now(), dict(source or {}))
            if self._muted:
                return delivery  # a write played again: its deliveries went out when it was first made
            self._log.append(delivery)
            if caused_by_delivery:
                delivery.status, delivery.finished_at = DeliveryStatus.REFUSED, delivery.queued_at
                delivery.refused = "caused by a webhook delivery: not sent again (loop guard)"
                return delivery
            heapq.heappush(self._due, (time.monotonic(), next(self._order), delivery))
            self._stopping = False
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fakesaas-webhooks", daemon=True)
                self._thread.start()
            self._cond.notify_all()
        return delivery

    def deliveries(self, status: str | None = None, target: str | None = None) -> list[dict[str, Any]]:
        """The log as plain data, oldest first; ``status`` is pending, delivered or failed."""
        return self.log_and_idle(status, target)[0]

    def log_and_idle(
        self, status: str | None = None, target: str | None = None
    ) -> tuple[list[dict[str, Any]], bool]:
        """The log and whether the sender is idle, read together: read apart, a delivery could
        finish in between and the log would show it pending beside ``idle`` true."""
        with self._cond:
            log = [
                delivery.as_dict()
                for delivery in self._log
                if (status is None or delivery.status.value == status)
                and (target is None or target in delivery.target)
            ]
            return log, not self._due and not self._in_flight

    @contextmanager
    def muted(self) -> Iterator[None]:
        """Deliveries asked for meanwhile are neither sent nor logged (writes being played again)."""
        with self._cond:
            self._muted = True
        try:
            yield
        finally:
            with self._cond:
                self._muted = False

    def idle(self) -> bool:
        """Nothing queued, waiting for a retry, or being sent."""
        with self._cond:
            return not self._due and not self._in_flight

    def clear(self) -> None:
        """Forget the log and drop what is still queued."""
        with self._cond:
            self._log.clear()
            self._due.clear()

    def stop(self, wait: float = 1.0) -> None:
        """End the sender thread (queued deliveries stay queued for a later ``enqueue``)."""
        with self._cond:
            thread, self._stopping = self._thread, True
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    def _run(self) -> None:
        while True:
            with self._cond:
                delivery = self._next_due()
                if delivery is None:
                    self._thread = None
                    return
                self._in_flight += 1
            try:
                self._attempt(delivery)
            finally:
                with self._cond:
                    self._in_flight -= 1

    def _next_due(self) -> Delivery | None:
        """Wait (holding the condition) for the next delivery that is due; None means exit."""
        quiet_since = time.monotonic()
        while not self._stopping:
            now = time.monotonic()
            if self._due and self._due[0][0] <= now:
                return heapq.heappop(self._due)[2]
            if self._due:
                self._cond.wait(self._due[0][0] - now)
                quiet_since = time.monotonic()
            elif now - quiet_since >= self.idle_exit:
                return None
            else:
                self._cond.wait(self.idle_exit - (now - quiet_since))
        return None

    def _attempt(self, delivery: Delivery) -> None:
        refusal = self.policy.refusal(delivery.target)
        if refusal is not None:
            with self._cond:
                delivery.status, delivery.finished_at = DeliveryStatus.REFUSED, self.clock.now()
                delivery.refused = refusal
            return
        number = len(delivery.history) + 1
        at = self.clock.now()
        started = time.perf_counter()
        status, error, answer = self._post(delivery)
        attempt = Attempt(number, at, status, error, round((time.perf_counter() - started) * 1000, 3), answer)
        with self._cond:
            delivery.history.append(attempt)
            if status is not None and 200 <= status < 300:
                delivery.status, delivery.finished_at = DeliveryStatus.DELIVERED, self.clock.now()
            elif number >= self.max_attempts:
                delivery.status, delivery.finished_at = DeliveryStatus.FAILED, self.clock.now()
            else:
                due = time.monotonic() + self.backoff * 2 ** (number - 1)
                heapq.heappush(self._due, (due, next(self._order), delivery))

    def _post(self, delivery: Delivery) -> tuple[int | None, str | None, str]:
        body = json.dumps(delivery.payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            delivery.target,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": f"fakesaas/{__version__} webhooks",
                DELIVERY_HEADER: "1",
            },
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, None, _text(response.read(RESPONSE_LIMIT))
        except urllib.error.HTTPError as answer:
            with answer:
                text = _text(answer.read(RESPONSE_LIMIT))
            return answer.code, f"HTTP {answer.code}", text
        except Exception as failure:  # refused, timed out, cut off, not HTTP at all: all failures
            reason = getattr(failure, "reason", None) or failure
            return None, f"{type(failure).__name__}: {reason}", ""


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")[:RESPONSE_LIMIT]


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
