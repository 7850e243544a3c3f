"""JSON of things that need the scope to be shown: events with their chart's layout, seasons with
their events."""

from __future__ import annotations

from typing import Any

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import seasons, statuses
from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.state import Scope


def event_json(scope: Scope, found: Event) -> dict[str, Any]:
    layout = statuses.layout_of(scope, found)
    members = None
    if found.is_season:
        members = [present.event(member, layout) for member in seasons.members(scope, found)]
    return present.event(found, layout, members)
