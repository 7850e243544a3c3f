"""Routes for /hold-tokens: create (for the company's hold period unless told), read, change expiry."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response

from fakesaas.seatsio import present
from fakesaas.seatsio.domain.holds import HoldToken, check_minutes
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.requests import HOLD_TOKEN, HOLD_TOKEN_UPDATE
from fakesaas.seatsio.http.responses import json_response


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/hold-tokens", methods=["POST"])
    def hold_tokens_create() -> Response:
        data = body.read_object(HOLD_TOKEN)
        asked = data.get("expiresInMinutes")
        minutes = None if asked is None else check_minutes(asked)
        with context.domain() as scope:
            if minutes is None:  # the company's hold period (15 minutes unless changed)
                minutes = scope.company.settings.hold_period_minutes
            now = scope.state.now()
            token = HoldToken(
                token=scope.state.keys.token(),
                workspace_key=scope.workspace.key,
                created_at=now,
                expires_at=now + timedelta(minutes=minutes),
            )
            scope.workspace.hold_tokens.add(token)
            return json_response(present.hold_token(token, now), 201)

    @blueprint.route("/hold-tokens/<path:token>", methods=["GET"])
    def hold_tokens_retrieve(token: str) -> Response:
        with context.domain() as scope:
            found = scope.workspace.hold_tokens.get(token)
            return json_response(present.hold_token(found, scope.state.now()))

    @blueprint.route("/hold-tokens/<path:token>", methods=["POST"])
    def hold_tokens_update(token: str) -> Response:
        minutes = check_minutes(body.read_object(HOLD_TOKEN_UPDATE)["expiresInMinutes"])
        with context.domain() as scope:
            now = scope.state.now()
            found = scope.workspace.hold_tokens.expire_in(token, minutes, now)
            return json_response(present.hold_token(found, now))
