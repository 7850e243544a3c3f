"""Routes for /accounts/me: the company's account and settings, its keys, its password."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import account
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.requests import HOLD_PERIOD, PASSWORD, SETTING
from fakesaas.seatsio.http.responses import json_response, no_content


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/accounts/me", methods=["GET"])
    def accounts_retrieve() -> Response:
        with context.domain() as scope:
            scope.require_admin()
            return json_response(present.account(scope.company))

    @blueprint.route("/accounts/me/secret-key/actions/regenerate", methods=["POST"])
    def accounts_regenerate_secret_key() -> Response:
        with context.domain() as scope:
            return json_response({"secretKey": account.regenerate_secret_key(scope)})

    @blueprint.route("/accounts/me/designer-key/actions/regenerate", methods=["POST"])
    def accounts_regenerate_designer_key() -> Response:
        with context.domain() as scope:
            return json_response({"designerKey": account.regenerate_designer_key(scope)})

    @blueprint.route(
        "/accounts/me/draft-chart-drawings/actions/<any('enable', 'disable'):action>", methods=["POST"]
    )
    def accounts_draft_chart_drawings(action: str) -> Response:
        with context.domain() as scope:
            account.set_draft_chart_drawings(scope, action == "enable")
        return no_content()

    @blueprint.route("/accounts/me/actions/change-password", methods=["POST"])
    def accounts_change_password() -> Response:
        data = body.read_object(PASSWORD)
        with context.domain() as scope:
            account.change_password(scope, data["password"])
        return no_content()

    @blueprint.route("/accounts/me/actions/change-hold-period", methods=["POST"])
    def accounts_change_hold_period() -> Response:
        data = body.read_object(HOLD_PERIOD)
        with context.domain() as scope:
            account.change_hold_period(scope, data["holdPeriodInMinutes"])
        return no_content()

    @blueprint.route("/accounts/me/settings", methods=["POST"])
    def accounts_update_setting() -> Response:
        data = body.read_object(SETTING)
        with context.domain() as scope:
            account.update_setting(scope, data["key"], data["value"])
        return no_content()
