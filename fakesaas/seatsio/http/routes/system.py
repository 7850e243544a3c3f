"""The system endpoints the official test harness uses: a fresh company per test, drawn charts."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.core.errors import Unauthenticated
from fakesaas.seatsio import present
from fakesaas.seatsio.domain import accounts, catalog
from fakesaas.seatsio.domain.errors import InvalidDrawing
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.responses import created, json_response


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/system/private/create-test-company", methods=["POST"])
    def system_create_test_company() -> Response:
        """Basic auth with the system secret as user (seatsioClientTest.create_test_company)."""
        secret, _ = context.credentials()
        target = context.world()
        with target.lock:
            state = context.state_of(target)
            accounts.check_system_secret(state, secret)
            company = accounts.create_company(state)
            return json_response(present.test_company(company))

    @blueprint.route("/system/public/charts/<path:chart_key>", methods=["POST"])
    def system_create_chart(chart_key: str) -> Response:
        """A designer drawing as the body, the company admin key as credentials: exactly 201
        (seatsioClientTest.create_test_chart_from_file accepts nothing else)."""
        secret, workspace = context.credentials()
        if not secret:
            raise Unauthenticated("No secret key given")
        drawing = body.read()
        if not isinstance(drawing, dict):
            raise InvalidDrawing("A chart drawing must be a JSON object")
        with context.domain() as scope:
            catalog.add_chart(scope, scope.workspace, drawing, chart_key)
        del workspace
        return created()
