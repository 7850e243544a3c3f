"""The emulator's control plane (/_fakesaas/) as far as the suite uses it; a real account has none."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from contracts.supersaas.client import Client
from contracts.supersaas.lab import expect

PROBE = "/_fakesaas/"


class ControlPlane:
    def __init__(self, client: Client) -> None:
        self.client = client

    @classmethod
    def probe(cls, client: Client) -> ControlPlane | None:
        """Found out, never configured: the emulator answers ``GET /_fakesaas/`` with 200."""
        return cls(client) if client.get(PROBE, record=False).status == 200 else None

    @contextmanager
    def frozen_clock(self) -> Iterator[SteeredClock]:
        """Stop the server's clock; on exit undo every advance and let time run again, so the rest of
        the run sees (within the time spent here) the clock it had before."""
        reply = expect(self.client.post("/_fakesaas/clock/freeze", record=False), 200)
        clock = SteeredClock(self.client, _utc(reply.data["now"]))
        try:
            yield clock
        finally:
            if clock.advanced:
                clock.advance(-clock.advanced)
            expect(self.client.post("/_fakesaas/clock/resume", record=False), 200)


class SteeredClock:
    def __init__(self, client: Client, now: datetime) -> None:
        self.client = client
        self.now = now
        self.advanced = 0

    def advance(self, seconds: int) -> datetime:
        reply = self.client.post("/_fakesaas/clock/advance", json={"seconds": seconds}, record=False)
        self.now = _utc(expect(reply, 200).data["now"])
        self.advanced += seconds
        return self.now


def _utc(text: str) -> datetime:
    """``2030-01-07T09:00:00Z`` as a naive UTC datetime (how the API's UTC stamps read)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
