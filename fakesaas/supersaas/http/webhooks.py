"""Firing SuperSaaS webhooks: changes made with webhook=true become queued POSTs to matching hooks.

The payload is the Appointment or User object exactly as a GET answers it in JSON, with the
``event`` the change stands for added (research §8: Pipedream reads ``event``, ``deleted``, ...).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import has_request_context, request

from fakesaas.core.render import Format
from fakesaas.core.webhooks import DELIVERY_HEADER, Dispatcher
from fakesaas.supersaas import present
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.changes import Change
from fakesaas.supersaas.domain.hooks import triggered
from fakesaas.supersaas.domain.records import Booking, User

log = logging.getLogger(__name__)


def subscribe(backend: SuperSaas, dispatcher: Dispatcher) -> None:
    """Have every change of ``backend`` that fires hooks queue its deliveries on ``dispatcher``.
    Subscribing twice to the same dispatcher changes nothing."""
    announcer = Announcer(dispatcher)
    if announcer not in backend.observers:
        backend.observers.append(announcer)


class Announcer:
    """A change observer that turns fired hooks into queued deliveries."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Announcer) and other.dispatcher is self.dispatcher

    def __hash__(self) -> int:
        return id(self.dispatcher)

    def __call__(self, account: Account, change: Change, item: object) -> None:
        fired = triggered(account.hooks, change)
        if not fired:
            return
        try:
            body = payload(account, item)
        except Exception:  # a defect here must never fail the API call that made the change
            log.exception("cannot build the webhook payload for change %s", change.seq)
            return
        if body is None:
            return
        for hook, event in fired:
            source = {
                "service": "supersaas",
                "account": account.name,
                "hook_id": hook.id,
                "trigger": hook.trigger.value,
                "parent_id": hook.parent_id,
                "event": event,
            }
            self.dispatcher.enqueue(hook.target_url, {**body, "event": event}, source, _made_by_a_delivery())


def _made_by_a_delivery() -> bool:
    """Whether the change comes from a request that a webhook delivery sent (loop guard)."""
    return has_request_context() and DELIVERY_HEADER in request.headers


def payload(account: Account, item: object) -> dict[str, Any] | None:
    """The object as GET shows it in JSON (deleted bookings carry ``"deleted": true``)."""
    if isinstance(item, Booking):
        document = present.booking(item, account)
    elif isinstance(item, User):
        document = present.user(item, account)
    else:
        return None
    data: dict[str, Any] = json.loads(Format.JSON.render(document))
    return data
