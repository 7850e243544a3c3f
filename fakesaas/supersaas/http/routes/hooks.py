"""Routes for /api/hooks: list, add and remove the account's webhook subscriptions."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.supersaas import present
from fakesaas.supersaas.domain import hooks
from fakesaas.supersaas.http.context import domain, params, world
from fakesaas.supersaas.http.responses import document, empty
from fakesaas.supersaas.http.routes import api_route


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/hooks", methods=["GET"])
    def hooks_index() -> Response:
        with domain() as ctx:
            return document(present.hooks(hooks.list_hooks(ctx)))

    @api_route(blueprint, "/hooks", methods=["POST"])
    def hooks_create() -> Response:
        # n8n sends event, parent_id and target_url in a JSON body; Pipedream in the query.
        p = params()
        refusal = world().webhooks.policy.refusal
        with domain() as ctx:
            hook = hooks.add_hook(
                ctx, p.scalar("event"), p.scalar("parent_id"), p.scalar("target_url"), refusal
            )
            return document(present.hook(hook), status=201)

    @api_route(blueprint, "/hooks", methods=["DELETE"])
    def hooks_delete() -> Response:
        p = params()
        with domain() as ctx:
            hooks.remove_hook(ctx, p.scalar("id"), p.scalar("parent_id"))
        return empty()
