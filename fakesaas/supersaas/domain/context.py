"""The context of one domain call: the state, the account and who is asking."""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import Actor
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject


@dataclass(slots=True)
class Context:
    """What one request's domain call works on: the state, the account and who is asking."""

    backend: SuperSaas
    account: Account
    actor: Actor

    def now(self) -> datetime:
        return self.backend.clock.now()

    def next_id(self, kind: str) -> int:
        return self.backend.next_id(kind)

    def actor_name(self) -> str:
        """Who a write is recorded as: the checksum's user, or the account's administrator."""
        return self.actor.user_claim or self.account.name

    def record(
        self,
        action: ChangeAction,
        subject: Subject,
        subject_id: int,
        schedule_id: int | None = None,
        webhook: bool = False,
        item: object = None,
        at: datetime | None = None,
    ) -> Change:
        """Log a change made to ``item`` (the booking or user as it now is; recorded after the
        write) and tell the observers. ``at`` (default: now) is when: a booking passes its own
        ``updated_on``, so the two are one moment (and one object, not two)."""
        at = at or self.now()
        change = Change(self.next_id("change"), at, action, subject, subject_id, schedule_id, webhook)
        self.account.changes.append(change)
        if schedule_id is not None:
            self.account.schedule_modified[schedule_id] = change.at
        for observer in self.backend.observers:
            observer(self.account, change, item)
        return change

    @staticmethod
    def timezone_exists(name: str) -> bool:
        return name in _timezones()


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())
