"""SimplyBook.me on the dashboard: companies, bookings per provider per day, services and providers,
clients, as the neutral view models of fakesaas/core/views.py (pure data: no Flask, no markup).

Pages, below the service:

- ``""``: the companies
- ``COMPANY``: its bookings per provider for a day (``view=day|week``, ``date``, ``provider``, ``cols``;
  ``booking`` opens one beside them)
- ``COMPANY/catalog``: services and providers
- ``COMPANY/clients`` (``offset``): clients
"""

from __future__ import annotations

from typing import Any

from fakesaas.core.panels import Link
from fakesaas.core.views import Connect, Page, ServiceViews, ViewNotFound, ViewQuery
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.views.connect import connect
from fakesaas.simplybook.views.pages import calendar_page, catalog_page, clients_page, companies_page

__all__ = ["SimplybookViews"]


class SimplybookViews(ServiceViews):
    """The pages of the SimplyBook state; ``prefix`` is where the service is mounted."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def connect(self, state: Any, base_url: str) -> Connect:
        return connect(state, base_url, self.prefix)

    def page(self, state: Any, query: ViewQuery) -> Page:
        backend: Simplybook = state
        parts = query.parts
        if not parts:
            return companies_page(backend, query)
        company = backend.company(parts[0])
        if company is None:
            raise ViewNotFound(f"no SimplyBook company {parts[0]!r}")
        rest = parts[1:]
        crumbs = (Link("SimplyBook.me", ""), Link(company.login, company.login))
        if not rest:
            return calendar_page(company, query, crumbs, _tabs(company, "calendar"))
        if rest == ["catalog"]:
            return catalog_page(company, crumbs, _tabs(company, "catalog"))
        if rest == ["clients"]:
            return clients_page(company, query, crumbs, _tabs(company, "clients"))
        raise ViewNotFound(f"no page {query.path!r} in SimplyBook.me")


def _tabs(company: Company, current: str) -> tuple[Link, ...]:
    return (
        Link("Bookings", company.login, current=current == "calendar"),
        Link("Services and providers", f"{company.login}/catalog", current=current == "catalog"),
        Link("Clients", f"{company.login}/clients", current=current == "clients"),
    )
