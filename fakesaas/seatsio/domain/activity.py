"""A workspace's event log (what happened to its charts and events) and its ticket buyer ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.pages import Page, PageRequest, paginate
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.domain.workspaces import LogEntry

CHART_CREATED = "chart.created"
CHART_PUBLISHED = "chart.published"
EVENT_CREATED = "event.created"
EVENT_DELETED = "event.deleted"


def record(scope: Scope, kind: str, key: str) -> None:
    """One log entry about the chart or event ``key`` of the scope's workspace."""
    entry = LogEntry(
        scope.state.next_id("log"), kind, scope.state.now(), {"key": key, "workspaceKey": scope.workspace.key}
    )
    scope.workspace.activity.log.append(entry)


def event_log(scope: Scope, request: PageRequest) -> Page[LogEntry]:
    """Oldest first (seatsio-js eventLog.test.ts: ``chart.created`` before ``chart.published``)."""
    return paginate(scope.workspace.activity.log, lambda entry: entry.id, request, descending=False)


@dataclass(frozen=True, slots=True)
class BuyerChange:
    done: list[str]  # added, or removed
    skipped: list[str]  # already present, or not present


def add_ticket_buyers(scope: Scope, ids: Iterable[str]) -> BuyerChange:
    wanted = _uuids(ids)
    buyers = scope.workspace.activity.ticket_buyers
    added = [buyer for buyer in wanted if buyer not in buyers]
    for buyer in added:
        buyers[buyer] = scope.state.next_id("ticket_buyer")
    return BuyerChange(added, [buyer for buyer in wanted if buyer not in added])


def remove_ticket_buyers(scope: Scope, ids: Iterable[str]) -> BuyerChange:
    wanted = _uuids(ids)
    buyers = scope.workspace.activity.ticket_buyers
    removed = [buyer for buyer in wanted if buyer in buyers]
    for buyer in removed:
        del buyers[buyer]
    return BuyerChange(removed, [buyer for buyer in wanted if buyer not in removed])


def ticket_buyers(scope: Scope, request: PageRequest) -> Page[tuple[int, str]]:
    listed = [(number, buyer) for buyer, number in scope.workspace.activity.ticket_buyers.items()]
    return paginate(listed, lambda item: item[0], request, descending=False)


def _uuids(ids: Iterable[str]) -> list[str]:
    """Distinct ids, in the order given, each a UUID (testAddTicketBuyerIds: duplicates count once)."""
    found: dict[str, None] = {}
    for value in ids:
        try:
            found[str(uuid.UUID(value))] = None
        except (ValueError, AttributeError, TypeError):
            raise InvalidRequest(f"#/ids: {value!r} is not a UUID") from None
    return list(found)
