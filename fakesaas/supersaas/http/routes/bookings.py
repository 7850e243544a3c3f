"""Routes for /api/bookings: create, read, update, delete and list appointments."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.supersaas import present
from fakesaas.supersaas.domain import bookings
from fakesaas.supersaas.http.context import domain, params
from fakesaas.supersaas.http.params import Params
from fakesaas.supersaas.http.responses import created, document, empty
from fakesaas.supersaas.http.routes import api_route

DEFAULT_LIMIT = 100  # The docs: lists are "limited to 100 unless you add a limit".


def _schedule_ref(p: Params) -> object:
    # Top level for every SDK; inside the booking for an XML document that carries it there.
    return p.scalar("schedule_id") or p.section("booking").get("schedule_id")


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/bookings", methods=["GET"])
    def bookings_index() -> Response:
        p = params()
        with domain() as ctx:
            found = bookings.list_bookings(
                ctx,
                _schedule_ref(p),
                p.time("start") or p.time("from"),
                p.time("finish"),
                p.count("limit", DEFAULT_LIMIT, minimum=1),
                p.count("offset", 0),
            )
            return document(present.bookings(found, ctx.account, with_form=p.flag("form")))

    @api_route(blueprint, "/bookings", methods=["POST"])
    def bookings_create() -> Response:
        p = params()
        with domain() as ctx:
            booking = bookings.create_booking(
                ctx, _schedule_ref(p), p.section("booking"), p.scalar("user_id"), p.flag("webhook")
            )
        return created("bookings", booking.id)

    @api_route(blueprint, "/bookings/<ref:booking_id>", methods=["GET"])
    def bookings_show(booking_id: str) -> Response:
        p = params()
        with domain() as ctx:
            found = bookings.get_booking(ctx, booking_id, _schedule_ref(p))
            return document(present.booking(found, ctx.account, with_form=p.flag("form")))

    @api_route(blueprint, "/bookings/<ref:booking_id>", methods=["PUT"])
    def bookings_update(booking_id: str) -> Response:
        p = params()
        with domain() as ctx:
            bookings.update_booking(
                ctx, booking_id, _schedule_ref(p), p.section("booking"), p.flag("webhook")
            )
        return empty()

    @api_route(blueprint, "/bookings/<ref:booking_id>", methods=["DELETE"])
    def bookings_delete(booking_id: str) -> Response:
        p = params()
        with domain() as ctx:
            bookings.delete_booking(ctx, booking_id, _schedule_ref(p), p.flag("webhook"))
        return empty()

    @api_route(blueprint, "/bookings/<ref:booking_id>", methods=["POST"])
    def bookings_post(booking_id: str) -> Response:
        # The docs: "do a regular POST instead" of PUT, or a POST with "_method=DELETE".
        if (params().scalar("_method") or "").upper() == "DELETE":
            return bookings_delete(booking_id)
        return bookings_update(booking_id)
