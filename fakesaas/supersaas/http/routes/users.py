"""Routes for /api/users: create (also by foreign key), read, update, delete and list users."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.core.errors import BadRequest
from fakesaas.supersaas import present
from fakesaas.supersaas.domain import records, users
from fakesaas.supersaas.http.context import domain, params
from fakesaas.supersaas.http.responses import created, document, empty
from fakesaas.supersaas.http.routes import api_route

DEFAULT_LIMIT = 100  # The docs: "limited to 100 unless you add a limit such as /api/users?limit=500".


def _create(fk_ref: str | None) -> Response:
    p = params()
    with domain() as ctx:
        user, was_created = users.create_user(
            ctx, p.section("user"), fk_ref, p.scalar("duplicate"), p.flag("webhook")
        )
    # A create that found the user already there was an update (the SDK README): 200, with the
    # location of the user it touched.
    response = created("users", user.id, status=201 if was_created else 200)
    return response


def _check_choice(name: str, choices: tuple[str, ...]) -> None:
    value = params().scalar(name)
    if value is not None and value not in choices:
        raise BadRequest(f"Bad request: {name} must be one of {', '.join(choices)}", name)


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/users", methods=["GET"])
    def users_index() -> Response:
        p = params()
        with domain() as ctx:
            found = users.list_users(ctx, p.count("limit", DEFAULT_LIMIT, minimum=1), p.count("offset", 0))
            return document(present.users(found, ctx.account, with_form=p.flag("form")))

    @api_route(blueprint, "/users", methods=["POST"])
    def users_create() -> Response:
        return _create(None)

    @api_route(blueprint, "/users/<ref:user_id>", methods=["GET"])
    def users_show(user_id: str) -> Response:
        with domain() as ctx:
            found = users.get_user(ctx, user_id)
            return document(present.user(found, ctx.account, with_form=params().flag("form")))

    @api_route(blueprint, "/users/<ref:user_id>", methods=["PUT"])
    def users_update(user_id: str) -> Response:
        p = params()
        with domain() as ctx:
            user, was_created = users.update_user(
                ctx, user_id, p.section("user"), p.scalar("notfound"), p.flag("webhook")
            )
        if user is not None and was_created:
            return created("users", user.id)
        return empty()

    @api_route(blueprint, "/users/<ref:user_id>", methods=["DELETE"])
    def users_delete(user_id: str) -> Response:
        with domain() as ctx:
            users.delete_user(ctx, user_id, params().flag("webhook"))
        return empty()

    @api_route(blueprint, "/users/<ref:user_id>", methods=["POST"])
    def users_post(user_id: str) -> Response:
        # POST to a foreign key creates that user (SDK README); "_method" overrides as for bookings.
        # Both options are checked whichever way the POST goes, so one request is never refused for a
        # foreign key and accepted for an id (pinned by tests/supersaas/test_schemathesis.py).
        for name, choices in (("duplicate", ("raise", "ignore")), ("notfound", ("error", "ignore"))):
            _check_choice(name, choices)
        method = (params().scalar("_method") or "").upper()
        if method == "DELETE":
            return users_delete(user_id)
        if method == "PUT" or records.foreign_key(user_id) is None:
            return users_update(user_id)
        return _create(user_id)
