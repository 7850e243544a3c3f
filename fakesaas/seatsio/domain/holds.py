"""Hold tokens: created for 15 minutes by default, extendable, and expired lazily on the world's clock.

Nothing runs on a timer. Every call into a workspace first sweeps the tokens whose time has come
(``HoldTokens.due``): a heap keyed by expiry makes that a look at its head when none is due. The
status engine then frees what each expired token held and records those changes, dated at the
expiry (fakesaas/seatsio/domain/statuses.py, ``expire_tokens``).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fakesaas.seatsio.domain.errors import (
    ExpiredHoldToken,
    HoldTokenNotFound,
    InvalidHoldToken,
    InvalidRequest,
)

DEFAULT_MINUTES = 15  # testCreateHoldToken: expires in 14-15 minutes
MAX_MINUTES = 2 * 60  # the docs: a token is valid for at most two hours


@dataclass(slots=True)
class HoldToken:
    """A token and what it holds: event id -> labels (seats, or GA areas it holds places in)."""

    token: str
    workspace_key: str
    created_at: datetime
    expires_at: datetime
    expired: bool = False
    held: dict[int, set[str]] = field(default_factory=dict)

    def seconds_left(self, now: datetime) -> int:
        return max(0, int((self.expires_at - now).total_seconds()))

    def hold(self, event_id: int, label: str) -> None:
        self.held.setdefault(event_id, set()).add(label)

    def let_go(self, event_id: int, label: str) -> None:
        labels = self.held.get(event_id)
        if labels is not None:
            labels.discard(label)
            if not labels:
                del self.held[event_id]


@dataclass(slots=True)
class HoldTokens:
    """The tokens of one workspace, and a heap of (expiry, token) to find the due ones fast."""

    tokens: dict[str, HoldToken] = field(default_factory=dict)
    _heap: list[tuple[datetime, str]] = field(default_factory=list)

    def add(self, token: HoldToken) -> None:
        self.tokens[token.token] = token
        heapq.heappush(self._heap, (token.expires_at, token.token))

    def get(self, token: str) -> HoldToken:
        """A live token (GET /hold-tokens/{token}); an unknown or expired one is 404."""
        found = self.tokens.get(token)
        if found is None or found.expired:
            raise HoldTokenNotFound(token)
        return found

    def usable(self, token: str) -> HoldToken:
        """A token a status change may use: unknown or expired is 400, as the change is refused."""
        found = self.tokens.get(token)
        if found is None:
            raise InvalidHoldToken(f"Hold token not found: {token}")
        if found.expired:
            raise ExpiredHoldToken(f"Hold token expired: {token}")
        return found

    def expire_in(self, token: str, minutes: int, now: datetime) -> HoldToken:
        found = self.get(token)
        found.expires_at = now + timedelta(minutes=minutes)
        # The old heap entry stays; ``due`` skips entries that no longer match the token's expiry.
        heapq.heappush(self._heap, (found.expires_at, found.token))
        return found

    @property
    def waiting(self) -> bool:
        """Whether any token may still come due (stale heap entries count): with none, a
        sweep need not read the clock."""
        return bool(self._heap)

    def due(self, now: datetime) -> list[HoldToken]:
        """Tokens whose expiry has come and that are not yet marked expired, earliest first."""
        found = []
        while self._heap and self._heap[0][0] <= now:
            expires_at, name = heapq.heappop(self._heap)
            token = self.tokens.get(name)
            if token is None or token.expired or token.expires_at != expires_at:
                continue
            token.expired = True
            found.append(token)
        return found

    def restore(self, token: HoldToken) -> None:
        """Put a token back as a saved state has it (expired ones stay out of the heap)."""
        self.tokens[token.token] = token
        if not token.expired:
            heapq.heappush(self._heap, (token.expires_at, token.token))


def check_minutes(minutes: object) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InvalidRequest(f"#/expiresInMinutes: expected type: Integer, found: {type(minutes).__name__}")
    if not 0 <= minutes <= MAX_MINUTES:
        raise InvalidRequest(f"expiresInMinutes must be between 0 and {MAX_MINUTES}, found: {minutes}")
    return minutes
