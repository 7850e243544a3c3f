"""Seats.io on the dashboard: companies, a workspace's events, charts and hold tokens, and each event as a
seat map coloured by status, as the neutral view models of fakesaas/core/views.py (no Flask, no markup).

Pages, below the service (``workspace`` names another workspace than the default one):

- ``""``: the companies
- ``COMPANY``: a workspace's events, charts and live hold tokens
- ``COMPANY/events/KEY``: the event's seat map (``part`` a part of a big chart, ``object`` one object's
  details) and the hold tokens on it
"""

from __future__ import annotations

from typing import Any

from fakesaas.core.panels import Link
from fakesaas.core.views import Connect, Page, ServiceViews, ViewNotFound, ViewQuery
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.seatsio.views.connect import connect
from fakesaas.seatsio.views.maps import Partitions
from fakesaas.seatsio.views.pages import companies_page, event_page, workspace_page

__all__ = ["SeatsioViews"]


class SeatsioViews(ServiceViews):
    """The pages of the Seats.io state; ``prefix`` is where the service is mounted."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.partitions = Partitions()  # big charts' parts, worked out once per chart version

    def connect(self, state: Any, base_url: str) -> Connect:
        return connect(state, base_url, self.prefix)

    def page(self, state: Any, query: ViewQuery) -> Page:
        seatsio: Seatsio = state
        parts = query.parts
        if not parts:
            return companies_page(seatsio, query)
        company = seatsio.company_by_name(parts[0])
        if company is None:
            raise ViewNotFound(f"no Seats.io company named {parts[0]!r}")
        crumbs = (Link("Seats.io", ""), Link(company.name, company.name))
        if len(parts) == 1:
            return workspace_page(seatsio, company, query, crumbs)
        if len(parts) == 3 and parts[1] == "events":
            return event_page(seatsio, company, parts[2], query, crumbs, self.partitions)
        raise ViewNotFound(f"no page {query.path!r} in Seats.io")
