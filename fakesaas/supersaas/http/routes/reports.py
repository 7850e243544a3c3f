"""Routes for the booking reports: /api/changes, /api/agenda and /api/range."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.core.document import Collection
from fakesaas.supersaas import present
from fakesaas.supersaas.domain import queries
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind
from fakesaas.supersaas.http.context import domain, params
from fakesaas.supersaas.http.responses import document
from fakesaas.supersaas.http.routes import api_route


def booking_report(found: list[Booking], account: Account, schedules: list[Schedule]) -> Collection:
    """``{"bookings": [...]}``, or with ``slot=true`` the tree ``{"slots": [{..., "bookings"}]}``;
    the docs give ``slot`` to capacity schedules only, so elsewhere it changes nothing."""
    p = params()
    if p.flag("slot") and all(schedule.kind is ScheduleKind.CAPACITY for schedule in schedules):
        return present.slots_with_bookings(found, account)
    return present.bookings(found, account, wrap=True, with_form=p.flag("form"))


def _window(default_limit: int | None = None) -> queries.Window:
    p = params()
    limit = p.count("limit", 0, minimum=1) if "limit" in p else default_limit
    return queries.Window(limit or default_limit, p.count("offset", 0))


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/changes/<ref:schedule_id>", methods=["GET"])
    def changes_index(schedule_id: str) -> Response:
        p = params()
        with domain() as ctx:
            schedule, found = queries.recent_changes(
                ctx, schedule_id, p.time("from"), p.time("to"), p.get("user"), _window()
            )
            return document(booking_report(found, ctx.account, [schedule]))

    @api_route(blueprint, "/agenda/<ref:schedule_id>", methods=["GET"])
    def agenda_schedule(schedule_id: str) -> Response:
        return _agenda(schedule_id)

    @api_route(blueprint, "/agenda", methods=["GET"])
    def agenda_account() -> Response:
        return _agenda(None)

    @api_route(blueprint, "/range/<ref:schedule_id>", methods=["GET"])
    def range_index(schedule_id: str) -> Response:
        p = params()
        filters = queries.RangeFilters(p.get("user"), p.get("resource_id"), p.get("service_id"))
        with domain() as ctx:
            schedule, found = queries.booking_range(
                ctx, schedule_id, p.flag("today"), p.time("from"), p.time("to"), filters, _window()
            )
            return document(booking_report(found, ctx.account, [schedule]))


def _agenda(schedule_id: str | None) -> Response:
    p = params()
    with domain() as ctx:
        per_schedule = queries.agenda(ctx, schedule_id, p.get("user"), p.time("from"))
        found = [booking for _, bookings in per_schedule for booking in bookings]
        return document(booking_report(found, ctx.account, [schedule for schedule, _ in per_schedule]))
