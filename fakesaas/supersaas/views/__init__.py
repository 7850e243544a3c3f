"""SuperSaaS on the dashboard: accounts, each schedule as a day and week calendar, users and forms, as
the neutral view models of fakesaas/core/views.py (pure data: no Flask, no markup).

Pages, below the service:

- ``""``: the accounts
- ``ACCOUNT``: its schedules, coupon codes and groups
- ``ACCOUNT/schedules/ID``: a calendar (``view=day|week``, ``date``, ``resource``, ``cols``; ``booking``
  or ``slot`` opens one beside it)
- ``ACCOUNT/users`` (``offset``) and ``ACCOUNT/users/ID``: users, and one with their upcoming bookings
- ``ACCOUNT/forms`` (``super_form``, ``form``, ``offset``): templates and filled-in forms
"""

from __future__ import annotations

from typing import Any

from fakesaas.core.panels import Link
from fakesaas.core.views import Connect, Page, ServiceViews, ViewNotFound, ViewQuery
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.values import parse_int
from fakesaas.supersaas.views.calendars import schedule_page
from fakesaas.supersaas.views.connect import connect
from fakesaas.supersaas.views.records import account_page, accounts_page, forms_page, user_page, users_page

__all__ = ["SupersaasViews"]

MOST_TABS = 12  # schedules with a tab of their own; the account page lists them all


class SupersaasViews(ServiceViews):
    """The pages of the SuperSaaS state."""

    def connect(self, state: Any, base_url: str) -> Connect:
        return connect(state, base_url)

    def page(self, state: Any, query: ViewQuery) -> Page:
        backend: SuperSaas = state
        parts = query.parts
        if not parts:
            return accounts_page(backend, query)
        account = backend.account(parts[0])
        if account is None:
            raise ViewNotFound(f"no SuperSaaS account named {parts[0]!r}")
        rest = parts[1:]
        if not rest:
            return account_page(account, _crumbs(account), _tabs(account, "schedules"))
        if rest[0] == "schedules" and len(rest) == 2:
            schedule_id = parse_int(rest[1])
            schedule = account.schedules.get(schedule_id) if schedule_id is not None else None
            if schedule is None:
                raise ViewNotFound(f"no schedule {rest[1]} in {account.name}")
            return schedule_page(account, schedule, query, _crumbs(account), _tabs(account, str(schedule.id)))
        if rest[0] == "users" and len(rest) == 1:
            return users_page(account, query, _crumbs(account), _tabs(account, "users"))
        if rest[0] == "users" and len(rest) == 2:
            return user_page(account, rest[1], query, _crumbs(account, "users"), _tabs(account, "users"))
        if rest == ["forms"]:
            return forms_page(account, query, _crumbs(account), _tabs(account, "forms"))
        raise ViewNotFound(f"no page {query.path!r} in SuperSaaS")


def _crumbs(account: Account, *more: str) -> tuple[Link, ...]:
    crumbs = [Link("SuperSaaS", ""), Link(account.name, account.name)]
    if "users" in more:
        crumbs.append(Link("Users", f"{account.name}/users"))
    return tuple(crumbs)


def _tabs(account: Account, current: str) -> tuple[Link, ...]:
    tabs = [Link("Schedules", account.name, current=current == "schedules")]
    for schedule in sorted(account.schedules.values(), key=lambda s: s.id)[:MOST_TABS]:
        path = f"{account.name}/schedules/{schedule.id}"
        tabs.append(Link(schedule.name, path, current=current == str(schedule.id)))
    tabs.append(Link("Users", f"{account.name}/users", current=current == "users"))
    tabs.append(Link("Forms", f"{account.name}/forms", current=current == "forms"))
    return tuple(tabs)
